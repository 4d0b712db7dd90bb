"""Durable handler for the workflow trip-booking-saga, exported by Durable Playground.

Book flight, hotel and car in a child context; the car rental fails for good, so the saga compensates in reverse order.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python import (
    DurableContext,
    StepContext,
    durable_execution,
    durable_step,
    durable_with_child_context,
)
from aws_durable_execution_sdk_python.config import Duration, JitterStrategy, StepConfig
from aws_durable_execution_sdk_python.retries import RetryStrategyConfig, create_retry_strategy


class CarUnavailable(Exception):
    """The error type CarUnavailable the workflow throws or retries on."""


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def error_info(error):
    """What an except block sees of a durable error: its type and message."""
    return {"type": type(error).__name__, "message": str(error)}


@durable_step
def book_flight(step_context: StepContext, trip_id):
    # Real work goes here: reserve a seat.
    return {"booking": "FL-1", "trip": trip_id}


@durable_step
def book_hotel(step_context: StepContext):
    # Real work goes here: reserve a room.
    return {"booking": "HT-7"}


@durable_step
def book_car(step_context: StepContext):
    # Real work goes here.
    raise CarUnavailable("no cars left at the airport")


@durable_with_child_context
def book_trip(child_context: DurableContext, trip_id):
    flight = child_context.step(book_flight(trip_id), name="book-flight")
    hotel = child_context.step(book_hotel(), name="book-hotel")
    child_context.step(book_car(), name="book-car", config=StepConfig(retry_strategy=create_retry_strategy(RetryStrategyConfig(max_attempts=3, initial_delay=Duration.from_seconds(2), backoff_rate=2.0, jitter_strategy=JitterStrategy.NONE))))
    return {"flight": flight, "hotel": hotel}


@durable_step
def cancel_hotel(step_context: StepContext):
    # Real work goes here: release the room.
    return "HT-7 cancelled"


@durable_step
def cancel_flight(step_context: StepContext):
    # Real work goes here: release the seat.
    return "FL-1 cancelled"


@durable_with_child_context
def compensate(child_context: DurableContext):
    child_context.step(cancel_hotel(), name="cancel-hotel")
    child_context.step(cancel_flight(), name="cancel-flight")


@durable_execution
def lambda_handler(event, context: DurableContext):
    context.logger.info("booking trip " + text_of(event["tripId"]) + " for " + text_of(event["traveller"]))
    try:
        bookings = context.run_in_child_context(book_trip(event["tripId"]), name="book-trip")
        return {"status": "booked", "bookings": bookings}
    except Exception as error:
        failure = error_info(error)
        context.run_in_child_context(compensate())
        return {
            "status": "rolled back",
            "reason": failure["message"],
            "error": failure["type"],
        }
