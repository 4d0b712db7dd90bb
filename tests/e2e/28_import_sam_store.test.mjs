// Issue 13: SAM local's store (.durable-executions-local/durable-executions.db, the Python testing library's
// SQLite store) dropped on the page: one execution is imported at once; several are listed in a dialog to
// choose from; a SQLite file that is not that store, and a binary file that is nothing we read, get a notice
// naming the file and change nothing. The databases are built here with python3's sqlite3 and the schema
// tests/unit/importer builds (the store's stores/sqlite.py).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPage, shot, click, waitControl, waitState, assert, assertNoErrors, baseUrl } from './lib.mjs';

// A row's `data` as the store writes it (execution.py to_dict; times in epoch seconds).
function samData(arn, name, start) {
  return JSON.stringify({
    DurableExecutionArn: arn,
    StartInput: { AccountId: '123456789012', FunctionName: 'orders', FunctionQualifier: '$LATEST',
                  ExecutionName: name, ExecutionTimeoutSeconds: 300, ExecutionRetentionPeriodDays: 1,
                  InvocationId: 'inv-' + name, Input: '{"x": 1}' },
    Operations: [
      { Id: 'inv-' + name, Type: 'EXECUTION', Status: 'SUCCEEDED', StartTimestamp: start, EndTimestamp: start + 12,
        ExecutionDetails: { InputPayload: '{"x": 1}' } },
      { Id: 's1', Type: 'STEP', SubType: 'Step', Name: 'charge', Status: 'SUCCEEDED', StartTimestamp: start + 0.1,
        EndTimestamp: start + 0.2, StepDetails: { Attempt: 1, Result: '42' } },
      { Id: 'w1', Type: 'WAIT', SubType: 'Wait', Name: 'pause', Status: 'SUCCEEDED', StartTimestamp: start + 0.3,
        EndTimestamp: start + 10.3, WaitDetails: { ScheduledEndTimestamp: start + 10.3 } }],
    Updates: [],
    InvocationCompletions: [
      { StartTimestamp: start, EndTimestamp: start + 0.4, RequestId: 'a' },
      { StartTimestamp: start + 11, EndTimestamp: start + 12, RequestId: 'b' }],
    UsedTokens: [], TokenSequence: 3, IsComplete: true,
    Result: { Status: 'SUCCEEDED', Result: '"done"' }, ConsecutiveFailedInvocationAttempts: 0, CloseStatus: 'SUCCEEDED',
  });
}

// A SQLite file with `schema` and `rows` ([sql, [params]]), read back as bytes.
function sqliteFile(schema, rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-sam-'));
  const file = path.join(dir, 'store.db');
  const script = 'import json, sqlite3, sys\n' +
    'db = sqlite3.connect(sys.argv[1])\n' +
    'db.executescript(sys.argv[2])\n' +
    'for sql, params in json.loads(sys.argv[3]): db.execute(sql, params)\n' +
    'db.commit()\n';
  execFileSync('python3', ['-c', script, file, schema, JSON.stringify(rows)]);
  const bytes = fs.readFileSync(file);
  fs.rmSync(dir, { recursive: true });
  return bytes;
}

const samSchema =
  'CREATE TABLE executions (durable_execution_arn TEXT PRIMARY KEY, function_name TEXT NOT NULL, ' +
  'execution_name TEXT, status TEXT NOT NULL, start_timestamp REAL, end_timestamp REAL, data TEXT NOT NULL);' +
  'CREATE INDEX idx_status ON executions(status);';
function samStore(executions) {
  return sqliteFile(samSchema, executions.map(([arn, name, start]) => [
    'INSERT INTO executions VALUES(?, ?, ?, ?, ?, ?, ?)',
    [arn, 'orders', name, 'SUCCEEDED', start, start + 12, samData(arn, name, start)]]));
}

