"""Routes of the public sociale kaart: load the gemeente (an unknown code is 404), read, render."""
from pathlib import Path

from flask import Response, abort, render_template, request, url_for

from ...domain.deadlines import format_date_nl
from ...domain.sociale_kaart import BEHOEFTEN, CATEGORIEEN, DOMEINEN, SOORTEN
from ...domain.beoordeling import ASPECTEN
from ...services import kaart_beoordelingen as ratings
from ...services import kaart_open_data as open_data
from ...services import kaart_publicatie as publicatie
from ...services import sociale_kaart as service
from ...services.gemeenten import all_gemeenten
from ..paging import page_arg
from . import bp

SCHEMA_FILE = Path(__file__).with_name("sociale-kaart.schema.json")
HOME = ("Sociale kaart", "kaart.index")
WORDS = {"behoeften": BEHOEFTEN, "categorieen": CATEGORIEEN, "domeinen": DOMEINEN, "soorten": SOORTEN}


@bp.route("/")
def index():
    """Choose the gemeente you live in."""
    return render_template("kaart/index.html", gemeenten=all_gemeenten(), breadcrumbs=[(HOME[0], None)])


@bp.route("/<gemeente:gemeente_code>/")
def search(gemeente_code: str):
    gemeente = _gemeente(gemeente_code)
    wijken = service.wijken_of(gemeente)
    asked = service.Filters(*(request.args.get(n, "") for n in ("behoefte", "wijk", "domein", "soort")))
    filters, notes = asked.cleaned(wijken)
    results = service.search(gemeente, filters, page_arg(service.PAGE_SIZE))
    beoordelingen = ratings.summaries(gemeente.id, [e.organisatie.aanbieder_id for e in results.entries])
    return render_template("kaart/zoeken.html", gemeente=gemeente, wijken=wijken, filters=filters, notes=notes,
                           beoordelingen=beoordelingen,
                           results=results, page_url=lambda n: url_for(
                               "kaart.search", gemeente_code=gemeente.code, **(request.args.to_dict() | {"pagina": n})),
                           format_date_nl=format_date_nl, pagina_gemeente=gemeente, **WORDS,
                           breadcrumbs=[_home(), (gemeente.naam, None)])


@bp.route("/<gemeente:gemeente_code>/<id:dienst_id>")
def entry(gemeente_code: str, dienst_id: int):
    gemeente = _gemeente(gemeente_code)
    found = service.get_entry(gemeente, dienst_id)
    if found is None:
        abort(404)
    page_url = url_for("kaart.entry", gemeente_code=gemeente.code, dienst_id=found.id, _external=True)
    beoordelingen = _beoordelingen(gemeente, found)
    return render_template("kaart/vermelding.html", gemeente=gemeente, entry=found, pagina_gemeente=gemeente,
                           json_ld=open_data.json_ld(found, gemeente, page_url,
                                                     beoordelingen and beoordelingen["samenvatting"]),
                           beoordelingen=beoordelingen, aspecten=ASPECTEN, format_date_nl=format_date_nl,
                           **WORDS, breadcrumbs=[_home(), (gemeente.naam, url_for("kaart.search",
                                                                                 gemeente_code=gemeente.code)),
                                                 (found.naam, None)])


@bp.route("/open-data")
def open_data_page():
    """What the open data holds, field by field, and where to get it."""
    return render_template("kaart/open_data.html", gemeenten=all_gemeenten(), columns=open_data.CSV_COLUMNS,
                           **WORDS, breadcrumbs=[_home(), ("Open data", None)])


@bp.route("/open-data/schema.json")
def schema():
    return Response(SCHEMA_FILE.read_bytes(), mimetype="application/schema+json")


@bp.route("/open-data/<gemeente:gemeente_code>.json")
def export_json(gemeente_code: str):
    made = publicatie.open_data_of(_gemeente(gemeente_code))
    response = Response(made.json_data, mimetype="application/json")
    response.headers["Link"] = f'<{url_for("kaart.schema")}>; rel="describedby"'
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: any portal may read it
    return response


@bp.route("/open-data/<gemeente:gemeente_code>.csv")
def export_csv(gemeente_code: str):
    gemeente = _gemeente(gemeente_code)
    response = Response(publicatie.open_data_of(gemeente).csv_data, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="sociale-kaart-{gemeente.code}.csv"'
    return response


def _gemeente(code: str):
    gemeente = service.gemeente_by_code(code)
    if gemeente is None:
        abort(404)
    return gemeente


def _beoordelingen(gemeente, entry) -> dict | None:
    """The ratings of a maatwerk entry's aanbieder (summary, and the newest when there are enough), else None."""
    aanbieder_id = entry.organisatie.aanbieder_id if entry.soort == "maatwerk" else None
    if aanbieder_id is None:
        return None
    summary = ratings.summary_of(gemeente.id, aanbieder_id)
    return {"samenvatting": summary, "lijst": ratings.public_ratings(gemeente.id, aanbieder_id, summary)}


def _home():
    return HOME[0], url_for(HOME[1])
