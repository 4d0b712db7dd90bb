// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("fan-out-thumbnails", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), {
    "status": "FAILED",
    "reason": "ALL_COMPLETED",
    "succeeded": 4,
    "failed": 1,
    "items": [
      {
        "index": 0,
        "status": "SUCCEEDED",
        "result": { "source": "cat.jpg", "thumbnail": "thumbs/cat.jpg", "index": 0 },
        "error": null,
      },
      {
        "index": 1,
        "status": "SUCCEEDED",
        "result": { "source": "dog.jpg", "thumbnail": "thumbs/dog.jpg", "index": 1 },
        "error": null,
      },
      {
        "index": 2,
        "status": "FAILED",
        "result": null,
        "error": { "ErrorMessage": "cannot decode broken.jpg", "ErrorType": "ImageDecodeError" },
      },
      {
        "index": 3,
        "status": "SUCCEEDED",
        "result": { "source": "owl.jpg", "thumbnail": "thumbs/owl.jpg", "index": 3 },
        "error": null,
      },
      {
        "index": 4,
        "status": "SUCCEEDED",
        "result": { "source": "fox.jpg", "thumbnail": "thumbs/fox.jpg", "index": 4 },
        "error": null,
      },
    ],
  });
});
