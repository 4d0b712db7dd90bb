// A browser that saved its executions with the page's former storage, Emscripten's IDBFS, opens them after
// the update, once, and from then on uses the chunk store (issue 12 item 5, web/file_store.js). The test
// seeds an IDBFS database the way library_idbfs.js writes one (database "/data" version 21, store
// FILE_DATA with a "timestamp" index, each file under its absolute path as { timestamp, mode, contents })
// with the files of a real session, on a page of the same origin that does not start the playground.
import { openPage, waitReady, shot, click, waitState, assert, assertNoErrors, baseUrl } from './lib.mjs';
import { filesInMemory, filesInIndexedDB, databaseNames, syncsSettled } from './storage.mjs';

const same = (e) => ({ arn: e.arn, name: e.name, status: e.status, operations: e.operations, events: e.events });

export default async function (browser, name) {
  // A session to migrate: the order workflow waiting on its 10-second wait, and its files.
  const first = await openPage(browser);
  await click(first.page, 'run.start');
  await click(first.page, 'run.suspend');
  const before = await waitState(first.page, (st) => st.executions[0] && st.executions[0].operations >= 3, 'the wait to start');
  await syncsSettled(first.page);
  const files = await first.page.evaluate(() => {
    const FS = window.dpModule.FS;
    return FS.readdir('/data').filter((n) => n !== '.' && n !== '..').map((n) => ({ path: '/data/' + n, bytes: Array.from(FS.readFile('/data/' + n)) }));
  });
  const seeded = await filesInMemory(first.page);
  await first.context.close();
  assert(files.some((f) => f.path === '/data/playground.db'), 'the session has a database: ' + files.map((f) => f.path));

  // A new browser profile holding only the IDBFS database.
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  const page = await context.newPage();
  page.dpErrors = [];
  page.on('pageerror', (err) => page.dpErrors.push('pageerror: ' + err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.dpErrors.push('console: ' + msg.text());
  });
  await page.goto(new URL('tests/e2e/webgl_floor.html', baseUrl).href);
  await page.evaluate(async (entries) => {
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('/data', 21);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('FILE_DATA').createIndex('timestamp', 'timestamp', { unique: false });
      };
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('FILE_DATA', 'readwrite');
        for (const [i, entry] of entries.entries()) {
          // IDBFS stores MEMFS's contents as they are: an Int8Array when the wasm heap wrote the file first.
          const contents = i % 2 ? new Int8Array(entry.bytes) : new Uint8Array(entry.bytes);
          tx.objectStore('FILE_DATA').put({ timestamp: new Date(), mode: 0o100666, contents }, entry.path);
        }
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, files);
  assert(!(await databaseNames(page)).includes('durable-playground-files'), 'no chunk store yet');

  // The updated page opens the saved execution and moves the files to the chunk store.
  page.dpErrors = []; // the seeding page has no favicon: only the playground's own errors count
  await page.goto(baseUrl);
  await waitReady(page);
  let s = await waitState(page, (st) => st.executions.length === 1, 'the migrated execution');
  assert(s.storage === 'ready', 'storage ready: ' + JSON.stringify(s.notices));
  assert(JSON.stringify(same(s.executions[0])) === JSON.stringify(same(before.executions[0])),
    `the same execution: ${JSON.stringify(same(s.executions[0]))} vs ${JSON.stringify(same(before.executions[0]))}`);
  assert((await page.evaluate(() => window.dpWeb.loadFigures.from)) === 'IDBFS', 'read from IDBFS');
  const migrated = await filesInMemory(page);
  assert(JSON.stringify(migrated['/data/playground.db']) === JSON.stringify(seeded['/data/playground.db']),
    'the database file is the seeded one, byte for byte');
  // The first sync writes everything to the chunk store, then the IDBFS database goes.
  await page.waitForFunction(() => window.dpWeb.completedSyncs >= 1, null, { timeout: 20000 });
  await syncsSettled(page);
  const saved = await filesInIndexedDB(page);
  assert(saved && JSON.stringify(saved.files['/data/playground.db']) === JSON.stringify(migrated['/data/playground.db']),
    'the chunk store holds the migrated database: ' + JSON.stringify(saved));
  for (const start = Date.now(); (await databaseNames(page)).includes('/data');) {
    assert(Date.now() - start < 10000, 'the IDBFS database is deleted after the migration');
    await page.waitForTimeout(100);
  }

  // From now on the chunk store: a reload, then the execution runs on and is saved there.
  await page.reload();
  await waitReady(page);
  s = await waitState(page, (st) => st.executions.length === 1, 'the execution after the reload');
  assert((await page.evaluate(() => window.dpWeb.loadFigures.from)) === 'chunks', 'read from the chunk store after the migration');
  assert(s.executions[0].status === 'RUNNING' && s.executions[0].operations === before.executions[0].operations, 'still waiting');
  await click(page, 'tab.executions');
  await click(page, 'executions.row.' + s.executions[0].name);
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'the migrated execution to finish');
  await syncsSettled(page);
  await page.reload();
  await waitReady(page);
  s = await waitState(page, (st) => st.executions.length === 1, 'the finished execution after a reload');
  assert(s.executions[0].status === 'SUCCEEDED', 'the finished execution was saved in the chunk store');
  assert(!(await databaseNames(page)).includes('/data'), 'the IDBFS database stays gone');
  await shot(page, name, 'migrated');
  assertNoErrors(page);
  await context.close();

  // A browser without indexedDB.databases() (Firefox before 126): the page looks for the IDBFS database by
  // opening it without a version and aborting the creation, which must leave no database behind.
  const bare = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await bare.addInitScript(() => Object.defineProperty(indexedDB, 'databases', { value: undefined }));
  const fresh = await openPage(browser, { context: bare });
  const seen = await fresh.page.evaluate(async () => ({
    storage: window.dpWeb.storage.state,
    names: (await IDBFactory.prototype.databases.call(indexedDB)).map((d) => d.name),
  }));
  assert(seen.storage === 'ready' && !seen.names.includes('/data'), 'no IDBFS database created: ' + JSON.stringify(seen));
  assertNoErrors(fresh.page);
  await bare.close();
}
