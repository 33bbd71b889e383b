"""Keep message_subscription equal to the BPMN messages an instance waits for, keyed for lookup."""
import json

from ..models import MessageSubscription, ProcessInstance


def correlation_key(correlations: dict) -> str:
    """Canonical JSON of correlation values: equal values give an equal key."""
    return json.dumps(correlations or {}, sort_keys=True, default=str, separators=(",", ":"))


def sync_subscriptions(session, instance: ProcessInstance, workflow) -> None:
    wanted = {}
    for event in workflow.waiting_events():
        if event.event_type == "MessageEventDefinition":
            wanted[event.name] = event.correlations or {}
    existing = session.query(MessageSubscription).filter_by(instance_id=instance.id).all()
    for row in existing:
        if row.message_name not in wanted:
            session.delete(row)
        else:
            row.correlations = wanted.pop(row.message_name)
            row.correlation_key = correlation_key(row.correlations)
    session.add_all(MessageSubscription(instance_id=instance.id, message_name=name, correlations=corr,
                                        correlation_key=correlation_key(corr))
                    for name, corr in wanted.items())
