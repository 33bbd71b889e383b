"""Build → XML → parse is exact, and every official example re-serializes equivalently."""
from datetime import date, time

import pytest
from lxml import etree

from iwmo_messages import MessageError, parse, to_xml, validate
from iwmo_messages.models.common import (Achternaam, BedragMetDC, BerichtIdentificatie, Geboortedatum,
                                         GeslotenPeriode, Header, Omvang, Product, Referentie,
                                         TotaalBedragMetDC, VerkorteNaam, VolledigeNaam, XsdVersie)
from iwmo_messages.models import declaratie, start, toewijzing

from iwmo_helpers import EXAMPLES, INVALID_EXAMPLES, VALID_EXAMPLES


def _items(xml: bytes) -> list[tuple[str, str]]:
    root = etree.fromstring(xml)
    return [(el.tag, (el.text or "").strip()) for el in root.iter() if isinstance(el.tag, str)]


@pytest.mark.parametrize("path", VALID_EXAMPLES, ids=lambda p: p.stem)
def test_example_parses_and_reserializes_equivalently(path):
    message = parse(path)
    xml = to_xml(message)
    assert _items(xml) == _items(path.read_bytes())
    assert parse(xml) == message


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.stem in INVALID_EXAMPLES], ids=lambda p: p.stem)
def test_known_invalid_examples_are_rejected_with_line(path):
    result = validate(path)
    assert not result.valid and result.message is None
    assert all(i.rule == "XSD" and i.line for i in result.issues)
    with pytest.raises(MessageError):
        parse(path)


def header(standaard, code, afzender="12345678", ontvanger="0384"):
    return Header(bericht_code=code, bericht_versie=3, bericht_subversie=2, afzender=afzender,
                  ontvanger=ontvanger,
                  bericht_identificatie=BerichtIdentificatie(identificatie="B1", dagtekening=date(2026, 5, 6)),
                  xsd_versie=XsdVersie(basisschema_xsd_versie="1.0.0", bericht_xsd_versie="1.0.0"))


def build_301(standaard="iwmo"):
    cat = "01" if standaard == "iwmo" else "45"
    return toewijzing.Bericht301(
        standaard=standaard, header=header(standaard, "414" if standaard == "iwmo" else "436", "0384", "12345678"),
        client=toewijzing.Client(
            bsn="999900006", geboortedatum=Geboortedatum(datum=date(1980, 1, 2)), geslacht="1",
            naam=VolledigeNaam(geslachtsnaam=Achternaam(achternaam="Jansen"), naam_gebruik="1"),
            contactgegevens=[toewijzing.Contact(soort="01")],
            toegewezen_producten=[toewijzing.ToegewezenProduct(
                toewijzing_nummer=1, product=Product(categorie=cat, code=f"{cat}A01"),
                toewijzingsdatum=date(2026, 5, 1), toewijzingstijd=time(12, 30),
                ingangsdatum=date(2026, 5, 1), omvang=Omvang(volume=4, eenheid="04", frequentie="2"))]))


def build_305(standaard="iwmo"):
    return start.Bericht305(
        standaard=standaard, header=header(standaard, "418" if standaard == "iwmo" else "438"),
        client=start.Client(bsn="999900006", geboortedatum=Geboortedatum(datum=date(1980, 1, 2)),
                            geslacht="2", naam=VerkorteNaam(geslachtsnaam=Achternaam(achternaam="Jansen")),
                            start_producten=[start.StartProduct(toewijzing_nummer=1, begindatum=date(2026, 5, 3),
                                                                status_aanlevering="1")]))


def build_323(standaard="iwmo", n=2):
    cat = "01" if standaard == "iwmo" else "45"
    prestaties = [declaratie.Prestatie(
        product_referentie=Referentie(referentie_nummer=f"R{i}"), toewijzing_nummer=1,
        product_categorie=cat, product_code=f"{cat}A01",
        product_periode=GeslotenPeriode(begindatum=date(2026, 4, 1), einddatum=date(2026, 4, 30)),
        geleverd_volume=4, eenheid="04", product_tarief=1250,
        ingediend_bedrag=BedragMetDC(bedrag=5000, debet_credit="D")) for i in range(n)]
    return declaratie.Bericht323(
        standaard=standaard, header=header(standaard, "484" if standaard == "iwmo" else "490"),
        declaratie=declaratie.Declaratie(
            declaratie_nummer="DN1", declaratie_periode=GeslotenPeriode(begindatum=date(2026, 4, 1),
                                                                        einddatum=date(2026, 4, 30)),
            declaratie_dagtekening=date(2026, 5, 6),
            totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=5000 * n, debet_credit="D"),
            clienten=[declaratie.Client(bsn="999900006", prestaties=prestaties)]))


@pytest.mark.parametrize("standaard", ["iwmo", "ijw"])
@pytest.mark.parametrize("builder", [build_301, build_305, build_323])
def test_built_message_serializes_validates_and_parses_back_equal(builder, standaard):
    message = builder(standaard)
    xml = to_xml(message)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert validate(xml).valid
    assert parse(xml) == message


def test_building_an_invalid_object_names_the_element():
    message = build_305()
    message.client.bsn = "12"
    with pytest.raises(MessageError) as exc:
        to_xml(message)
    assert any(i.rule == "XSD" and "Bsn" in (i.element or "") for i in exc.value.issues)


def test_retourcodes_in_a_heen_message_are_refused():
    message = build_305()
    message.client.retour_codes = ["0200"]
    with pytest.raises(MessageError, match="only allowed in a retour"):
        to_xml(message)


def test_ijw_only_element_is_refused_in_iwmo():
    from iwmo_messages.models.antwoord import Antwoord, Bericht319, Woonplaatsbeginsel
    h = header("iwmo", "482", "0384", "12345678")
    msg = Bericht319(standaard="iwmo", header=h, antwoord=Antwoord(
        referentie_aanbieder="X", verzoek_antwoord="1", reden_afwijzing_verzoek="8",
        woonplaatsbeginsel=Woonplaatsbeginsel(gemeente="0363")))
    with pytest.raises(MessageError):
        to_xml(msg)
    msg.standaard, msg.header.bericht_code = "ijw", "488"
    assert parse(to_xml(msg)) == msg


def test_source_lines_point_at_the_parsed_elements():
    from iwmo_helpers import example
    message = example("WMO323")
    prestatie = message.declaratie.clienten[0].prestaties[0]
    assert message.source_lines[id(prestatie)] == 33
