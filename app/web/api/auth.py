"""Who calls the API: a Bearer token (per-user API token) or the browser session (then with CSRF)."""
from functools import wraps

from flask import g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from ...services.accounts import user_for_token
from ..extensions import csrf
from .problems import problem

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def api_login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            user = user_for_token(header.removeprefix("Bearer ").strip())
            if user is None:
                return problem(401, detail="De API-sleutel is onbekend of ingetrokken.")
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
