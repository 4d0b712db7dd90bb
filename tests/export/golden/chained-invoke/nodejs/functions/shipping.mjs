// Durable handler for the workflow "shipping", exported by Durable Playground.
// Each step returns what the playground simulated; put the real work where the comments say.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export const handler = withDurableExecution(async (event, context) => {
  const booking = await context.step("book-carrier", async () => {
    // Real work goes here.
    return { "carrier": "DHL", "orderId": event.orderId };
  });
  await context.wait("wait-for-pickup", { seconds: 3600 });
  return { "carrier": booking.carrier, "status": "picked up" };
});
