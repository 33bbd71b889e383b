"""Jinja filters for Dutch dates, times, money and deadline badges."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask

from ..domain.deadlines import MONTHS_NL, format_date_nl

TZ = ZoneInfo("Europe/Amsterdam")


def datum(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.astimezone(TZ).date()
    return format_date_nl(value)


def datum_tijd(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(TZ)
    return f"{format_date_nl(local.date())} om {local:%H:%M}"


def maand_jaar(value) -> str:
    """'november 2026': a date no more exact than a public rating needs."""
    if value is None:
        return ""
    day = value.astimezone(TZ).date() if isinstance(value, datetime) else value
    return f"{MONTHS_NL[day.month - 1]} {day.year}"


def tijd(value: datetime | None) -> str:
    """'17:56' in Dutch local time."""
    return f"{value.astimezone(TZ):%H:%M}" if value is not None else ""


def bedrag(value) -> str:
    if value is None:
        return ""
    text = f"{float(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def deadline_status(due, today: date | None = None) -> str:
    """'te-laat', 'deze-week' or 'op-tijd' for a due date or datetime."""
    if due is None:
        return "geen"
    today = today or datetime.now(TZ).date()
    day = due.astimezone(TZ).date() if isinstance(due, datetime) else due
    if day < today:
        return "te-laat"
    if day <= today + timedelta(days=7):
        return "deze-week"
    return "op-tijd"


def time_left(due, today: date | None = None) -> str:
    """'nog 5 dagen', 'vandaag', '1 dag te laat': the calendar days left until a deadline."""
    today = today or datetime.now(TZ).date()
    day = due.astimezone(TZ).date() if isinstance(due, datetime) else due
    days = (day - today).days
    if days == 0:
        return "vandaag"
    if days > 0:
        return f"nog {days} {'dag' if days == 1 else 'dagen'}"
    return f"{-days} {'dag' if days == -1 else 'dagen'} te laat"


def berichtsoort(bericht) -> str:
    """'Toewijzing', 'Declaratie', … for an iWmo/iJw bericht."""
    from ..services.exchange.codes import BERICHTSOORTEN
    return BERICHTSOORTEN.get(bericht.nummer or "", "Onbekend bericht")


def bericht_status(status: str) -> str:
    from ..services.exchange.codes import STATUSSEN
    return STATUSSEN.get(status, status)


def verwijzer_naam(code: str | None) -> str:
    """'de jeugdarts' for a zaak opened by a verwijzing of type 03 (Jeugdwet art. 2.6 lid 1 onder g)."""
    from ..domain.verwijzing import DIRECTE_TOEGANG
    return DIRECTE_TOEGANG.get(code or "", "een verwijzer")


def register_filters(app: Flask) -> None:
    app.add_template_filter(datum)
    app.add_template_filter(datum_tijd)
    app.add_template_filter(tijd)
    app.add_template_filter(maand_jaar)
    app.add_template_filter(bedrag)
    from .instructions import instructie
    app.add_template_filter(instructie)
    app.add_template_global(deadline_status)
    app.add_template_global(time_left)
    app.add_template_global(berichtsoort)
    app.add_template_global(bericht_status)
    app.add_template_global(verwijzer_naam)
