"""Terms from the right date (#17 point 1): the beschikking's bekendmaking and bezwaar term, and the corrected
terms of existing zaken where the stored data tells them.

Data step, for what can be known:
- beschikkingen with a letter: bekendgemaakt_op = the (Dutch) day the letter was made and put in Mijn zaken,
  bezwaar_tot from it (Awb 6:7/6:8, Atw);
- Jeugd zaken with a registered aanvraag: the beslistermijn from its date of receipt (Awb 4:13), not the melding;
- Wmo zaken with a verslag: the onderzoek term met on the day the verslag was given (art. 2.3.2 lid 8);
- running Wmo zaken: the persoonlijk plan term (art. 2.3.2 lid 2), 7 days after the melding.
Dates are computed with the Atw holidays only: the decree days of the settings (EXTRA_HOLIDAYS) live in the
configuration, not the database. The BPMN timers of running instances are not touched (see the report).

Revision ID: 0027_termijnen
Revises: 0026_ontwerpen
"""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from app.domain import deadlines

revision = "0027_termijnen"
down_revision = "0026_ontwerpen"
branch_labels = None
depends_on = None

LOCAL = ZoneInfo("Europe/Amsterdam")


def upgrade() -> None:
    with op.batch_alter_table("beschikking") as batch:
        batch.add_column(sa.Column("bekendgemaakt_op", sa.Date(), nullable=True))
        batch.add_column(sa.Column("bezwaar_tot", sa.Date(), nullable=True))
    bind = op.get_bind()
    meta = sa.MetaData()
    beschikking, document, zaak, termijn, task = (
        sa.Table(name, meta, autoload_with=bind)
        for name in ("beschikking", "document", "zaak", "termijn", "human_task"))

    letters = sa.select(document.c.beschikking_id, sa.func.min(document.c.created_at)).where(
        document.c.beschikking_id.is_not(None)).group_by(document.c.beschikking_id)
    for beschikking_id, made in bind.execute(letters).all():
        day = _local_date(made)
        bind.execute(beschikking.update().where(beschikking.c.id == beschikking_id).values(
            bekendgemaakt_op=day, bezwaar_tot=deadlines.bezwaar_deadline(day).due))

    def term(zaak_id, soort, deadline, met_at=None):
        article = f"{deadline.article}; {deadline.atw_article}" if deadline.atw_article else deadline.article
        values = dict(due=deadline.due, article=article, description=deadline.description_nl)
        found = bind.execute(sa.select(termijn.c.id, termijn.c.met_at).where(
            termijn.c.zaak_id == zaak_id, termijn.c.soort == soort)).first()
        if found is None:
            bind.execute(termijn.insert().values(zaak_id=zaak_id, soort=soort, met_at=met_at, **values))
        else:
            bind.execute(termijn.update().where(termijn.c.id == found.id).values(**values))

    latest = {}  # (zaak_id, spec_name) → data of the last completed task
    for zaak_id, spec_name, data in bind.execute(sa.select(task.c.zaak_id, task.c.spec_name, task.c.data).where(
            task.c.status == "completed", task.c.spec_name.in_(("aanvraag_registreren", "onderzoek_verslag")))
            .order_by(task.c.completed_at, task.c.id)):
        latest[(zaak_id, spec_name)] = data or {}
    zaken = {z.id: z for z in bind.execute(sa.select(zaak.c.id, zaak.c.domein, zaak.c.ontvangen_op, zaak.c.status))}
    for (zaak_id, spec_name), data in latest.items():
        z = zaken.get(zaak_id)
        if z is None:
            continue
        if spec_name == "aanvraag_registreren" and z.domein == "jeugd":
            received = _date(data.get("aanvraag_ontvangen_op"))
            if received is not None:
                term(zaak_id, "beslis", deadlines.beslis_deadline_jeugd(received))
        elif spec_name == "onderzoek_verslag":
            given = _date(data.get("verslag_verstrekt_op"))
            if given is not None:
                bind.execute(termijn.update().where(termijn.c.zaak_id == zaak_id, termijn.c.soort == "onderzoek")
                             .values(met_at=_utc_noon(given)))
    for z in zaken.values():
        if z.domein == "wmo" and z.status != "afgesloten" and z.ontvangen_op is not None:
            verslag = latest.get((z.id, "onderzoek_verslag"))
            met = _utc_noon(_date(verslag.get("verslag_verstrekt_op")) or z.ontvangen_op) if verslag else None
            term(z.id, "persoonlijk_plan", deadlines.persoonlijk_plan_deadline(_date(z.ontvangen_op)), met)


def downgrade() -> None:
    op.execute("DELETE FROM termijn WHERE soort = 'persoonlijk_plan'")
    with op.batch_alter_table("beschikking") as batch:
        batch.drop_column("bezwaar_tot")
        batch.drop_column("bekendgemaakt_op")


def _local_date(moment) -> date:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # stored as UTC without a zone
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(LOCAL).date()


def _utc_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=LOCAL).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
