// The SQL console returns rows; bad SQL shows SQLite's error; a write is refused.
import { openPage, shot, click, clickAt, typeInto, waitState, waitControl, assert, assertNoErrors } from './lib.mjs';

async function runSql(page, sql) {
  await click(page, 'checkpoints.sql');
  // Wait on the field's text, not on time: under load ImGui takes the keys over many frames.
  const typed = await typeInto(page, sql, (st) => st.sql.text === sql, { what: 'the SQL typed' });
  const before = typed.sql.runs;
  await click(page, 'checkpoints.run');
  return waitState(page, (s) => s.sql.runs > before, 'the query to run');
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.end');
  await waitState(page, (s) => s.executions[0] && s.executions[0].status === 'SUCCEEDED', 'a finished run');
  await click(page, 'tab.checkpoints');
  await click(page, 'checkpoints.mode.tables');
  let s0;
  await waitControl(page, 'checkpoints.grouping_note');
  await shot(page, name, 'tables');
  // The checkpoint_calls table, first in the list: one row per call, with what it carried.
  const combo = await click(page, 'checkpoints.table');
  await clickAt(page, combo.x + combo.w / 2, combo.y + combo.h * 1.5);
  s0 = await waitState(page, (st) => st.checkpoints_page && st.checkpoints_page.table === 'checkpoint_calls',
    'the checkpoint_calls table browsed');
  assert(s0.checkpoints_page.columns.includes('updates_in_call') && s0.checkpoints_page.columns.includes('carried'),
    'the calls table shows what each call carried: ' + s0.checkpoints_page.columns.join(','));
  await shot(page, name, 'checkpoint-calls');
  await click(page, 'checkpoints.mode.sql');
  let s = await runSql(page, "SELECT name, type, status FROM operations WHERE name IS NOT NULL ORDER BY position");
  assert(s.sql.error === '', 'no error: ' + s.sql.error);
  assert(s.sql.rows >= 3, 'rows for the named operations, got ' + s.sql.rows);
  assert(s.sql.columns.join(',') === 'name,type,status', 'the columns asked for');
  await shot(page, name, 'rows');
  // Issue 12: the page runs the order workflow as Python 2.0.x, whose quick confirm_order (80 ms) sends its
  // START and SUCCEED in one call (state.py _collect_checkpoint_batch); the other steps outlast the 100 ms.
  s = await runSql(page, "SELECT count(*) FROM checkpoint_calls WHERE json_array_length(updates) = 2");
  assert(s.sql.error === '', 'no error: ' + s.sql.error);
  assert(s.sql.first_row[0] === '1', 'one call carried two updates, got ' + JSON.stringify(s.sql.first_row));
  s = await runSql(page, 'SELEC nonsense');
  assert(/syntax error/.test(s.sql.error), 'SQLite reports the syntax error: ' + s.sql.error);
  s = await runSql(page, 'DELETE FROM operations');
  assert(/read-only/.test(s.sql.error), 'writes are refused: ' + s.sql.error);
  await shot(page, name, 'write-refused');
  assertNoErrors(page);
  await context.close();
}
