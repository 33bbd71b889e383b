"""Use case 'melding doen' in the portal: the melding with what the inwoner sends along — contact
details and eigen verhaal remembered for next time, the verhaal shared, documents — in one transaction."""
from datetime import date

from . import eigen_verhaal, kaart_voorkeur
from .bijlagen import Upload, attach, check_all
from .errors import InvalidInput
from .meldingen import _check as check_melding
from .meldingen import submit_melding


def submit(actor, person, *, domein: str, omschrijving: str, telefoon: str, verhaal: str, verhaal_delen: bool,
           uploads: list[Upload], on_behalf_of=None, voorkeur: str = ""):
    """Check every field first (all errors at once), then store the melding with everything that came with it;
    `voorkeur`: the id of the aanbieder of the sociale kaart the inwoner prefers (empty: none)."""
    errors = eigen_verhaal.check(telefoon, verhaal)
    voorkeur_id, problem = kaart_voorkeur.check(person.gemeente_id, domein, voorkeur)
    if problem:
        errors["voorkeur"] = problem
    try:
        check_melding(domein, omschrijving, "portaal", date.today())
    except InvalidInput as exc:
        errors.update(exc.errors)
    try:
        checked = check_all(uploads)
    except InvalidInput as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidInput(errors=errors)

    def with_melding(session, zaak):
        zaak.voorkeur_aanbieder_id = voorkeur_id
        eigen_verhaal.remember(session, actor, zaak.person, telefoon=telefoon, eigen_verhaal=verhaal,
                               on_behalf_of=on_behalf_of)
        if verhaal_delen and (verhaal or "").strip():
            eigen_verhaal.share(session, actor, zaak, verhaal.strip(), on_behalf_of)
        attach(session, actor, zaak, checked, on_behalf_of)

    return submit_melding(actor, person_id=person.id, domein=domein, omschrijving=omschrijving, kanaal="portaal",
                          on_behalf_of=on_behalf_of, attach=with_melding)

