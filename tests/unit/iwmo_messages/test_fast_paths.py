"""The fast paths keep the plain semantics: comments are skipped by the reader, the collector
is left as it was, and per-item rules report in rule order, then document order."""
import dataclasses
import gc
from datetime import date

from lxml import etree

from iwmo_messages import MESSAGE_CLASSES, MemoryContext, ToewijzingInfo, check_rules, parse, to_xml
from iwmo_messages.rules.base import RULES
from iwmo_messages.safexml import load

from iwmo_helpers import DATA, example


def test_comments_and_processing_instructions_between_elements_are_skipped():
    xml = (DATA / "iwmo" / "WMO323.xml").read_bytes()
    commented = xml.replace(b"<wmo323:ToewijzingNummer>", b"<!-- c --><?pi x?><wmo323:ToewijzingNummer>")
    assert commented != xml
    assert parse(commented) == parse(xml)


def test_a_comment_inside_a_leaf_does_not_cut_its_value():
    xml = (DATA / "iwmo" / "WMO323.xml").read_bytes()
    commented = xml.replace(b"<wmo323:GeleverdVolume>1", b"<wmo323:GeleverdVolume>1<!-- c -->", 1)
    assert commented != xml
    assert parse(commented) == parse(xml)


def test_parse_leaves_the_garbage_collector_as_it_was():
    xml = to_xml(example("WMO323"))
    assert gc.isenabled()
    parse(xml)
    assert gc.isenabled()
    gc.disable()
    try:
        parse(xml)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_check_rules_leaves_the_garbage_collector_as_it_was():
    msg = example("WMO323")
    assert gc.isenabled()
    check_rules(msg)
    assert gc.isenabled()
    gc.disable()
    try:
        check_rules(msg)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_per_item_rules_report_in_rule_then_document_order():
    msg = example("WMO323")
    ctx = MemoryContext(today=date(2026, 11, 1))  # no toewijzingen: TR338 on every prestatie
    prestaties = [p for c in msg.declaratie.clienten for p in c.prestaties]
    assert len(prestaties) > 1
    for p in prestaties:
        p.product_tarief = None  # CD087 on every prestatie
        ctx.toewijzingen[p.toewijzing_nummer] = ToewijzingInfo(
            p.toewijzing_nummer, "999900006", "99", None, date(2020, 1, 1))
    ctx.toewijzingen.pop(prestaties[-1].toewijzing_nummer)
    results = check_rules(msg, ctx)
    order = [r.code for r in RULES]
    assert [order.index(r.rule) for r in results] == sorted(order.index(r.rule) for r in results)
    cd087 = [r for r in results if r.rule == "CD087"]
    assert [r.target for r in cd087] == prestaties
    assert [r.line for r in cd087] == sorted(r.line for r in cd087)
    assert cd087[1].element.endswith("/ProductTarief") and cd087[0].element.startswith("Client[1]/")
    assert [r.target for r in results if r.rule == "TR338"] == [prestaties[-1]]
    assert [r.target for r in results if r.rule == "TR339"] == prestaties[:-1]


def test_indentation_between_elements_changes_nothing_and_lines_stay_those_of_the_file():
    xml = (DATA / "iwmo" / "WMO323.xml").read_bytes()
    flat = etree.tostring(etree.fromstring(xml, etree.XMLParser(remove_blank_text=True)), xml_declaration=True,
                          encoding="UTF-8")
    assert xml.count(b"\n") > 20 and flat.count(b"\n") == 1  # only after the declaration
    indented, unindented = parse(xml), parse(flat)
    assert indented == unindented
    prestatie = indented.declaratie.clienten[0].prestaties[0]
    line = xml.decode().splitlines()[indented.source_lines[id(prestatie)] - 1]
    assert "Prestatie>" in line


def test_whitespace_inside_a_leaf_element_is_kept():
    root = load(b"<a>\n  <b>  </b>\n  <c> x </c>\n</a>").getroot()
    assert [(el.tag, el.text) for el in root] == [("b", "  "), ("c", " x ")]


def _model_classes():
    todo, seen = list(MESSAGE_CLASSES.values()), set()
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo += [f.kind for f in cls.XML if hasattr(f.kind, "XML")]
    return seen


def test_model_classes_only_assign_in_init_so_the_reader_may_assign_their_fields():
    """parse.py makes instances with __new__ and assigns every field (read, or the dataclass
    default); that equals calling the class only while no class validates in __post_init__."""
    for cls in _model_classes():
        assert dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__, cls
        assert not hasattr(cls, "__post_init__"), cls


def test_a_parsed_message_has_every_field_set_and_equals_one_built_by_calling_the_classes():
    def rebuild(obj):
        if isinstance(obj, list):
            return [rebuild(x) for x in obj]
        if not dataclasses.is_dataclass(obj):
            return obj
        return type(obj)(**{f.name: rebuild(getattr(obj, f.name)) for f in dataclasses.fields(obj)})

    for name in ("WMO301", "WMO323", "WMO325", "JW317"):
        msg = example(name)
        assert rebuild(msg) == msg


def test_instances_read_in_one_loop_get_a_fresh_default_list_each():
    """The generated reader loop calls a field's default factory per instance: changing the
    RetourCodes of one Prestatie leaves those of the others alone."""
    msg = example("WMO323")
    prestaties = [p for c in msg.declaratie.clienten for p in c.prestaties]
    assert len(prestaties) > 1
    prestaties[0].retour_codes.append("0200")
    assert all(p.retour_codes == [] for p in prestaties[1:])
    assert len({id(p.retour_codes) for p in prestaties}) == len(prestaties)
