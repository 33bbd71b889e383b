"""Routes of the forms that build a message for an aanbieder without software of its own: the retour on a
toewijzing (302), start and stop zorg (305/307) and a declaratie (323). Load → policy → one service → the bericht's
own page with its one result, or the form again with each error beside its field and what was typed."""
from datetime import date, timedelta

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.codelijsten import eenheid_tekst, euro, omvang_tekst
from ...domain.deadlines import MONTHS_NL
from ...services.errors import InvalidInput, NotFound
from ...services.exchange import aanbieder as berichten
from ...services.exchange import formulieren
from ...services.exchange.bericht_inhoud import inhoud_of
from ..errors import refuse
from . import bp
from .routes import _own_aanbieder, _own_bericht

#: What each form sends, for its heading and button.
SOORTEN = {"start": ("Start zorg melden", "305"), "stop": ("Stop zorg melden", "307"),
           "declareren": ("Declareren", "323")}


@bp.route("/toewijzingen/<id:toewijzing_id>/retour", methods=["GET", "POST"])
@login_required
def retour(toewijzing_id: int):
    """The 302 on the toewijzing (301) that carries this toewijzing's current version, for all its products."""
    aanbieder, toewijzing = _own_toewijzing(toewijzing_id)
    if toewijzing.bericht_id is None:
        abort(404)
    bericht = _own_bericht(toewijzing.bericht_id)
    inhoud = inhoud_of(current_user, bericht)
    values, errors = dict(request.form), {}
    if request.method == "POST":
        try:
            ontvangst = formulieren.stuur_retour(aanbieder, bericht, values)
        except InvalidInput as exc:
            errors = exc.errors or {"formulier": str(exc)}
        else:
            return redirect(url_for("aanbieder.bericht", bericht_id=ontvangst.bericht_id))
    else:
        values = {f"besluit_{r.nummer}": "accepteren" for r in (inhoud.regels if inhoud else [])}
    return render_template("aanbieder/retour.html", bericht=bericht, inhoud=inhoud, values=values, errors=errors,
                           weigercodes=formulieren.weigercodes(),
                           breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")),
                                        ("Toewijzing", url_for("aanbieder.bericht", bericht_id=bericht.id)),
                                        ("Retour sturen", None)]), 400 if errors else 200


@bp.route("/toewijzingen/<id:toewijzing_id>/start", methods=["GET", "POST"])
@login_required
def start(toewijzing_id: int):
    return _toewijzing_formulier(toewijzing_id, "start")


@bp.route("/toewijzingen/<id:toewijzing_id>/stop", methods=["GET", "POST"])
@login_required
def stop(toewijzing_id: int):
    return _toewijzing_formulier(toewijzing_id, "stop")


@bp.route("/toewijzingen/<id:toewijzing_id>/declareren", methods=["GET", "POST"])
@login_required
def declareren(toewijzing_id: int):
    return _toewijzing_formulier(toewijzing_id, "declareren")


def _own_toewijzing(toewijzing_id: int):
    aanbieder = _own_aanbieder()
    try:
        toewijzing = berichten.get_toewijzing(current_user, toewijzing_id)
    except NotFound:
        abort(404)
    decision = policy.decide(current_user, "toewijzing.bekijken", toewijzing)
    if not decision:
        refuse(decision)
    return aanbieder, toewijzing


def _toewijzing_formulier(toewijzing_id: int, soort: str):
    aanbieder, toewijzing = _own_toewijzing(toewijzing_id)
    if toewijzing.bericht_id is None:  # made known outside Cumulus: no 301 to build the message from
        abort(404, description="Deze toewijzing kreeg u niet via Cumulus; meld en declareer hem vanuit uw eigen systeem.")
    send = {"start": formulieren.stuur_start, "stop": formulieren.stuur_stop,
            "declareren": formulieren.stuur_declaratie}[soort]
    values, errors = dict(request.form), {}
    if request.method == "POST":
        try:
            ontvangst = send(aanbieder, toewijzing, values)
        except InvalidInput as exc:
            errors = exc.errors or {"formulier": str(exc)}
        else:
            return redirect(url_for("aanbieder.bericht", bericht_id=ontvangst.bericht_id))
    else:
        values = _defaults(soort, toewijzing)
    titel, nummer = SOORTEN[soort]
    levering = formulieren.levering_of(toewijzing)
    return render_template(
        "aanbieder/formulier.html", soort=soort, titel=titel, nummer=nummer, toewijzing=toewijzing,
        levering=levering, omvang=omvang_tekst(toewijzing.volume, toewijzing.eenheid, toewijzing.frequentie,
                                               toewijzing.budget),
        contracttarief=_euro_or_none(formulieren.contracttarief_cent(toewijzing, date.today()))
        if toewijzing.budget is None else None,
        redenen=formulieren.redenen(toewijzing), values=values, errors=errors,
        eenheid=eenheid_tekst(toewijzing.eenheid or toewijzing.product.eenheid), maanden=_months(toewijzing),
        breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")),
                     ("Mijn toewijzingen", url_for("aanbieder.toewijzingen")), (titel, None)]), 400 if errors else 200


