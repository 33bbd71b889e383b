"""The `pagina` query parameter of list pages: a page number from 1 up to the last page an offset can
reach; anything else (text, 0, -3, a number of 5000 digits) shows the nearest page that exists."""
from flask import request

from ..domain.input import MAX_ID


def page_arg(page_size: int) -> int:
    page = request.args.get("pagina", 1, type=int) or 1
    return min(max(page, 1), MAX_ID // page_size)
