"""Benchmark: the public sociale kaart with 5,000 entries (ratings are not built yet, #12 point 5). Seeds the
entries of one gemeente in one set-based pass (spread over the kinds, domains, categories and wijken), then times
a filtered search page (need + wijk + domain, as an inwoner asks it) and the JSON open-data export. Prints one
JSON object with p50/p95 ms of each beside the target p95 < 100 ms. The export is timed as served: the files a
job published after the last change (kaart_publicatie); the time to build them once is printed beside it.

Usage: DATABASE_URL=postgresql+psycopg://cumulus:cumulus@127.0.0.1:5432/cumulus_bench_kaart \\
       python bench/kaart.py [--entries 5000] [--repeat 50] [--no-seed]
(without DATABASE_URL: a SQLite file in /tmp.) The database name must contain 'bench': its schema is dropped.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import time
from datetime import date

from werkvoorraad import bench_app, bench_url, summary, vacuum_analyze

from app import db  # noqa: E402 — werkvoorraad puts the project on sys.path
from app.domain.sociale_kaart import CATEGORIEEN, DOMEINEN, SOORTEN  # noqa: E402

TARGET_P95_MS = 100
WOERDEN = "0632"
SEARCH = f"/sociale-kaart/{WOERDEN}/?behoefte=dagelijks-leven&wijk=Centrum&domein=wmo"


def seed_kaart(entries: int) -> None:
    """`entries` services of Woerden over 50 organisations; a third at an address, a fifth for one wijk."""
    from sqlalchemy import select

    from app.models import (Gemeente, KaartDienst, KaartDienstCategorie, KaartDienstWijk, KaartLocatie,
                            KaartOrganisatie)
    from app.services.sociale_kaart import wijken_of
    session = db.session()
    gemeente = session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    wijken, soorten, domeinen, codes = wijken_of(gemeente), list(SOORTEN), list(DOMEINEN), list(CATEGORIEEN)
    organisaties = [KaartOrganisatie(gemeente_id=gemeente.id, naam=f"Bench-organisatie {n}") for n in range(50)]
    session.add_all(organisaties)
    session.flush()
    for n in range(entries):
        org = organisaties[n % 50]
        locatie = KaartLocatie(gemeente_id=gemeente.id, organisatie_id=org.id, straat="Benchstraat", huisnummer=str(n),
                               postcode="3441 AB", plaats="Woerden", wijk=wijken[n % len(wijken)]) if n % 3 == 0 else None
        session.add(KaartDienst(
            gemeente_id=gemeente.id, organisatie_id=org.id, locatie=locatie, soort=soorten[n % 4],
            domein=domeinen[n % 3], naam=f"Bench-dienst {n}", beschrijving="Hulp en steun in de buurt. " * 4,
            doelgroep="Iedereen in de gemeente.", aanmelden="Bel of loop binnen op werkdagen.", telefoon="0348 123 456",
            email=f"bench{n}@kaart.example", website=f"https://kaart.example/{n}", kosten="Gratis",
            beschikking_nodig=n % 4 == 0, gecontroleerd_op=date(2026, 1, 1),
            categorieen=[KaartDienstCategorie(categorie=c) for c in {codes[n % len(codes)], codes[(n * 7) % len(codes)]}],
            wijken=[KaartDienstWijk(wijk=wijken[n % len(wijken)])] if n % 5 == 0 else []))
        if n % 1000 == 999:
            session.flush()
    session.commit()


def time_get(client, url: str, repeat: int) -> dict:
    assert client.get(url).status_code == 200, url  # warm-up, and a check that the scenario works
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return summary(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--no-seed", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = "sqlite:////tmp/cumulus_bench_kaart.sqlite"
    url = bench_url()
    app = bench_app(url, seed=not args.no_seed)
    with app.app_context():
        if not args.no_seed:
            seed_kaart(args.entries)
            if url.startswith("postgresql"):
                vacuum_analyze()
            from app.services.kaart_publicatie import publish
            from app.services.sociale_kaart import gemeente_by_code
            publish(gemeente_by_code(WOERDEN).id)  # as the job after a keeper's change does
        from sqlalchemy import func, select

        from app.models import KaartDienst
        count = db.session.scalar(select(func.count()).select_from(KaartDienst))
        from app.services.kaart_publicatie import build
        from app.services.sociale_kaart import gemeente_by_code
        start = time.perf_counter()
        build(gemeente_by_code(WOERDEN))
        build_ms = round((time.perf_counter() - start) * 1000, 1)
    client = app.test_client()
    search, export = time_get(client, SEARCH, args.repeat), time_get(client, f"/sociale-kaart/open-data/{WOERDEN}.json",
                                                                      max(args.repeat // 5, 10))
    print(json.dumps({"database": url.split("://")[0], "entries": count, "ratings": 0,
                      "filtered_search_page": {**search, "url": SEARCH, "target_p95_ms": TARGET_P95_MS,
                                               "ok": search["p95_ms"] < TARGET_P95_MS},
                      "json_export": {**export, "published_build_ms": build_ms, "target_p95_ms": TARGET_P95_MS,
                                      "ok": export["p95_ms"] < TARGET_P95_MS}}, indent=2))


if __name__ == "__main__":
    main()
