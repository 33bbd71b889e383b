"""The iWmo/iJw exchange with aanbieders: toewijzingen out (301), inbound messages stored raw and
handled by a job (302, 305/307, 315/317, 323), retourberichten in the aanbieder's outbox.

Entry points: `inbound.receive_bericht` (store raw, queue the job), `inbound.handle_bericht` (the
job's work), `batch.handle_waiting` (with Redis: what waits, in batches), `toewijzen.send_toewijzingen`
(after a beschikking with zorg in natura)."""
from . import declaratie_beoordeling, verzoek_antwoord  # noqa: E402,F401 — register the BPMN operations
