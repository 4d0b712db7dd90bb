"""Asserts the outcome the playground showed for this workflow. Run with `python -m pytest`."""

import json
import sys
from pathlib import Path

from aws_durable_execution_sdk_python.execution import InvocationStatus
from aws_durable_execution_sdk_python_testing.runner import DurableFunctionTestRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lambda_function import lambda_handler  # noqa: E402

INPUT = {"images": ["cat.jpg", "dog.jpg", "broken.jpg", "owl.jpg", "fox.jpg"]}


def test_fan_out_thumbnails():
    with DurableFunctionTestRunner(handler=lambda_handler) as runner:
        result = runner.run(input=json.dumps(INPUT), timeout=60)
    assert result.status is InvocationStatus.SUCCEEDED
    assert json.loads(result.result) == {
        "status": "FAILED",
        "reason": "MIN_SUCCESSFUL_REACHED",
        "succeeded": 3,
        "failed": 1,
        "items": [
            {
                "index": 0,
                "status": "SUCCEEDED",
                "result": {"source": "cat.jpg", "thumbnail": "thumbs/cat.jpg", "index": 0},
                "error": None,
            },
            {
                "index": 1,
                "status": "SUCCEEDED",
                "result": {"source": "dog.jpg", "thumbnail": "thumbs/dog.jpg", "index": 1},
                "error": None,
            },
            {
                "index": 2,
                "status": "FAILED",
                "result": None,
                "error": {"ErrorMessage": "cannot decode broken.jpg", "ErrorType": "ImageDecodeError"},
            },
            {
                "index": 3,
                "status": "SUCCEEDED",
                "result": {"source": "owl.jpg", "thumbnail": "thumbs/owl.jpg", "index": 3},
                "error": None,
            },
            {"index": 4, "status": "STARTED", "result": None, "error": None},
        ],
    }
