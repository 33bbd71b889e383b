"""The zaken behind a figure: from 'Nu over de termijn' on the dashboard to the zaken it counts, for a manager
who also works with zaken. This page shows persons: its service records the read in the processing log."""
from flask import render_template, request, url_for
from flask_login import current_user, login_required

from ...services import rapportage_doorklik
from . import bp
from .routes import load_scope


@bp.route("/termijnen/te-laat")
@login_required
def te_laat():
    scope, errors = load_scope(request.args, action="rapportage.doorklikken")
    late = rapportage_doorklik.over_their_term(current_user, scope) if scope else None
    back = url_for("rapportage.index", **(scope.filters.as_args() if scope else {})) + "#groep-termijnen"
    return render_template("rapportage/te_laat.html", scope=scope, late=late, errors=errors, back=back,
                           breadcrumbs=[("Managementinformatie", back), ("Zaken over de termijn", None)]), \
        400 if errors else 200
