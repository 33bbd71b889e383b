"""The stored beschikking letter as part of a portal page: the body of its HTML (as it was sent), without the
letter's own <style> — the page's stylesheet lays it out, inside the site's header and navigation."""
from lxml import html as lxml_html

#: Elements a letter never needs on a page; the page policy would refuse them anyway.
DROP = ("style", "script", "link", "meta", "title", "iframe", "object", "embed", "form")


def letter_body(document_html: str) -> str:
    """The inner HTML of the letter's <body>, with no element of DROP and no event or style attribute."""
    tree = lxml_html.document_fromstring(document_html)
    body = tree.body
    for element in list(body.iter(*DROP)):
        element.drop_tree()
    for element in body.iter():
        for name in list(element.attrib):
            if name.startswith("on") or name == "style":
                del element.attrib[name]
    text = body.text or ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in body)
