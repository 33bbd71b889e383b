"""Benchmark: the public sociale kaart with 5,000 entries and 50,000 ratings (#12 points 4 and 5). Seeds the
entries of one gemeente in one set-based pass (spread over the kinds, domains, categories and wijken; the 50
organisations are contracted aanbieders), and the ratings of those aanbieders (each of a toewijzing of its own,
over five years so that some fall outside the four the kaart counts; most approved, some waiting or rejected).
Then times a filtered search page (need + wijk + domain, as an inwoner asks it; each maatwerk result with its
aanbieder's rating summary) and the JSON open-data export (with the averages). Prints one JSON object with
p50/p95 ms of each beside the target p95 < 100 ms. The export is timed as served: the files a job published after
the last change (kaart_publicatie); the time to build them once is printed beside it.

Usage: DATABASE_URL=postgresql+psycopg://cumulus:cumulus@127.0.0.1:5432/cumulus_bench_kaart \\
       python bench/kaart.py [--entries 5000] [--ratings 50000] [--repeat 50] [--no-seed]
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
#: Of every ten ratings: eight approved, one waiting, one rejected.
STATUS_CYCLE = ("goedgekeurd",) * 8 + ("te_beoordelen", "afgewezen")
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
    aanbieders = seed_aanbieders(50)
    organisaties = [KaartOrganisatie(gemeente_id=gemeente.id, naam=f"Bench-organisatie {n}", aanbieder_id=aanbieders[n])
                    for n in range(50)]
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


def seed_aanbieders(count: int) -> list[int]:
    """`count` aanbieders for the bench organisations (AGB 98000000…); their ids."""
    from app.models import Aanbieder
    session = db.session()
    made = [Aanbieder(agb_code=f"98{n:06d}", naam=f"Bench-aanbieder {n}") for n in range(count)]
    session.add_all(made)
    session.flush()
    return [a.id for a in made]


def seed_ratings(ratings: int) -> None:
    """`ratings` ratings of the bench aanbieders, each of a toewijzing of its own (in 500 zaken of the demo
    inwoners), given over the last five years: 80% approved, 10% waiting, 10% rejected."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import func, insert, select

    from app.models import Aanbieder, Beoordeling, Gemeente, Person, Product, Toewijzing, Zaak
    session = db.session()
    gemeente = session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    people = list(session.scalars(select(Person.id).where(Person.gemeente_id == gemeente.id)))
    aanbieders = list(session.scalars(select(Aanbieder.id).where(Aanbieder.agb_code.startswith("98"))))
    product = session.scalar(select(Product.id).where(Product.productcode == "01A03"))
    zaken = [Zaak(zaaknummer=f"BENCH-{n}", domein="wmo", gemeente_id=gemeente.id, person_id=people[n % len(people)],
                  omschrijving="Bench", kanaal="portaal", ontvangen_op=date(2022, 1, 1)) for n in range(500)]
    session.add_all(zaken)
    session.flush()
    first = (session.scalar(select(func.max(Toewijzing.toewijzingnummer))) or 0) + 1
    now = datetime.now(timezone.utc)
    for start in range(0, ratings, 5000):
        rows = range(start, min(start + 5000, ratings))
        ids = session.execute(insert(Toewijzing).returning(Toewijzing.id, sort_by_parameter_order=True), [
            {"toewijzingnummer": first + n, "zaak_id": zaken[n % 500].id, "gemeente_id": gemeente.id,
             "aanbieder_id": aanbieders[n % len(aanbieders)], "product_id": product, "ingangsdatum": date(2022, 1, 1),
             "status": "gestart", "start_zorg": date(2022, 1, 3), "toegewezen_op": now} for n in rows]).scalars().all()
        session.execute(insert(Beoordeling), [
            {"gemeente_id": gemeente.id, "toewijzing_id": toewijzing_id, "aanbieder_id": aanbieders[n % len(aanbieders)],
             "person_id": zaken[n % 500].person_id, "bejegening": 1 + n % 5, "deskundigheid": 1 + (n * 3) % 5,
             "afspraken": 1 + (n * 7) % 5, "tekst": "Goede hulp, vriendelijke mensen." if n % 3 else None,
             "ingediend_op": now - timedelta(days=(n * 37) % 1825),
             "status": STATUS_CYCLE[n % 10],
             "beoordeeld_op": None if STATUS_CYCLE[n % 10] == "te_beoordelen" else now - timedelta(days=(n * 37) % 1825) + timedelta(days=1)}
            for toewijzing_id, n in zip(ids, rows)])
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
    parser.add_argument("--ratings", type=int, default=50000)
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
            seed_ratings(args.ratings)
            if url.startswith("postgresql"):
                vacuum_analyze()
            from app.services.kaart_publicatie import publish
            from app.services.sociale_kaart import gemeente_by_code
            publish(gemeente_by_code(WOERDEN).id)  # as the job after a keeper's change does
        from sqlalchemy import func, select

        from app.models import Beoordeling, KaartDienst
        count = db.session.scalar(select(func.count()).select_from(KaartDienst))
        rated = db.session.scalar(select(func.count()).select_from(Beoordeling))
        from app.services.kaart_publicatie import build
        from app.services.sociale_kaart import gemeente_by_code
        start = time.perf_counter()
        build(gemeente_by_code(WOERDEN))
        build_ms = round((time.perf_counter() - start) * 1000, 1)
    client = app.test_client()
    search, export = time_get(client, SEARCH, args.repeat), time_get(client, f"/sociale-kaart/open-data/{WOERDEN}.json",
                                                                      max(args.repeat // 5, 10))
    print(json.dumps({"database": url.split("://")[0], "entries": count, "ratings": rated,
                      "filtered_search_page": {**search, "url": SEARCH, "target_p95_ms": TARGET_P95_MS,
                                               "ok": search["p95_ms"] < TARGET_P95_MS},
                      "json_export": {**export, "published_build_ms": build_ms, "target_p95_ms": TARGET_P95_MS,
                                      "ok": export["p95_ms"] < TARGET_P95_MS}}, indent=2))


if __name__ == "__main__":
    main()
