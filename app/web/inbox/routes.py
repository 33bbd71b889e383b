"""Routes of the inbox: load, ask the policy, call one service, render."""
from dataclasses import replace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.forms import coerce_html
from ...domain.input import valid_id
from ...engine import EngineError, ScriptError
from ...services import correctieverzoek, dossier, nieuwe_berichten, task_selection, tasks, te_beoordelen
from ...services.case_view import berichten_of
from ...services.errors import Forbidden, InvalidInput, NotFound
from ...services.inbox import SearchTooBroad, inbox_page
from ...services.lookups import (aanbieder_choices, choices_for, colleagues_for, completed_tasks, documents_of, draft_of, form_of,
                                 get_task, get_zaak, previous_values, process_error_of, products, task_facts)
from ...services.persoonsgegevens import missing_for_messages
from ..errors import refuse
from ..form_fields import describe, fields_from_schema
from ..paging import page_arg
from ..task_filters import filter_args, parse_filter
from . import bp
from .facets import SORT_LABELS, facet_options

PAGE_SIZE = 50


@bp.route("/")
@login_required
def index():
    _require(policy.decide(current_user, "werkvoorraad.gebruiken"))
    page = page_arg(PAGE_SIZE)
    flt, filter_errors = parse_filter(request.args, current_user)
    flt.limit, flt.offset = PAGE_SIZE, (page - 1) * PAGE_SIZE
    try:
        result = inbox_page(current_user, flt)
    except SearchTooBroad as exc:  # like any filter that cannot be used: shown, and the list without it
        filter_errors.update(exc.errors)
        result = inbox_page(current_user, replace(flt, zoek=None))
    consulent = current_user.has_role("consulent")
    verzoeken = correctieverzoek.open_verzoeken(current_user) if consulent else []
    # with a search the zaken found come first; the new messages wait for the list without one
    nieuw = nieuwe_berichten.zaken_met_nieuw_bericht(current_user) if consulent and not flt.zoek else []
    dossier.log_page_lists(
        current_user,
        tasks=(result.tasks, "Gevonden met zoeken in de werkvoorraad" if flt.zoek else "Naam getoond in de werkvoorraad"),
        zaken_lists=[([found.zaak for found in result.zaken], "Gevonden met zoeken naar zaken in de werkvoorraad"),
                     ([n.zaak for n in nieuw], "Naam getoond bij de nieuwe berichten in de werkvoorraad")],
        people_lists=[([v.zaak.person for v in verzoeken], "avg-correctieverzoek",
                       "Naam getoond bij de verzoeken om correctie in de werkvoorraad")])
    return render_template("inbox/index.html", tasks=result.tasks, total=result.total, page=page,
                           correctieverzoeken=verzoeken, unread=result.unread, zaken=result.zaken,
                           nieuwe_berichten=nieuw,
                           colleagues=task_selection.colleagues_of(current_user) if result.tasks else [],
                           page_size=PAGE_SIZE, flt=flt, filter_errors=filter_errors,
                           facets=facet_options(result.counts, flt, current_user), sorts=SORT_LABELS,
                           args=filter_args(flt, current_user), breadcrumbs=[("Werkvoorraad", None)])


