"""Durable handler for the workflow order-processing, exported by Durable Playground.

The order workflow from the AWS Lambda durable functions getting-started tutorial: validate, pay, wait 10 seconds, confirm.
Each step returns what the playground simulated; put the real work where the comments say.
"""

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
)
from aws_durable_execution_sdk_python.config import Duration


@durable_step
def validate_order(step_context: StepContext, order_id):
    # Real work goes here. (The playground simulates 120 ms.)
    return {"orderId": order_id, "status": "validated"}


@durable_step
def process_payment(step_context: StepContext, order_id):
    # Real work goes here: charge the customer's card. (The playground simulates 450 ms.)
    return {"orderId": order_id, "status": "paid", "amount": 99.99}


@durable_step
def confirm_order(step_context: StepContext, order_id):
    # Real work goes here. (The playground simulates 80 ms.)
    return {"orderId": order_id, "status": "confirmed"}


@durable_execution
def lambda_handler(event, context: DurableContext):
    validation_result = context.step(validate_order(event["orderId"]))
    payment_result = context.step(process_payment(event["orderId"]))
    context.wait(Duration.from_seconds(10))
    confirmation_result = context.step(confirm_order(event["orderId"]))
    return {
        "orderId": event["orderId"],
        "status": "completed",
        "steps": [validation_result, payment_result, confirmation_result],
    }
