"""Plain Dutch for a controleniveau-1 issue: libxml2's English schema and parser errors (and the
loader's own level-1 texts) rewritten as one sentence that names the element by its local name.

`dutch_detail(issue)` gives the sentence without a line number (the validation report and the CLI
print the line beside it); `dutch_issue(issue)` starts with "Regel N" (and the column for XML that
is not well-formed) for a reader who sees only the sentence, such as an aanbieder after an upload.
Neither repeats which check failed (XSD, well-formedness): `report.level_one_text` and the app put
that lead before it.
A libxml2 message that none of the patterns knows still gets a Dutch sentence naming the element.
"""
from __future__ import annotations

import re

from .errors import Issue

_CLARK = re.compile(r"\{[^}]*\}")
_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?: ")
_WHERE = re.compile(r",? line (\d+), column (\d+)\s*$")

#: libxml2 schema errors (after "Element '…': "), each with its Dutch rendering.
_SCHEMA: list[tuple[re.Pattern, str]] = [
    (re.compile(r"This element is not expected\. Expected is one of \( (.+) \)\.$"),
     "het element {el} hoort hier niet. Op deze plek verwacht het schema een van: {names}."),
    (re.compile(r"This element is not expected\. Expected is \( (.+) \)\.$"),
     "het element {el} hoort hier niet. Op deze plek verwacht het schema: {names}."),
    (re.compile(r"This element is not expected\.$"),
     "het element {el} hoort hier niet; het schema verwacht op deze plek geen element meer."),
    (re.compile(r"Missing child element\(s\)\. Expected is one of \( (.+) \)\.$"),
     "in {el} ontbreekt een verplicht element; verwacht wordt een van: {names}."),
    (re.compile(r"Missing child element\(s\)\. Expected is \( (.+) \)\.$"),
     "in {el} ontbreekt een verplicht element: {names}."),
    (re.compile(r"\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$", re.S),
     "de waarde '{0}' van {el} heeft niet de vorm die het schema voorschrijft (patroon {1})."),
    (re.compile(r"\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$", re.S),
     "de waarde '{0}' van {el} is niet toegestaan. Toegestaan is: {set}."),
    (re.compile(r"\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed "
                r"maximum length of '(\d+)'\.$"),
     "de waarde van {el} is te lang: {0} tekens, terwijl er hoogstens {1} mogen."),
    (re.compile(r"\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed "
                r"minimum length of '(\d+)'\.$"),
     "de waarde van {el} is te kort: {0} tekens, terwijl er minstens {1} nodig zijn."),
    (re.compile(r"\[facet 'length'\] The value has a length of '(\d+)'; this differs from the allowed "
                r"length of '(\d+)'\.$"),
     "de waarde van {el} heeft {0} tekens, terwijl het er precies {1} moeten zijn."),
    (re.compile(r"\[facet 'maxInclusive'\] The value '(.*)' is greater than the maximum value allowed "
                r"\('(.*)'\)\.$"),
     "de waarde {0} van {el} is te groot; de hoogste toegestane waarde is {1}."),
    (re.compile(r"\[facet 'minInclusive'\] The value '(.*)' is less than the minimum value allowed "
                r"\('(.*)'\)\.$"),
     "de waarde {0} van {el} is te klein; de laagste toegestane waarde is {1}."),
    (re.compile(r"\[facet '(\w+)'\] The value '(.*)'", re.S),
     "de waarde '{1}' van {el} voldoet niet aan een beperking van het schema ({0})."),
    (re.compile(r"'(.*)' is not a valid value of the (?:atomic|list|union) type '(?:\{[^}]*\})?([^']+)'\.$", re.S),
     "{typed}"),
    (re.compile(r"'(.*)' is not a valid value of the local (?:atomic|list|union) type\.$", re.S),
     "{local}"),
    (re.compile(r"The attribute '([^']+)' is not allowed\.$"),
     "het attribuut {0} is bij {el} niet toegestaan."),
    (re.compile(r"The attribute '([^']+)' is required but missing\.$"),
     "bij {el} ontbreekt het verplichte attribuut {0}."),
    (re.compile(r"Character content other than whitespace is not allowed because the content type is "
                r"'element-only'\.$"),
     "{el} mag geen tekst bevatten, alleen elementen."),
    (re.compile(r"No matching global declaration available for the validation root\.$"),
     "het hoofdelement {el} is geen bericht dat het schema kent."),
]

#: libxml2 parser errors (XML that is not well-formed).
_PARSER: list[tuple[re.Pattern, str]] = [
    (re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)"),
     "de eindtag </{2}> past niet bij de begintag <{0}> van regel {1}."),
    (re.compile(r"Premature end of data in tag (\S+) line (\d+)"),
     "het bericht houdt op voordat <{0}> (regel {1}) is afgesloten."),
    (re.compile(r"Document is empty"), "het bericht is leeg."),
    (re.compile(r"Start tag expected, '<' not found"), "het bericht begint niet met een XML-element (<)."),
    (re.compile(r"Extra content at the end of the document"),
     "na het afsluitende hoofdelement staat nog inhoud; een bericht heeft één hoofdelement."),
    (re.compile(r"EndTag: '</' not found"), "een eindtag is niet volledig (</ ontbreekt)."),
    (re.compile(r"(?:Input is not proper UTF-8|Char 0x[0-9A-F]+ out of allowed range|PCDATA invalid Char)"),
     "het bericht bevat een teken dat geen geldige UTF-8-tekst is."),
    (re.compile(r"xmlParseEntityRef: no name|EntityRef: expecting ';'"),
     "een & staat los in de tekst; schrijf het als &amp;."),
    (re.compile(r"Couldn't find end of Start Tag (\S+)"), "de begintag <{0}> is niet afgesloten met >."),
]

