// A second lesson played to completion by mouse and keyboard (issue 10): "Human approval with a callback".
// The first order is approved with a payload typed into the Callbacks panel; the check then still fails
// and says what is missing (reject another order); the second order's callback is failed with a typed
// message, and the check passes. Screenshots of the failing and the passed strip.
import { openPage, shot, click, typeInto, waitState, state, settle, assert, assertNoErrors } from './lib.mjs';

const id = 'human-approval';

// Start, To end (it stops at the callback), and the Callbacks panel's tab.
async function runToCallback(page, executions) {
  await click(page, 'tab.run');
  await click(page, 'run.start');
  await waitState(page, (st) => st.executions.length === executions, 'execution ' + executions);
  await click(page, 'run.end');
  await waitState(page, (st) => st.pending_callbacks.includes('approval'), 'the approval callback ' + executions);
  await click(page, 'tab.callbacks');
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser, { width: 1600, height: 900 });
  await click(page, 'menu.learn');
  await click(page, 'menu.learn.' + id);
  let s = await waitState(page, (st) => st.lesson.mode === 'lesson' && st.lesson.id === id, 'the lesson to open');
  assert(!s.lesson.passed && /approve an order/.test(s.lesson.missing), 'at the start both goals are missing: ' + s.lesson.missing);

  // Approve the first order: a payload typed into the Callbacks panel, then Succeed.
  await runToCallback(page, 1);
  await click(page, 'callbacks.payload.0');
  const payload = '{"approved": true, "by": "manager"}';
  await typeInto(page, payload, (st) => st.callbacks.payload0 === payload, { what: 'the typed payload' });
  await click(page, 'callbacks.succeed.0');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'the approved order to end');
  assert(JSON.parse(s.executions[0].result).status === 'fulfilled', 'fulfilled: ' + s.executions[0].result);

  // Half done: the check fails and says what is still missing.
  s = await waitState(page, (st) => /reject another one/.test(st.lesson.missing), 'the check to name the missing half');
  assert(!s.lesson.passed, 'one approval is not the whole goal');
  assert(!/approve an order/.test(s.lesson.missing), 'the approval is no longer missing: ' + s.lesson.missing);
  await settle(page, 4);
  await shot(page, name, 'failing-half-done');

  // Reject the second order: Fail, a typed message, Send failure.
  await runToCallback(page, 2);
  await click(page, 'callbacks.fail.0');
  await click(page, 'callbacks.fail.message');
  await typeInto(page, 'out of stock', () => true, { what: 'the failure message' });
  await click(page, 'callbacks.fail.send');
  s = await waitState(page, (st) => st.executions[1].status !== 'RUNNING', 'the rejected order to end');
  s = await waitState(page, (st) => st.lesson.passed, 'the check to pass');
  assert(s.lesson.done.includes(id), 'the lesson is marked done');
  await settle(page, 4);
  await shot(page, name, 'passed');
  s = await state(page);
  assert(s.executions.length === 2, 'two executions: ' + s.executions.length);
  assertNoErrors(page);
  await context.close();
}
