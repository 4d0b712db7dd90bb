"""Durable handler for the workflow poll-export-job, exported by Durable Playground.

Start an export job, then poll its status with wait_for_condition (backoff 1.5x, full jitter) until it is ready.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python.config import (
    Duration,
    JitterStrategy,
    WaitForConditionConfig,
)
from aws_durable_execution_sdk_python.context import DurableContext, StepContext
from aws_durable_execution_sdk_python.execution import durable_execution
from aws_durable_execution_sdk_python.waits import WaitStrategyConfig, create_wait_strategy


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def until_attempt(attempt, strategy):
    """Stops polling once the condition is met (here: on a given attempt), else asks the strategy."""
    from aws_durable_execution_sdk_python.waits import WaitForConditionDecision

    def decide(state, attempts_made):
        if attempts_made >= attempt:
            return WaitForConditionDecision.stop_polling()
        return strategy(state, attempts_made)

    return decide


@durable_execution
def lambda_handler(event, context: DurableContext):
    def start_export(step_context: StepContext):
        # Real work goes here.
        return {"jobId": "job-42", "report": event["report"]}
    job = context.step(start_export, name="start-export")
    def wait_until_ready_check(state, check_context):
        # Check the real condition here and return the new state.
        return {"jobId": state["jobId"], "checks": check_context.attempt, "status": "RUNNING"}
    # The playground's condition is met on attempt 4.
    final = context.wait_for_condition(
        wait_until_ready_check,
        config=WaitForConditionConfig(
            initial_state={"jobId": job["jobId"], "checks": 0, "status": "RUNNING"},
            wait_strategy=until_attempt(4, create_wait_strategy(WaitStrategyConfig(should_continue_polling=lambda state: True, max_attempts=10, initial_delay=Duration.from_seconds(5), max_delay=Duration.from_seconds(60), backoff_rate=1.5, jitter_strategy=JitterStrategy.FULL))),
        ),
        name="wait-until-ready",
    )
    def download_export(step_context: StepContext):
        # Real work goes here.
        return {
            "url": "s3://exports/" + text_of(job["jobId"]) + ".csv",
            "checks": final["checks"],
        }
    download = context.step(download_export, name="download-export")
    return download
