// The SQL console returns rows; bad SQL shows SQLite's error; a write is refused.
import { openPage, shot, click, typeInto, waitState, assert, assertNoErrors } from './lib.mjs';

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
  await shot(page, name, 'tables');
  await click(page, 'checkpoints.mode.sql');
  let s = await runSql(page, "SELECT name, type, status FROM operations WHERE name IS NOT NULL ORDER BY position");
  assert(s.sql.error === '', 'no error: ' + s.sql.error);
  assert(s.sql.rows >= 3, 'rows for the named operations, got ' + s.sql.rows);
  assert(s.sql.columns.join(',') === 'name,type,status', 'the columns asked for');
  await shot(page, name, 'rows');
  s = await runSql(page, 'SELEC nonsense');
  assert(/syntax error/.test(s.sql.error), 'SQLite reports the syntax error: ' + s.sql.error);
  s = await runSql(page, 'DELETE FROM operations');
  assert(/read-only/.test(s.sql.error), 'writes are refused: ' + s.sql.error);
  await shot(page, name, 'write-refused');
  assertNoErrors(page);
  await context.close();
}
