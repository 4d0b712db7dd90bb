"""Asserts the outcome the playground showed for this workflow. Run with `python -m pytest`."""

import json
import sys
from pathlib import Path

from aws_durable_execution_sdk_python.execution import InvocationStatus
from aws_durable_execution_sdk_python_testing.runner import DurableFunctionTestRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lambda_function import lambda_handler  # noqa: E402

INPUT = {"tripId": "trip-9", "traveller": "Ada"}


def test_trip_booking_saga():
    with DurableFunctionTestRunner(handler=lambda_handler) as runner:
        result = runner.run(input=json.dumps(INPUT), timeout=60)
    assert result.status is InvocationStatus.SUCCEEDED
    assert json.loads(result.result) == {
        "status": "rolled back",
        "reason": "no cars left at the airport",
        "error": "ChildContextError",
    }
