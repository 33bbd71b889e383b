"""A production configuration starts with real secrets from the environment, and refuses missing,
development or short ones — also when every other setting comes from the environment, as the README says."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from app.config import ProductionConfig

ROOT = Path(__file__).resolve().parents[2]


def _flask_in_production(database_url: str, **secrets_env) -> subprocess.CompletedProcess:
    """`flask --app wsgi routes` as a fresh process with CUMULUS_ENV=production and only these secrets set."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "PSEUDONYM_KEY", "TEST_DATABASE_URL")}
    env.update(CUMULUS_ENV="production", DATABASE_URL=database_url, **secrets_env)
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "routes"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_starts_with_random_secrets_from_the_environment(tmp_path):
    empty = f"sqlite:///{tmp_path / 'prod.sqlite'}"
    result = _flask_in_production(empty, SECRET_KEY=secrets.token_urlsafe(48), PSEUDONYM_KEY=secrets.token_urlsafe(48))
    assert result.returncode == 0, result.stderr
    assert "niet ingesteld" not in result.stderr


def test_production_refuses_a_missing_secret_from_the_environment(tmp_path):
    result = _flask_in_production(f"sqlite:///{tmp_path / 'prod.sqlite'}", PSEUDONYM_KEY=secrets.token_urlsafe(48))
    assert result.returncode != 0 and "SECRET_KEY is niet ingesteld" in result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "PSEUDONYM_KEY"])
def test_production_refuses_a_short_secret(database_url, name):
    keys = {"SECRET_KEY": secrets.token_urlsafe(48), "PSEUDONYM_KEY": secrets.token_urlsafe(48), name: "kort-geheim"}
    with pytest.raises(RuntimeError, match=f"{name} is te kort"):
        create_app(ProductionConfig, DATABASE_URL=database_url, **keys)
