// Durable handler for the workflow "parallel-credit-checks", exported by Durable Playground.
// Ask three credit bureaus at once; tolerate one failure. One bureau times out after its retries.
// Each step returns what the playground simulated; put the real work where the comments say.
import {
  withDurableExecution,
  createRetryStrategy,
  JitterStrategy,
} from "@aws/durable-execution-sdk-js";

// Error types this workflow throws or retries on; the history shows error.name.
export class TimeoutError extends Error {
  constructor(message) {
    super(message);
    this.name = "TimeoutError";
  }
}

export const handler = withDurableExecution(async (event, context) => {
  const checks = await context.parallel("credit-bureaus", [
    {
      name: "bureau-a",
      func: async (branchContext) => {
        const a = await branchContext.step("query-a", async () => {
          // Real work goes here. (The playground simulates 900 ms.)
          return { "bureau": "A", "score": 720 };
        });
        return a;
      },
    },
    {
      name: "bureau-b",
      func: async (branchContext) => {
        const b = await branchContext.step("query-b", async () => {
          // Real work goes here. (The playground simulates 400 ms.)
          return { "bureau": "B", "score": 705 };
        });
        return b;
      },
    },
    {
      name: "bureau-c",
      func: async (branchContext) => {
        await branchContext.step("query-c", async () => {
          // Real work goes here.
          throw new TimeoutError("bureau C did not answer");
        }, { retryStrategy: createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 3 }, jitter: JitterStrategy.NONE }) });
      },
    },
  ], { completionConfig: { toleratedFailureCount: 1 } });
  return {
    "status": checks.status,
    "succeeded": checks.successCount,
    "failed": checks.failureCount,
    "results": checks.all,
  };
});
