"""Asserts the outcome the playground showed for this workflow. Run with `python -m pytest`."""

import json
import sys
from pathlib import Path

from aws_durable_execution_sdk_python.execution import InvocationStatus
from aws_durable_execution_sdk_python_testing.runner import DurableFunctionTestRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lambda_function import lambda_handler  # noqa: E402

INPUT = {"orderId": "order-12345"}


def shape(value):
    """Keys and types of a JSON value, without the values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, bool) or value is None:
        return type(value).__name__
    return "number" if isinstance(value, (int, float)) else type(value).__name__


def test_order_reference_outside_a_step():
    with DurableFunctionTestRunner(handler=lambda_handler) as runner:
        result = runner.run(input=json.dumps(INPUT), timeout=60)
    assert result.status is InvocationStatus.SUCCEEDED
    # The result holds values computed with random(), uuid() or now(), new on every run: compare its
    # shape (keys and types), not the playground's values.
    assert shape(json.loads(result.result)) == shape({
        "orderId": "order-12345",
        "status": "completed",
        "charged": "3469414b-4a48-463b-b844-0bb9d836dba9",
        "confirmed": "aff2de52-17da-4d24-8742-c15320de6a8a",
    })
