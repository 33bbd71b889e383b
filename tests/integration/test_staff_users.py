"""The first staff account of a new installation comes from `flask gebruiker-aanmaken`: checked like any
input (Dutch reasons, nothing stored on a refusal), stored with argon2, and able to log in."""
from app import db
from app.models import User


def _create(app, *args, password="een-lang-wachtwoord"):
    return app.test_cli_runner().invoke(args=["gebruiker-aanmaken", *args], input=f"{password}\n{password}\n")


def test_a_beheerder_made_on_the_command_line_logs_in(app):
    result = _create(app, "j.devries", "--naam", "Jan de Vries", "--rol", "beheerder", "--rol", "consulent")
    assert result.exit_code == 0, result.output
    user = db.session.query(User).filter_by(username="j.devries").one()
    assert user.role_list() == ["beheerder", "consulent"] and not user.is_demo
    assert user.password_hash.startswith("$argon2id$")
    login = app.test_client().post("/auth/inloggen", data={"gebruikersnaam": "j.devries",
                                                           "wachtwoord": "een-lang-wachtwoord"})
    assert login.status_code == 302


def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(app):
    before = db.session.query(User).count()
    unknown = _create(app, "nieuw", "--naam", "Nieuw", "--rol", "koning")
    assert unknown.exit_code != 0 and "Onbekende rol: koning" in unknown.output
    short = _create(app, "nieuw", "--naam", "Nieuw", "--rol", "consulent", password="kort")
    assert short.exit_code != 0 and "minstens 12 tekens" in short.output
    taken = _create(app, "consulent", "--naam", "Dubbel", "--rol", "consulent")
    assert taken.exit_code != 0 and "Gebruikersnaam 'consulent' bestaat al" in taken.output
    odd = _create(app, "Ongeldige Naam!", "--naam", "X", "--rol", "consulent")
    assert odd.exit_code != 0 and "3 tot 80 tekens" in odd.output
    assert db.session.query(User).count() == before