async function drop(page, fileName, bytes) {
  await page.evaluate(([n, b]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], n, { type: 'application/octet-stream' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [fileName, [...bytes]]);
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);

  // Neither a history nor a SAM store: a notice naming the file; nothing imported, the workflow kept.
  await drop(page, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]));
  let s = await waitState(page, (st) => st.notices.some((n) => n.includes('photo.png')), 'the notice for photo.png');
  assert(s.notices.some((n) => n.includes('photo.png is not a workflow document, a history or a SAM local store')),
         'the notice names what was tried: ' + JSON.stringify(s.notices));
  assert(s.executions.length === 0, 'nothing imported');

  // A SQLite file that is not SAM's store (no executions table): refused by name.
  await drop(page, 'other.db', sqliteFile('CREATE TABLE notes (text TEXT);', []));
  s = await waitState(page, (st) => st.notices.some((n) => n.includes('other.db')), 'the notice for other.db');
  assert(s.notices.some((n) => n.includes('Could not import other.db') &&
                               n.includes('not a SAM local durable-executions store')),
         'the refusal: ' + JSON.stringify(s.notices));
  assert(s.executions.length === 0, 'nothing imported');

  // A store with one execution: imported at once.
  await drop(page, 'one.db', samStore([['arn:sam:one', 'run-one', 1764666000]]));
  s = await waitState(page, (st) => st.executions.length === 1, 'the one execution imported');
  assert(s.executions[0].arn === 'arn:sam:one' && s.executions[0].imported_from === 'sam: one.db',
         'imported from the store: ' + JSON.stringify(s.executions[0]));
  assert(s.executions[0].status === 'SUCCEEDED' && s.executions[0].invocations === 2 &&
         s.executions[0].operations === 3, 'its state: ' + JSON.stringify(s.executions[0]));
  assert(s.selection.execution === 'arn:sam:one', 'and selected');

  // A store with two: the dialog lists both; the second one chosen is imported.
  await drop(page, 'durable-executions.db', samStore([['arn:sam:a', 'run-a', 1764667000],
                                                      ['arn:sam:b', 'run-b', 1764668000]]));
  await waitControl(page, 'sam.import.1', 15000);
  await shot(page, name, 'picker');
  await click(page, 'sam.import.1');
  s = await waitState(page, (st) => st.executions.length === 2, 'the chosen execution imported');
  const chosen = s.executions.find((e) => e.arn !== 'arn:sam:one');
  assert(chosen && chosen.imported_from === 'sam: durable-executions.db', 'the chosen one: ' + JSON.stringify(s.executions));
  assert(s.selection.execution === chosen.arn, 'the chosen execution is selected');
  s = await waitState(page, (st) => st.timeline && st.timeline.bars > 0, 'its timeline');
  await shot(page, name, 'imported');

  // The same store again, cancelled: nothing more imported.
  await drop(page, 'durable-executions.db', samStore([['arn:sam:a', 'run-a', 1764667000],
                                                      ['arn:sam:b', 'run-b', 1764668000]]));
  await click(page, 'sam.cancel', { timeout: 15000 });
  s = await waitState(page, (st) => st.executions.length === 2, 'still two executions');
  assertNoErrors(page);
  await context.close();

  // The dialog at 200% UI scale on both sizes: its rows and buttons on screen.
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const url = baseUrl + (baseUrl.includes('?') ? '&' : '?') + 'scale=2';
    const opened = await openPage(browser, { url, width, height });
    await drop(opened.page, 'durable-executions.db', samStore([['arn:sam:a', 'run-a', 1764667000],
                                                               ['arn:sam:b', 'run-b', 1764668000]]));
    await waitControl(opened.page, 'sam.import.1', 15000);
    await shot(opened.page, name, `scale200-${width}`);
    await click(opened.page, 'sam.import.0');
    await waitState(opened.page, (st) => st.executions.length === 1, 'the import at 200% ' + width);
    assertNoErrors(opened.page);
    await opened.context.close();
  }
}
