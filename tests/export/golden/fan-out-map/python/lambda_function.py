"""Durable handler for the workflow fan-out-thumbnails, exported by Durable Playground.

Resize a batch of images with at most 2 in flight; done once 3 succeed. One image is corrupt.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
)
from aws_durable_execution_sdk_python.config import (
    CompletionConfig,
    Duration,
    MapConfig,
    StepConfig,
)
from aws_durable_execution_sdk_python.retries import RetryStrategyConfig, create_retry_strategy


class ImageDecodeError(Exception):
    """The error type ImageDecodeError the workflow throws or retries on."""


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def batch_view(result):
    """A parallel/map result as the workflow reads it: the BatchResult's items and counts."""
    view = result.to_dict()
    view["status"] = "FAILED" if result.failed() else "SUCCEEDED"
    view["successCount"] = len(result.succeeded())
    view["failureCount"] = len(result.failed())
    view["startedCount"] = len(result.started())
    view["totalCount"] = len(result.all)
    return view


@durable_step
def resize(step_context: StepContext, image, i):
    # Real work goes here. (The playground simulates 800 ms.)
    return {"source": image, "thumbnail": "thumbs/" + text_of(image), "index": i}


def resize_images_item(item_context: DurableContext, image, i, items):
    if (image == "broken.jpg"):
        raise ImageDecodeError("cannot decode " + text_of(image))
    thumb = item_context.step(resize(image, i), config=StepConfig(retry_strategy=create_retry_strategy(RetryStrategyConfig(max_attempts=2, initial_delay=Duration.from_seconds(1)))))
    return thumb


@durable_execution
def lambda_handler(event, context: DurableContext):
    batch = batch_view(context.map(event["images"], resize_images_item, name="resize-images", config=MapConfig(max_concurrency=2, completion_config=CompletionConfig(min_successful=3, tolerated_failure_count=1))))
    return {
        "status": batch["status"],
        "reason": batch["completionReason"],
        "succeeded": batch["successCount"],
        "failed": batch["failureCount"],
        "items": batch["all"],
    }
