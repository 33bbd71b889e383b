"""iwmo_messages.aanbieder writes an aanbieder's answers to a 301 from the official example: a 302 that refuses
only the chosen toewijzingen with their own retourcodes, and a 305 and 307 for only the chosen ones, dated when
they were made."""
from datetime import date
from pathlib import Path

from iwmo_messages import validate
from iwmo_messages.aanbieder import answer_301, start_zorg, stop_zorg

JW301 = (Path(__file__).parent / "data" / "ijw" / "JW301.xml").read_bytes()  # toewijzingen 300201 and 300202


def test_a_302_refuses_only_the_chosen_toewijzing_with_its_code():
    retour = validate(answer_301(JW301, "R1", date(2026, 11, 2), refused={300202: "S329"}))
    assert retour.valid
    codes = {tp.toewijzing_nummer: tp.retour_codes for tp in retour.message.client.toegewezen_producten}
    assert codes == {300201: ["0200"], 300202: ["S329"]}


def test_a_start_and_a_stop_for_one_toewijzing_are_dated_on_the_day_they_are_made():
    start = validate(start_zorg(JW301, "S1", date(2026, 1, 5), {300202}, dagtekening=date(2026, 1, 7)))
    assert start.valid and [p.toewijzing_nummer for p in start.message.client.start_producten] == [300202]
    assert start.message.header.bericht_identificatie.dagtekening == date(2026, 1, 7)
    stop = validate(stop_zorg(JW301, "T1", date(2026, 1, 5), date(2026, 3, 31), "02", {300201},
                              dagtekening=date(2026, 4, 1)))
    assert stop.valid and [(p.toewijzing_nummer, p.reden_beeindiging, p.einddatum)
                           for p in stop.message.client.stop_producten] == [(300201, "02", date(2026, 3, 31))]
    assert stop.message.header.bericht_identificatie.dagtekening == date(2026, 4, 1)
