// Durable handler for the workflow "poll-export-job", exported by Durable Playground.
// Start an export job, then poll its status with wait_for_condition (backoff 1.5x, full jitter) until it is ready.
// Each step returns what the playground simulated; put the real work where the comments say.
import {
  withDurableExecution,
  createWaitStrategy,
  JitterStrategy,
} from "@aws/durable-execution-sdk-js";

// A value inside a text: strings as they are, anything else as JSON.
const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));
// Stops polling once the condition is met (here: on a given attempt), else asks the strategy.
const untilAttempt = (attempt, strategy) => (state, attemptsMade) =>
  attemptsMade >= attempt ? { shouldContinue: false } : strategy(state, attemptsMade);

export const handler = withDurableExecution(async (event, context) => {
  const job = await context.step("start-export", async () => {
    // Real work goes here.
    return { "jobId": "job-42", "report": event.report };
  });
  const final = await context.waitForCondition("wait-until-ready", async (state, conditionContext) => {
    // Check the real condition here and return the new state.
    return {
      "jobId": state.jobId,
      "checks": conditionContext.attempt,
      "status": "RUNNING",
    };
  }, {
    initialState: { "jobId": job.jobId, "checks": 0, "status": "RUNNING" },
    // The playground's condition is met on attempt 4.
    waitStrategy: untilAttempt(4, createWaitStrategy({ maxAttempts: 10, initialDelay: { seconds: 5 }, maxDelay: { seconds: 60 }, backoffRate: 1.5, jitter: JitterStrategy.FULL, shouldContinuePolling: () => true })),
  });
  const download = await context.step("download-export", async () => {
    // Real work goes here.
    return { "url": "s3://exports/" + textOf(job.jobId) + ".csv", "checks": final.checks };
  });
  return download;
});
