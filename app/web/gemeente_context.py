"""Which gemeente a page speaks for: its name or logo in the page header and its theme (colours) — the inwoner's
own gemeente in Mijn zaken, the one gemeente a staff member works for, or the installation's name when
they work for several (a samenwerkingsverband) or nobody is logged in."""
from flask import Flask, has_request_context, url_for
from flask_login import current_user
from sqlalchemy import func, select

from .. import db
from ..domain import thema
from ..models import Gemeente, Person
from ..services.beschikking_document import logo_file


def register_gemeente_context(app: Flask) -> None:
    app.context_processor(lambda: {"pagina_gemeente": _page_gemeente()})
    app.add_template_global(_theme_url, "gemeente_thema_url")
    app.add_template_global(_logo_url, "gemeente_logo_url")


def _page_gemeente() -> Gemeente | None:
    if not has_request_context():  # a letter rendered by a job names its own gemeente
        return None
    if current_user.is_authenticated:
        if current_user.person_id is not None:  # by id: a service may have closed the user's session
            return db.session.scalar(select(Gemeente).join(Person, Person.gemeente_id == Gemeente.id)
                                     .where(Person.id == current_user.person_id))
        gemeenten = current_user.gemeenten
        return gemeenten[0] if len(gemeenten) == 1 else None
    if db.session.scalar(select(func.count()).select_from(Gemeente)) == 1:
        return db.session.scalar(select(Gemeente))
    return None


def _theme_url(gemeente: Gemeente | None) -> str | None:
    """The stylesheet with the gemeente's theme tokens, or None when it sets none."""
    if gemeente is None or not thema.css(gemeente.thema):
        return None
    return url_for("main.thema", gemeente_id=gemeente.id)


def _logo_url(gemeente: Gemeente | None) -> str | None:
    """The address of the gemeente's logo (versioned by its hash), or None: then the header shows its name."""
    if gemeente is None:
        return None
    if gemeente.logo_sha256:
        return url_for("main.logo", gemeente_id=gemeente.id, v=gemeente.logo_sha256[:12])
    if gemeente.logo and logo_file(gemeente) is not None:
        return url_for("main.logo", gemeente_id=gemeente.id)
    return None
