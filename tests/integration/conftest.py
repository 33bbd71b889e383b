import pytest


@pytest.fixture(autouse=True)
def _clean(clean_db):
    """Every test here starts on a migrated database without cases."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed fault test names the seed of its random kill moments, so the run can be replayed."""
    report = yield
    seed = getattr(item, "fault_seed", None)
    if seed is not None and report.failed:
        report.sections.append(("fault seed", f"FAULT_SEED={seed} replays the kill moments of this run"))
    return report
