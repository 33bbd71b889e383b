"""Management information (#11): figures computed from the platform's own data — zaken, termijnen, taken,
toewijzingen, declaraties — never stored by hand, one module per group of figures, each giving `Table`s that
the dashboard, the CSV/XLSX export and the API show alike. Aggregates only, small cells protected (tables.py)."""
from . import wijzigingen  # noqa: F401,E402 — every flush marks what the summaries must redo
