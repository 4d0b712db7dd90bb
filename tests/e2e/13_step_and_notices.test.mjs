// Issue 9, what a learner trips over: every Step click adds a sentence to the story (src/explain) and
// changes something one can see; a notice never moves
// a control, so clicking Step again and again (past the end, or when nothing can happen) never lands on
// "Start new execution"; "nothing can happen now" leaves once something happens.
import { openPage, state, shot, click, clickAt, control, waitControl, waitState, assert, assertNoErrors } from './lib.mjs';

// What the panels show of the first (or given) execution: any Step must change it.
function visible(s, index = 0) {
  const e = s.executions[index];
  return JSON.stringify([e.status, e.operations, e.events, e.invocations, s.invocations, s.clock_ms]);
}

async function stepUntil(page, at, index, done, what) {
  let s = await state(page);
  let clicks = 0;
  while (!done(s)) {
    assert(++clicks <= 60, what + ' within 60 Steps');
    const before = visible(s, index);
    await clickAt(page, at.x + at.w / 2, at.y + at.h / 2);
    s = await waitState(page, (st) => visible(st, index) !== before, `Step ${clicks} to change something visible`);
    assert(s.run.last_step.length > 0, `Step ${clicks} adds a sentence to the story`);
    const now = await control(page, 'run.step');
    assert(Math.abs(now.x - at.x) < 0.5 && Math.abs(now.y - at.y) < 0.5,
      `Step stays where it was (${JSON.stringify(at)} -> ${JSON.stringify(now)})`);
  }
  return { s, clicks };
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await waitState(page, (st) => st.executions.length === 1, 'an execution');
  const at = await waitControl(page, 'run.step');
  let { s, clicks } = await stepUntil(page, at, 0, (st) => st.executions[0].status !== 'RUNNING', 'the order workflow ends');
  assert(s.executions[0].status === 'SUCCEEDED', 'stepped to SUCCEEDED: ' + s.executions[0].status);
  assert(clicks >= 8, 'Step shows the run piece by piece, got ' + clicks + ' steps');
  // Past the end: Step is disabled; the same clicks start nothing.
  for (let i = 0; i < 4; i++) await clickAt(page, at.x + at.w / 2, at.y + at.h / 2);
  s = await state(page);
  assert(s.executions.length === 1, 'no stray execution after clicking past the end: ' + s.executions.length);
  await shot(page, name, 'stepped-to-end');

  // A callback: Step stops there; more clicks raise "nothing can happen now" in the menu bar's notice
  // area; nothing moves and nothing starts.
  await click(page, 'menu.file');
  await click(page, 'menu.file.examples');
  await click(page, 'menu.file.examples.approval.json');
  await waitState(page, (st) => st.document.name === 'human-approval', 'the approval example');
  await click(page, 'run.start');
  await waitState(page, (st) => st.executions.length === 2, 'a second execution');
  const start = await waitControl(page, 'run.start');
  const at2 = await waitControl(page, 'run.step');
  assert(Math.abs(at2.y - at.y) < 0.5, 'Step has not moved since the first run (a notice is up now)');
  ({ s } = await stepUntil(page, at2, 1, (st) => st.executions[1].status !== 'RUNNING' ||
    (st.pending_callbacks.includes('approval') && st.invocations.length > 0 && st.invocations[st.invocations.length - 1].ended),
  'the approval workflow to wait for its callback'));
  assert(s.executions[1].status === 'RUNNING', 'it waits, not ends: ' + s.executions[1].status);
  for (let i = 0; i < 3; i++) await clickAt(page, at2.x + at2.w / 2, at2.y + at2.h / 2);
  s = await waitState(page, (st) => st.notices.some((n) => /Nothing can happen now/.test(n)), 'the nothing-can-happen notice');
  assert(s.executions.length === 2, 'no stray execution: ' + s.executions.length);
  const after = await control(page, 'run.step');
  const startAfter = await control(page, 'run.start');
  assert(Math.abs(after.y - at2.y) < 0.5 && Math.abs(startAfter.y - start.y) < 0.5, 'the notice moved nothing');
  await shot(page, name, 'nothing-can-happen');
  // Answering the callback is something happening: the notice goes.
  await click(page, 'tab.callbacks');
  await click(page, 'callbacks.succeed.0');
  s = await waitState(page, (st) => !st.notices.some((n) => /Nothing can happen now/.test(n)), 'the notice to leave');
  await click(page, 'tab.run');
  ({ s } = await stepUntil(page, at2, 1, (st) => st.executions[1].status !== 'RUNNING', 'the approval workflow ends'));
  assert(s.executions[1].status === 'SUCCEEDED', 'approved and fulfilled: ' + s.executions[1].result);
  assert(s.executions.length === 2, 'still two executions');
  await shot(page, name, 'approved');
  assertNoErrors(page);
  await context.close();
}
