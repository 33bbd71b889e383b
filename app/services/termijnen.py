"""Terms from the right date (#17 point 1): what completing a task means for the zaak's legal terms.

Owns the checks and the bookkeeping that tie a term to the day the law names, whatever model version a case
runs on (the BPMN timers of a new version follow the same dates; see bpmn/jeugd.bpmn `beslistermijn_berekenen`):
- the aanvraag's date of receipt: not before the melding, not in the future; the day the inwoner signed it in
  Mijn zaken, or an earlier one with its proof (a paper or phone aanvraag);
- Jeugd: the beslistermijn (Awb 4:13) runs from that receipt, not from the melding;
- Wmo: the onderzoek term (art. 2.3.2 lid 1) is met on the day the verslag was given to the inwoner (lid 8);
- Wmo: the persoonlijk plan term (art. 2.3.2 lid 2) runs 7 days from the melding; the onderzoek does not conclude
  before it has passed unless the plan came in or the inwoner said they will not hand one in — neither at the verslag
  nor at a triage that ends it with a referral to an algemene voorziening (lid 5: the onderzoek uses the plan). The
  term counts as met only when the plan came in or the inwoner declined; one that passed without either stays passed.
Called by services/tasks.py inside its unit of work; never commits.
"""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..domain import bezwaar as bezwaar_rules
from ..domain import deadlines
from ..domain.deadlines import format_date_nl
from ..models import AanvraagOndertekening, Termijn, Zaak, ZaakEvent
from .meldingen import record_deadline
from .settings import extra_holidays

LOCAL = ZoneInfo("Europe/Amsterdam")
#: Answers on the onderzoek_verslag form that let the onderzoek conclude inside the persoonlijk plan term.
PLAN_DONE = ("ontvangen", "ziet_af")


def task_term_errors(session, zaak: Zaak, spec_name: str, data: dict, today: date | None = None,
                     fields=None) -> dict[str, str]:
    """Field → Dutch message for dates a task's form states that the law does not allow (empty when fine).
    `fields`: the names of the form's questions (None: the current forms), so that a message lands on a question
    the consulent sees — a running case may still have an older form without the persoonlijk plan question."""
    today = today or date.today()
    if spec_name == "aanvraag_registreren":
        return aanvraag_date_errors(session, zaak, data, today)
    if spec_name == "onderzoek_verslag":
        return _on_a_question(verslag_errors(session, zaak, data, today), fields, "verslag_verstrekt_op")
    if spec_name == "triage":
        return _on_a_question(triage_errors(session, zaak, data, today), fields, "vervolg")
    if spec_name in bezwaar_rules.TASK_DATES:
        return bezwaar_rules.task_date_errors(spec_name, data, today)
    return {}


def _on_a_question(errors: dict[str, str], fields, fallback: str) -> dict[str, str]:
    """The persoonlijk plan message on `fallback` when the form has no persoonlijk plan question (an older version
    of it): the consulent then waits for the term, as the message says."""
    if "persoonlijk_plan" not in errors or fields is None or "persoonlijk_plan" in fields:
        return errors
    text = errors.pop("persoonlijk_plan").split(" tenzij ")[0].rstrip(",") + \
        ". Deze zaak loopt nog met een eerdere versie van het formulier, waarin u niet kunt vastleggen dat het plan " \
        "binnen is."
    return {fallback: text, **errors} if fallback not in errors else {**errors, fallback: f"{errors[fallback]} {text}"}


def aanvraag_date_errors(session, zaak: Zaak, data: dict, today: date) -> dict[str, str]:
    day = _date(data.get("aanvraag_ontvangen_op"))
    if day is None:
        return {}  # the form says it is missing or no date
    if day < zaak.ontvangen_op:
        return {"aanvraag_ontvangen_op": "De aanvraag kan niet eerder zijn ontvangen dan de melding "
                                         f"({format_date_nl(zaak.ontvangen_op)})."}
    if day > today:
        return {"aanvraag_ontvangen_op": "De datum van ontvangst van de aanvraag kan niet in de toekomst liggen."}
    signed = signed_on(session, zaak.id)
    if signed is not None and day > signed:
        return {"aanvraag_ontvangen_op": f"De inwoner ondertekende de aanvraag op {format_date_nl(signed)} in Mijn "
                                         "zaken; dat is de datum van ontvangst. Een latere datum kan niet."}
    earlier = day < signed if signed is not None else day < today
    if earlier and not str(data.get("aanvraag_bewijs") or "").strip():
        return {"aanvraag_bewijs": "Vul in hoe de aanvraag op die datum binnenkwam (brief of telefoon) met het "
                                   "kenmerk of de datum van het bewijs."}
    return {}


def verslag_errors(session, zaak: Zaak, data: dict, today: date) -> dict[str, str]:
    errors = {}
    given = _date(data.get("verslag_verstrekt_op"))
    if given is not None and given < zaak.ontvangen_op:
        errors["verslag_verstrekt_op"] = ("Het verslag kan niet eerder zijn verstrekt dan de melding "
                                          f"({format_date_nl(zaak.ontvangen_op)}).")
    elif given is not None and given > today:
        errors["verslag_verstrekt_op"] = "De datum waarop het verslag is verstrekt kan niet in de toekomst liggen."
    return errors | plan_errors(session, zaak, data, today, "Rond het onderzoek pas daarna af")


