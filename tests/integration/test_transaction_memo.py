"""What one transaction reads once (services/transaction_memo.py): a setting and a gemeente by its code are read
from the database once per transaction, a flush that changes such a row makes the same transaction read it afresh,
and the next transaction reads it again (a change by the beheerder holds at once in every process)."""
from sqlalchemy import event, select

from app import db
from app.models import Gemeente, Instelling, User
from app.services import instellingen
from app.services.gemeenten import by_code
from app.services.settings import setting


def _counting():
    seen = []

    def count(conn, cursor, statement, params, context, many):
        seen.append(statement)
    return seen, count


def test_a_setting_is_read_once_a_transaction_and_afresh_after_its_change(app):
    seen, count = _counting()
    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        first = setting("VIER_OGEN_DREMPEL")
        assert setting("VIER_OGEN_DREMPEL") == first
        assert len([s for s in seen if "FROM instelling" in s]) == 1
        db.session.add(Instelling(name="VIER_OGEN_DREMPEL", value=first + 100))
        db.session.flush()  # this transaction changed it: read again
        assert setting("VIER_OGEN_DREMPEL") == first + 100
        db.session.rollback()
        assert setting("VIER_OGEN_DREMPEL") == first  # a new transaction reads the database again
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_change_on_the_settings_page_holds_in_the_next_transaction(users):
    before = setting("SIGNAAL_DAGEN_VOORAF")
    db.session.commit()
    assert instellingen.update(db.session.get(User, users["beheerder"].id),
                               {"SIGNAAL_DAGEN_VOORAF": str(before + 2)}) == ["SIGNAAL_DAGEN_VOORAF"]
    assert setting("SIGNAAL_DAGEN_VOORAF") == before + 2


def test_a_gemeente_by_code_is_read_once_and_found_once_it_is_made(app):
    seen, count = _counting()
    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        woerden = by_code(db.session, "0632")
        assert by_code(db.session, "0632") is woerden
        assert len([s for s in seen if "FROM gemeente" in s]) == 1
        assert by_code(db.session, "0344") is None  # not served (yet)
        db.session.add(Gemeente(code="0344", naam="Gemeente Utrecht", iban="NL91ABNA0417164300", briefadres="",
                                bezwaar_adres="", thema={}))
        db.session.flush()
        assert by_code(db.session, "0344").naam == "Gemeente Utrecht"
    finally:
        event.remove(engine, "before_cursor_execute", count)
        db.session.rollback()
    assert by_code(db.session, "0344") is None
    assert db.session.scalar(select(Gemeente).where(Gemeente.code == "0344")) is None
