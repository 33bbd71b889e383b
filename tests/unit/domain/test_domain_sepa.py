"""The SEPA payment file (pain.001.001.03) is valid against the official XSD and adds up."""
import doctest
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from app.domain import sepa
from app.domain.sepa import Overboeking, Rekeninghouder, SepaError, build_pain001, validate_pain001

NS = {"p": sepa.NAMESPACE}
GEMEENTE = Rekeninghouder("Gemeente Woerden", "NL78 BNGH 0285 0085 21", "BNGHNL2G")
BETALINGEN = [
    Overboeking("Thuiszorg Het Groene Hart", "NL20INGB0001234567", 650000, "Declaratie DN0001 april 2026", "BB1-1"),
    Overboeking("Zorggroep De Linge", "nl44 rabo 0123 4567 89", 1999, "Declaratie Z17 april 2026", "BB1-2"),
    Overboeking("Jeugdhulp Oost-Utrecht — €", "NL91ABNA0417164300", 1, "Declaratie J-9 april 2026", "BB1-3"),
]


def test_docstring_examples_hold():
    result = doctest.testmod(sepa)
    assert result.attempted > 0 and result.failed == 0


def test_payment_file_is_xsd_valid_with_right_totals_and_counts():
    xml = build_pain001(GEMEENTE, BETALINGEN, date(2026, 5, 12), "BB-2026-0001")
    assert validate_pain001(xml) == []
    doc = etree.fromstring(xml)
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=NS) == "BB-2026-0001"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "3"
    assert Decimal(doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS)) == Decimal("6520.00")
    amounts = [Decimal(a.text) for a in doc.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)]
    assert amounts == [Decimal("6500.00"), Decimal("19.99"), Decimal("0.01")]
    ibans = [i.text for i in doc.iterfind(".//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN", NS)]
    assert ibans == ["NL20INGB0001234567", "NL44RABO0123456789", "NL91ABNA0417164300"]
    assert doc.findtext(".//p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == "NL78BNGH0285008521"
    assert doc.findtext(".//p:PmtInf/p:ReqdExctnDt", namespaces=NS) == "2026-05-12"
    assert [e.text for e in doc.iterfind(".//p:EndToEndId", NS)] == ["BB1-1", "BB1-2", "BB1-3"]


def test_the_validator_finds_a_broken_file():
    xml = build_pain001(GEMEENTE, BETALINGEN[:1], date(2026, 5, 12), "BB-1")
    broken = xml.replace(b"<PmtMtd>TRF</PmtMtd>", b"<PmtMtd>XXX</PmtMtd>")
    assert validate_pain001(broken)
    assert validate_pain001(b"<niet-af") and validate_pain001(b"<Document/>")


@pytest.mark.parametrize("overboeking, text", [
    (Overboeking("A", "NL91ABNA0417164301", 100, "x", "K1"), "controlegetal"),
    (Overboeking("A", "", 100, "x", "K1"), "geen geldig IBAN"),
    (Overboeking("A", "NL91ABNA0417164300", 0, "x", "K1"), "groter dan nul"),
    (Overboeking("A", "NL91ABNA0417164300", 100, "x", "K" * 36), "langer dan 35"),
])
def test_bad_payments_are_refused_in_dutch(overboeking, text):
    with pytest.raises(SepaError, match=text):
        build_pain001(GEMEENTE, [overboeking], date(2026, 5, 12), "BB-1")


def test_an_empty_batch_makes_no_file():
    with pytest.raises(SepaError, match="zonder betalingen"):
        build_pain001(GEMEENTE, [], date(2026, 5, 12), "BB-1")


def test_euro_amounts_become_cents_exactly():
    assert sepa.euro_to_cents(Decimal("32.50")) == 3250
    with pytest.raises(SepaError):
        sepa.euro_to_cents(Decimal("0.005"))
