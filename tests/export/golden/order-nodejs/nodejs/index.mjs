// Durable handler for the workflow "order-processing-nodejs", exported by Durable Playground.
// The tutorial's order workflow in the Node.js flavour (JavaScript SDK ids, JSON.stringify results).
// Each step returns what the playground simulated; put the real work where the comments say.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export const handler = withDurableExecution(async (event, context) => {
  const validation = await context.step("validate-order", async () => {
    // Real work goes here. (The playground simulates 120 ms.)
    return { "orderId": event.orderId, "status": "validated" };
  });
  const payment = await context.step("process-payment", async () => {
    // Real work goes here: charge the customer's card. (The playground simulates 450 ms.)
    return { "orderId": event.orderId, "status": "paid", "amount": 99.99 };
  });
  await context.wait("confirmation-window", { seconds: 10 });
  const confirmation = await context.step("confirm-order", async () => {
    // Real work goes here. (The playground simulates 80 ms.)
    return { "orderId": event.orderId, "status": "confirmed" };
  });
  return {
    "orderId": event.orderId,
    "status": "completed",
    "steps": [validation, payment, confirmation],
  };
});
