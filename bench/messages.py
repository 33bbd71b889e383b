"""Benchmark: a declaratie (323) with N prestaties through parse + XSD + rules + retour (325),
compared with bare lxml parse + XSD validation of the same bytes. Prints JSON.

Usage: python bench/messages.py [--prestaties N] [--repeat R]

Throughput is the rate of each side when it runs message after message (as a receiver working
through a queue does): each timed run follows an untimed run of the same side ("steady"); bare and
full still take turns, so both see the same machine load. The JSON also gives the ratio with the two
sides strictly alternating ("alternating"): there glibc's allocator makes the pipeline's parse tidy up
the large tree bare has just freed, while bare finds a heap the pipeline has already tidied — a cost
of the harness, not of either side, but shown so that nobody has to take the steady figure on trust.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from iwmo_messages import MemoryContext, ToewijzingInfo, build_retour, check_rules, to_xml, validate  # noqa: E402
from iwmo_messages.models import declaratie as d  # noqa: E402
from iwmo_messages.models.common import (BedragMetDC, BerichtIdentificatie, GeslotenPeriode, Header,  # noqa: E402
                                         Referentie, TotaalBedragMetDC, XsdVersie)
from iwmo_messages.retour import RetourOptions  # noqa: E402
from iwmo_messages.schemas import message_schema  # noqa: E402

BSNS = ["999900006", "999900018"]
APRIL = GeslotenPeriode(begindatum=date(2026, 4, 1), einddatum=date(2026, 4, 30))


def declaratie(n: int) -> d.Bericht323:
    """A valid WMO323 with n prestaties over 100 clients; every 100th line has a wrong categorie."""
    clients = []
    per_client = max(1, n // 100)
    for c in range(0, n, per_client):
        prestaties = [d.Prestatie(
            product_referentie=Referentie(referentie_nummer=f"R{i}"), toewijzing_nummer=i,
            product_categorie="02" if i % 100 == 99 else "01", product_code="01A03",
            product_periode=APRIL, geleverd_volume=4, eenheid="04", product_tarief=1250,
            ingediend_bedrag=BedragMetDC(bedrag=5000, debet_credit="D"))
            for i in range(c, min(n, c + per_client))]
        clients.append(d.Client(bsn=BSNS[len(clients) % 2], prestaties=prestaties))
    header = Header(bericht_code="484", bericht_versie=3, bericht_subversie=2, afzender="12345678",
                    ontvanger="0384", bericht_identificatie=BerichtIdentificatie(
                        identificatie="BENCH1", dagtekening=date(2026, 5, 6)),
                    xsd_versie=XsdVersie(basisschema_xsd_versie="1.0.0", bericht_xsd_versie="1.0.0"))
    return d.Bericht323(standaard="iwmo", header=header, declaratie=d.Declaratie(
        declaratie_nummer="DN1", declaratie_periode=APRIL, declaratie_dagtekening=date(2026, 5, 6),
        totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=5000 * n, debet_credit="D"),
        clienten=clients))


def context(msg: d.Bericht323) -> MemoryContext:
    ctx = MemoryContext(today=date(2026, 5, 10))
    for client in msg.declaratie.clienten:
        for p in client.prestaties:
            ctx.toewijzingen[p.toewijzing_nummer] = ToewijzingInfo(
                p.toewijzing_nummer, client.bsn, "01", "01A03", date(2026, 1, 1), None, "04", 100, "4")
    return ctx


def bare(data: bytes) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    assert message_schema("iwmo", "323").validate(root)


def full(data: bytes, ctx: MemoryContext) -> bytes:
    result = validate(data)
    assert result.valid, result.issues[:3]
    results = check_rules(result.message, ctx)
    return build_retour(result.message, results, RetourOptions("R1", date(2026, 5, 10)))


def best_interleaved(fns: list, repeat: int, warm: int = 0) -> tuple[list[float], list[float]]:
    """Best wall and best CPU time of each function, running them in turn so that both sides see
    the same machine load (other processes, CPU frequency) rather than one taking a quiet moment.
    CPU time (this process only) is the steadier of the two on a shared machine. With `warm`,
    each turn first runs the function `warm` times untimed (see --steady)."""
    wall: list[list[float]] = [[] for _ in fns]
    cpu: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, own_wall, own_cpu in zip(fns, wall, cpu):
            for _ in range(warm):
                fn()
            t, c = time.perf_counter(), time.process_time()
            fn()
            own_cpu.append(time.process_time() - c)
            own_wall.append(time.perf_counter() - t)
    return [min(own) for own in wall], [min(own) for own in cpu]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prestaties", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    msg = declaratie(args.prestaties)
    data = to_xml(msg)
    ctx = context(msg)
    retour = full(data, ctx)  # warm-up: compiles the schemas
    assert retour.count(b"<wmo325:Prestatie>") == args.prestaties // 100  # the wrong categories
    bare(data)
    sides = [lambda: bare(data), lambda: full(data, ctx)]
    (t_bare, t_full), (c_bare, c_full) = best_interleaved(sides, args.repeat, warm=1)
    (a_bare, a_full), _ = best_interleaved(sides, args.repeat)
    tracemalloc.start()
    full(data, ctx)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({
        "prestaties": args.prestaties,
        "message_bytes": len(data),
        "retour_bytes": len(retour),
        "bare_lxml_parse_xsd_s": round(t_bare, 4),
        "full_pipeline_s": round(t_full, 4),
        "bare_prestaties_per_s": round(args.prestaties / t_bare),
        "prestaties_per_s": round(args.prestaties / t_full),
        "ratio_to_bare_lxml": round(t_bare / t_full, 3),
        "cpu_s": {"bare": round(c_bare, 4), "full": round(c_full, 4), "ratio_to_bare_lxml": round(c_bare / c_full, 3)},
        "alternating": {"bare_s": round(a_bare, 4), "full_s": round(a_full, 4),
                        "ratio_to_bare_lxml": round(a_bare / a_full, 3)},
        "target_ratio": 0.5,
        "peak_python_heap_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
