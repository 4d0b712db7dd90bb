// Issue 9, what a learner trips over (continued): opening an example offers Undo; the inspector shows the
// statement of the operation selected elsewhere; the semantics line and the crash menu say what a crash
// after the body does; results show their value (the SDK's envelope on demand); the runtime's "(?)";
// the Export panel's wide view fits 100 columns.
import { openPage, state, shot, click, hover, waitControl, waitState, settle, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  // An edit of the user's: duplicate a statement.
  await click(page, 'editor.node.validate_order');
  await click(page, 'editor.duplicate');
  await waitState(page, (st) => st.document.statements === 6, 'the duplicated statement');
  // Opening an example replaces it, with Undo in the notice.
  await click(page, 'menu.file');
  await click(page, 'menu.file.examples');
  await click(page, 'menu.file.examples.approval.json');
  await waitState(page, (st) => st.document.name === 'human-approval', 'the approval example');
  await waitControl(page, 'notice.action');
  await shot(page, name, 'example-opened-undo');
  await click(page, 'notice.action');
  let s = await waitState(page, (st) => st.document.name === 'order-processing', 'the workflow back');
  assert(s.document.statements === 6, 'with the edit: ' + s.document.statements);

  // The inspector follows the shared selection.
  await click(page, 'run.start');
  await click(page, 'run.end');
  await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'a finished run');
  await click(page, 'operations.row.process_payment');
  s = await waitState(page, (st) => st.selection.operation_name === 'process_payment', 'the selection');
  s = await waitState(page, (st) => st.editor.inspected === 'step process_payment', 'the inspector to follow');
  assert(/At least once per retry/.test(s.editor.semantics_line), 'the semantics line: ' + s.editor.semantics_line);
  await shot(page, name, 'inspector-follows');

  // At most once per retry: the next attempt still runs the body; with no retry the step fails.
  await click(page, 'editor.field.semantics');
  await click(page, 'editor.field.semantics.1');
  s = await waitState(page, (st) => /At most once per retry/.test(st.editor.semantics_line), 'at most once per retry');
  assert(/next attempt .* runs the body again/.test(s.editor.semantics_line), 'the retry runs it again: ' + s.editor.semantics_line);
  await click(page, 'editor.field.retry');
  await click(page, 'editor.field.retry.1');
  s = await waitState(page, (st) => /no retry/.test(st.editor.semantics_line), 'no retry');
  assert(/StepInterruptedError/.test(s.editor.semantics_line), 'fails as interrupted: ' + s.editor.semantics_line);
  await shot(page, name, 'semantics-no-retry');
  // The crash menu says the same in one line.
  await click(page, 'operations.row.process_payment', { button: 'right' });
  await waitControl(page, 'fault.crash_after_body.line');
  await shot(page, name, 'crash-menu');
  await page.keyboard.press('Escape');
  await settle(page, 3);

  // Results: the value, and the stored envelope on demand.
  await click(page, 'operations.row.validate_order');
  s = await waitState(page, (st) => st.operations.result_shown !== '', 'a result');
  assert(JSON.stringify(JSON.parse(s.operations.result_shown)) === '{"orderId":"order-12345","status":"validated"}',
    'the decoded value: ' + s.operations.result_shown);
  await shot(page, name, 'result-value');
  await click(page, 'operations.result.raw');
  s = await waitState(page, (st) => st.operations.raw, 'the stored form');
  assert(/"t":\s*"m"/.test(s.operations.result_shown), 'the envelope: ' + s.operations.result_shown);
  await shot(page, name, 'result-stored');
  await click(page, 'tab.checkpoints');
  await click(page, 'checkpoints.mode.tables');
  s = await waitState(page, (st) => st.checkpoints_page.rows.length > 0, 'the operations table');
  const cells = JSON.stringify(s.checkpoints_page.rows);
  assert(/validated/.test(cells) && !/\\"t\\":/.test(cells), 'decoded cells: ' + cells.slice(0, 400));

  // The runtime's "(?)" is about the runtimes.
  await click(page, 'editor.mode.function');
  await hover(page, 'editor.function.runtime_help');
  await page.screenshot({ path: `tests/e2e/artifacts/${name}-runtime-help.png` });

  // Export: the wide view fits 100 columns.
  await click(page, 'tab.export');
  s = await waitState(page, (st) => st.export.panel_columns > 0, 'the export panel');
  await click(page, 'export.wide');
  s = await waitState(page, (st) => st.export.wide_columns > 0, 'the wide view');
  assert(s.export.wide_columns >= 100, 'at least 100 columns: ' + s.export.wide_columns + ' (panel: ' + s.export.panel_columns + ')');
  await shot(page, name, 'export-wide');
  assertNoErrors(page);
  await context.close();
}
