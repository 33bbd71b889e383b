"""The validation report: each fault's XPath selects exactly the element in the document."""
import pytest
from lxml import etree

from iwmo_messages import to_xml
from iwmo_messages.report import report
from iwmo_messages.rules.base import RULES

from test_rules import CASES, TODAY, agreeing_context, base


def _broken(code):
    """The failing case of `code` from test_rules, as bytes, with its context."""
    name, mutate = CASES[code]
    msg = base(name)
    ctx = agreeing_context(msg)
    mutate(msg, ctx)
    return to_xml(msg), ctx


@pytest.mark.parametrize("code", sorted(CASES))
def test_every_rule_fault_has_an_xpath_that_selects_one_element(code):
    data, ctx = _broken(code)
    faults = [f for f in report(data, ctx, TODAY).faults if f.code == code]
    assert faults, f"{code} is not in the report"
    tree = etree.fromstring(data)
    for f in faults:
        (element,) = tree.xpath(f.xpath, namespaces=f.namespaces)
        assert element.sourceline == f.regel
        assert f.melding and f.niveau == next(r.level for r in RULES if r.code == code)


@pytest.mark.parametrize("code, xpath", [
    ("CD076", "/wmo301:Bericht/wmo301:Client/wmo301:ToegewezenProducten/wmo301:ToegewezenProduct"),
    ("CS002", "/wmo305:Bericht/wmo305:Client/wmo305:Bsn"),
    ("TR135", "/wmo305:Bericht/wmo305:Header/wmo305:BerichtIdentificatie/iwmo:Dagtekening"),
    ("CD087", "/wmo323:Bericht/wmo323:Declaratie/wmo323:Clienten/wmo323:Client[1]/wmo323:Prestaties"
              "/wmo323:Prestatie[1]"),
    ("TR307", "/wmo323:Bericht/wmo323:Declaratie/wmo323:Clienten/wmo323:Client[1]/wmo323:Prestaties"
              "/wmo323:Prestatie[1]/wmo323:ProductPeriode/iwmo:Begindatum"),
    ("CS058", "/wmo305:Bericht/wmo305:Client/wmo305:StartProducten/wmo305:StartProduct[1]"
              "/wmo305:StatusAanlevering"),
])
def test_xpath_is_the_absolute_path_of_the_element(code, xpath):
    """A present element is named itself; an absent one (CD076's Einddatum, CD087's ProductTarief)
    by the element that should hold it."""
    data, ctx = _broken(code)
    assert [f.xpath for f in report(data, ctx, TODAY).faults if f.code == code][:1] == [xpath]


def test_a_valid_example_has_an_empty_report():
    data = to_xml(base("WMO301"))
    assert report(data, today=TODAY).faults == []


def test_xml_that_is_not_well_formed_is_one_level_1_fault():
    rep = report(b"<wmo301:Bericht")
    assert [(f.code, f.niveau, f.retourcode) for f in rep.faults] == [("XML", 1, None)]
