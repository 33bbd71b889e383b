"""Routes of quality per aanbieder and of the klachten and signalen the contractmanager follows up: load, ask the
policy (in the service), call one service, render. The blueprint's before_request lets in contractmanagers only."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...domain.klachten import BRONNEN, SOORTEN, STATUSSEN, next_states
from ...services import aanbieders as aanbieder_service
from ...services import klachten as service
from ...services import kwaliteit
from ...services.errors import Forbidden, InvalidInput, NotFound
from ...services.rapportage.export import cell_text
from ..errors import refuse
from . import bp
from .routes import _home, _int, _load


@bp.route("/aanbieders/<id:aanbieder_id>/kwaliteit")
def kwaliteit_page(aanbieder_id: int):
    """The figures of one aanbieder in the actor's gemeenten (or one of them) over a period."""
    found = _load(aanbieder_service.get_aanbieder, aanbieder_id)
    today, errors = date.today(), {}
    gemeenten = sorted((r.gemeente for r in found.registraties if r.gemeente_id in current_user.gemeente_ids),
                       key=lambda g: g.naam)
    periode = kwaliteit.periode_of(request.args.get("periode"), today)
    if periode is None:
        errors["periode"] = "Kies een periode uit de lijst."
        periode = kwaliteit.periode_of(None, today)
    code = (request.args.get("gemeente") or "").strip()
    chosen = [g for g in gemeenten if g.code == code] if code else gemeenten
    if not chosen:
        errors["gemeente"] = "Kies een gemeente uit de lijst, of alle gemeenten."
        chosen, code = gemeenten, ""
    figures = kwaliteit.kwaliteit(found.id, [g.id for g in chosen], periode, today)
    return render_template("contracten/kwaliteit.html", aanbieder=found, figures=figures, cell_text=cell_text,
                           period_options=[(p.key, p.label) for p in kwaliteit.periodes(today)[1:]], gemeenten=gemeenten,
                           gemeente_options=[(g.code, g.naam) for g in gemeenten], gemeente_code=code,
                           scope_label=", ".join(g.naam for g in chosen), errors=errors,
                           breadcrumbs=[_home(), (found.naam, url_for("contracten.aanbieder", aanbieder_id=found.id)),
                                        ("Kwaliteit", None)]), 400 if errors else 200


@bp.route("/klachten")
def klachten():
    """Klachten and signalen about the aanbieders of the actor's gemeenten, newest first (no names shown)."""
    status = request.args.get("status") or None
    aanbieder_id = _int(request.args.get("aanbieder"))
    rows = service.klachten_for(current_user, status if status in STATUSSEN else None, aanbieder_id)
    return render_template("contracten/klachten.html", rows=rows, status=status, statussen=STATUSSEN,
                           soorten=SOORTEN, bronnen=BRONNEN, aanbieder_id=aanbieder_id,
                           breadcrumbs=[_home(), ("Klachten en signalen", None)])


@bp.route("/klachten/<id:klacht_id>")
def klacht(klacht_id: int):
    return _klacht_page(_load_klacht(klacht_id))


@bp.route("/klachten/<id:klacht_id>/notitie", methods=["POST"])
def klacht_notitie(klacht_id: int):
    found = _load_klacht(klacht_id)
    values = {"notitie": request.form.get("notitie", ""), "status": request.form.get("status", "")}
    try:
        service.add_notitie(current_user, found.id, values["notitie"], values["status"])
    except InvalidInput as exc:
        return _klacht_page(found, errors=exc.errors, values=values)
    flash("De notitie is opgeslagen.", "success")
    return redirect(url_for("contracten.klacht", klacht_id=found.id, _anchor="opvolging"))


@bp.route("/klachten/<id:klacht_id>/afsluiten", methods=["POST"])
def klacht_afsluiten(klacht_id: int):
    found = _load_klacht(klacht_id)
    values = {"reden": request.form.get("reden", "")}
    try:
        service.close_klacht(current_user, found.id, values["reden"])
    except InvalidInput as exc:
        return _klacht_page(found, errors=exc.errors, values=values)
    flash(f"{SOORTEN[found.soort]} {found.kenmerk} is afgesloten. De inwoner ziet dat in Mijn zaken.", "success")
    return redirect(url_for("contracten.klacht", klacht_id=found.id))


def _klacht_page(found, errors=None, values=None):
    errors = errors or {}
    service.open_klacht(current_user, found)  # the page shows the inwoner and the zaak: a read of their data
    return render_template("contracten/klacht.html", klacht=found, errors=errors, values=values or {},
                           statussen=STATUSSEN, soorten=SOORTEN, bronnen=BRONNEN,
                           stand_options=[(s, STATUSSEN[s]) for s in next_states(found.status) if s != "afgesloten"],
                           breadcrumbs=[_home(), ("Klachten en signalen", url_for("contracten.klachten")),
                                        (found.kenmerk, None)]), 400 if errors else 200


def _load_klacht(klacht_id: int):
    try:
        return service.get_klacht(current_user, klacht_id)
    except NotFound:
        refuse(policy.HIDDEN)
    except Forbidden as exc:
        refuse(policy.deny(str(exc)))
