"""Benchmark: the management information with years of a gemeente's history. Seeds PostgreSQL with N zaken (one
open task each) and M closed tasks (bench/werkvoorraad.py), spreads the zaken over three years and gives them their
legal terms, beschikkingen, toewijzingen and L declaratieregels in a few INSERT … SELECT generate_series
statements, then times the dashboard page (HTML, logged in as the demo manager) and every table of the API.
Prints one JSON object with p50/p95 ms per page and per report.

Usage: DATABASE_URL=postgresql+psycopg://cumulus:cumulus@127.0.0.1:5432/cumulus_bench_rapportage \\
       python bench/rapportage.py [--zaken 100000] [--closed 1000000] [--lines 1000000] [--repeat 10] [--no-seed]

The database name must contain 'bench': its schema is dropped and migrated afresh. The figures are computed from
the platform's tables on every request: there is no summary to refresh (always current), which the JSON says.
"""
from __future__ import annotations

import argparse
import json
import logging
import time

from sqlalchemy import text

from werkvoorraad import WOERDEN, api_token, bench_app, bench_url, logged_in, seed, summary, time_call, vacuum_analyze

from app import db  # noqa: E402 — werkvoorraad puts the project on sys.path

HISTORY = [
    # three years of meldingen; a Wmo melding gets the onderzoek term, a Jeugd one the beslistermijn
    """UPDATE zaak SET ontvangen_op = CURRENT_DATE - 1 - (id * 7919) % 1095,
                      status = CASE WHEN id % 5 = 0 THEN 'lopend' ELSE 'afgesloten' END""",
    """INSERT INTO termijn (zaak_id, soort, due, article, description, met_at)
       SELECT id, CASE domein WHEN 'wmo' THEN 'onderzoek' ELSE 'beslis' END,
              ontvangen_op + CASE domein WHEN 'wmo' THEN 42 ELSE 56 END, 'bench', 'bench',
              CASE WHEN id % 10 = 0 THEN NULL
                   ELSE (ontvangen_op + 20 + id % 40)::timestamp END
       FROM zaak""",
    # two in three decided; the beschikking 20 to 80 days after the melding, care for half a year to a year
    """INSERT INTO beschikking (zaak_id, gemeente_id, besluit, motivering, productcode, leveringsvorm, ingangsdatum,
                                einddatum, vastgesteld_op)
       SELECT id, gemeente_id, 'toekennen', 'bench', NULL, 'zin', ontvangen_op + 27 + id % 60,
              ontvangen_op + 27 + id % 60 + 180 + id % 185, (ontvangen_op + 20 + id % 60)::timestamp
       FROM zaak WHERE id % 3 <> 0""",
    """INSERT INTO toewijzing (toewijzingnummer, zaak_id, gemeente_id, beschikking_id, aanbieder_id, product_id,
                               ingangsdatum, einddatum, volume, eenheid, frequentie, status, toegewezen_op)
       SELECT 10000000 + b.id, b.zaak_id, b.gemeente_id, b.id, a.ids[1 + b.id % array_length(a.ids, 1)],
              p.ids[1 + b.id % array_length(p.ids, 1)], b.ingangsdatum, b.einddatum, 2 + b.id % 3, '04', '2',
              CASE WHEN b.einddatum < CURRENT_DATE THEN 'gestopt' ELSE 'gestart' END, b.vastgesteld_op
       FROM beschikking b JOIN zaak z ON z.id = b.zaak_id
       CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM aanbieder) a
       JOIN (SELECT domein, array_agg(id ORDER BY id) AS ids FROM product GROUP BY domein) p ON p.domein = z.domein""",
    # one declaratie per aanbieder and month of three years
    """INSERT INTO declaratie (aanbieder_id, gemeente_id, standaard, declaratienummer, identificatie, periode_begin,
                               periode_eind, dagtekening, totaal_ingediend_cent, totaal_toegekend_cent, status,
                               ontvangen_op, antwoord_uiterlijk)
       SELECT a.id, g.id, 'iwmo', 'B' || a.id || '-' || m, 'B' || a.id || '-' || m, month, month + 27, month + 30, 0, 0,
              'beantwoord', now(), month + 40
       FROM aanbieder a CROSS JOIN gemeente g CROSS JOIN generate_series(1, 36) AS m
       CROSS JOIN LATERAL (SELECT (date_trunc('month', CURRENT_DATE) - m * interval '1 month')::date AS month) d
       WHERE g.code = :gemeente""",
    # the lines, each for a toewijzing and a month of its care; 1 in 25 refused
    """WITH t AS (SELECT t.id, t.toewijzingnummer, t.aanbieder_id, p.productcategorie, p.productcode, per.bsn,
                         row_number() OVER (ORDER BY t.id) AS n
                  FROM toewijzing t JOIN product p ON p.id = t.product_id JOIN zaak z ON z.id = t.zaak_id
                  JOIN person per ON per.id = z.person_id),
            c AS (SELECT count(*) AS n FROM t)
       INSERT INTO prestatie (declaratie_id, volgnummer, bsn, toewijzing_nummer, toewijzing_id, referentienummer,
                              productcategorie, productcode, periode_begin, periode_eind, volume, eenheid,
                              bedrag_cent, debet_credit, status)
       SELECT d.id, i, t.bsn, t.toewijzingnummer, t.id, 'R' || i, t.productcategorie, t.productcode, d.periode_begin,
              d.periode_eind, 4, '04', 4 * 3250, 'D', CASE WHEN i % 25 = 0 THEN 'afgekeurd' ELSE 'goedgekeurd' END
       FROM generate_series(1, :lines) AS i CROSS JOIN c JOIN t ON t.n = 1 + i % c.n
       JOIN declaratie d ON d.aanbieder_id = t.aanbieder_id
                        AND d.periode_begin = (date_trunc('month', CURRENT_DATE) - (1 + i % 36) * interval '1 month')::date""",
]
SCENARIOS = {"jaar_per_maand": "", "jaar_per_kwartaal": "&per=kwartaal", "drie_jaar": "&per=jaar",
             "wijk": "&wijk=Centrum", "categorie": "&categorie=01"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zaken", type=int, default=100_000)
    parser.add_argument("--closed", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per scenario")
    parser.add_argument("--no-seed", action="store_true", help="time the database a previous run seeded")
    args = parser.parse_args()
    url = bench_url()

    logging.disable(logging.INFO)
    started = time.perf_counter()
    app = bench_app(url, seed=not args.no_seed)
    with app.app_context():
        if not args.no_seed:
            seed((WOERDEN,), args.zaken, args.closed)
            for sql in HISTORY:
                db.session.execute(text(sql), {"gemeente": WOERDEN.code, "lines": args.lines})
            db.session.commit()
            vacuum_analyze()
        counts = {table: db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608
                  for table in ("zaak", "human_task", "beschikking", "toewijzing", "prestatie")}
        token = api_token("management")
        from app.services.rapportage.dashboard import TABLES
    seed_seconds = time.perf_counter() - started

    page, api = logged_in(app, "management"), app.test_client()
    jaar = time.localtime().tm_year
    results = {"rows": counts, "seed_seconds": round(seed_seconds, 1), "repeat": args.repeat,
               "summary_refresh": "geen: de cijfers worden bij elke vraag uit de tabellen berekend (altijd actueel)",
               "page_html": {}, "api": {}}
    base = f"?gemeente={WOERDEN.code}&jaar={jaar}"
    for name, query in SCENARIOS.items():
        results["page_html"][name] = time_call(lambda q=query: page.get("/rapportage/" + base + q), args.repeat)
    headers = {"Authorization": f"Bearer {token}"}
    for key in TABLES:
        results["api"][key] = time_call(lambda k=key: api.get(f"/api/v1/rapportage/{k}{base}", headers=headers),
                                        args.repeat)
    for kind in ("page_html", "api"):
        every = [ms for r in results[kind].values() for ms in r.pop("_all")]
        results[kind]["all"] = summary(every)
    results["dashboard_p95_under_300ms"] = results["page_html"]["jaar_per_maand"]["p95_ms"] < 300
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
