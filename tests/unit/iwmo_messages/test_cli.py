"""`python -m iwmo_messages validate|retour`."""
from iwmo_messages.cli import main

from iwmo_helpers import DATA


def test_validate_reports_type_lines_and_retourcodes(capsys):
    status = main(["validate", str(DATA / "iwmo" / "WMO305.xml"), str(DATA / "iwmo" / "WMO317.xml"),
                   str(DATA / "ijw" / "JW315.xml")])
    out = capsys.readouterr().out
    assert status == 1
    assert "WMO305.xml: WMO305 valid" in out
    assert "WMO317.xml: WMO317 invalid" in out and "line 36: TR380 [0001]" in out
    assert "JW315.xml: JW315 invalid" in out and "line 44: XSD" in out


def test_validate_exit_zero_when_all_valid(capsys):
    assert main(["validate", str(DATA / "iwmo" / "WMO301.xml")]) == 0


def test_retour_prints_the_retourbericht(capsys):
    assert main(["retour", str(DATA / "iwmo" / "WMO317.xml")]) == 0
    out = capsys.readouterr().out
    assert "<wmo318:RetourCode>0001</wmo318:RetourCode>" in out


def test_retour_of_xsd_invalid_message_explains_fo01(capsys):
    assert main(["retour", str(DATA / "ijw" / "JW318.xml")]) == 1
    assert "StUF055" in capsys.readouterr().err
