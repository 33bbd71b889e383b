"""Demo data of vier-ogen on publishing (#10 point 4): the procesontwerper has changed the Wmo model (the verslag
step renamed, its instruction and a label of its form in plainer words) and asked to publish it; the beheerder
finds the request under Procesmodellen → Publicaties with the highlighted diff. Made once; nothing is deployed."""
from sqlalchemy import select

from .. import db
from ..models import ProcessDefinition, PublicatieVerzoek, User
from . import formulier_ontwerp, formulieren, process_concepts, publicatie

OLD_NAME = 'name="Onderzoeksverslag opstellen"'
NEW_NAME = 'name="Onderzoeksverslag schrijven en delen"'
OLD_DOC = "Schrijf het verslag van het onderzoek met uw conclusie en advies"
NEW_DOC = "Schrijf in gewone woorden wat u samen hebt besproken, met uw conclusie en advies"
#: The step's form in the concept: a label in plainer words.
FORM = "onderzoek_verslag"
OLD_LABEL, NEW_LABEL = '"title": "Verslag en conclusie"', '"title": "Wat u samen besprak en uw conclusie"'


def load_demo_publicatie() -> dict:
    if db.session.scalar(select(PublicatieVerzoek.id).where(PublicatieVerzoek.key == "wmo").limit(1)) is not None:
        return {"publicatieaanvragen": 0}
    ontwerper = db.session.scalar(select(User).where(User.username == "procesontwerper"))
    live = db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == "wmo")
                             .order_by(ProcessDefinition.version.desc()).limit(1))
    if ontwerper is None or live is None or OLD_NAME not in live.bpmn_xml:
        return {"publicatieaanvragen": 0}
    xml = live.bpmn_xml.replace(OLD_NAME, NEW_NAME, 1).replace(OLD_DOC, NEW_DOC, 1)
    concept = process_concepts.concept_from_version(ontwerper, "wmo")
    process_concepts.save_concept(ontwerper, concept.id, xml.encode("utf-8"))
    verslag = formulieren.concept_form(db.session, concept, FORM)
    if verslag is not None and OLD_LABEL in verslag.bron:  # the form of the step changes with it (#10 point 6)
        formulier_ontwerp.save_form(ontwerper, concept.id, FORM, verslag.bron.replace(OLD_LABEL, NEW_LABEL, 1))
    publicatie.request_publication(ontwerper, concept.id, "De stap van het verslag heet nu zoals consulenten hem "
                                                          "noemen, en de instructie is in eenvoudiger taal.")
    db.session.remove()
    return {"publicatieaanvragen": 1}
