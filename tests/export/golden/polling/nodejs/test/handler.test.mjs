// Asserts the outcome the playground showed for this workflow. Run with `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runLocally } from "./run-locally.mjs";

test("poll-export-job", async () => {
  const result = await runLocally();
  assert.equal(result.getStatus(), "SUCCEEDED");
  assert.deepEqual(result.getResult(), { "url": "s3://exports/job-42.csv", "checks": 4 });
});
