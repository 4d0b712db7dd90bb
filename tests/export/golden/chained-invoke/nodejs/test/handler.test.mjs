// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("chained-invoke", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), {
    "orderId": "order-31",
    "price": { "total": 42.5, "currency": "EUR" },
    "shipping": { "carrier": "DHL", "status": "picked up" },
  });
});