@bp.route("/taken/<id:task_id>", methods=["GET", "POST"])
@login_required
def task(task_id: int):
    task = _load_task(task_id)
    _require(policy.decide(current_user, "taak.bekijken", task_facts(task)))
    errors, draft = {}, draft_of(task)
    values = dict(draft.data) if draft else previous_values(task)
    schema = form_of(task)
    process_error = None
    if request.method == "POST":
        values = coerce_html(schema, request.form)
        if request.form.get("actie") == "concept":
            done, errors = _save_draft(task, values)
        else:
            done, errors, process_error = _complete(task, values)
        if done:
            return done
    else:
        process_error = process_error_of(task)
    dossier.open_task(current_user, task)  # the form shown again with its errors is a read too
    zaak = get_zaak(task.zaak_id)
    may_complete = policy.decide(current_user, "taak.voltooien", task_facts(task))
    fields = fields_from_schema(schema, values, errors, _choices(zaak, schema))
    return render_template("inbox/task.html", task=task, zaak=zaak, schema=schema, fields=fields, errors=errors,
                           may_complete=may_complete, earlier=_earlier_steps(zaak, task), draft=draft,
                           colleagues=colleagues_for(task, current_user), documents=documents_of(zaak),
                           berichten=berichten_of(zaak), process_error=process_error,
                           adres_ontbreekt=missing_for_messages(zaak.person) if process_error else [],
                           beoordeling=te_beoordelen.beoordeling_of(current_user, task),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")), (task.title, None)]), \
        400 if errors else 422 if request.method == "POST" and process_error else 200


@bp.route("/taken/<id:task_id>/oppakken", methods=["POST"])
@login_required
def claim(task_id: int):
    return _task_action(task_id, tasks.claim_task, "U heeft de taak opgepakt.")


@bp.route("/taken/<id:task_id>/teruggeven", methods=["POST"])
@login_required
def release(task_id: int):
    return _task_action(task_id, tasks.release_task, "De taak staat weer open voor uw collega's.")


@bp.route("/taken/<id:task_id>/overdragen", methods=["POST"])
@login_required
def hand_over(task_id: int):
    task = _load_task(task_id)
    _require(policy.decide(current_user, "taak.bekijken", task_facts(task)))
    colleague = request.form.get("collega", type=int)
    if not colleague or not valid_id(colleague):
        flash("Kies de collega aan wie u de taak wilt overdragen.", "error")
        return redirect(url_for("inbox.task", task_id=task.id))
    try:
        tasks.hand_over_task(current_user, task.id, colleague)
    except (Forbidden, EngineError) as exc:
        flash(str(exc), "error")
        return redirect(url_for("inbox.task", task_id=task.id))
    flash(f"De taak '{task.title}' is overgedragen.", "success")
    return redirect(url_for("inbox.index"))


def _complete(task, values: dict):
    """(redirect, {}, None) when the task was completed or refused; (None, errors, process error) to show
    the form again — with a process error the task stays open with what was typed, and sending it retries."""
    try:
        tasks.complete_task(current_user, task.id, values)
    except InvalidInput as exc:
        return None, exc.errors, None
    except ScriptError as exc:
        return None, {}, str(exc)
    except (Forbidden, EngineError) as exc:
        flash(str(exc), "error")
        return redirect(url_for("inbox.task", task_id=task.id) if isinstance(exc, Forbidden)
                        else url_for("inbox.index")), {}, None
    flash(f"Taak '{task.title}' is afgerond.", "success")
    return redirect(url_for("inbox.index")), {}, None


def _save_draft(task, values: dict):
    """(redirect, {}) after saving (or refusing) the draft; (None, errors) for text that cannot be stored."""
    try:
        tasks.save_draft(current_user, task.id, values)
    except InvalidInput as exc:
        return None, exc.errors
    except (Forbidden, EngineError) as exc:
        flash(str(exc), "error")
    else:
        flash("Uw concept is opgeslagen. U of een collega kan later verder gaan.", "success")
    return redirect(url_for("inbox.task", task_id=task.id)), {}


def _earlier_steps(zaak, task) -> list[dict]:
    """What colleagues recorded before, newest first; the step this one checks (vier-ogen) opened."""
    steps = []
    for done in reversed(completed_tasks(zaak)):
        schema = form_of(done)
        steps.append({"title": done.title, "by": done.completed_by, "at": done.completed_at,
                      "open": done.spec_name == task.separate_from,
                      "values": describe(schema, done.data or {}, _choices(zaak, schema))})
    return steps


def _task_action(task_id: int, action, message: str):
    task = _load_task(task_id)
    _require(policy.decide(current_user, "taak.bekijken", task_facts(task)))
    try:
        action(current_user, task_id)
        flash(message, "success")
    except (Forbidden, EngineError) as exc:
        flash(str(exc), "error")
    return redirect(url_for("inbox.task", task_id=task_id))


def _load_task(task_id: int):
    try:
        return get_task(task_id)
    except NotFound:
        abort(404)


def _choices(zaak, schema) -> dict:
    lists = choices_for(zaak, schema)
    if "producten" in lists:
        lists["producten"] = [(p.productcode, f"{p.productcode} — {p.omschrijving}")
                              for p in products(zaak.domein)]
    if "aanbieders" in lists:
        lists["aanbieders"] = aanbieder_choices(zaak)
    return lists


def _require(decision) -> None:
    if not decision:
        refuse(decision)
