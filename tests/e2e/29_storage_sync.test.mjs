// Saving to IndexedDB writes only what changed (issue 12 item 5, web/file_store.js). Four executions of an
// 800-step workflow one after the other: no sync during the later ones writes more than that execution
// added, a fraction of the whole database, and after each one IndexedDB holds exactly the files in memory. A small execution after
// them writes a small fraction of the file. A reload restores every file byte for byte and the same
// executions. A file written while a sync is being written is saved as the sync took it (copy on write).
// Clearing the executions deletes the old chunks. A fresh browser gets no leftover IDBFS database from the
// migration's check.
import { openPage, waitReady, shot, click, waitState, state, assert, assertNoErrors, loadDocument } from './lib.mjs';
import { filesInMemory, filesInIndexedDB, databaseNames, syncsSettled } from './storage.mjs';

const STEPS = 800;
const stepsDoc = {
  format: 1,
  name: `steps-${STEPS}`,
  function: { name: 'many-steps', runtime: 'python3.14', durable_config: { execution_timeout: 86400 } },
  input: {},
  handler: Array.from({ length: STEPS }, (_, i) => ({ step: `s${i}`, returns: i, duration_ms: 1 })),
  simulation: { seed: 1 },
};
const kb = (b) => (b / 1024).toFixed(0) + ' KB';

async function runToEnd(page, count) {
  await click(page, 'run.start');
  await waitState(page, (st) => st.executions.length === count, `execution ${count} to start`);
  await click(page, 'run.end');
  await waitState(page, (st) => st.executions.length === count && st.executions.every((e) => e.status === 'SUCCEEDED'),
    `execution ${count} to finish`, 120000);
  await syncsSettled(page);
}

