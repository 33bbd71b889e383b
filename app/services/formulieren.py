"""Versioned task forms (#10 point 6): which form a task shows — the form version the process version of its case
uses, so a running case keeps the form of its version (after a migration: the new version's) — the forms a
concept has (edited with it, else as its version published them, else the shipped file), `flask deploy`'s
seeding of the shipped forms from forms/*.json, and pinning the forms of a version when it is published.
Nothing here commits: the caller's unit of work does."""
import hashlib
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema.exceptions import SchemaError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import undefer

from .. import db
from ..domain.forms import UnknownForm, load_form
from ..engine.lint.forms import form_keys_by_task, used_form_keys
from ..engine.specs import sha256
from ..models import ConceptFormulier, DefinitieFormulier, FormulierVersie, ProcessDefinition, ProcessInstance
from .audit import record
from .errors import Conflict
from .settings import setting

logger = logging.getLogger(__name__)
#: How often storing a form version reads again after another approval took its number at the same moment.
STORE_ATTEMPTS = 5


@dataclass(frozen=True)
class FormSource:
    """A concept's form `key`: its text and where it comes from."""

    key: str
    bron: str
    #: 'concept' (edited with the concept), 'versie' (a published version) or 'bestand' (forms/<key>.json).
    origin: str
    #: The published version it is or started from (None for a shipped file not yet seeded, or a new form).
    version: FormulierVersie | None = None
    draft: ConceptFormulier | None = None

    @property
    def schema(self) -> dict:
        return json.loads(self.bron)

    @property
    def title(self) -> str:
        try:
            return str(self.schema.get("title") or self.key)
        except (ValueError, AttributeError):
            return self.key


