// Durable handler for the workflow "chained-invoke", exported by Durable Playground.
// Call a plain pricing function and a durable shipping workflow (which waits an hour for a carrier) with context.invoke.
// Each step returns what the playground simulated; put the real work where the comments say.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

// Functions this workflow invokes: set each to the target's qualified ARN (version or alias).
export const functionIds = {
  "pricing": process.env.FUNCTION_PRICING ?? "pricing",
  "shipping": process.env.FUNCTION_SHIPPING ?? "shipping",
};

export const handler = withDurableExecution(async (event, context) => {
  const price = await context.invoke("get-price", functionIds["pricing"], { "orderId": event.orderId, "items": event.items });
  const shipping = await context.invoke("arrange-shipping", functionIds["shipping"], { "orderId": event.orderId });
  return { "orderId": event.orderId, "price": price, "shipping": shipping };
});
