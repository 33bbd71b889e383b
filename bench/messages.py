"""Benchmark: a declaratie (323) with N prestaties through parse + XSD + rules + retour (325),
compared with bare lxml parse + XSD validation of the same bytes. Prints JSON.

Usage: python bench/messages.py [--prestaties N] [--repeat R] [--py-spy]

Beside it: the outbound check of a 301 (what the outbox runs on every message the platform builds:
XSD plus every rule, `report(xml)`), timed on a 301 as the platform builds one; the time of each stage
of the pipeline (CPU, best of R); and with --py-spy a py-spy sampling profile of the pipeline (the
share of each stage and the functions with the most own time), so that the figure an optimisation
started from can be checked.

Throughput is the rate of each side when it runs message after message (as a receiver working
through a queue does): each timed run follows an untimed run of the same side ("steady"); bare and
full still take turns, so both see the same machine load. The JSON also gives the ratio with the two
sides strictly alternating ("alternating"): there glibc's allocator makes the pipeline's parse tidy up
the large tree bare has just freed, while bare finds a heap the pipeline has already tidied — a cost
of the harness, not of either side, but shown so that nobody has to take the steady figure on trust.

Turn i of bare and turn i of full run back to back, so each turn gives a paired ratio; the JSON gives
the ratio of the best times and the min and median of the paired ratios, in wall and in CPU time
(time.process_time), with the load average before and after. The target is met when the median of
both is at least 0.6.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import shutil
import subprocess
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, time as datetime_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from iwmo_messages import (MESSAGE_CLASSES, MemoryContext, ToewijzingInfo, build_retour, check_rules,  # noqa: E402
                           make_retour, to_xml, validate)
from iwmo_messages.models import declaratie as d  # noqa: E402
from iwmo_messages.models.common import (Achternaam, Adres, BedragMetDC, BerichtIdentificatie,  # noqa: E402
                                         Geboortedatum, GeslotenPeriode, Header, Huis, Omvang, Product,
                                         Referentie, TotaalBedragMetDC, VolledigeNaam, XsdVersie)
from iwmo_messages.models.toewijzing import Client, Contact, ToegewezenProduct  # noqa: E402
from iwmo_messages.parse import from_tree  # noqa: E402
from iwmo_messages.report import report  # noqa: E402
from iwmo_messages.retour import RetourOptions  # noqa: E402
from iwmo_messages.safexml import load  # noqa: E402
from iwmo_messages.schemas import message_schema  # noqa: E402

TARGET_RATIO = 0.6  # issue #14: at least 0.6 of bare lxml parse + XSD
TARGET_OUTBOUND_MS = 2.0  # issue #14: the outbound check of a 301 adds less than 2 ms

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


def toewijzing_301() -> bytes:
    """A 301 as the platform's outbox gets it (bericht301.build_301): a client with a BRP-adres and two
    toegewezen producten, one per week (with its einddatum) and one budget."""
    header = Header(bericht_code="414", bericht_versie=3, bericht_subversie=2, afzender="0632", ontvanger="42420001",
                    bericht_identificatie=BerichtIdentificatie(identificatie="a1b2c3d4e5f6", dagtekening=date(2026, 5, 6)),
                    xsd_versie=XsdVersie(basisschema_xsd_versie="1.0.0", bericht_xsd_versie="1.0.0"))
    producten = [
        ToegewezenProduct(toewijzing_nummer=1000001, product=Product(categorie="01", code="01A03"),
                          toewijzingsdatum=date(2026, 5, 6), toewijzingstijd=datetime_time(9, 30),
                          ingangsdatum=date(2026, 5, 1), einddatum=date(2027, 4, 30),
                          omvang=Omvang(volume=3, eenheid="04", frequentie="2")),
        ToegewezenProduct(toewijzing_nummer=1000002, product=Product(categorie="13", code="13A01"),
                          toewijzingsdatum=date(2026, 5, 6), toewijzingstijd=datetime_time(9, 30),
                          ingangsdatum=date(2026, 5, 1), einddatum=date(2026, 12, 31), budget=850_000)]
    client = Client(bsn="999990019", geboortedatum=Geboortedatum(datum=date(1944, 3, 12)), geslacht="2",
                    naam=VolledigeNaam(geslachtsnaam=Achternaam(achternaam="Bakker"), voornamen="Johanna Maria",
                                       voorletters="JM", naam_gebruik="1"),
                    contactgegevens=[Contact(soort="01", adres=Adres(
                        huis=Huis(huisnummer=12), postcode="3441BT", straatnaam="Rijnstraat", plaatsnaam="Woerden",
                        land_code="NL"))],
                    toegewezen_producten=producten)
    return to_xml(MESSAGE_CLASSES["301"](standaard="iwmo", header=header, client=client))


def outbound_check_ms(xml: bytes, repeat: int) -> float:
    """Best time of the outbox's check (report: XSD plus every rule) of one 301, in ms."""
    assert report(xml).faults == []
    best = float("inf")
    for _ in range(max(repeat, 5) * 20):
        t = time.process_time()
        report(xml)
        best = min(best, time.process_time() - t)
    return best * 1000


