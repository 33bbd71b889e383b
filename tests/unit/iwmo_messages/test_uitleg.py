"""Level-1 issues in plain Dutch: each libxml2 pattern, made by validating a broken copy of the official WMO323
example (no hand-written libxml2 strings), names the line and the element's local name, never the English."""
from __future__ import annotations

import pytest

from iwmo_messages import validate
from iwmo_messages.report import level_one_text
from iwmo_messages.uitleg import dutch_issue

from iwmo_helpers import DATA

EXAMPLE = (DATA / "iwmo" / "WMO323.xml").read_text(encoding="utf-8")
ENGLISH = ("Element '", "Expected is", "This element", "facet", "not accepted", "{http", "not well-formed",
           "is not a valid value", "attribute '")


def _first(old: str, new: str):
    assert old in EXAMPLE
    issues = validate(EXAMPLE.replace(old, new, 1).encode()).issues
    assert issues, "the broken copy must fail controleniveau 1"
    return issues[0]


CASES = [
    ("<wmo323:BerichtCode>484</wmo323:BerichtCode>", "<wmo323:Foo>484</wmo323:Foo>",
     "Regel 4: het element Foo hoort hier niet. Op deze plek verwacht het schema: BerichtCode."),
    ("\t\t<wmo323:XsdVersie>\n\t\t\t<iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>\n"
     "\t\t\t<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>\n\t\t</wmo323:XsdVersie>\n", "",
     "Regel 3: in Header ontbreekt een verplicht element: XsdVersie."),
    ("<wmo323:Afzender>65656055<", "<wmo323:Afzender>6565A055<",
     "Regel 7: de waarde '6565A055' van Afzender heeft niet de vorm die het schema voorschrijft (patroon [0-9]{8})."),
    ("<iwmo:DebetCredit>D<", "<iwmo:DebetCredit>X<",
     "Regel 27: de waarde 'X' van DebetCredit is niet toegestaan. Toegestaan is: C, D."),
    ("<wmo323:BerichtCode>484<", "<wmo323:BerichtCode>99999<",
     "Regel 4: de waarde van BerichtCode is te lang: 5 tekens, terwijl er hoogstens 3 mogen."),
    ("<wmo323:DeclaratieNummer>DN001<", "<wmo323:DeclaratieNummer><",
     "Regel 19: de waarde van DeclaratieNummer is te kort: 0 tekens, terwijl er minstens 1 nodig zijn."),
    ("<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>9999999999999<",
     "Regel 26: de waarde 9999999999999 van TotaalBedrag is te groot; de hoogste toegestane waarde is 999999999999."),
    ("<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>-5<",
     "Regel 26: de waarde -5 van TotaalBedrag is te klein; de laagste toegestane waarde is 0."),
    ("<wmo323:DeclaratieDagtekening>2023-05-06<", "<wmo323:DeclaratieDagtekening>2023-13-06<",
     "Regel 24: de waarde '2023-13-06' van DeclaratieDagtekening is geen geldige datum (JJJJ-MM-DD)."),
    ("<wmo323:Header>", '<wmo323:Header foo="1">', "Regel 3: het attribuut foo is bij Header niet toegestaan."),
    ("</wmo323:BerichtCode>", "</wmo323:BerichtCod>",
     "Regel 4, kolom 46: de eindtag </BerichtCod> past niet bij de begintag <BerichtCode> van regel 4."),
]


@pytest.mark.parametrize(("old", "new", "dutch"), CASES, ids=[
    "niet-verwacht", "ontbrekend-kind", "patroon", "opsomming", "te-lang", "te-kort", "te-groot", "te-klein",
    "datum", "attribuut", "niet-welgevormd"])
def test_each_libxml2_pattern_reads_as_plain_dutch(old, new, dutch):
    issue = _first(old, new)
    assert dutch_issue(issue) == dutch
    assert not any(e in level_one_text(issue) for e in ENGLISH)


def test_xml_that_is_no_xml_at_all_names_line_and_column():
    assert dutch_issue(validate(b"hallo").issues[0]) == "Regel 1, kolom 1: het bericht begint niet met een XML-element (<)."
    assert dutch_issue(validate(b"").issues[0]) == "Regel 1, kolom 1: het bericht is leeg."
    assert level_one_text(validate(b"<a><b></a>").issues[0]) == (
        "Het bericht is geen welgevormde XML: de eindtag </a> past niet bij de begintag <b> van regel 1.")


def test_an_unknown_schema_error_still_gets_dutch_with_line_and_element():
    issue = _first("<wmo323:Header>", "<wmo323:Header>tekst")  # text in an element-only element
    assert issue.rule == "XSD"
    text = dutch_issue(issue)
    assert text.startswith("Regel 3: ") and "Header" in text and not any(e in text for e in ENGLISH)
    from iwmo_messages.errors import Issue
    odd = Issue("XSD", f"Element '{{urn:x}}Prestatie': something libxml2 may say one day.", 12, "/a:B/a:Prestatie")
    assert dutch_issue(odd) == "Regel 12: het element Prestatie voldoet niet aan het XSD-schema van iStandaarden."
