"""Durable handler for the workflow order-reference-outside-a-step, exported by Durable Playground.

The order workflow with a determinism bug: the order reference is a uuid() computed outside any step, so it is computed again on every invocation. The payment step charges one reference; after the 10-second wait the replay confirms a different one. Fix: compute the reference inside a step (a step's returns), so the checkpoint keeps it.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json
import uuid

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
)
from aws_durable_execution_sdk_python.config import Duration


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


@durable_step
def validate_order(step_context: StepContext, order_id):
    # Real work goes here. (The playground simulates 120 ms.)
    return {"orderId": order_id, "status": "validated"}


@durable_step
def process_payment(step_context: StepContext, order_id, order_ref):
    # Real work goes here: charge the customer's card with the order reference. (The playground simulates 450 ms.)
    return {"orderId": order_id, "reference": order_ref, "status": "paid", "amount": 99.99}


@durable_step
def confirm_order(step_context: StepContext, order_id, order_ref):
    # Real work goes here. (The playground simulates 80 ms.)
    return {"orderId": order_id, "reference": order_ref, "status": "confirmed"}


@durable_execution
def lambda_handler(event, context: DurableContext):
    order_ref = str(uuid.uuid4())
    context.logger.info("order reference " + text_of(order_ref))
    validation_result = context.step(validate_order(event["orderId"]))
    payment_result = context.step(process_payment(event["orderId"], order_ref))
    context.wait(Duration.from_seconds(10))
    confirmation_result = context.step(confirm_order(event["orderId"], order_ref))
    return {
        "orderId": event["orderId"],
        "status": "completed",
        "charged": payment_result["reference"],
        "confirmed": confirmation_result["reference"],
    }
