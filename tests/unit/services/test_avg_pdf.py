"""The readable AVG afschrift (avg_pdf.py): a Dutch label for every column it shows, a bookmark and the table's
name for every part, each file embedded under a name of its own, and the gemeente's logo in the letterhead."""
import io

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from app.services import avg_labels, avg_parts, avg_pdf
from app.services.avg_export import PDF_SKIP

FILE = b"%PDF-1.4 a letter"


def shown_columns(part: avg_parts.Part) -> list[str]:
    """The columns of `part` the PDF shows (as avg_export._readable and _columns choose them)."""
    if part.pdf is not None:
        return list(part.pdf)
    omitted = avg_parts.omitted(part)
    return [c.name for c in avg_parts.table(part.table).c
            if c.name not in PDF_SKIP and not c.name.endswith("_id") and c.name not in omitted]


def test_every_column_the_pdf_shows_has_a_dutch_label():
    # a new column falls back to its own name ('password must change'); this names the ones that do
    missing = sorted({(p.table, c) for p in avg_parts.PARTS for c in shown_columns(p)
                      if (p.table, c) not in avg_labels.LABELS and c not in avg_labels.LABELS})
    assert missing == []


def _cover(logo=None) -> avg_pdf.Cover:
    return avg_pdf.Cover(titel="Uw gegevens bij Gemeente Woerden", gemeente="Gemeente Woerden",
                         persoon="Johanna <Bakker> & zn", datum="7 december 2026 10:00",
                         verzoek="Gedownload door de inwoner zelf", kleur="#00689e", logo=logo)


def _section(titel: str, table: str, rows: list, legend=None, files=()) -> avg_pdf.Section:
    return avg_pdf.Section(titel=titel, table=table, uitleg="Uitleg.", count=len(rows), omit={"hash": "geheim"},
                           legend=legend, rows=rows, files=list(files))


def test_each_part_has_its_bookmark_its_table_and_its_rows_across_pages():
    rows = [[("Moment", f"{i} december"), ("Omschrijving", f"Regel {i}\nmet een tweede regel")] for i in range(300)]
    sections = [_section("Persoonsgegevens", "person", [[("Naam", "Johanna <Bakker> & zn")]]),
                _section("Wie uw gegevens bekeek", "processing_record", [f"1 december · lezen {i}" for i in range(200)],
                         legend=["Moment", "Handeling"]),
                _section("Zaken", "zaak", rows), _section("Klachten", "klacht", [])]
    reader = PdfReader(io.BytesIO(avg_pdf.render(_cover(), sections, [])))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) > 10 and f"Pagina 1 van {len(reader.pages)}" in text
    assert [entry.title for entry in reader.outline] == ["Persoonsgegevens", "Wie uw gegevens bekeek", "Zaken",
                                                         "Klachten"]
    for table in ("person", "processing_record", "zaak", "klacht"):
        assert f"tabel {table}" in text
    assert "Johanna <Bakker> & zn" in text and "Regel 299 met een tweede regel" in text
    assert "Per regel: Moment · Handeling" in text and "1 december · lezen 199" in text
    assert "Hierover zijn geen gegevens van u vastgelegd." in text and "Niet opgenomen: hash (geheim)." in text
    assert reader.metadata.title == "Uw gegevens bij Gemeente Woerden — Johanna <Bakker> & zn"


def test_every_file_is_embedded_even_when_two_have_the_same_name():
    files = [("brief.pdf", "Brief van de huisarts", FILE), ("brief.pdf", "Tweede brief", FILE + b"2"),
             ("foto", "Foto", b"\x89PNG")]
    section = _section("Documenten die u meestuurde", "bijlage", [[("Bestandsnaam", "brief.pdf")]],
                       files=[(n, t) for n, t, _ in files])
    reader = PdfReader(io.BytesIO(avg_pdf.render(_cover(), [section], files)))
    assert {name: contents[0] for name, contents in reader.attachments.items()} == {
        "brief.pdf": FILE, "brief (2).pdf": FILE + b"2", "foto": b"\x89PNG"}
    assert "brief.pdf — Tweede brief" in " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_the_gemeentes_logo_is_in_the_letterhead(tmp_path, kind):
    logo = tmp_path / f"logo.{kind}"
    if kind == "png":
        PILImage.new("RGB", (600, 150), "#00689e").save(logo)
    else:
        logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="75">'
                        '<rect width="300" height="75" fill="#00689e"/></svg>')
    with_logo = avg_pdf.render(_cover(logo), [], [])
    page = PdfReader(io.BytesIO(with_logo)).pages[0]
    if kind == "png":
        assert len(page.images) == 1
    else:  # drawn as vector paths in the page: a filled rectangle in the logo's colour
        assert b"0 0 300 75 re f" in page.get_contents().get_data()
    assert avg_pdf._logo(logo).wrap(500, 500)[1] <= avg_pdf.LOGO_MAX[1] + 0.01


def test_a_broken_logo_leaves_the_name_alone(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a png")
    text = PdfReader(io.BytesIO(avg_pdf.render(_cover(logo), [], []))).pages[0].extract_text()
    assert "Gemeente Woerden" in text


def test_what_was_filled_in_reads_as_words_not_as_json():
    from app.services.avg_export import _shown
    data = {"datum_gesprek": "2026-12-07", "mantelzorger_betrokken": True, "aanwezigen": ["inwoner", "dochter"],
            "advies": None}
    assert _shown("human_task", "data", data) == ("datum gesprek: 2026-12-07; mantelzorger betrokken: ja; "
                                                  "aanwezigen: inwoner, dochter; advies: –")
    assert _shown("human_task", "status", "completed") == "afgerond"
    assert _shown("zaak", "status", "completed") == "completed"  # a code of another table is left alone