def _months(toewijzing, count: int = 13) -> list[tuple[str, str]]:
    """The months that may be declared, newest first: from the toewijzing's first month up to this one (a year)."""
    month, first, out = date.today().replace(day=1), toewijzing.ingangsdatum.replace(day=1), []
    while month >= first and len(out) < count:
        out.append((f"{month:%Y-%m}", f"{MONTHS_NL[month.month - 1]} {month.year}"))
        month = (month - timedelta(days=1)).replace(day=1)
    return out


def _defaults(soort: str, toewijzing) -> dict:
    today = date.today()
    if soort == "start":
        return {"begindatum": toewijzing.ingangsdatum.isoformat()}
    if soort == "stop":
        return {"einddatum": today.isoformat()}
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month = max(last_month, toewijzing.ingangsdatum.replace(day=1))
    return {"maand": f"{month:%Y-%m}", "declaratienummer": f"{month:%Y%m}{toewijzing.toewijzingnummer % 1000:03d}",
            "tarief": _typed(formulieren.contracttarief_cent(toewijzing, month))}


def _euro_or_none(cent: int | None) -> str | None:
    return euro(cent) if cent is not None else None


def _typed(cent: int | None) -> str:
    """A tarief as the form shows it to type over ('32,50'); empty when no contract tarief is in force."""
    return f"{cent // 100},{cent % 100:02d}" if cent is not None else ""


@bp.route("/declareren", methods=["GET", "POST"])
@login_required
def maanddeclaratie():
    """One declaratie (323) for a month with a line per toewijzing, for one gemeente and one wet at a time."""
    aanbieder = _own_aanbieder()
    alle = berichten.declarabele_toewijzingen(current_user)
    gemeenten = {g.id: g for g in berichten.gemeenten_of(aanbieder.id)}
    groepen = [(f"{gid}-{domein}", f"{gemeenten[gid].naam if gid in gemeenten else 'Gemeente'} — "
                                   f"{'Wmo' if domein == 'wmo' else 'Jeugdwet'}")
               for gid, domein in sorted({(t.gemeente_id, t.zaak.domein) for t in alle})]
    keuze = request.values.get("voor") or (groepen[0][0] if len(groepen) == 1 else None)
    rows = [t for t in alle if f"{t.gemeente_id}-{t.zaak.domein}" == keuze]
    values, errors = dict(request.form), {}
    if request.method == "POST" and rows:
        try:
            ontvangst = formulieren.stuur_maanddeclaratie(aanbieder, rows, values)
        except InvalidInput as exc:
            errors = exc.errors or {"formulier": str(exc)}
        else:
            return redirect(url_for("aanbieder.bericht", bericht_id=ontvangst.bericht_id))
    elif request.method == "POST":
        errors = {"voor": "Kies voor welke gemeente en welke wet u declareert."}
    earliest = min(rows, key=lambda t: t.ingangsdatum) if rows else None
    if request.method == "GET" and rows:
        months = _months(earliest)
        month = months[1][0] if len(months) > 1 else months[0][0]  # last month, the usual one to declare
        gemeente_id, domein = keuze.split("-")
        values = {"maand": month, "declaratienummer": f"{month.replace('-', '')}{domein[0].upper()}{gemeente_id}",
                  **{f"tarief_{t.id}": _typed(formulieren.contracttarief_cent(t, date.fromisoformat(f"{month}-01")))
                     for t in rows if t.budget is None}}
    return render_template(
        "aanbieder/declareren.html", groepen=groepen, keuze=keuze, rows=rows, values=values, errors=errors,
        maanden=_months(earliest) if earliest else [],
        omvang={t.id: omvang_tekst(t.volume, t.eenheid, t.frequentie, t.budget) for t in rows},
        eenheid={t.id: eenheid_tekst(t.eenheid or t.product.eenheid) for t in rows},
        breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")),
                     ("Mijn toewijzingen", url_for("aanbieder.toewijzingen")), ("Maanddeclaratie", None)]), \
        400 if errors else 200
