// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("parallel-credit-checks", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), {
    "status": "FAILED",
    "succeeded": 2,
    "failed": 1,
    "results": [
      { "result": { "bureau": "A", "score": 720 }, "index": 0, "status": "SUCCEEDED" },
      { "result": { "bureau": "B", "score": 705 }, "index": 1, "status": "SUCCEEDED" },
      {
        "error": {
          "cause": {
            "cause": {
              "cause": { "name": "StepError" },
              "name": "StepError",
              "errorType": "StepError",
            },
            "name": "StepError",
            "errorType": "StepError",
          },
          "name": "ChildContextError",
          "errorType": "ChildContextError",
        },
        "index": 2,
        "status": "FAILED",
      },
    ],
  });
});