#: Dutch for the loader's own level-1 checks (their English detail is not shown).
_OTHER = {
    "DTD": "een DOCTYPE of DTD is in een bericht niet toegestaan.",
    "SIZE": "het bericht is groter dan de GGk toestaat (25 MB, OP179).",
    "RELEASE": "alleen berichten van release 3.2 van iWmo en iJw worden gecontroleerd.",
}
_NO_NUMMER = re.compile(r"^message (\w+) does not exist")


def _local_names(clark_list: str) -> str:
    """'{ns}A, {ns}B' → 'A, B' (libxml2 may also write '##other{ns}*')."""
    names = [_CLARK.sub("", n.strip()) for n in clark_list.split(",")]
    return ", ".join(n for n in names if n)


def _element_of(issue: Issue) -> str:
    """The local name of the element an issue is about (from its path when the text has none)."""
    if issue.element:
        last = issue.element.rstrip("/").rsplit("/", 1)[-1]
        return re.sub(r"\[\d+\]$", "", _CLARK.sub("", last).split(":")[-1]) or "?"
    return "?"


def _typed(value: str, type_name: str, el: str) -> str:
    kind = type_name.lower()
    if "datumtijd" in kind or "datetime" in kind:
        what = "geldige datum en tijd (JJJJ-MM-DDTuu:mm:ss)"
    elif "datum" in kind or kind.endswith("date"):
        what = "geldige datum (JJJJ-MM-DD)"
    elif "tijd" in kind or kind.endswith("time"):
        what = "geldige tijd (uu:mm:ss)"
    elif any(w in kind for w in ("bedrag", "volume", "nummer", "integer", "int", "aantal", "versie")):
        what = "geldig geheel getal binnen de grenzen van het veld"
    else:
        what = "geldige waarde voor dit veld"
    return f"de waarde '{value}' van {el} is geen {what}."


def _schema_detail(issue: Issue) -> str:
    m = _ELEMENT.match(issue.message)
    el = m.group(1) if m else _element_of(issue)
    rest = issue.message[m.end():] if m else issue.message
    for pattern, text in _SCHEMA:
        found = pattern.search(rest)
        if not found:
            continue
        groups = found.groups()
        return text.format(*groups, el=el, names=_local_names(groups[0]) if groups else "",
                           set=", ".join(v.strip().strip("'") for v in groups[-1].split(",")) if groups else "",
                           typed=_typed(groups[0], groups[-1], el) if len(groups) == 2 else "",
                           local=_typed(groups[0], el, el) if groups else "")  # a local type: judge by the name
    return f"het element {el} voldoet niet aan het XSD-schema van iStandaarden."


def _parser_detail(issue: Issue) -> tuple[str, int | None]:
    """The Dutch sentence for a parser error and the column it names (None if it names none)."""
    raw = issue.message.removeprefix("not well-formed XML: ")
    where = _WHERE.search(raw)
    column = int(where.group(2)) if where else None
    raw = raw[:where.start()] if where else raw
    for pattern, text in _PARSER:
        found = pattern.search(raw)
        if found:
            return text.format(*found.groups()), column
    return "de opbouw van de tags klopt hier niet.", column


def dutch_detail(issue: Issue) -> str:
    """One Dutch sentence (lower-case start, no line number) for a level-1 issue."""
    if issue.rule == "XSD":
        return _schema_detail(issue)
    if issue.rule == "XML":
        return _parser_detail(issue)[0]
    if issue.rule == "NAMESPACE":
        nummer = _NO_NUMMER.match(issue.message)
        if nummer:
            return f"berichtnummer {nummer.group(1)} bestaat niet in release 3.2."
        return f"het hoofdelement {_element_of(issue)} heeft niet de namespace van een iWmo- of iJw-bericht."
    if issue.rule == "FILE":
        return f"het bestand kan niet worden gelezen ({issue.message})."
    return _OTHER.get(issue.rule, "het bericht kan niet worden gecontroleerd.")


def dutch_issue(issue: Issue) -> str:
    """The sentence of `dutch_detail` after "Regel N" (and ", kolom C" for XML that is not well-formed)."""
    detail = dutch_detail(issue)
    if not issue.line:
        return detail[:1].upper() + detail[1:]
    where = f"Regel {issue.line}"
    if issue.rule == "XML":
        column = _parser_detail(issue)[1]
        if column:
            where += f", kolom {column}"
    return f"{where}: {detail}"
