"""Keep message_subscription equal to the BPMN messages an instance waits for, keyed for lookup.

Most steps change no wait for a message: the stored rows are read as (name, key) pairs without flushing the
session first and compared; only a change loads and writes them."""
import json

from sqlalchemy import select

from ..models import MessageSubscription, ProcessInstance


def correlation_key(correlations: dict) -> str:
    """Canonical JSON of correlation values: equal values give an equal key."""
    return json.dumps(correlations or {}, sort_keys=True, default=str, separators=(",", ":"))


def waited_messages(workflow) -> dict:
    """Message name → correlation values, for every message the workflow waits for."""
    return {event.name: event.correlations or {} for event in workflow.waiting_events()
            if event.event_type == "MessageEventDefinition"}


def sync_subscriptions(session, instance: ProcessInstance, workflow) -> None:
    wanted = waited_messages(workflow)
    if not _changes_pending(session, instance.id):
        with session.no_autoflush:  # nothing of this instance's rows is unflushed: the stored rows are current
            stored = dict(session.execute(select(MessageSubscription.message_name, MessageSubscription.correlation_key)
                                          .where(MessageSubscription.instance_id == instance.id)).all())
        if stored == {name: correlation_key(corr) for name, corr in wanted.items()}:
            return  # the step changed no wait for a message: nothing to write
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


def _changes_pending(session, instance_id: int) -> bool:
    """Whether the session holds unflushed changes to subscription rows of the instance."""
    return any(isinstance(obj, MessageSubscription) and obj.instance_id == instance_id
               for obj in [*session.new, *session.dirty, *session.deleted])
