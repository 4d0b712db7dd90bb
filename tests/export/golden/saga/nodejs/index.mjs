// Durable handler for the workflow "trip-booking-saga", exported by Durable Playground.
// Book flight, hotel and car in a child context; the car rental fails for good, so the saga compensates in reverse order.
// Each step returns what the playground simulated; put the real work where the comments say.
import {
  withDurableExecution,
  createRetryStrategy,
  JitterStrategy,
} from "@aws/durable-execution-sdk-js";

// Error types this workflow throws or retries on; the history shows error.name.
export class CarUnavailable extends Error {
  constructor(message) {
    super(message);
    this.name = "CarUnavailable";
  }
}

// A value inside a text: strings as they are, anything else as JSON.
const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));
// What a catch block sees of a durable error: its type and message.
const errorInfo = (error) => ({ type: error.name, message: error.message });

export const handler = withDurableExecution(async (event, context) => {
  let failure, bookings;
  context.logger.info("booking trip " + textOf(event.tripId) + " for " + textOf(event.traveller));
  try {
    bookings = await context.runInChildContext("book-trip", async (childContext) => {
      const flight = await childContext.step("book-flight", async () => {
        // Real work goes here: reserve a seat.
        return { "booking": "FL-1", "trip": event.tripId };
      });
      const hotel = await childContext.step("book-hotel", async () => {
        // Real work goes here: reserve a room.
        return { "booking": "HT-7" };
      });
      await childContext.step("book-car", async () => {
        // Real work goes here.
        throw new CarUnavailable("no cars left at the airport");
      }, { retryStrategy: createRetryStrategy({ maxAttempts: 3, initialDelay: { seconds: 2 }, backoffRate: 2, jitter: JitterStrategy.NONE }) });
      return { "flight": flight, "hotel": hotel };
    });
    return { "status": "booked", "bookings": bookings };
  } catch (error) {
    failure = errorInfo(error);
    await context.runInChildContext("compensate", async (childContext) => {
      await childContext.step("cancel-hotel", async () => {
        // Real work goes here: release the room.
        return "HT-7 cancelled";
      });
      await childContext.step("cancel-flight", async () => {
        // Real work goes here: release the seat.
        return "FL-1 cancelled";
      });
    });
    return { "status": "rolled back", "reason": failure.message, "error": failure.type };
  }
});
