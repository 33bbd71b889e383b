"""The readable AVG afschrift (inzage, art. 15 AVG) laid out as PDF: the letterhead, the explanation, and per
part of the export its title, where it comes from (the table), its rows with Dutch labels, and the names of the
files that go with it; the documents and uploads themselves are embedded in the PDF as files.

Laid out with ReportLab's Platypus, not with WeasyPrint as the letters are: a person with 50 zaken has about
1,000 rows on some 60 pages, and WeasyPrint (~0.05 s of CPU a page) took 3.5–4 s for them where Platypus takes
~0.5 s (bench/avg_export.py measures both). The files are added to the finished PDF with pypdf. The look
follows the letters: the gemeente's name (and logo) in its colour, DejaVu Sans, 'Pagina x van y', and a
bookmark per part so that a reader can jump to it."""
import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfWriter
from pypdf.generic import TextStringObject
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import HRFlowable, Image, KeepTogether, Paragraph, SimpleDocTemplate

logger = logging.getLogger(__name__)

#: Where the DejaVu fonts of the letters are (Debian/Ubuntu, Fedora, Alpine/Arch); ReportLab's own Vera (the
#: font DejaVu grew from, with fewer characters) when none has them.
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/dejavu",
             "/usr/share/fonts/TTF")
FONT, BOLD, MONO = "AfschriftSans", "AfschriftSans-Bold", "AfschriftMono"
TEXT, GREY, RULE = colors.HexColor("#1a1a1a"), colors.HexColor("#444444"), colors.HexColor("#cccccc")
MARGINS = {"leftMargin": 22 * mm, "rightMargin": 20 * mm, "topMargin": 22 * mm, "bottomMargin": 22 * mm}
LOGO_MAX = (60 * mm, 18 * mm)


@dataclass(frozen=True)
class Section:
    """One part of the export as the PDF shows it. `rows`: per row its (label, text) pairs, or — with a
    `legend` (the labels once) — per row its values as one text."""

    titel: str
    table: str
    uitleg: str
    count: int
    omit: dict
    legend: list | None
    rows: list
    files: list  # (file name, title)


