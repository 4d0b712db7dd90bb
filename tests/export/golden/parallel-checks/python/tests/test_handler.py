"""Asserts the outcome the playground showed for this workflow. Run with `python -m pytest`."""

import json
import sys
from pathlib import Path

from aws_durable_execution_sdk_python.execution import InvocationStatus
from aws_durable_execution_sdk_python_testing.runner import DurableFunctionTestRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lambda_function import lambda_handler  # noqa: E402

INPUT = {"applicant": "applicant-77"}


def test_parallel_credit_checks():
    with DurableFunctionTestRunner(handler=lambda_handler) as runner:
        result = runner.run(input=json.dumps(INPUT), timeout=60)
    assert result.status is InvocationStatus.SUCCEEDED
    assert json.loads(result.result) == {
        "status": "FAILED",
        "succeeded": 2,
        "failed": 1,
        "results": [
            {
                "index": 0,
                "status": "SUCCEEDED",
                "result": {"bureau": "A", "score": 720},
                "error": None,
            },
            {
                "index": 1,
                "status": "SUCCEEDED",
                "result": {"bureau": "B", "score": 705},
                "error": None,
            },
            {
                "index": 2,
                "status": "FAILED",
                "result": None,
                "error": {"ErrorMessage": "bureau C did not answer", "ErrorType": "StepError"},
            },
        ],
    }