def digest(schema: dict) -> str:
    """The sha256 of the canonical JSON: a change of layout only is the same form."""
    canonical = json.dumps(schema, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@lru_cache(maxsize=256)
def _parsed(version_id: int, bron: str) -> dict:  # a version never changes once stored
    return json.loads(bron)


def form_of_instance(session, instance_id: int, key: str) -> dict:
    """The schema of form `key` as the process version of instance `instance_id` published it; the shipped file
    for a version that has none of its own (deployed before forms were versioned, or by a test)."""
    definition_id = select(ProcessInstance.definition_id).where(ProcessInstance.id == instance_id).scalar_subquery()
    row = session.execute(select(FormulierVersie.id, FormulierVersie.bron).join(
        DefinitieFormulier, DefinitieFormulier.formulier_versie_id == FormulierVersie.id).where(
        DefinitieFormulier.definition_id == definition_id, DefinitieFormulier.form_key == key)).first()
    if row is not None:
        return _parsed(row.id, row.bron)
    return load_form(setting("FORMS_DIR"), key)


def pinned_versions(session, definition_id: int) -> dict[str, FormulierVersie]:
    """Form key → the form version process version `definition_id` shows."""
    rows = session.execute(select(DefinitieFormulier.form_key, FormulierVersie).join(
        FormulierVersie, DefinitieFormulier.formulier_versie_id == FormulierVersie.id).where(
        DefinitieFormulier.definition_id == definition_id)).all()
    return {key: version for key, version in rows}


def latest_version(session, key: str) -> FormulierVersie | None:
    return session.scalar(select(FormulierVersie).where(FormulierVersie.key == key)
                          .order_by(FormulierVersie.versie.desc()).limit(1))


def _file_text(key: str) -> str | None:
    try:
        load_form(setting("FORMS_DIR"), key)  # a valid schema, else as if there were none
    except (UnknownForm, ValueError, SchemaError):  # the lint then says the form is unknown
        return None
    return (Path(setting("FORMS_DIR")) / f"{key}.json").read_text(encoding="utf-8")


def concept_form(session, concept, key: str) -> FormSource | None:
    """Form `key` of `concept`: edited with it, else as the version it is based on shows it, else the latest
    published version, else the shipped file; None when there is no such form."""
    draft = session.scalar(select(ConceptFormulier).where(ConceptFormulier.concept_id == concept.id,
                                                          ConceptFormulier.key == key))
    if draft is not None:
        return FormSource(key, draft.bron, "concept", draft.based_on, draft)
    version = pinned_versions(session, concept.based_on_id).get(key) if concept.based_on_id else None
    version = version or latest_version(session, key)
    if version is not None:
        return FormSource(key, version.bron, "versie", version)
    text = _file_text(key)
    return FormSource(key, text, "bestand") if text is not None else None


def published_form(key: str, session=None) -> FormSource | None:
    """Form `key` as it was last published (else the shipped file): what a new concept starts from."""
    session = session or db.session
    version = latest_version(session, key)
    if version is not None:
        return FormSource(key, version.bron, "versie", version)
    text = _file_text(key)
    return FormSource(key, text, "bestand") if text is not None else None


def known_keys(session, concept_id: int | None = None) -> frozenset:
    """Every form a model may name: the shipped files, the published versions and (for a concept) its new forms."""
    keys = {p.stem for p in Path(setting("FORMS_DIR")).glob("*.json")}
    keys |= set(session.scalars(select(FormulierVersie.key).distinct()))
    if concept_id is not None:
        keys |= set(session.scalars(select(ConceptFormulier.key).where(ConceptFormulier.concept_id == concept_id)))
    return frozenset(keys)


def store_version(session, key: str, bron: str, actor=None, herkomst: str = "bestand") -> tuple[FormulierVersie, bool]:
    """The version of form `key` with this content: the existing one, else a new numbered version. Two approvals
    (of different processes) that store a version of one form at once meet at its unique (key, versie): the one
    that loses reads again in its savepoint — the other's version when it is this content, else the next number —
    so both publish and nothing is half-written."""
    schema = json.loads(bron)
    sha = digest(schema)
    for _ in range(STORE_ATTEMPTS):
        existing = session.scalar(select(FormulierVersie).where(FormulierVersie.key == key,
                                                                FormulierVersie.sha256 == sha))
        if existing is not None:
            return existing, False
        number = (session.scalar(select(func.max(FormulierVersie.versie)).where(FormulierVersie.key == key)) or 0) + 1
        version = FormulierVersie(key=key, versie=number, titel=str(schema.get("title") or key)[:200], bron=bron,
                                  sha256=sha, herkomst=herkomst, created_by_id=getattr(actor, "id", None))
        try:
            with session.begin_nested():
                session.add(version)
        except IntegrityError:
            logger.info("Form %s version %s was stored by another approval at the same moment; reading again",
                        key, number)
            continue
        record(session, actor, "formulier_versie_gemaakt", version,
               {"formulier": [None, key], "versie": [None, number], "herkomst": [None, herkomst]})
        logger.info("Form %s stored as version %s (%s)", key, number, herkomst)
        return version, True
    raise Conflict(f"Formulier '{key}' werd tegelijk door andere publicaties opgeslagen. Er is niets gepubliceerd; "
                   "probeer het over een ogenblik opnieuw.")


def concept_digests(session, concept, xml: bytes) -> dict[str, str]:
    """Form key → the digest of the form each task of `xml` would show once `concept` is published."""
    found = {}
    for key in used_form_keys(xml):
        source = concept_form(session, concept, key)
        if source is not None:
            found[key] = source.version.sha256 if source.origin == "versie" else digest(source.schema)
    return found


def version_digests(session, definition: ProcessDefinition) -> dict[str, str]:
    """Form key → the digest of the form process version `definition` shows (the shipped file if none pinned)."""
    found = {key: version.sha256 for key, version in pinned_versions(session, definition.id).items()}
    for key in used_form_keys(definition.bpmn_xml.encode("utf-8")):
        text = found.get(key) is None and _file_text(key)
        if text:
            found[key] = digest(json.loads(text))
    return found


def changed_forms(session, concept, definition: ProcessDefinition) -> list[str]:
    """The form keys whose form differs between `concept` (as it would be published) and `definition`."""
    mine = concept_digests(session, concept, concept.bpmn_xml.encode("utf-8"))
    theirs = version_digests(session, definition)
    return sorted(key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))


def same_as(session, concept, definition: ProcessDefinition) -> bool:
    """`concept` is `definition` again: the same XML and the same forms (nothing to publish)."""
    return sha256(definition.bpmn_xml.encode("utf-8"), definition.beslistabellen) == concept.sha256 and \
        not changed_forms(session, concept, definition)