@dataclass(frozen=True)
class Cover:
    titel: str  # "Uw gegevens bij Gemeente Woerden"
    gemeente: str
    persoon: str
    datum: str
    verzoek: str
    kleur: str
    logo: Path | bytes | None


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str, str]:
    """Register the fonts once per process (the worker's warm-up does it before the first job)."""
    found = next((Path(d) for d in FONT_DIRS if (Path(d) / "DejaVuSans.ttf").is_file()
                  and (Path(d) / "DejaVuSans-Bold.ttf").is_file()), None)
    if found is not None:
        files = (found / "DejaVuSans.ttf", found / "DejaVuSans-Bold.ttf",
                 found / "DejaVuSansMono.ttf" if (found / "DejaVuSansMono.ttf").is_file() else found / "DejaVuSans.ttf")
    else:
        logger.warning("DejaVu Sans not found in %s: the AVG afschrift uses ReportLab's Vera", FONT_DIRS)
        files = ("Vera.ttf", "VeraBd.ttf", "Vera.ttf")
    for name, file in zip((FONT, BOLD, MONO), files):
        pdfmetrics.registerFont(TTFont(name, str(file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    return FONT, BOLD, MONO


def render(cover: Cover, sections: list[Section], attachments: list) -> bytes:
    """The PDF of the afschrift, with `attachments` — (file name, description, bytes) — embedded as files."""
    return attach(layout(cover, sections), attachments)


def layout(cover: Cover, sections: list[Section]) -> bytes:
    """The afschrift's pages (without the files)."""
    fonts()
    styles = _styles(colors.HexColor(cover.kleur))
    story = _front(cover, styles)
    for number, section in enumerate(sections):
        story += _section(section, f"deel-{number}", styles)
    buffer = io.BytesIO()
    document = _Document(buffer, pagesize=A4, title=f"{cover.titel} — {cover.persoon}", author=cover.gemeente,
                         subject="Inzage in persoonsgegevens (artikel 15 AVG)", lang="nl", **MARGINS)
    document.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def _styles(kleur) -> dict:
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16, textColor=TEXT, spaceAfter=6)
    return {
        "body": body,
        "klein": ParagraphStyle("klein", parent=body, fontSize=9.5, leading=13.5, textColor=GREY),
        "afzender": ParagraphStyle("afzender", parent=body, fontName=BOLD, fontSize=13, leading=17, textColor=kleur,
                                   spaceAfter=2),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=17, leading=22, spaceBefore=14,
                             spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=13, leading=17, spaceBefore=18,
                             spaceAfter=1),
        "bron": ParagraphStyle("bron", parent=body, fontSize=9, leading=12.5, textColor=GREY, spaceBefore=2,
                               spaceAfter=7),
        "rij": ParagraphStyle("rij", parent=body, leftIndent=9, spaceBefore=0, spaceAfter=7, splitLongWords=1),
        "leeg": ParagraphStyle("leeg", parent=body, textColor=GREY),
        "bestand": ParagraphStyle("bestand", parent=body, leftIndent=14, bulletIndent=4, spaceAfter=2),
        "kleur": kleur,
    }


def _front(cover: Cover, s: dict) -> list:
    """The letterhead and the explanation above the parts (as the letters and the template before)."""
    head = [logo] if (logo := _logo(cover.logo)) is not None else []
    head += [Paragraph(_t(cover.gemeente), s["afzender"]),
             HRFlowable(width="100%", thickness=1.5, color=s["kleur"], spaceBefore=2, spaceAfter=4)]
    return head + [
        Paragraph(_t(cover.titel), s["h1"]),
        Paragraph("Dit is een overzicht van alle gegevens die de gemeente in het systeem voor zorg en ondersteuning "
                  f"(Wmo en Jeugd) over <b>{_t(cover.persoon)}</b> bewaart. U heeft daar recht op volgens artikel 15 "
                  "van de Algemene verordening gegevensbescherming (AVG).", s["body"]),
        Paragraph(f"Gemaakt op {_t(cover.datum)}. {_t(cover.verzoek)}.", s["klein"]),
        Paragraph("Klopt er iets niet? Dan kunt u de gemeente vragen het te verbeteren (artikel 16 AVG): in Mijn "
                  "zaken, bij \"Mijn gegevens downloaden\", onder \"Gegevens laten verbeteren\".", s["body"]),
        Paragraph("Bij elk onderdeel staat uit welke tabel van het systeem het komt. Technische kenmerken (zoals "
                  "nummers van regels en de gegevens van het werkproces) staan in het JSON-bestand dat u ook kunt "
                  "downloaden. Brieven en documenten die u meestuurde zitten als bestand in deze PDF (bijlagen); uw "
                  "PDF-lezer toont ze bij \"bijlagen\" of met het paperclip-teken. Met de bladwijzers van uw "
                  "PDF-lezer gaat u direct naar een onderdeel.", s["klein"]),
    ]


def _section(section: Section, key: str, s: dict) -> list:
    count = f"{section.count} {'regel' if section.count == 1 else 'regels'}"
    technical = " (technische gegevens: ze staan in het JSON-bestand)" if section.count and not section.rows else ""
    omitted = "".join(f" Niet opgenomen: {_t(column)} ({_t(why)})." for column, why in section.omit.items())
    head = [_Heading(_t(section.titel), s["h2"], key=key, outline=section.titel),
            HRFlowable(width="100%", thickness=0.75, color=s["kleur"], spaceBefore=0, spaceAfter=2),
            Paragraph(f"{_t(section.uitleg)} Bron: tabel <font name=\"{MONO}\">{_t(section.table)}</font> · "
                      f"{count}{technical}.{omitted}", s["bron"])]
    if not section.count:
        head.append(Paragraph("Hierover zijn geen gegevens van u vastgelegd.", s["leeg"]))
    if section.legend:
        head.append(Paragraph(f"Per regel: <b>{_t(' · '.join(section.legend))}</b>", s["body"]))
        rows = [_Row(_t(text), s["rij"]) for text in section.rows]
    else:
        rows = [_Row(" · ".join(f"<b>{_t(name)}:</b> {_t(text)}" for name, text in fields), s["rij"])
                for fields in section.rows]
    files = []
    if section.files:
        files = [Paragraph("Bestanden bij dit onderdeel (als bijlage in deze PDF):", s["body"])]
        files += [Paragraph(f"{_t(naam)} — {_t(titel)}", s["bestand"], bulletText="•") for naam, titel in section.files]
    # the heading never stands alone at the foot of a page: it goes with the first row
    return [KeepTogether(head + rows[:1]), *rows[1:], *files]


def _t(text) -> str:
    """Text for a Platypus paragraph: its markup characters escaped, a line break kept as one."""
    return escape(str(text)).replace("\n", "<br/>")


def _logo(path: Path | bytes | None):
    """The gemeente's logo (PNG as a file or uploaded bytes, or SVG through svglib) within 60 × 18 mm, or None."""
    if path is None:
        return None
    try:
        if isinstance(path, bytes):
            path = io.BytesIO(path)
        elif path.suffix.lower() == ".svg":
            from svglib.svglib import svg2rlg
            drawing = svg2rlg(str(path))
            scale = min(LOGO_MAX[0] / drawing.width, LOGO_MAX[1] / drawing.height)
            drawing.scale(scale, scale)
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            drawing.hAlign = "LEFT"
            return drawing
        image = Image(path if isinstance(path, io.BytesIO) else str(path))
        scale = min(LOGO_MAX[0] / image.imageWidth, LOGO_MAX[1] / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        image.hAlign = "LEFT"
        return image
    except Exception:  # a broken logo file: the letterhead is the name alone, as without a logo
        logger.exception("The logo %s could not be drawn in the AVG afschrift", path)
        return None


def attach(pdf: bytes, attachments: list) -> bytes:
    """`pdf` with each (file name, description, bytes) embedded as a file; a name that comes twice gets a number."""
    if not attachments:
        return pdf
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    used = set()
    for name, description, data in attachments:
        unique, n = name, 1
        while unique in used:
            n += 1
            stem, dot, suffix = name.rpartition(".")
            unique = f"{stem} ({n}).{suffix}" if dot and stem else f"{name} ({n})"
        used.add(unique)
        writer.add_attachment(unique, data).description = TextStringObject(description)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _Row(Paragraph):
    """A row of a part: a paragraph with a grey bar on its left (also on the piece after a page break)."""

    def draw(self):
        super().draw()
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(2.25)
        canvas.line(1.2, -1, 1.2, self.height + 1)
        canvas.restoreState()


class _Heading(Paragraph):
    """A part's title, with a bookmark in the PDF's outline."""

    def __init__(self, text, style, key: str, outline: str):
        super().__init__(text, style)
        self.key, self.outline = key, outline

    def draw(self):
        super().draw()
        self.canv.bookmarkHorizontal(self.key, 0, self.height)
        self.canv.addOutlineEntry(self.outline, self.key, level=0)


class _Document(SimpleDocTemplate):
    def beforeDocument(self):
        self.canv.showOutline()  # the reader opens with the bookmarks shown


class _NumberedCanvas(Canvas):
    """'Pagina x van y' at the foot of each page: the pages are kept until the last one, then numbered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 9)
            self.setFillColor(TEXT)
            self.drawRightString(A4[0] - MARGINS["rightMargin"], 12 * mm, f"Pagina {self._pageNumber} van {total}")
            super().showPage()
        super().save()

