"""Routes of the rapportage pages: read the filters, load the gemeente asked for, ask the policy, call the
service, render. Aggregates only: these pages read no person's data, so they write no processing-log record
(the zaken behind a figure are doorklik.py's)."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ... import db
from ...domain import policy
from ...services import budgetten
from ...services.errors import Forbidden, InvalidInput
from ...services.gemeenten import by_code
from ...services.rapportage import dashboard as dashboard_service
from ...services.rapportage import cijfers, export, samenvatting_lezen
from ...services.rapportage.scope import FIRST_YEAR, PER, Filters, build_scope, categorieen, filter_options, parse_filters
from ..documents.routes import download_response
from ..errors import refuse
from . import bp
from ...domain.input import is_digits
from .charts import bar_chart

FILES = {"csv": ("text/csv; charset=utf-8", export.to_csv),
         "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.to_xlsx)}


def load_scope(args, action: str = "rapportage.bekijken"):
    """The scope the query arguments ask for, or (None, errors); refused (403/404) by the policy."""
    decision = policy.decide(current_user, action)
    if not decision:
        refuse(decision)
    try:
        filters = parse_filters(args)
    except InvalidInput as exc:
        return None, exc.errors
    gemeente = by_code(db.session, filters.gemeente) if filters.gemeente else None
    if filters.gemeente and gemeente is None:
        abort(404)
    decision = policy.decide(current_user, action, gemeente)
    if not decision:
        refuse(decision)
    return build_scope(current_user, filters, gemeente), {}


@bp.route("/")
@login_required
def index():
    scope, errors = load_scope(request.args)
    groups, berekend = cijfers.dashboard(scope) if scope else ([], None)
    stand = samenvatting_lezen.ready(scope) if scope and berekend is None else None
    return render_template(
        "rapportage/index.html", scope=scope, groups=groups, errors=errors, choices=_choices(),
        filters=scope.filters if scope else Filters(jaar=date.today().year), raw=request.args,
        chart=bar_chart, cell_text=export.cell_text, bijgewerkt=samenvatting_lezen.bijgewerkt_om(stand),
        berekend=samenvatting_lezen.om(berekend), hooguit_oud=cijfers.max_age_text(),
        may_budget=policy.decide(current_user, "budget.beheren"),
        may_drilldown=policy.decide(current_user, "rapportage.doorklikken"),
        breadcrumbs=[("Managementinformatie", None)]), 400 if errors else 200


def _choices() -> dict:
    """The options of each filter: only the user's gemeenten and their wijken and teams."""
    options = filter_options(current_user)
    return {"gemeente": [(g.code, g.naam) for g in options["gemeenten"]],
            "jaar": [(y, y) for y in range(date.today().year + 1, FIRST_YEAR - 1, -1)],
            "per": list(PER.items()), "wijk": [(w, w) for w in options["wijken"]],
            "team": [(t, t) for t in options["teams"]],
            "categorie": [(c, f"{c} {naam} ({'Wmo' if d == 'wmo' else 'Jeugd'})") for c, d, naam in options["categorieen"]],
            "aanbieder": [(a_id, naam) for a_id, naam in options["aanbieders"]]}


@bp.route("/export")
@login_required
def download():
    """One table as a file: ?tabel=<key>&formaat=csv|xlsx, with the dashboard's filters."""
    scope, errors = load_scope(request.args)
    key, fmt = request.args.get("tabel", ""), request.args.get("formaat", "csv")
    if not key:  # the downloads are links beside each table: without one, back to the tables
        return redirect(url_for("rapportage.index", **(scope.filters.as_args() if scope else {})))
    if fmt not in FILES or key not in dashboard_service.TABLES:
        abort(404)
    if errors:
        abort(400, "De filters zijn niet goed ingevuld: " + " ".join(errors.values()))
    mimetype, write = FILES[fmt]
    table, _berekend = cijfers.table(scope, key)
    suffix = scope.filters.gemeente or "samenwerkingsverband"
    return download_response(write(table, scope.label), mimetype, f"{key}-{suffix}-{scope.filters.jaar}.{fmt}")


@bp.route("/budget", methods=["GET", "POST"])
@login_required
def budget():
    args = request.form if request.method == "POST" else request.args
    decision = policy.decide(current_user, "budget.beheren")
    if not decision:
        refuse(decision)
    gemeenten = sorted(current_user.gemeenten, key=lambda g: g.naam)
    code = (args.get("gemeente") or (gemeenten[0].code if gemeenten else "")).strip()
    gemeente = by_code(db.session, code)
    if gemeente is None:
        abort(404)
    decision = policy.decide(current_user, "budget.beheren", gemeente)
    if not decision:
        refuse(decision)
    raw_jaar = (args.get("jaar") or str(date.today().year)).strip()
    jaar = int(raw_jaar) if is_digits(raw_jaar) and len(raw_jaar) == 4 else 0
    errors, values = {}, {}
    cats = categorieen()
    if request.method == "POST":
        values = {cat: request.form.get(f"budget-{cat}", "") for cat, _d, _n in cats}
        try:
            changed = budgetten.set_budgets(current_user, gemeente, jaar, values)
        except InvalidInput as exc:
            errors = exc.errors or {"jaar": str(exc)}
        except Forbidden as exc:
            abort(403, str(exc))
        else:
            flash(f"Budget {jaar} van {gemeente.naam}: {len(changed)} categorie{'ën' if len(changed) != 1 else ''} "
                  "gewijzigd." if changed else "Er was niets veranderd.", "success")
            return redirect(url_for("rapportage.budget", gemeente=gemeente.code, jaar=jaar))
    elif not jaar:
        errors = {"jaar": "Kies bij 'Jaar' een jaar van vier cijfers."}
    if not values:
        stored = budgetten.budgets_for(gemeente.id, jaar) if jaar else {}
        values = {cat: export.cell_text(export.Cell(stored[cat], None), "bedrag").removeprefix("€ ")
                  for cat in stored}
    return render_template("rapportage/budget.html", gemeente=gemeente, gemeenten=gemeenten, jaar=jaar or raw_jaar,
                           cats=cats, values=values, errors=errors,
                           breadcrumbs=[("Managementinformatie", url_for("rapportage.index")),
                                        ("Budget", None)]), 400 if errors else 200
