// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("order-processing-nodejs", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), {
    "orderId": "order-12345",
    "status": "completed",
    "steps": [
      { "orderId": "order-12345", "status": "validated" },
      { "orderId": "order-12345", "status": "paid", "amount": 99.99 },
      { "orderId": "order-12345", "status": "confirmed" },
    ],
  });
});
