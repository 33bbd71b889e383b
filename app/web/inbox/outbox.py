"""The local mail outbox (development): the e-mails Cumulus would have sent without an SMTP server."""
from flask import abort, current_app, render_template, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services.mail import outbox
from ..errors import refuse
from . import bp


@bp.route("/ontwikkeling/mail")
@login_required
def mail_outbox():
    if current_app.config["MAIL_SMTP_HOST"] or current_app.config["ENV"] == "production":
        abort(404)  # with a real mail server there is no local outbox
    decision = policy.decide(current_user, "ontwikkeling.mail_lezen")
    if not decision:
        refuse(decision)
    return render_template("inbox/outbox.html", mails=outbox(),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")), ("Uitgaande e-mail", None)])
