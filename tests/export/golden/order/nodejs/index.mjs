// Durable handler for the workflow "order-processing", exported by Durable Playground.
// The order workflow from the AWS Lambda durable functions getting-started tutorial: validate, pay, wait 10 seconds, confirm.
// Each step returns what the playground simulated; put the real work where the comments say.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export const handler = withDurableExecution(async (event, context) => {
  const validationResult = await context.step("validate_order", async () => {
    // Real work goes here. (The playground simulates 120 ms.)
    return { "orderId": event.orderId, "status": "validated" };
  });
  const paymentResult = await context.step("process_payment", async () => {
    // Real work goes here: charge the customer's card. (The playground simulates 450 ms.)
    return { "orderId": event.orderId, "status": "paid", "amount": 99.99 };
  });
  await context.wait({ seconds: 10 });
  const confirmationResult = await context.step("confirm_order", async () => {
    // Real work goes here. (The playground simulates 80 ms.)
    return { "orderId": event.orderId, "status": "confirmed" };
  });
  return {
    "orderId": event.orderId,
    "status": "completed",
    "steps": [validationResult, paymentResult, confirmationResult],
  };
});