def triage_errors(session, zaak: Zaak, data: dict, today: date) -> dict[str, str]:
    """A referral to an algemene voorziening concludes the onderzoek at the triage (wmo.bpmn `brief_na_triage`): it
    waits for the persoonlijk plan term as the verslag does. A triage that starts the onderzoek is not held up."""
    if data.get("vervolg") != "algemene_voorziening":
        return {}
    return plan_errors(session, zaak, data, today, "Verwijs pas daarna naar een algemene voorziening")


def plan_errors(session, zaak: Zaak, data: dict, today: date, wait: str) -> dict[str, str]:
    """While the persoonlijk plan term runs, the step that concludes the onderzoek needs the form's answer that the
    plan came in or that the inwoner will not hand one in (`wait`: what to do only after the term, in Dutch)."""
    plan = persoonlijk_plan_term(session, zaak.id)
    if plan is None or today > plan.due or _plan_done(data):
        return {}
    return {"persoonlijk_plan": f"De inwoner mag tot en met {format_date_nl(plan.due)} een persoonlijk plan "
                                f"inleveren (art. 2.3.2 lid 2 Wmo 2015). {wait}, tenzij het plan binnen is of de "
                                "inwoner zegt er geen in te leveren."}


def apply_task_terms(session, zaak: Zaak, spec_name: str, data: dict) -> None:
    """Move the zaak's terms to the dates the completed task stated."""
    if spec_name == "aanvraag_registreren" and zaak.domein == "jeugd":
        received = _date(data.get("aanvraag_ontvangen_op"))
        if received is not None:
            record_deadline(session, zaak.id, "beslis", deadlines.beslis_deadline_jeugd(received, extra_holidays()))
    elif spec_name == "onderzoek_verslag":
        given = _date(data.get("verslag_verstrekt_op"))
        _mark_met(session, zaak.id, ("onderzoek", "persoonlijk_plan") if _plan_done(data) else ("onderzoek",),
                  given or date.today())
    elif spec_name == "triage" and data.get("vervolg") == "algemene_voorziening" and _plan_done(data):
        # the onderzoek term itself is met by the letter that follows (recht_op_aanvraag_melden, art. 2.3.2 lid 8)
        _mark_met(session, zaak.id, ("persoonlijk_plan",), date.today())


def _plan_done(data: dict) -> bool:
    """The form says the plan came in or the inwoner will not hand one in (not: the term passed without one)."""
    return data.get("persoonlijk_plan") in PLAN_DONE


def _mark_met(session, zaak_id: int, soorten: tuple[str, ...], day: date) -> None:
    for termijn in session.scalars(select(Termijn).where(Termijn.zaak_id == zaak_id, Termijn.soort.in_(soorten),
                                                         Termijn.met_at.is_(None))):
        termijn.met_at = local_noon(day)


#: The history kind of an aanvraag the consulent recorded as made by letter or phone (recht_op_aanvraag.op_papier);
#: its data gives the aanvraag form its day of receipt and proof.
PAPIER = "aanvraag_op_papier"


def proposed_values(session, task) -> dict:
    """Form values a step starts with: for the aanvraag, the day the inwoner signed it in Mijn zaken, or the day
    and proof of one the consulent recorded as made on paper."""
    if task.spec_name != "aanvraag_registreren":
        return {}
    signed = signed_on(session, task.zaak_id)
    if signed:
        return {"aanvraag_ontvangen_op": signed.isoformat()}
    paper = session.scalar(select(ZaakEvent.data).where(ZaakEvent.zaak_id == task.zaak_id, ZaakEvent.kind == PAPIER)
                           .order_by(ZaakEvent.id.desc()).limit(1))
    return {"aanvraag_ontvangen_op": paper["ontvangen_op"], "aanvraag_bewijs": paper["bewijs"]} if paper else {}


def signed_on(session, zaak_id: int) -> date | None:
    """The (Dutch) day the inwoner last signed the aanvraag in Mijn zaken, if they did."""
    moment = session.scalar(select(AanvraagOndertekening.ondertekend_op).where(
        AanvraagOndertekening.zaak_id == zaak_id).order_by(AanvraagOndertekening.ondertekend_op.desc()).limit(1))
    return moment.astimezone(LOCAL).date() if moment is not None else None


def persoonlijk_plan_term(session, zaak_id: int) -> Termijn | None:
    return session.scalar(select(Termijn).where(Termijn.zaak_id == zaak_id, Termijn.soort == "persoonlijk_plan"))


def local_noon(day: date) -> datetime:
    """A day as a moment (midday, Dutch time) for `met_at`, which reporting compares by the Dutch date."""
    return datetime.combine(day, time(12), tzinfo=LOCAL)


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
