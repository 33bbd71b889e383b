"""Property: any message the library builds from valid parts validates against the XSD and
parses back equal. Parts are drawn from the official examples; values and list lengths vary."""
from dataclasses import fields
from datetime import date

from hypothesis import HealthCheck, given, settings, strategies as st

from iwmo_messages import parse, to_xml, validate

from iwmo_helpers import VALID_EXAMPLES

EXAMPLES = [parse(p) for p in VALID_EXAMPLES]
SAFE_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=20).filter(str.strip)
#: Free-valued attributes and what they may hold under the XSD.
FREE = {
    "achternaam": SAFE_TEXT, "voornamen": SAFE_TEXT, "commentaar": SAFE_TEXT,
    "identificatie": st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True),
    "referentie_nummer": st.from_regex(r"[A-Za-z0-9]{1,20}", fullmatch=True),
    "toewijzing_nummer": st.integers(0, 999_999_999),
    "geleverd_volume": st.integers(0, 99_999_999), "volume": st.integers(1, 99_999_999),
    "bedrag": st.integers(0, 99_999_999), "product_tarief": st.integers(0, 99_999_999),
    "dagtekening": st.dates(date(2021, 1, 1), date(2030, 12, 31)),
    "begindatum": st.dates(date(2021, 1, 1), date(2030, 12, 31)),
}


def vary(obj, draw):
    """Return a copy of a model part with free values redrawn and repeated parts resampled."""
    kwargs = {}
    for f in obj.XML:
        value = getattr(obj, f.attr)
        if f.many and value and hasattr(f.kind, "XML"):
            picks = draw(st.lists(st.sampled_from(value), min_size=1, max_size=3))
            value = [vary(v, draw) for v in picks]
        elif hasattr(f.kind, "XML") and value is not None and not f.many:
            value = vary(value, draw)
        elif f.attr in FREE and value is not None:
            value = draw(FREE[f.attr])
        kwargs[f.attr] = value
    names = {f.name for f in fields(obj)}
    if "standaard" in names:
        kwargs["standaard"] = obj.standaard
    return type(obj)(**kwargs)


@st.composite
def messages(draw):
    return vary(draw(st.sampled_from(EXAMPLES)), draw)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_any_built_message_is_xsd_valid_and_round_trips(message):
    xml = to_xml(message, validate=False)
    result = validate(xml)
    assert result.valid, result.issues
    assert result.message == message
