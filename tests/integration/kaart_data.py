"""Helpers for the sociale kaart tests: the demo kaart of both demo gemeenten (emptied before every test, as
every table but the reference data), and the ids its routes take."""
from sqlalchemy import select

from app import db
from app.models import Gemeente, KaartDienst
from app.services.demo_data import OUDEWATER, WOERDEN
from app.services.demo_kaart import load_demo_kaart


def demo_kaart() -> dict[str, Gemeente]:
    """Load the demo entries (if this test has none yet); the demo gemeenten by CBS code."""
    gemeenten = {g.code: g for g in db.session.scalars(select(Gemeente).where(Gemeente.code.in_((WOERDEN, OUDEWATER))))}
    load_demo_kaart(db.session, gemeenten)
    db.session.commit()
    return gemeenten


def entry_named(naam: str, code: str = WOERDEN) -> KaartDienst:
    return db.session.scalar(select(KaartDienst).join(Gemeente, Gemeente.id == KaartDienst.gemeente_id)
                             .where(KaartDienst.naam == naam, Gemeente.code == code))


def kaart_ids(code: str = WOERDEN) -> dict:
    """The ids of the kaart routes (public and keeper's): a Woerden demo entry with an address."""
    demo_kaart()
    return {"dienst_id": entry_named("Buurthuis De Brug (demo)", code).id, "gemeente_code": code}
