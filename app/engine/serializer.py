"""Serialize workflow state to JSON without its spec (stored once per version in process_definition)."""
import json
from datetime import date
from decimal import Decimal
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter
from SpiffWorkflow.spiff.serializer import DEFAULT_CONFIG

VERSION_KEY = "serializer_version"


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Leaves the spec out of the state and takes the cached spec objects back in on restore."""

    def to_dict(self, workflow):
        dct = super(BpmnWorkflowConverter, self).to_dict(workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, spec=None, subprocess_specs=None):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


def _registry():
    config = dict(DEFAULT_CONFIG)
    config[BpmnWorkflow] = SpeclessWorkflowConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(date, lambda d: {"value": d.isoformat()}, lambda d: date.fromisoformat(d["value"]),
                      typename="date")
    registry.register(Decimal, lambda d: {"value": str(d)}, lambda d: Decimal(d["value"]), typename="Decimal")
    return registry


_SERIALIZER = BpmnWorkflowSerializer(_registry())


def dump_state(workflow: BpmnWorkflow) -> str:
    """The instance's state as JSON, without spec."""
    return _SERIALIZER.serialize_json(workflow)


def load_state(state: str, spec, subprocess_specs) -> BpmnWorkflow:
    """Restore an instance from its JSON state and its version's parsed spec."""
    dct = json.loads(state)
    dct.pop(VERSION_KEY, None)
    return _SERIALIZER.registry.restore(dct, spec=spec, subprocess_specs=subprocess_specs)
