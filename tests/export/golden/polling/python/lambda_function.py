"""Durable handler for the workflow poll-export-job, exported by Durable Playground.

Start an export job, then poll its status with wait_for_condition (backoff 1.5x, full jitter) until it is ready.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
)
from aws_durable_execution_sdk_python.config import Duration, JitterStrategy
from aws_durable_execution_sdk_python.waits import (
    WaitForConditionConfig,
    WaitForConditionDecision,
    WaitStrategyConfig,
    create_wait_strategy,
)


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def until_attempt(attempt, strategy):
    """Stops polling once the condition is met (here: on a given attempt), else asks the strategy."""
    def decide(state, attempts_made):
        if attempts_made >= attempt:
            return WaitForConditionDecision.stop_polling()
        return strategy(state, attempts_made)

    return decide


# Simulation only: submitters and condition checks are not told their attempt number, so this
# counts calls in the process (enough for the local test runner; real code reads real state).
_attempts = {}


def next_attempt(key):
    _attempts[key] = _attempts.get(key, 0) + 1
    return _attempts[key]


@durable_step
def start_export(step_context: StepContext, report):
    # Real work goes here.
    return {"jobId": "job-42", "report": report}


def wait_until_ready_check(state, check_context):
    # Check the real condition here and return the new state.
    attempt = next_attempt("condition wait-until-ready")
    return {"jobId": state["jobId"], "checks": attempt, "status": "RUNNING"}


@durable_step
def download_export(step_context: StepContext, job, final):
    # Real work goes here.
    return {
        "url": "s3://exports/" + text_of(job["jobId"]) + ".csv",
        "checks": final["checks"],
    }


@durable_execution
def lambda_handler(event, context: DurableContext):
    job = context.step(start_export(event["report"]), name="start-export")
    # The playground's condition is met on attempt 4.
    final = context.wait_for_condition(
        wait_until_ready_check,
        config=WaitForConditionConfig(
            initial_state={"jobId": job["jobId"], "checks": 0, "status": "RUNNING"},
            wait_strategy=until_attempt(4, create_wait_strategy(WaitStrategyConfig(should_continue_polling=lambda state: True, max_attempts=10, initial_delay=Duration.from_seconds(5), max_delay=Duration.from_seconds(60), backoff_rate=1.5, jitter_strategy=JitterStrategy.FULL))),
        ),
        name="wait-until-ready",
    )
    download = context.step(download_export(job, final), name="download-export")
    return download
