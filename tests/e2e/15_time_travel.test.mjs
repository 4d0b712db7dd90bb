// Time travel (issue 9): after the order workflow ran, the keys and the bar move the view through its
// past; every panel shows the state at the point; before the wait exactly two steps are checkpointed.
import { openPage, state, shot, click, waitState, settle, assert, assertNoErrors } from './lib.mjs';

async function key(page, k) {
  await page.keyboard.press(k);
  await settle(page, 3);
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.end');
  let s = await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'a finished run');
  assert(s.travel.recorded && s.travel.points > 10, 'the run was recorded: ' + JSON.stringify(s.travel).slice(0, 300));
  assert(!s.travel.travelling, 'the present is shown');
  const points = s.travel.points;
  const barsNow = s.timeline.bars;

  // Keys need the canvas focused: a click on the bar's label area gives it.
  await click(page, 'tab.timeline');
  await key(page, 'Home');
  s = await waitState(page, (st) => st.travel.travelling && st.travel.index === 0, 'Home: the start');
  assert(s.travel.operations.length === 0 && s.travel.status === 'RUNNING', 'nothing checkpointed at the start: ' + JSON.stringify(s.travel.operations));
  assert(s.timeline.bars < barsNow, `the timeline shows fewer bars (${s.timeline.bars} < ${barsNow})`);

  // Right arrow until the wait exists, then one back: exactly the two steps before it, both SUCCEEDED.
  // One point per key, each waited for: on a busy machine keys pressed ahead of the frames skipped past the
  // first point with the wait.
  s = await state(page);
  for (let i = 0; i < points && !s.travel.operations.some((o) => o.type === 'WAIT'); i++) {
    const from = s.travel.index;
    await key(page, 'ArrowRight');
    s = await waitState(page, (st) => st.travel.index === from + 1, 'one point forward');
  }
  assert(s.travel.operations.some((o) => o.type === 'WAIT'), 'the wait appears while stepping forward');
  const atWait = s.travel.index;
  await key(page, 'ArrowLeft');
  s = await waitState(page, (st) => st.travel.index === atWait - 1, 'one point back');
  const steps = s.travel.operations.filter((o) => o.type === 'STEP');
  assert(steps.length === 2 && steps.every((o) => o.status === 'SUCCEEDED') && !s.travel.operations.some((o) => o.type === 'WAIT'),
    'before the wait: exactly two checkpointed steps, got ' + JSON.stringify(s.travel.operations));
  assert(steps[0].name === 'validate_order' && steps[1].name === 'process_payment', 'validate_order and process_payment');
  await click(page, 'tab.operations');
  await shot(page, name, 'before-the-wait-operations');
  // The checkpoint browser reads the database as it was at that point: the execution and its two steps.
  await click(page, 'tab.checkpoints');
  await click(page, 'checkpoints.mode.tables');
  s = await waitState(page, (st) => st.sql.browse_at_point && st.sql.browse_rows === 3,
    'the operations table at the point (the EXECUTION operation and two steps)');
  await shot(page, name, 'before-the-wait-checkpoints');
  await click(page, 'checkpoints.travel_toggle');
  s = await waitState(page, (st) => !st.sql.browse_at_point && st.sql.browse_rows === 5, 'the latest database on demand');
  await click(page, 'checkpoints.travel_toggle');
  s = await waitState(page, (st) => st.sql.browse_at_point && st.sql.browse_rows === 3, "back to the point's database");

  // The back button (mouse) and PageDown (a presenter's clicker) move one point.
  await click(page, 'travel.back');
  s = await waitState(page, (st) => st.travel.index === atWait - 2, 'the back button');
  await key(page, 'PageDown');
  s = await waitState(page, (st) => st.travel.index === atWait - 1, 'PageDown');

  // End: the present again, every operation back.
  await key(page, 'End');
  s = await waitState(page, (st) => !st.travel.travelling, 'End: the present');
  assert(s.travel.operations.length === 4, 'four operations in the present, got ' + s.travel.operations.length);
  assert(s.timeline.bars === barsNow, 'all bars again');
  assertNoErrors(page);
  await context.close();
}
