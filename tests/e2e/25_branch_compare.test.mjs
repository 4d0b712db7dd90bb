// Branch and compare (issue 9): the approval example runs and its callback is approved; the keyboard
// travels back to where the first invocation ended waiting for the callback; a branch from there fails
// the callback instead; Compare shows the two side by side with the differences marked; the branch's
// origin survives a reload and the restored executions can be travelled in. Screenshots at 100% and 200%
// UI scale, 1280x720 and 1920x1080.
import { openPage, state, shot, click, typeInto, waitState, waitControl, settle, assert, assertNoErrors } from './lib.mjs';

async function key(page, k) {
  await page.keyboard.press(k);
  await settle(page, 3);
}

async function scale(page, value) {
  await click(page, 'menu.view');
  await click(page, 'menu.view.scale');
  await click(page, `menu.view.scale.${Math.round(value * 100)}%`);
  await waitState(page, (st) => st.ui_scale === value, `UI scale ${value}`);
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  // Scrubbing while a run plays pauses it, also while another tab hides the Run panel.
  await click(page, 'run.start');
  // One event a second (Ctrl+click types a slider's value), so the run still plays when the bar moves.
  const speed = await waitControl(page, 'run.speed');
  await page.keyboard.down('Control');
  await page.mouse.click(speed.x + speed.w / 2, speed.y + speed.h / 2);
  await page.keyboard.up('Control');
  await settle(page, 3);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await waitState(page, (st) => st.run.speed === 1, 'one event a second');
  await click(page, 'run.play');
  let s = await waitState(page, (st) => st.run.playing && st.travel.points > 3, 'a playing run');
  await click(page, 'tab.callbacks');
  await click(page, 'travel.first');
  s = await waitState(page, (st) => !st.run.playing && st.travel.travelling && st.travel.index === 0,
    'scrubbing paused the run and shows the start');
  await settle(page, 10);
  s = await state(page);
  assert(!s.run.playing && s.travel.travelling && s.travel.index === 0, 'it stays paused at the start');
  await click(page, 'menu.file');
  await click(page, 'menu.file.examples');
  await click(page, 'menu.file.examples.approval.json');
  await waitState(page, (st) => st.document.name === 'human-approval', 'the approval example');
  await click(page, 'tab.run');
  await click(page, 'run.start');
  await click(page, 'run.end');
  await waitState(page, (st) => st.pending_callbacks.includes('approval'), 'the pending callback');
  await click(page, 'tab.callbacks');
  await click(page, 'callbacks.payload.0');
  const typed = '{"approved": true}';
  await typeInto(page, typed, (st) => st.callbacks.payload0 === typed, { what: 'the approval' });
  await click(page, 'callbacks.succeed.0');
  s = await waitState(page, (st) => st.executions[1].status === 'SUCCEEDED', 'the approved run ends');
  assert(/fulfilled/.test(s.executions[1].result), 'approved: fulfilled, got ' + s.executions[1].result);

  // Back to where the first invocation ended PENDING, before the callback was answered.
  await click(page, 'tab.timeline');
  await key(page, 'Home');
  s = await waitState(page, (st) => st.travel.travelling && st.travel.index === 0, 'Home: the start');
  for (let i = 0; i < s.travel.points && s.travel.kind !== 'InvocationEnded'; i++) {
    await key(page, 'ArrowRight');
    s = await state(page);
  }
  assert(s.travel.kind === 'InvocationEnded' && s.travel.status === 'RUNNING',
    'the point where invocation 1 ended waiting: ' + JSON.stringify(s.travel).slice(0, 300));
  const point = s.travel.index + 1;

  // Branch: the callback fails this time.
  await click(page, 'travel.branch');
  await click(page, 'branch.kind.callback');
  await click(page, 'branch.callback.fail');
  await shot(page, name, 'branch-dialog');
  await click(page, 'branch.create');
  s = await waitState(page, (st) => st.executions.length === 3 && st.executions[2].status !== 'RUNNING',
    'the branch, run to its end');
  assert(s.travel.branch_error === '', 'no error: ' + s.travel.branch_error);
  const branch = s.executions[2];
  assert(branch.name === 'human-approval-2' && /expired/.test(branch.result),
    'the branch took the catch (the callback failed): ' + JSON.stringify(branch));
  assert(/fulfilled/.test(s.executions[1].result), 'the original is unchanged');
  s = await waitState(page, (st) => st.compare && st.compare.right === 'human-approval-2', 'Compare opened on the branch');
  const d = s.compare.differences;
  assert(s.compare.left === 'human-approval-1', 'the origin on the left: ' + s.compare.left);
  // Issue 12: the cost estimate of each side, per million executions like it.
  assert(s.compare.cost_per_million.length === 2 && s.compare.cost_per_million.every((t) => /^\$[0-9,]+\.[0-9]+$/.test(t)),
    'an estimated cost per million on each side: ' + JSON.stringify(s.compare.cost_per_million));
  // The result differs, and the callback's operation and the steps after it. (The second invocations
  // may differ in time: the branch's answer came at the branch point, the original's when it was sent.)
  assert(d.summary >= 1 && d.operations >= 1,
    'differences marked in the summary and the operations: ' + JSON.stringify(d));
  // The shared prefix (prepare-request, the callback's creation, notify-manager) is not marked: only the
  // callback's outcome and what came after it differ.
  assert(d.operations <= 3, 'the shared operations are not marked different: ' + JSON.stringify(d));
  await shot(page, name, 'compare');

  await click(page, 'tab.executions');
  s = await waitState(page, (st) => st.executions_branches && st.executions_branches.length === 1, 'the branch row');
  const origin = s.executions_branches[0];
  assert(origin.from === 'human-approval-1' && origin.point === point && /failed with Rejected/.test(origin.what),
    'where it branched from: ' + JSON.stringify(origin));
  await shot(page, name, 'executions');

  // Screens at other sizes and scales: the dialog and Compare.
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    for (const ui of [1, 2]) {
      await scale(page, ui);
      await click(page, 'executions.compare.human-approval-2');
      await waitControl(page, 'compare.left'); // the button brings the Compare tab forward
      await waitState(page, (st) => st.compare.right === 'human-approval-2', 'Compare');
      await shot(page, name, `compare-${w}x${h}-${ui * 100}`);
      await click(page, 'travel.branch');
      // The branch at its present had ended: nothing can differ, and the dialog says why.
      s = await waitState(page, (st) => /already ended \(SUCCEEDED\)/.test(st.travel.branch_refusal), 'the refusal');
      await shot(page, name, `dialog-${w}x${h}-${ui * 100}`);
      await click(page, 'branch.cancel');
      await click(page, 'tab.executions');
    }
  }
  await scale(page, 1);
  await page.setViewportSize({ width: 1600, height: 900 });

  // A reload keeps the branch and where it came from; the restored executions travel again (their
  // recording is rebuilt by re-simulation).
  await page.reload();
  await page.waitForFunction(() => window.dpFirstFrameMs !== undefined, null, { timeout: 30000 });
  s = await waitState(page, (st) => st.executions.length === 3, 'the three executions after the reload');
  await click(page, 'tab.executions');
  s = await waitState(page, (st) => st.executions_branches && st.executions_branches.length === 1, 'the branch row after the reload');
  assert(s.executions_branches[0].point === point, 'the origin survived: ' + JSON.stringify(s.executions_branches));
  await click(page, 'executions.row.human-approval-2');
  s = await waitState(page, (st) => st.travel.recorded && st.travel.points > 5, 'the restored branch can be travelled');
  await click(page, 'tab.timeline');
  await key(page, 'Home');
  s = await waitState(page, (st) => st.travel.travelling && st.travel.index === 0, 'Home in the restored branch');
  assert(s.travel.operations.length === 0, 'nothing at its start');
  await key(page, 'End');
  await shot(page, name, 'after-reload');
  assertNoErrors(page);
  await context.close();
}
