// Runs the handler in-process with AWS's LocalDurableTestRunner (time skipping on), with the
// invoked functions and callback answers the playground simulated. Exported by Durable Playground.
import { LocalDurableTestRunner, WaitingOperationStatus } from "@aws/durable-execution-sdk-js-testing";
import { handler } from "../index.mjs";

export const input = { "images": ["cat.jpg", "dog.jpg", "broken.jpg", "owl.jpg", "fox.jpg"] };

const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));

// Sends a callback's answer once the callback has started.
const answer = async (runner, name, send) => {
  const operation = runner.getOperation(name);
  await operation.waitForData(WaitingOperationStatus.STARTED);
  await send(operation);
};

export async function runLocally({ handlerFunction = handler, payload = input } = {}) {
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  try {
    const runner = new LocalDurableTestRunner({ handlerFunction });
    const execution = runner.run({ payload });
    const answers = [];
    const result = await execution;
    await Promise.allSettled(answers);
    return result;
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
}