async function assertSavedAsInMemory(page, what) {
  const memory = await filesInMemory(page);
  const saved = await filesInIndexedDB(page);
  assert(saved, `${what}: IndexedDB holds a manifest`);
  assert(JSON.stringify(saved.files) === JSON.stringify(Object.fromEntries(Object.keys(saved.files).map((p) => [p, memory[p]]))) &&
    Object.keys(saved.files).length === Object.keys(memory).length,
  `${what}: IndexedDB holds the files in memory byte for byte:\n  memory ${JSON.stringify(memory)}\n  saved  ${JSON.stringify(saved.files)}`);
  assert(saved.stray === 0, `${what}: no chunk outside the manifest (${saved.stray})`);
  return { memory, saved };
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  assert((await state(page)).storage === 'ready', 'storage ready');
  const loadError = await loadDocument(page, stepsDoc);
  assert(loadError === '', 'the workflow loads: ' + loadError);

  let logged = await page.evaluate(() => window.dpWeb.syncLog.length);
  const rows = [];
  for (let k = 1; k <= 4; k++) {
    const before = await page.evaluate(() => window.dpModule.FS.stat('/data/playground.db').size);
    await runToEnd(page, k);
    const syncs = await page.evaluate((from) => window.dpWeb.syncLog.slice(from), logged);
    logged += syncs.length;
    const { memory } = await assertSavedAsInMemory(page, `after execution ${k}`);
    const file = memory['/data/playground.db'].size;
    const written = syncs.reduce((sum, e) => sum + e.bytes, 0);
    rows.push({ k, largest: Math.max(...syncs.map((e) => e.bytes)), grew: file - before, file });
    console.log(`      (execution ${k}: ${syncs.length} syncs wrote ${kb(written)}; the database grew ${kb(file - before)} to ${kb(file)}; ` +
      `IDBFS would have written ${kb(syncs.reduce((sum, e) => sum + e.fileBytes, 0))})`);
    assert(syncs.length >= 1, `execution ${k} was synced`);
  }
  // From the second execution on, the file is 2-4 times what one execution adds. A sync writes the pages
  // changed since the previous one: the running execution's own pages (its rows; the operations it
  // inserts land in its own key range) and a few shared ones (page 1, B-tree interior pages, the
  // executions table), never the older executions' pages. So however many syncs a slow machine makes,
  // none writes more than this execution added (plus 256 KB for the shared pages). IDBFS wrote the whole
  // file at every sync.
  for (const r of rows.slice(1)) {
    assert(r.largest <= r.grew + 256 * 1024,
      `execution ${r.k}'s largest sync wrote ${kb(r.largest)}, at most what the execution added (${kb(r.grew)}) ` +
      `and not the ${kb(r.file)} file`);
  }
  // A small change to the large file: the order workflow's execution to its wait.
  const orderDoc = await page.evaluate(() => window.dpWeb.defaultDocument);
  assert((await loadDocument(page, JSON.parse(orderDoc))) === '', 'the order workflow loads');
  await click(page, 'run.start');
  await click(page, 'run.suspend');
  await waitState(page, (st) => st.executions.length === 5 && st.executions.some((e) => e.status === 'RUNNING' && e.operations >= 3),
    'the order execution to reach its wait');
  await syncsSettled(page);
  const small = await page.evaluate((from) => window.dpWeb.syncLog.slice(from), logged);
  const smallWritten = small.reduce((sum, e) => sum + e.bytes, 0);
  const { memory: beforeReload } = await assertSavedAsInMemory(page, 'after the small execution');
  const file = beforeReload['/data/playground.db'].size;
  console.log(`      (the order execution: ${small.length} syncs wrote ${kb(smallWritten)} of a ${kb(file)} database)`);
  assert(small.length >= 1 && smallWritten < 0.05 * file,
    `a small execution's syncs wrote ${kb(smallWritten)}, under 5% of the ${kb(file)} database`);

  // Reload: every file back byte for byte, the same executions.
  const executions = (await state(page)).executions;
  await shot(page, name, 'before-reload');
  await page.reload();
  await waitReady(page);
  const s = await waitState(page, (st) => st.executions.length === 5, 'the executions after the reload');
  assert(s.storage === 'ready', 'storage ready after the reload');
  assert(JSON.stringify(await page.evaluate(() => window.dpWeb.loadFigures.from)) === '"chunks"', 'read from the chunk store');
  const afterReload = await filesInMemory(page);
  assert(JSON.stringify(afterReload) === JSON.stringify(beforeReload),
    `the files after the reload are those before it:\n  before ${JSON.stringify(beforeReload)}\n  after  ${JSON.stringify(afterReload)}`);
  const same = (e) => ({ arn: e.arn, name: e.name, status: e.status, operations: e.operations, events: e.events, invocations: e.invocations });
  assert(JSON.stringify(s.executions.map(same)) === JSON.stringify(executions.map(same)),
    `the same executions:\n  before ${JSON.stringify(executions.map(same))}\n  after  ${JSON.stringify(s.executions.map(same))}`);
  await click(page, 'tab.executions');
  await shot(page, name, 'after-reload');

  // Copy on write: a sync copies its chunks as it puts them, in slices (a 400 MB database after an import is
  // seconds of copying); a file written while the sync is being written is saved as it was when the sync
  // began, and the change goes into the next sync. One put per slice here, so the writes land between them.
  const cow = await page.evaluate(async () => {
    const FS = window.dpModule.FS;
    const web = window.dpWeb;
    const files = web.files;
    const path = '/data/cow-test.bin';
    const sha = async (bytes) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
      .map((b) => b.toString(16).padStart(2, '0')).join('');
    FS.writeFile(path, new Uint8Array(64 * 1024).fill(1));
    const taken = new Uint8Array(64 * 1024).fill(2);
    FS.writeFile(path, taken); // what the sync below takes
    files.putSliceMs = 0;
    const keptBefore = files.keptForSync;
    const written = await new Promise((resolve) => {
      const write = files.write;
      files.write = function (snapshot, done) {
        files.write = write;
        write.call(this, snapshot, (error) => {
          done(error);
          resolve(String(error || ''));
        });
        // The transaction is open and nothing is copied yet: change the middle and cut the file short.
        const stream = FS.open(path, 'r+');
        FS.write(stream, new Uint8Array(4096).fill(3), 0, 4096, 8192);
        FS.close(stream);
        FS.truncate(path, 20000);
      };
      web.syncNow();
    });
    files.putSliceMs = undefined;
    return { written, takenSha: await sha(taken), kept: files.keptForSync - keptBefore };
  });
  assert(cow.written === '', 'the sync with writes during it committed: ' + cow.written);
  // Chunk 2 (the write) and chunks 4-15 (cut off) had to be copied before the file changed.
  assert(cow.kept >= 13, 'the chunks changed during the sync were copied first (copy on write): ' + cow.kept);
  let saved = await filesInIndexedDB(page);
  assert(saved.files['/data/cow-test.bin'] && saved.files['/data/cow-test.bin'].size === 64 * 1024 &&
    saved.files['/data/cow-test.bin'].sha256 === cow.takenSha,
  'the file is saved as the sync took it, not as it was changed meanwhile: ' + JSON.stringify(saved.files['/data/cow-test.bin']));
  await page.evaluate(() => window.dpWeb.syncNow());
  await syncsSettled(page);
  const changed = await assertSavedAsInMemory(page, 'the sync after the copy-on-write one');
  assert(changed.memory['/data/cow-test.bin'].size === 20000, 'the change is saved by the next sync');
  await page.evaluate(() => window.dpModule.FS.unlink('/data/cow-test.bin'));
  await page.evaluate(() => window.dpWeb.syncNow());
  await syncsSettled(page);
  saved = await filesInIndexedDB(page);
  assert(!saved.files['/data/cow-test.bin'], 'a deleted file leaves the saved files');

  // Clear executions: SQLite's file is deleted and written anew, far smaller; the chunks past its end go.
  const chunksBefore = (await filesInIndexedDB(page)).chunks;
  await click(page, 'menu.file');
  await click(page, 'menu.file.clear');
  await click(page, 'clear.confirm');
  await waitState(page, (st) => st.executions.length === 0, 'executions cleared');
  await syncsSettled(page);
  const cleared = await assertSavedAsInMemory(page, 'after clearing the executions');
  assert(cleared.saved.chunks < chunksBefore / 10, `the cleared database's chunks are gone (${cleared.saved.chunks} of ${chunksBefore} left)`);
  await page.reload();
  await waitReady(page);
  assert((await state(page)).executions.length === 0, 'no execution after clearing and reloading');

  // Looking for an IDBFS database to migrate must not create one.
  const names = await databaseNames(page);
  assert(!names.includes('/data'), 'no IDBFS database was created: ' + JSON.stringify(names));
  assertNoErrors(page);
  await context.close();
}
