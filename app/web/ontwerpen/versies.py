"""Routes of a process version and the migration of its running cases (#10 point 5): the version with its diagram,
its changes and its cases; the preview of moving them to a newer version; the run with its progress and the revert
of one moved case. Load, ask the policy, call one service, render."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...services import process_migration, process_versions, publicatie_pagina
from ...services.errors import Conflict, InvalidInput
from ..errors import refuse
from . import bp


@bp.route("/modellen/<key:key>/versies/<id:version>")
def version(key: str, version: int):
    page = process_versions.version_page(current_user, key, version)
    return render_template("ontwerpen/versie.html", page=page, definition=page.definition,
                           verzoek=publicatie_pagina.request_of_version(page.definition.id),
                           may_migrate=policy.decide(current_user, "ontwerpen.migreren"),
                           breadcrumbs=_crumbs(page.definition, (f"Versie {version}", None)))


@bp.route("/modellen/<key:key>/versies/<id:version>/verplaatsen")
def migration_preview(key: str, version: int):
    return _preview(key, version, _int(request.args.get("naar")), {}, 200)


@bp.route("/modellen/<key:key>/versies/<id:version>/verplaatsen", methods=["POST"])
def start_migration(key: str, version: int):
    decision = policy.decide(current_user, "ontwerpen.migreren")
    if not decision:
        refuse(decision)
    try:
        migration = process_migration.start_migration(current_user, key, version, request.form.get("naar"))
    except InvalidInput as exc:
        return _preview(key, version, _int(request.form.get("naar")), exc.errors, 400)
    flash(f"Het verplaatsen van {migration.total} zaak/zaken naar versie {migration.to_definition.version} is "
          "gestart. Elke zaak gaat in een eigen stap; hieronder ziet u de voortgang.", "success")
    return redirect(url_for("ontwerpen.migration", migration_id=migration.id))


@bp.route("/migraties/<id:migration_id>")
def migration(migration_id: int):
    run, progress, rows = process_migration.migration_page(current_user, migration_id)
    return render_template("ontwerpen/migratie.html", run=run, progress=progress, rows=rows,
                           may_migrate=policy.decide(current_user, "ontwerpen.migreren"),
                           breadcrumbs=_crumbs(run.from_definition,
                                               (f"Versie {run.from_definition.version}",
                                                url_for("ontwerpen.version", key=run.key,
                                                        version=run.from_definition.version)),
                                               (f"Verplaatsing {run.id}", None)))


@bp.route("/migraties/zaken/<id:case_id>/terugzetten", methods=["POST"])
def revert_case(case_id: int):
    decision = policy.decide(current_user, "ontwerpen.migreren")
    if not decision:
        refuse(decision)
    try:
        moved = process_migration.revert_case(current_user, case_id)
    except Conflict as exc:
        flash(str(exc), "error")
        return redirect(request.referrer or url_for("ontwerpen.index"))
    flash(f"Zaak {moved.zaak.zaaknummer} staat weer op versie {moved.migration.from_definition.version}, met de "
          "toestand van voor het verplaatsen.", "success")
    return redirect(url_for("ontwerpen.migration", migration_id=moved.migration_id))


def _preview(key: str, version: int, to_version: int | None, errors: dict, status: int):
    preview = process_migration.preview(current_user, key, version, to_version)
    return render_template("ontwerpen/verplaatsen.html", preview=preview, errors=errors,
                           may_migrate=policy.decide(current_user, "ontwerpen.migreren"),
                           breadcrumbs=_crumbs(preview.definition,
                                               (f"Versie {version}", url_for("ontwerpen.version", key=key,
                                                                             version=version)),
                                               ("Zaken verplaatsen", None))), status


def _crumbs(definition, *rest):
    return [("Procesmodellen", url_for("ontwerpen.index")),
            (definition.name, url_for("ontwerpen.model", key=definition.key)), *rest]


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None
