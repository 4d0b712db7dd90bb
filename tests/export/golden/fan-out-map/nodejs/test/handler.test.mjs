// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("fan-out-thumbnails", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), {
    "status": "FAILED",
    "reason": "MIN_SUCCESSFUL_REACHED",
    "succeeded": 3,
    "failed": 1,
    "items": [
      {
        "result": { "source": "cat.jpg", "thumbnail": "thumbs/cat.jpg", "index": 0 },
        "index": 0,
        "status": "SUCCEEDED",
      },
      {
        "result": { "source": "dog.jpg", "thumbnail": "thumbs/dog.jpg", "index": 1 },
        "index": 1,
        "status": "SUCCEEDED",
      },
      {
        "error": {
          "cause": {
            "cause": { "name": "ImageDecodeError" },
            "name": "StepError",
            "errorType": "StepError",
          },
          "name": "ChildContextError",
          "errorType": "ChildContextError",
        },
        "index": 2,
        "status": "FAILED",
      },
      {
        "result": { "source": "owl.jpg", "thumbnail": "thumbs/owl.jpg", "index": 3 },
        "index": 3,
        "status": "SUCCEEDED",
      },
      { "index": 4, "status": "STARTED" },
    ],
  });
});
