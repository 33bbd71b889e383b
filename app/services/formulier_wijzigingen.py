"""What a concept changes in the forms its tasks use (#10 point 6), for the reviewer of its publication: per form
edited with the concept, the fields added and removed, the labels changed and whether more changed, compared with
the version it started from. Read only."""
import json
from dataclasses import dataclass, field

from sqlalchemy import select

from .. import db
from ..models import ConceptFormulier
from .formulieren import concept_form


@dataclass
class FormChange:
    key: str
    title: str
    #: The published version it is compared with (None: a new form).
    versie: int | None
    changes: list[str] = field(default_factory=list)


def form_changes(concept) -> list[FormChange]:
    """The forms edited with `concept` whose content differs from the version they started from."""
    found = []
    for draft in db.session.scalars(select(ConceptFormulier).where(ConceptFormulier.concept_id == concept.id)
                                    .order_by(ConceptFormulier.key)):
        source = concept_form(db.session, concept, draft.key)
        new, old = source.schema, (draft.based_on and _schema(draft.based_on.bron))
        if old == new:
            continue
        found.append(FormChange(draft.key, source.title, draft.based_on.versie if draft.based_on else None,
                                _changes(old or {}, new) if old else ["Nieuw formulier"]))
    return found


def _schema(text: str) -> dict:
    return json.loads(text)


def _changes(old: dict, new: dict) -> list[str]:
    before, after = old.get("properties", {}), new.get("properties", {})
    changes = [f"Veld '{after[name].get('title', name)}' ({name}) toegevoegd" for name in after if name not in before]
    changes += [f"Veld '{before[name].get('title', name)}' ({name}) verwijderd" for name in before if name not in after]
    for name in after:
        if name in before and before[name].get("title") != after[name].get("title"):
            changes.append(f"Label van {name}: '{before[name].get('title')}' → '{after[name].get('title')}'")
    if set(old.get("required", [])) != set(new.get("required", [])):
        changes.append("Andere verplichte velden: " + (", ".join(new.get("required", [])) or "geen"))
    if old.get("title") != new.get("title"):
        changes.append(f"Titel: '{old.get('title')}' → '{new.get('title')}'")
    if not changes:
        changes.append("Andere eigenschappen (uitleg, regels of keuzes) gewijzigd")
    return changes
