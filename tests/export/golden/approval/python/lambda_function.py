"""Durable handler for the workflow human-approval, exported by Durable Playground.

Ask a manager to approve an order; give up after one day. The callback is answered from the UI or the CLI.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
)
from aws_durable_execution_sdk_python.config import CallbackConfig, Duration


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def error_info(error):
    """What an except block sees of a durable error: its type and message."""
    return {"type": type(error).__name__, "message": str(error)}


def as_condition(value):
    if not isinstance(value, bool):
        raise TypeError(f"the condition must evaluate to true or false, got {value!r}")
    return value


@durable_step
def prepare_request(step_context: StepContext, order_id, amount):
    # Real work goes here.
    return {"orderId": order_id, "amount": amount}


@durable_step
def notify_manager(step_context: StepContext, callback_id):
    # Real work goes here: email the manager a link.
    return "sent " + text_of(callback_id)


@durable_step
def fulfil_order(step_context: StepContext, order_id):
    # Real work goes here.
    return {"orderId": order_id, "status": "fulfilled"}


@durable_execution
def lambda_handler(event, context: DurableContext):
    request = context.step(prepare_request(event["orderId"], event["amount"]), name="prepare-request")
    approval_callback = context.create_callback(name="approval", config=CallbackConfig(timeout=Duration.from_seconds(86400)))
    context.step(notify_manager(approval_callback.callback_id), name="notify-manager")
    try:
        decision = json.loads(approval_callback.result())
    except Exception as error_2:
        error = error_info(error_2)
        return {"orderId": event["orderId"], "status": "expired", "reason": error["message"]}
    if as_condition(decision["approved"]):
        done = context.step(fulfil_order(event["orderId"]), name="fulfil-order")
        return done
    else:
        return {"orderId": event["orderId"], "status": "rejected"}
