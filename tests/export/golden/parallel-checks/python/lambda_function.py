"""Durable handler for the workflow parallel-credit-checks, exported by Durable Playground.

Ask three credit bureaus at once; tolerate one failure. One bureau times out after its retries.
Each step returns what the playground simulated; put the real work where the comments say.
"""

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
    durable_with_child_context,
)
from aws_durable_execution_sdk_python.config import (
    CompletionConfig,
    Duration,
    JitterStrategy,
    ParallelBranch,
    ParallelConfig,
    StepConfig,
)
from aws_durable_execution_sdk_python.retries import RetryStrategyConfig, create_retry_strategy


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
def query_a(step_context: StepContext):
    # Real work goes here. (The playground simulates 900 ms.)
    return {"bureau": "A", "score": 720}


@durable_with_child_context
def bureau_a(branch_context: DurableContext):
    a = branch_context.step(query_a(), name="query-a")
    return a


@durable_step
def query_b(step_context: StepContext):
    # Real work goes here. (The playground simulates 400 ms.)
    return {"bureau": "B", "score": 705}


@durable_with_child_context
def bureau_b(branch_context: DurableContext):
    b = branch_context.step(query_b(), name="query-b")
    return b


@durable_step
def query_c(step_context: StepContext):
    # Real work goes here.
    raise TimeoutError("bureau C did not answer")


@durable_with_child_context
def bureau_c(branch_context: DurableContext):
    branch_context.step(query_c(), name="query-c", config=StepConfig(retry_strategy=create_retry_strategy(RetryStrategyConfig(max_attempts=2, initial_delay=Duration.from_seconds(3), jitter_strategy=JitterStrategy.NONE))))


@durable_execution
def lambda_handler(event, context: DurableContext):
    checks = batch_view(context.parallel(
        [
            ParallelBranch(bureau_a(), name="bureau-a"),
            ParallelBranch(bureau_b(), name="bureau-b"),
            ParallelBranch(bureau_c(), name="bureau-c"),
        ],
        name="credit-bureaus",
        config=ParallelConfig(completion_config=CompletionConfig(tolerated_failure_count=1)),
    ))
    return {
        "status": checks["status"],
        "succeeded": checks["successCount"],
        "failed": checks["failureCount"],
        "results": checks["all"],
    }
