"""Durable handler for the workflow chained-invoke, exported by Durable Playground.

Call a plain pricing function and a durable shipping workflow (which waits an hour for a carrier) with context.invoke.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import os

from aws_durable_execution_sdk_python import (
    DurableContext,
    durable_execution,
)


# Functions this workflow invokes: set each to the target's qualified ARN (version or alias).
FUNCTION_IDS = {
    "pricing": os.environ.get("FUNCTION_PRICING", "pricing"),
    "shipping": os.environ.get("FUNCTION_SHIPPING", "shipping"),
}


@durable_execution
def lambda_handler(event, context: DurableContext):
    price = context.invoke(FUNCTION_IDS["pricing"], {"orderId": event["orderId"], "items": event["items"]}, name="get-price")
    shipping = context.invoke(FUNCTION_IDS["shipping"], {"orderId": event["orderId"]}, name="arrange-shipping")
    return {"orderId": event["orderId"], "price": price, "shipping": shipping}
