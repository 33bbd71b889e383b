"""Flask extensions shared by the blueprints: login (on server-side sessions), CSRF and the rate limiter."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from . import sessions

csrf = CSRFProtect()
#: No default limits: only the routes that name one are limited (the login: failures per address).
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.session_protection = "strong"
login_manager.user_loader(sessions.load_user)
login_manager.unauthorized_handler(sessions.unauthorized)
