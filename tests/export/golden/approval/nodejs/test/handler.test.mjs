// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("human-approval", { skip: "callback approval has no scripted answer; answer it with sendCallbackSuccess in run-locally.mjs" }, async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), { "orderId": "order-777", "status": "expired", "reason": "Callback timed out" });
});