def stages(data: bytes, ctx: MemoryContext, repeat: int) -> dict[str, float]:
    """The CPU time of each stage of the pipeline (best of `repeat`): load, XSD, reading the objects,
    the rules and the answer (325)."""
    schema = message_schema("iwmo", "323")
    root = load(data).getroot()
    message = from_tree(root)
    results = check_rules(message, ctx)
    options = RetourOptions("R1", date(2026, 5, 10))
    steps = {"load": lambda: load(data), "xsd": lambda: schema.validate(root), "from_tree": lambda: from_tree(root),
             "rules": lambda: check_rules(message, ctx), "answer": lambda: to_xml(make_retour(message, results, options))}
    out = {}
    for name, fn in steps.items():
        fn()
        best = float("inf")
        for _ in range(repeat):
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        out[name] = round(best, 4)
    return out


#: py-spy frames → the stage they belong to (first match on the stack, innermost last).
_STAGES = (("answer", "build_retour"), ("rules", "check_rules"), ("from_tree", "from_tree"),
           ("xsd", "schema_issues"), ("load", "load ("))


def _short(frame: str) -> str:
    """'name (path/file.py:12)' → 'name (file.py:12)'."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit('/', 1)[-1]}" if where else name


def py_spy_profile(prestaties: int) -> dict | None:
    """Sample the full pipeline with py-spy (raw format) and summarise: share of each stage, the own
    time of the heaviest functions, and of the heaviest rules. None when py-spy is not installed."""
    exe = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not os.path.exists(exe):
        return None
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "profile.txt"
        subprocess.run([exe, "record", "-r", "250", "-f", "raw", "-o", str(out), "--", sys.executable, __file__,
                        "--prestaties", str(prestaties), "--loop", "20"], check=True, capture_output=True)
        lines = out.read_text().splitlines()
    by_stage, by_function, by_rule, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for line in lines:
        stack, count = line.rsplit(" ", 1)
        frames = stack.split(";")
        if not any(f.startswith("full ") for f in frames):
            continue  # set-up and start
        n = int(count)
        total += n
        stage = next((name for name, marker in _STAGES if any(marker in f for f in frames)), "other")
        by_stage[stage] += n
        by_function[_short(frames[-1])] += n
        rule = next((f.split(" ")[0] for f in frames if "/rules/" in f and "_run" not in f and "check_rules" not in f), None)
        if rule:
            by_rule[rule] += n

    def share(counter, top=None):
        return {k: round(v / total, 3) for k, v in counter.most_common(top)}
    return {"tool": version, "samples": total, "stage_share": share(by_stage),
            "top_own_time": share(by_function, 8), "top_rules": share(by_rule, 5)}


def bare(data: bytes) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    assert message_schema("iwmo", "323").validate(root)


def full(data: bytes, ctx: MemoryContext) -> bytes:
    result = validate(data)
    assert result.valid, result.issues[:3]
    results = check_rules(result.message, ctx)
    return build_retour(result.message, results, RetourOptions("R1", date(2026, 5, 10)))


def interleaved(fns: list, repeat: int, warm: int = 0) -> tuple[list[list[float]], list[list[float]]]:
    """Wall and CPU time of every turn of each function, running them in turn so that both sides see
    the same machine load (other processes, CPU frequency) rather than one taking a quiet moment:
    turn i of bare and turn i of full ran back to back, so their ratio is paired. CPU time (this
    process only) is the steadier of the two on a shared machine. With `warm`, each turn first runs
    the function `warm` times untimed (steady)."""
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
    return wall, cpu


def ratios(bare_times: list[float], full_times: list[float]) -> dict[str, float]:
    """bare/full over the turns: the ratio of the best times, and min and median of the paired turns."""
    paired = [b / f for b, f in zip(bare_times, full_times)]
    return {"of_best": round(min(bare_times) / min(full_times), 3), "min": round(min(paired), 3),
            "median": round(statistics.median(paired), 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prestaties", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--py-spy", action="store_true", help="add a py-spy profile of the pipeline to the JSON")
    ap.add_argument("--loop", type=int, default=0, help=argparse.SUPPRESS)  # the profiled run
    args = ap.parse_args()
    msg = declaratie(args.prestaties)
    data = to_xml(msg)
    ctx = context(msg)
    if args.loop:
        for _ in range(args.loop):
            full(data, ctx)
        return
    retour = full(data, ctx)  # warm-up: compiles the schemas
    assert retour.count(b"<wmo325:Prestatie>") == args.prestaties // 100  # the wrong categories
    bare(data)
    sides = [lambda: bare(data), lambda: full(data, ctx)]
    load_before = os.getloadavg()
    (w_bare, w_full), (c_bare, c_full) = interleaved(sides, args.repeat, warm=1)
    (a_bare, a_full), _ = interleaved(sides, args.repeat)
    t_bare, t_full = min(w_bare), min(w_full)
    wall_ratio, cpu_ratio = ratios(w_bare, w_full), ratios(c_bare, c_full)
    outbound_ms = outbound_check_ms(toewijzing_301(), args.repeat)
    stage_cpu = stages(data, ctx, args.repeat)
    tracemalloc.start()
    full(data, ctx)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    profile = py_spy_profile(args.prestaties) if args.py_spy else None
    print(json.dumps({
        "prestaties": args.prestaties,
        "message_bytes": len(data),
        "retour_bytes": len(retour),
        "turns": args.repeat,
        "load_average_1_5_15": {"before": [round(x, 2) for x in load_before],
                                "after": [round(x, 2) for x in os.getloadavg()]},
        "bare_lxml_parse_xsd_s": {"best": round(t_bare, 4), "median": round(statistics.median(w_bare), 4)},
        "full_pipeline_s": {"best": round(t_full, 4), "median": round(statistics.median(w_full), 4)},
        "bare_prestaties_per_s": round(args.prestaties / t_bare),
        "prestaties_per_s": round(args.prestaties / t_full),
        "ratio_to_bare_lxml": {"wall": wall_ratio, "cpu": cpu_ratio, "target": TARGET_RATIO,
                               "meets_target": wall_ratio["median"] >= TARGET_RATIO
                               and cpu_ratio["median"] >= TARGET_RATIO},
        "cpu_s": {"bare": {"best": round(min(c_bare), 4), "median": round(statistics.median(c_bare), 4)},
                  "full": {"best": round(min(c_full), 4), "median": round(statistics.median(c_full), 4)}},
        "alternating": {"bare_s": round(min(a_bare), 4), "full_s": round(min(a_full), 4),
                        "ratio_to_bare_lxml": ratios(a_bare, a_full)},
        "outbound_check_301_ms": round(outbound_ms, 3),
        "target_outbound_ms": TARGET_OUTBOUND_MS,
        "meets_target_outbound": outbound_ms < TARGET_OUTBOUND_MS,
        "stage_cpu_s": stage_cpu,
        **({"py_spy_profile": profile} if profile is not None else {}),
        "peak_python_heap_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
