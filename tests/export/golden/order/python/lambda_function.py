"""Durable handler for the workflow order-processing, exported by Durable Playground.

The order workflow from the AWS Lambda durable functions getting-started tutorial: validate, pay, wait 10 seconds, confirm.
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
    validation_result = context.step(validate_order, name="validate_order")
    def process_payment(step_context: StepContext):
        # Real work goes here: charge the customer's card. (The playground simulates 450 ms.)
        return {"orderId": event["orderId"], "status": "paid", "amount": 99.99}
    payment_result = context.step(process_payment, name="process_payment")
    context.wait(Duration.from_seconds(10))
    def confirm_order(step_context: StepContext):
        # Real work goes here. (The playground simulates 80 ms.)
        return {"orderId": event["orderId"], "status": "confirmed"}
    confirmation_result = context.step(confirm_order, name="confirm_order")
    return {
        "orderId": event["orderId"],
        "status": "completed",
        "steps": [validation_result, payment_result, confirmation_result],
    }
