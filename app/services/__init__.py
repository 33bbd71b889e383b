"""Use cases: each public function is one transaction that commits once (see uow.py).

Importing this package registers the BPMN service-task operations with the engine.
"""
from . import (bezwaar_proces, dwangsom_vaststelling, herindicatie, process_operations,  # noqa: F401
               recht_op_aanvraag, tijdelijke_voorziening)
