"""Durable handler for the workflow human-approval, exported by Durable Playground.

Ask a manager to approve an order; give up after one day. The callback is answered from the UI or the CLI.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python.config import (
    Duration,
    CallbackConfig,
)
from aws_durable_execution_sdk_python.context import DurableContext, StepContext
from aws_durable_execution_sdk_python.execution import durable_execution


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def error_info(error):
    """What a except block sees of a durable error: its type and message."""
    return {"type": type(error).__name__, "message": str(error)}


def as_condition(value):
    if not isinstance(value, bool):
        raise TypeError(f"the condition must evaluate to true or false, got {value!r}")
    return value


@durable_execution
def lambda_handler(event, context: DurableContext):
    def prepare_request(step_context: StepContext):
        # Real work goes here.
        return {"orderId": event["orderId"], "amount": event["amount"]}
    request = context.step(prepare_request, name="prepare-request")
    approval_callback = context.create_callback(name="approval", config=CallbackConfig(timeout=Duration.from_seconds(86400)))
    def notify_manager(step_context: StepContext):
        # Real work goes here: email the manager a link.
        return "sent " + text_of(approval_callback["callback_id"])
    context.step(notify_manager, name="notify-manager")
    try:
        decision = json.loads(approval_callback.result())
    except Exception as error_2:
        error = error_info(error_2)
        return {"orderId": event["orderId"], "status": "expired", "reason": error["message"]}
    if as_condition(decision["approved"]):
        def fulfil_order(step_context: StepContext):
            # Real work goes here.
            return {"orderId": event["orderId"], "status": "fulfilled"}
        done = context.step(fulfil_order, name="fulfil-order")
        return done
    else:
        return {"orderId": event["orderId"], "status": "rejected"}
