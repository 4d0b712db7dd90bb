// Runs the handler in-process with AWS's LocalDurableTestRunner (time skipping on), with the
// invoked functions and callback answers the playground simulated. Exported by Durable Playground.
import { LocalDurableTestRunner, WaitingOperationStatus } from "@aws/durable-execution-sdk-js-testing";
import { handler } from "../index.mjs";

export const input = { "orderId": "order-12345" };

const textOf = (value) => (typeof value === "string" ? value : JSON.stringify(value));

// Invocations in flight: an external system answers a callback after the invocation that created it
// has ended (suspended), as in the playground, not while it still runs.
let active = 0;
let started = 0;
const idleWaiters = [];
const tracked = (handlerFunction) => async (event, context) => {
  active++;
  started++;
  try {
    return await handlerFunction(event, context);
  } finally {
    active--;
    if (active === 0) idleWaiters.splice(0).forEach((wake) => wake());
  }
};

// Sends a callback's answer once the callback has started and, after the previous answer, a later
// invocation has run and ended.
let lastSend = 0;
const settled = (after) =>
  new Promise((resolve) => {
    const check = () => (started > after && active === 0 ? resolve() : idleWaiters.push(check));
    check();
  });
const answer = async (runner, name, send) => {
  const operation = runner.getOperation(name);
  await operation.waitForData(WaitingOperationStatus.STARTED);
  await settled(lastSend);
  lastSend = started;
  await send(operation);
};

export async function runLocally({ handlerFunction = handler, payload = input } = {}) {
  started = 0;
  lastSend = 0;
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  try {
    const runner = new LocalDurableTestRunner({ handlerFunction: tracked(handlerFunction) });
    const execution = runner.run({ payload });
    const result = await execution;
    return result;
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
}
