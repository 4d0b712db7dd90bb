// Durable handler for the workflow "human-approval", exported by Durable Playground.
// Ask a manager to approve an order; give up after one day. The callback is answered from the UI or the CLI.
// Each step returns what the playground simulated; put the real work where the comments say.
import {
  withDurableExecution,
} from "@aws/durable-execution-sdk-js";

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
  let request, approval_callbackPromise, approval_callbackId, approval_callback, error, decision, done;
  request = await context.step("prepare-request", async () => {
    // Real work goes here.
    return { "orderId": event.orderId, "amount": event.amount };
  });
  [approval_callbackPromise, approval_callbackId] = await context.createCallback("approval", { timeout: { seconds: 86400 } });
  approval_callback = { callback_id: approval_callbackId };
  await context.step("notify-manager", async () => {
    // Real work goes here: email the manager a link.
    return "sent " + textOf(approval_callback.callback_id);
  });
  try {
    decision = JSON.parse(await approval_callbackPromise);
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
