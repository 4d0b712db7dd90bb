// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("order-reference-outside-a-step", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  // The result holds values computed with random(), uuid() or now(), new on every run: compare its
  // shape (keys and types), not the playground's values.
  const shape = (v) =>
    v === null || typeof v !== "object" ? (v === null ? "null" : typeof v)
    : Array.isArray(v) ? v.map(shape) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  assert.deepEqual(shape(result.getResult()), shape({
    "orderId": "order-12345",
    "status": "completed",
    "charged": "3469414b-4a48-463b-b844-0bb9d836dba9",
    "confirmed": "aff2de52-17da-4d24-8742-c15320de6a8a",
  }));
});
