"""Use cases: each public function is one transaction that commits once (see uow.py).

Importing this package registers the BPMN service-task operations with the engine.
"""
from . import (dwangsom_vaststelling, herindicatie, process_operations, recht_op_aanvraag,  # noqa: F401
               tijdelijke_voorziening)
