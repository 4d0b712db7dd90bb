// The blog's order workflow runs to the end from the UI and returns the blog's response.json.
import { openPage, state, shot, click, waitState, assert, assertNoErrors } from './lib.mjs';

const expected = {
  orderId: 'order-12345',
  status: 'completed',
  steps: [
    { orderId: 'order-12345', status: 'validated' },
    { orderId: 'order-12345', status: 'paid', amount: 99.99 },
    { orderId: 'order-12345', status: 'confirmed' },
  ],
};

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  let s = await waitState(page, (st) => st.executions.length === 1, 'an execution');
  assert(s.executions[0].status === 'RUNNING', 'the new execution runs');
  await shot(page, name, 'started');
  await click(page, 'run.step');
  await click(page, 'run.suspend');
  s = await state(page);
  await shot(page, name, 'suspended');
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'SUCCEEDED');
  const result = JSON.parse(s.executions[0].result);
  assert(JSON.stringify(result) === JSON.stringify(expected), 'the blog result, got ' + s.executions[0].result);
  assert(s.invocations.length === 2, 'two invocations (before and after the wait), got ' + s.invocations.length);
  assert(s.invocations[1].replayed.includes('process_payment'), 'invocation 2 replays process_payment');
  assert(!s.invocations[1].body_ran.includes('process_payment'), 'and does not run its body again');
  assert(s.timeline && s.timeline.bars > 0 && !s.timeline.shader_error, 'the timeline has bars: ' + JSON.stringify(s.timeline));
  const summary = await page.evaluate(() => document.getElementById('sr-summary').textContent);
  assert(/SUCCEEDED/.test(summary) && /completed/.test(summary), 'the screen-reader summary follows: ' + summary);
  await shot(page, name, 'succeeded');
  // The page answers ImGui's GL state backup from its own copy (src/platform/gl_state.hpp): after frames
  // with the timeline's GL pass, the copy must still match WebGL.
  const glState = await page.evaluate(() => window.dpModule.UTF8ToString(window.dpModule._dp_test_gl_state_check()));
  assert(glState === '', 'the GL state copy matches WebGL: ' + glState);
  await click(page, 'tab.history');
  await shot(page, name, 'history');
  assertNoErrors(page);
  await context.close();
}
