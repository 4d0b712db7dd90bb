// The Code panel (issue 9): the order workflow's handler from the exporter, stepped with the Run panel and
// travelled with the keys; the gutter marks the statement in progress, what ran, what was replayed and
// where the invocation suspended; a click selects the operation, a hover shows its stored result.
import { openPage, state, shot, click, waitState, settle, assert, assertNoErrors } from './lib.mjs';

async function key(page, k) {
  await page.keyboard.press(k);
  await settle(page, 3);
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'tab.code');
  let s = await waitState(page, (st) => st.code && st.code.lines > 10, 'the handler');
  assert(s.code.language === 'python' && s.code.path === 'python/lambda_function.py', 'python for a python runtime: ' + s.code.path);
  const lines = s.code.statements;
  for (const k of ['validate_order', 'process_payment', 'confirm_order', 'WAIT#1'])
    assert(lines[k] > 0, `a line for ${k}: ` + JSON.stringify(lines));
  await shot(page, name, 'code-before-start');

  // Step until the handler is at validate_order: the line is marked in progress.
  await click(page, 'run.start');
  for (let i = 0; i < 20; i++) {
    s = await state(page);
    if (s.code.current_line === lines.validate_order) break;
    await click(page, 'run.step');
  }
  assert(s.code.current_line === lines.validate_order && s.code.marks[lines.validate_order] === 'current',
    'validate_order in progress: ' + JSON.stringify(s.code.marks));
  await shot(page, name, 'in-progress');

  // To the suspension: invocation 1 ran both steps and suspended on the wait.
  await click(page, 'run.suspend');
  s = await waitState(page, (st) => st.code.marks[lines['WAIT#1']] === 'suspended', 'the wait marked suspended');
  assert(s.code.marks[lines.validate_order] === 'ran' && s.code.marks[lines.process_payment] === 'ran',
    'both steps ran in invocation 1: ' + JSON.stringify(s.code.marks));
  assert(s.code.current_line === 0, 'nothing in progress once the invocation ended');
  await shot(page, name, 'suspended');

  // The rest, then back in time into invocation 2: validate_order replayed, process_payment in progress.
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'SUCCEEDED');
  assert(s.code.marks[lines.validate_order] === 'replayed' && s.code.marks[lines.confirm_order] === 'ran',
    'invocation 2 replayed validate_order and ran confirm_order: ' + JSON.stringify(s.code.marks));
  await key(page, 'Home');
  await waitState(page, (st) => st.travel.travelling && st.travel.index === 0, 'the start');
  for (let i = 0; i < s.travel.points; i++) {
    s = await state(page);
    if (s.code.current_line === lines.process_payment && s.code.marks[lines.validate_order] === 'replayed') break;
    await key(page, 'ArrowRight');
  }
  assert(s.code.current_line === lines.process_payment && s.code.marks[lines.validate_order] === 'replayed',
    'replaying process_payment in invocation 2: ' + JSON.stringify(s.code));
  await shot(page, name, 'replaying');

  // Hover validate_order's line: its stored result, decoded. Click process_payment's: selected everywhere.
  const rect = await click(page, 'code.line.' + lines.validate_order, { button: 'middle' });
  await page.mouse.move(rect.x + rect.w / 3, rect.y + rect.h / 2);
  s = await waitState(page, (st) => st.code.hovered_line === lines.validate_order && /validated/.test(st.code.tooltip),
    'the stored result on hover');
  await page.screenshot({ path: `tests/e2e/artifacts/${name}-hover-result.png` }); // the mouse stays: the tooltip shows
  await click(page, 'code.line.' + lines.process_payment);
  s = await waitState(page, (st) => st.selection.operation_name === 'process_payment', 'process_payment selected');
  assert(s.selection.operation !== '', 'with its operation id');

  // The other language, byte for byte the Export panel's handler.
  await click(page, 'code.javascript');
  s = await waitState(page, (st) => st.code.language === 'javascript', 'JavaScript');
  await click(page, 'tab.export');
  s = await waitState(page, (st) => st.export && st.export.files.length > 0, 'the export files');
  const exported = s.export.files.find((f) => f.path === s.code.path);
  assert(exported && exported.bytes === s.code.bytes, `the code is the exported ${s.code.path} (${s.code.bytes} vs ${exported && exported.bytes} bytes)`);
  assertNoErrors(page);
  await context.close();
}
