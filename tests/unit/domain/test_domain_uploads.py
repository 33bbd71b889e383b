"""The real type of an uploaded file comes from its bytes: a disguised file is refused by name."""
import pytest

from app.domain.uploads import check_upload, check_xml_file

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)
ELF = b"\x7fELF\x02\x01\x01" + bytes(120)


@pytest.mark.parametrize("name, data, content_type", [
    ("brief.pdf", PDF, "application/pdf"), ("BRIEF.PDF", PDF, "application/pdf"), ("zonder-extensie", PDF, "application/pdf"),
    ("foto.png", PNG, "image/png"), ("foto.jpeg", JPG, "image/jpeg"), ("foto.JPG", JPG, "image/jpeg")])
def test_a_document_named_as_what_it_is_is_accepted(name, data, content_type):
    assert check_upload(name, data) == (content_type, None)


def test_a_pdf_renamed_to_png_is_refused_saying_what_it_really_is():
    assert check_upload("foto.png", PDF) == (None, "Het bestand 'foto.png' is een PDF, maar de naam eindigt op .png. "
                                                   "Geef het de juiste naam of kies een ander bestand.")


@pytest.mark.parametrize("data", [EXE, ELF], ids=["windows", "linux"])
def test_an_executable_renamed_to_pdf_is_refused(data):
    content_type, problem = check_upload("brief.pdf", data)
    assert content_type is None
    assert problem.startswith("Het bestand 'brief.pdf' is geen PDF, JPG of PNG (het is een uitvoerbaar programma)")


def test_a_bericht_must_be_xml_named_xml():
    bericht = b'<?xml version="1.0" encoding="UTF-8"?><iwmo:Bericht xmlns:iwmo="x"/>'
    assert check_xml_file("start.xml", bericht) == ("application/xml", None)
    assert check_xml_file("start.xml", b"\xef\xbb\xbf" + bericht) == ("application/xml", None)
    assert check_xml_file("start.xml", b"<iwmo:Bericht/>") == ("application/xml", None)
    assert "is geen XML-bestand" in check_xml_file("start.xml", PDF)[1]
    assert "is geen XML-bestand (het is een webpagina (HTML))" in check_xml_file("start.xml", b"<html><body/></html>")[1]
    assert "de naam eindigt op .pdf" in check_xml_file("start.pdf", bericht)[1]
    assert check_xml_file("start.xml", b"")[1] == "Het bestand 'start.xml' is leeg."
