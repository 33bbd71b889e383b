"""Routes of the Betalingen pages: load, ask the policy, call one service, render."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.deadlines import add_working_days
from ...services import betaalbatches
from ...services.betaalbatch_overzicht import overzicht
from ...services.errors import Conflict, Forbidden, InvalidInput, NotFound
from ..documents.routes import download_response
from ..errors import refuse
from ..paging import page_arg
from . import bp

PAGE_SIZE = 50


@bp.route("/")
@login_required
def index():
    _require(policy.decide(current_user, "betalingen.bekijken"))
    page = page_arg(PAGE_SIZE)
    batches, total = betaalbatches.list_betaalbatches(current_user, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render_template("betalingen/index.html", batches=batches, total=total, page=page, page_size=PAGE_SIZE,
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")), ("Betalingen", None)])


@bp.route("/<id:batch_id>")
@login_required
def batch(batch_id: int):
    found = _load(batch_id)
    return _render(found, {}, request.args.get("uitvoerdatum"))


@bp.route("/<id:batch_id>/sluiten", methods=["POST"])
@login_required
def close(batch_id: int):
    found = _load(batch_id)
    raw = (request.form.get("uitvoerdatum") or "").strip()
    try:
        uitvoerdatum = date.fromisoformat(raw) if raw else None
    except ValueError:
        return _render(found, {"uitvoerdatum": "Vul bij 'Uitvoerdatum' een geldige datum in."}, raw)
    try:
        betaalbatches.close_betaalbatch(current_user, uitvoerdatum, batch_id=found.id)
    except InvalidInput as exc:
        return _render(found, exc.errors, raw, problem=None if exc.errors else str(exc))  # rolled back: unchanged
    except (Forbidden, Conflict) as exc:
        flash(str(exc), "error")
    else:
        flash(f"Betaalbatch {found.nummer} is gesloten en het betaalbestand is gemaakt. Een collega van de "
              "backoffice controleert hem en geeft hem vrij.", "success")
    return redirect(url_for("betalingen.batch", batch_id=batch_id))


@bp.route("/<id:batch_id>/vrijgeven", methods=["POST"])
@login_required
def release(batch_id: int):
    found = _load(batch_id)
    try:
        betaalbatches.release_betaalbatch(current_user, found.id)
    except (Forbidden, Conflict) as exc:
        flash(str(exc), "error")
    else:
        flash(f"Betaalbatch {found.nummer} is vrijgegeven; het betaalbestand kan naar de bank.", "success")
    return redirect(url_for("betalingen.batch", batch_id=batch_id))


@bp.route("/<id:batch_id>/pain001")
@login_required
def download(batch_id: int):
    found = _load(batch_id)
    try:
        name, xml = betaalbatches.pain001_of(current_user, found.id)
    except (Forbidden, Conflict) as exc:
        flash(str(exc), "error")
        return redirect(url_for("betalingen.batch", batch_id=batch_id))
    return download_response(xml, "application/xml", name)


def _render(found, errors: dict, uitvoerdatum: str | None, problem: str | None = None):
    """The batch page; `errors` per field of the close form, `problem` when closing failed as a whole."""
    view = overzicht(found)
    default = add_working_days(date.today(), 1).isoformat()
    return render_template(
        "betalingen/batch.html", view=view, batch=found, errors=errors, problem=problem, uitvoerdatum=uitvoerdatum or default,
        may_close=policy.decide(current_user, "betaalbatch.sluiten", found),
        may_release=policy.decide(current_user, "betaalbatch.vrijgeven", found),
        may_download=policy.decide(current_user, "betaalbatch.downloaden", found),
        breadcrumbs=[("Werkvoorraad", url_for("inbox.index")), ("Betalingen", url_for("betalingen.index")),
                     (found.nummer, None)]), 400 if errors or problem else 200


def _load(batch_id: int):
    _require(policy.decide(current_user, "betalingen.bekijken"))
    try:
        batch = betaalbatches.get_betaalbatch(batch_id)
    except NotFound:
        abort(404)
    _require(policy.decide(current_user, "betalingen.bekijken", batch))
    return batch


def _require(decision) -> None:
    if not decision:
        refuse(decision)
