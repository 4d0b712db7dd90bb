"""Durable handler for the workflow trip-booking-saga, exported by Durable Playground.

Book flight, hotel and car in a child context; the car rental fails for good, so the saga compensates in reverse order.
Each step returns what the playground simulated; put the real work where the comments say.
"""

import json

from aws_durable_execution_sdk_python.config import (
    Duration,
    StepConfig,
    JitterStrategy,
)
from aws_durable_execution_sdk_python.context import DurableContext, StepContext
from aws_durable_execution_sdk_python.execution import durable_execution
from aws_durable_execution_sdk_python.retries import RetryStrategyConfig, create_retry_strategy


class CarUnavailable(Exception):
    """The error type CarUnavailable the workflow throws or retries on."""


def text_of(value):
    """A value inside a text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def error_info(error):
    """What a except block sees of a durable error: its type and message."""
    return {"type": type(error).__name__, "message": str(error)}


@durable_execution
def lambda_handler(event, context: DurableContext):
    context.logger.info("booking trip " + text_of(event["tripId"]) + " for " + text_of(event["traveller"]))
    try:
        def book_trip(child_context: DurableContext):
            def book_flight(step_context: StepContext):
                # Real work goes here: reserve a seat.
                return {"booking": "FL-1", "trip": event["tripId"]}
            flight = child_context.step(book_flight, name="book-flight")
            def book_hotel(step_context: StepContext):
                # Real work goes here: reserve a room.
                return {"booking": "HT-7"}
            hotel = child_context.step(book_hotel, name="book-hotel")
            def book_car(step_context: StepContext):
                # Real work goes here.
                raise CarUnavailable("no cars left at the airport")
            child_context.step(book_car, name="book-car", config=StepConfig(retry_strategy=create_retry_strategy(RetryStrategyConfig(max_attempts=3, initial_delay=Duration.from_seconds(2), backoff_rate=2.0, jitter_strategy=JitterStrategy.NONE))))
            return {"flight": flight, "hotel": hotel}
        bookings = context.run_in_child_context(book_trip, name="book-trip")
        return {"status": "booked", "bookings": bookings}
    except Exception as error:
        failure = error_info(error)
        def compensate(child_context_2: DurableContext):
            def cancel_hotel(step_context: StepContext):
                # Real work goes here: release the room.
                return "HT-7 cancelled"
            child_context_2.step(cancel_hotel, name="cancel-hotel")
            def cancel_flight(step_context: StepContext):
                # Real work goes here: release the seat.
                return "FL-1 cancelled"
            child_context_2.step(cancel_flight, name="cancel-flight")
        context.run_in_child_context(compensate, name="compensate")
        return {
            "status": "rolled back",
            "reason": failure["message"],
            "error": failure["type"],
        }
