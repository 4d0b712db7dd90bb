"""Durable handler for the workflow order-processing-nodejs, exported by Durable Playground.

The tutorial's order workflow in the Node.js flavour (JavaScript SDK ids, JSON.stringify results).
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python.config import (
    Duration,
)
from aws_durable_execution_sdk_python.context import DurableContext, StepContext
from aws_durable_execution_sdk_python.execution import durable_execution


@durable_execution
def lambda_handler(event, context: DurableContext):
    def validate_order(step_context: StepContext):
        # Real work goes here. (The playground simulates 120 ms.)
        return {"orderId": event["orderId"], "status": "validated"}
    validation = context.step(validate_order, name="validate-order")
    def process_payment(step_context: StepContext):
        # Real work goes here: charge the customer's card. (The playground simulates 450 ms.)
        return {"orderId": event["orderId"], "status": "paid", "amount": 99.99}
    payment = context.step(process_payment, name="process-payment")
    context.wait(Duration.from_seconds(10), name="confirmation-window")
    def confirm_order(step_context: StepContext):
        # Real work goes here. (The playground simulates 80 ms.)
        return {"orderId": event["orderId"], "status": "confirmed"}
    confirmation = context.step(confirm_order, name="confirm-order")
    return {
        "orderId": event["orderId"],
        "status": "completed",
        "steps": [validation, payment, confirmation],
    }
