"""Walk every page a logged-in user can reach by following links (GET only, never a form), one page per kind
of address: /werkvoorraad/zaken/3 and /werkvoorraad/zaken/4 are one kind, a filter or page number another."""
import re
from collections import deque
from urllib.parse import parse_qsl, urljoin, urlsplit

#: Addresses a walk never opens: logging out, files to download, the API, the development mail box, and a stored
#: document as sent (its sandbox policy blocks the axe script, whose load then never ends; the portal's letter page
#: shows the same letter inside the site and is walked).
SKIP = re.compile(r"^/(auth/uitloggen|api/|static/|thema/)|(\.pdf|\.xml|\.json|\.csv|\.xlsx|\.bpmn|\.dmn|/pdf|/xml|/pain001)$"
                  r"|/bijlagen/\d+$|^/werkvoorraad/ontwikkeling/|^/documenten/\d+$")
#: The links on a page, as the browser resolved them, without those marked as downloads.
LINKS = "() => [...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download')).map(a => a.href)"


def kind(path_and_query: str) -> str:
    """'/werkvoorraad/zaken/12?pagina=2' → '/werkvoorraad/zaken/#?pagina'."""
    parts = urlsplit(path_and_query)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"/\d+(?=/|$)", "/#", parts.path) + ("?" + "&".join(keys) if keys else "")


def walk(page, base_url: str, start: str = "/", limit: int = 60):
    """Yield (address, response status) for each page reached from `start`, after loading it in `page`."""
    origin = urlsplit(base_url)
    queue, seen = deque([start]), {kind(start)}
    opened = 0
    while queue and opened < limit:
        address = queue.popleft()
        response = page.goto(base_url + address)
        opened += 1
        yield address, response.status if response else 0
        for href in page.evaluate(LINKS):
            target = urlsplit(urljoin(page.url, href))
            if (target.scheme, target.netloc) != (origin.scheme, origin.netloc):
                continue
            relative = target.path + (f"?{target.query}" if target.query else "")
            if SKIP.search(target.path) or kind(relative) in seen:
                continue
            seen.add(kind(relative))
            queue.append(relative)
