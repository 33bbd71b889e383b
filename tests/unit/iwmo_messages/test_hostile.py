"""Hostile or malformed input is rejected with a structured Issue, never a stack trace."""
import io

import pytest

from iwmo_messages import MessageError, parse, validate

from iwmo_helpers import DATA

GOOD = (DATA / "iwmo" / "WMO305.xml").read_bytes()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<lolz>&lol9;</lolz>"""


def _rule(source, **kw):
    result = validate(source, **kw)
    assert not result.valid and result.message is None
    return result.issues[0].rule


def test_billion_laughs_is_rejected_as_dtd():
    assert _rule(BILLION_LAUGHS) == "DTD"


def test_external_entity_to_a_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = GOOD.replace(b'<?xml version="1.0" encoding="UTF-8"?>',
                       f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'.encode())
    xxe = xxe.replace(b"<iwmo:Achternaam>Wit", b"<iwmo:Achternaam>&s;")
    result = validate(xxe)
    assert result.issues[0].rule == "DTD"
    assert "TOPSECRET" not in str(result.issues)


def test_external_entity_to_a_url_is_not_fetched():
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "http://127.0.0.1:9/evil">]>'
           b"<x>&s;</x>")
    assert _rule(xxe) == "DTD"


def test_100_mb_file_is_refused_by_size_without_reading(tmp_path):
    big = tmp_path / "big.xml"
    with open(big, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: costs neither disk nor memory
    result = validate(big)
    assert result.issues[0].rule == "SIZE" and "104857600" in result.issues[0].message


def test_oversized_stream_is_refused_after_reading_one_byte_past_the_limit():
    class Endless(io.RawIOBase):
        read_sizes = []

        def read(self, n=-1):
            self.read_sizes.append(n)
            return b"<" * n

    assert _rule(Endless(), max_bytes=1000) == "SIZE"
    assert Endless.read_sizes == [1001]


def test_10000_deep_nesting_is_rejected():
    deep = b"<a>" * 10_000 + b"</a>" * 10_000
    result = validate(deep)
    assert result.issues[0].rule == "XML" and "depth" in result.issues[0].message.lower()


def test_wrong_namespace_is_rejected():
    other = GOOD.replace(b"http://www.istandaarden.nl/iwmo/3_2/wmo305/schema", b"urn:other")
    assert _rule(other) == "NAMESPACE"


def test_wrong_release_is_rejected():
    old = GOOD.replace(b"/iwmo/3_2/wmo305/", b"/iwmo/3_1/wmo305/")
    result = validate(old)
    assert result.issues[0].rule == "RELEASE" and "3.1" in result.issues[0].message


def test_message_removed_in_release_3_is_rejected():
    old = GOOD.replace(b"wmo305", b"wmo303")
    assert _rule(old) == "NAMESPACE"


@pytest.mark.parametrize("junk", [b"", b"not xml", b"<a>", "<a/>".encode("utf-16"), b"\xff\xfe\x00"])
def test_garbage_gives_an_xml_issue(junk):
    assert _rule(junk) in {"XML", "NAMESPACE"}


def test_wrong_element_names_element_and_line():
    bad = GOOD.replace(b"<wmo305:StatusAanlevering>1<", b"<wmo305:StatusAanlevering>7<")
    issue = validate(bad).issues[0]
    assert issue.rule == "XSD" and issue.line == 41 and "StatusAanlevering" in issue.element
    with pytest.raises(MessageError):
        parse(bad)
