// Durable handler for the workflow "order-reference-outside-a-step", exported by Durable Playground.
// The order workflow with a determinism bug: the order reference is a uuid() computed outside any step, so it is computed again on every invocation. The payment step charges one reference; after the 10-second wait the replay confirms a different one. Fix: compute the reference inside a step (a step's returns), so the checkpoint keeps it.
// Each step returns what the playground simulated; put the real work where the comments say.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

// A value inside a text: strings as they are, anything else as JSON.
const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));

export const handler = withDurableExecution(async (event, context) => {
  const orderRef = crypto.randomUUID();
  context.logger.info("order reference " + textOf(orderRef));
  const validationResult = await context.step("validate_order", async () => {
    // Real work goes here. (The playground simulates 120 ms.)
    return { "orderId": event.orderId, "status": "validated" };
  });
  const paymentResult = await context.step("process_payment", async () => {
    // Real work goes here: charge the customer's card with the order reference. (The playground simulates 450 ms.)
    return {
      "orderId": event.orderId,
      "reference": orderRef,
      "status": "paid",
      "amount": 99.99,
    };
  });
  await context.wait({ seconds: 10 });
  const confirmationResult = await context.step("confirm_order", async () => {
    // Real work goes here. (The playground simulates 80 ms.)
    return { "orderId": event.orderId, "reference": orderRef, "status": "confirmed" };
  });
  return {
    "orderId": event.orderId,
    "status": "completed",
    "charged": paymentResult.reference,
    "confirmed": confirmationResult.reference,
  };
});
