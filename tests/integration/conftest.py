import pytest


@pytest.fixture(autouse=True)
def _clean(clean_db):
    """Every test here starts on a migrated database without cases."""
