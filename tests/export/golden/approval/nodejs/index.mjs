// Durable handler for the workflow "human-approval", exported by Durable Playground.
// Ask a manager to approve an order; give up after one day. The callback is answered from the UI or the CLI.
// Each step returns what the playground simulated; put the real work where the comments say.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

// A value inside a text: strings as they are, anything else as JSON.
const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));
// What a catch block sees of a durable error: its type and message.
const errorInfo = (error) => ({ type: error.name, message: error.message });
const asCondition = (value) => {
  if (typeof value !== "boolean") {
    throw new TypeError(`the condition must evaluate to true or false, got ${JSON.stringify(value)}`);
  }
  return value;
};

export const handler = withDurableExecution(async (event, context) => {
  let error, decision, done;
  const request = await context.step("prepare-request", async () => {
    // Real work goes here.
    return { "orderId": event.orderId, "amount": event.amount };
  });
  const [approvalCallbackPromise, approvalCallbackId] = await context.createCallback("approval", { timeout: { seconds: 86400 } });
  await context.step("notify-manager", async () => {
    // Real work goes here: email the manager a link.
    return "sent " + textOf(approvalCallbackId);
  });
  try {
    decision = JSON.parse(await approvalCallbackPromise);
  } catch (error_2) {
    error = errorInfo(error_2);
    return { "orderId": event.orderId, "status": "expired", "reason": error.message };
  }
  if (asCondition(decision.approved)) {
    done = await context.step("fulfil-order", async () => {
      // Real work goes here.
      return { "orderId": event.orderId, "status": "fulfilled" };
    });
    return done;
  } else {
    return { "orderId": event.orderId, "status": "rejected" };
  }
});
