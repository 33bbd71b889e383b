"""Flask extensions shared by the blueprints: login and CSRF."""
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from ..services.lookups import active_user

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Log in om verder te gaan."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str):
    return active_user(int(user_id)) if user_id.isdigit() else None
