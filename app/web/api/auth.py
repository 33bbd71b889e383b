"""Who calls the API: a Bearer token (per-user API token, within its expiry and scope) or the browser session
(then with CSRF)."""
from functools import wraps

from flask import g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from ...domain import policy
from ...services.accounts import TokenRefused, user_for_token
from ..extensions import csrf
from .problems import problem

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def api_login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            try:
                use = user_for_token(header.removeprefix("Bearer ").strip())
            except TokenRefused as exc:
                return problem(401, detail=str(exc))
            user, decision = use.user, policy.decide(use.user, "api.aanroepen_met_sleutel",
                                                     policy.ApiCall(scope=use.scope, path=request.path))
            if not decision:
                return problem(403, detail=decision.reason)
        elif current_user.is_authenticated:
            user = current_user._get_current_object()
            if request.method in UNSAFE:
                try:
                    csrf.protect()
                except CSRFError:
                    return problem(403, detail="Stuur bij een sessie het CSRF-token mee in de kop X-CSRFToken, "
                                               "of gebruik een API-sleutel.")
        else:
            return problem(401, detail="Log in of stuur een API-sleutel mee: Authorization: Bearer <sleutel>.")
        g.api_user = user
        return view(*args, **kwargs)
    return wrapper