def version_identity(session, concept, xml: bytes) -> str:
    """What the version `concept` is published as is known by (ProcessDefinition.sha256): the content hash of its
    XML and tables, unless a version with that content shows other forms — then the sha256 of the content hash and
    its forms' digests, so that a change of forms only is a new version while `flask deploy` (which knows versions
    by their XML and tables) finds the shipped one and makes nothing new."""
    xml_digest = sha256(xml, concept.beslistabellen)
    same_xml = session.scalar(select(ProcessDefinition).options(undefer(ProcessDefinition.bpmn_xml)).where(
        ProcessDefinition.key == concept.key, ProcessDefinition.sha256 == xml_digest))
    if same_xml is None or not changed_forms(session, concept, same_xml):
        return xml_digest
    forms = json.dumps(sorted(concept_digests(session, concept, xml).items()), separators=(",", ":"))
    return hashlib.sha256(xml_digest.encode("ascii") + b"\0forms:" + forms.encode("utf-8")).hexdigest()


def form_moves(session, old: ProcessDefinition, new: ProcessDefinition) -> dict[str, str]:
    """For moving cases from `old` to `new`: task id → why a case waiting there shows another form after the
    move (in Dutch), for each task whose form differs between the two versions."""
    before, after = form_keys_by_task(old.bpmn_xml.encode("utf-8")), form_keys_by_task(new.bpmn_xml.encode("utf-8"))
    old_digests, new_digests = version_digests(session, old), version_digests(session, new)
    old_pins, new_pins = pinned_versions(session, old.id), pinned_versions(session, new.id)
    moves = {}
    for task_id, key in after.items():
        was = before.get(task_id)
        if was is None or (was == key and old_digests.get(was) == new_digests.get(key)):
            continue
        now = f"'{new_pins[key].titel}' versie {new_pins[key].versie}" if key in new_pins else f"'{key}'"
        if was != key:
            moves[task_id] = f"formulier {now} in plaats van '{was}'"
        else:
            then = f"versie {old_pins[was].versie}" if was in old_pins else "het meegeleverde formulier"
            moves[task_id] = f"formulier {now} in plaats van {then}"
    return moves


def _pin(session, definition: ProcessDefinition, key: str, version: FormulierVersie) -> None:
    session.add(DefinitieFormulier(definition_id=definition.id, form_key=key, formulier_versie_id=version.id))


def publish_forms(session, concept, definition: ProcessDefinition, actor) -> list[tuple[str, int, bool]]:
    """Inside the approval of `concept` as `definition`: the forms its user tasks use become (or stay) published
    versions and are pinned to it. Returns (key, version, is_new) per form."""
    published = []
    for key in used_form_keys(definition.bpmn_xml.encode("utf-8")):
        source = concept_form(session, concept, key)
        if source is None:  # the lint refuses a model naming an unknown form; nothing to pin
            continue
        if source.origin == "versie":
            version, is_new = source.version, False
        else:
            version, is_new = store_version(session, key, source.bron, actor,
                                            "ontwerper" if source.origin == "concept" else "bestand")
        _pin(session, definition, key, version)
        published.append((key, version.versie, is_new))
    session.flush()
    logger.info("Forms of %s v%s pinned by %s: %s", definition.key, definition.version,
                getattr(actor, "username", None), published)
    return published


def seed_shipped_forms(session) -> int:
    """`flask deploy`: every process version without forms of its own gets them — the shipped file of each form
    its tasks use (stored as a version when its content is new), else the latest published version. A version
    that has its forms keeps them: a running case keeps the form of its version. Returns the forms pinned."""
    pinned = select(DefinitieFormulier.definition_id).distinct()
    definitions = session.scalars(select(ProcessDefinition).options(undefer(ProcessDefinition.bpmn_xml))
                                  .where(ProcessDefinition.id.not_in(pinned)).order_by(ProcessDefinition.id)).all()
    count = 0
    for definition in definitions:
        for key in used_form_keys(definition.bpmn_xml.encode("utf-8")):
            text = _file_text(key)
            version = store_version(session, key, text)[0] if text is not None else latest_version(session, key)
            if version is not None:
                _pin(session, definition, key, version)
                count += 1
    session.flush()
    _warn_changed_files(session)
    return count


def _warn_changed_files(session) -> None:
    """A shipped form file that differs from every published version of it reaches cases only with a new version
    of the model that uses it: say so in the log of `flask deploy`."""
    for path in sorted(Path(setting("FORMS_DIR")).glob("*.json")):
        text = _file_text(path.stem)
        if text is None or latest_version(session, path.stem) is None:
            continue
        if session.scalar(select(FormulierVersie.id).where(FormulierVersie.key == path.stem,
                                                           FormulierVersie.sha256 == digest(json.loads(text)))) is None:
            logger.warning("forms/%s differs from its published versions; it is used from the next version of a "
                           "model that uses it (publish one in the designer)", path.name)
