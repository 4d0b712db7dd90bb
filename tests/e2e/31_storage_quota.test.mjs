// A sync that IndexedDB refuses (the site's storage quota is full; stubbed here by making every chunk put
// throw the browser's QuotaExceededError) turns saving off with a notice that says why, and loses nothing:
// the page keeps every execution in memory and keeps working, and IndexedDB keeps the last saved files
// whole (the refused transaction wrote none of its chunks), which a second tab opens. A tab whose saved
// files another writer replaced stops saving the same way instead of mixing its chunks into them. A tab
// closed in the middle of a sync leaves files the next page opens.
import { openPage, shot, click, waitState, assert, assertNoErrors, loadDocument } from './lib.mjs';
import { filesInIndexedDB, syncsSettled } from './storage.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.suspend');
  const waiting = await waitState(page, (st) => st.executions[0] && st.executions[0].operations >= 3, 'the wait to start');
  await syncsSettled(page);
  const savedBefore = await filesInIndexedDB(page);
  assert(savedBefore && savedBefore.files['/data/playground.db'], 'the waiting execution was saved');

  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (Array.isArray(key)) throw new DOMException('The quota has been exceeded (stubbed by the test).', 'QuotaExceededError');
      return put.apply(this, arguments);
    };
  });
  await click(page, 'run.end');
  // The notice comes with the first frame after saving stopped.
  let s = await waitState(page, (st) => st.storage === 'memory_only' && st.notices.some((n) => /^Saving stopped/.test(n)),
    'saving to stop, and its notice');
  const notice = s.notices.find((n) => /^Saving stopped/.test(n));
  assert(notice === 'Saving stopped (IndexedDB refused the write: the browser\'s storage quota for this site is full): ' +
    'changes from now on live in memory only. Use File > Download to keep your workflow.', 'the notice says why: ' + JSON.stringify(s.notices));
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'the execution to finish in memory');
  const finished = s.executions[0];
  assert(finished.arn === waiting.executions[0].arn && finished.operations > waiting.executions[0].operations,
    'the execution went on in memory');
  await shot(page, name, 'quota-notice');

  // IndexedDB still holds the files of the last good sync, whole: the same generation and bytes.
  const savedAfter = await filesInIndexedDB(page);
  assert(JSON.stringify(savedAfter) === JSON.stringify(savedBefore),
    `IndexedDB kept the last saved files:\n  before ${JSON.stringify(savedBefore)}\n  after  ${JSON.stringify(savedAfter)}`);

  // The page keeps working in memory: another execution runs, and syncs are no longer tried.
  const syncs = s.syncs;
  await click(page, 'run.start');
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.executions.length === 2 && st.executions.every((e) => e.status === 'SUCCEEDED'),
    'a second execution in memory');
  assert(s.syncs === syncs && s.storage === 'memory_only', 'no more syncs once saving stopped');

  // A second tab (this one keeps the Web Lock) opens what IndexedDB holds: the execution as it was saved.
  const other = await openPage(browser, { context });
  const t = await waitState(other.page, (st) => st.executions.length === 1, 'the saved execution in a second tab');
  assert(t.executions[0].arn === finished.arn && t.executions[0].status === 'RUNNING' &&
    t.executions[0].operations === waiting.executions[0].operations, 'the saved state: ' + JSON.stringify(t.executions[0]));
  assert(!t.notices.some((n) => /damaged/.test(n)), 'nothing damaged: ' + JSON.stringify(t.notices));
  assertNoErrors(other.page);
  await other.page.close();
  assertNoErrors(page);
  await context.close();

  // Another writer (which the Web Lock prevents; a browser without Web Locks could have two): a tab whose
  // saved files were replaced since it loaded them does not write its chunks over them.
  const lone = await openPage(browser);
  await click(lone.page, 'run.start');
  await waitState(lone.page, (st) => st.executions.length === 1 && st.syncs > 0, 'a first sync');
  await syncsSettled(lone.page);
  await lone.page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('durable-playground-files');
    request.onsuccess = () => {
      const tx = request.result.transaction('manifest', 'readwrite');
      const store = tx.objectStore('manifest');
      store.get('files').onsuccess = (event) => store.put({ ...event.target.result, generation: event.target.result.generation + 7 }, 'files');
      tx.oncomplete = () => {
        request.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }));
  const replaced = await filesInIndexedDB(lone.page);
  await click(lone.page, 'run.end');
  s = await waitState(lone.page, (st) => st.storage === 'memory_only' && st.notices.some((n) => /^Saving stopped/.test(n)),
    'saving to stop on the other writer, and its notice');
  assert(s.notices.includes('Saving stopped (another tab saved its own copy of the executions since this tab loaded ' +
    'them): changes from now on live in memory only. Use File > Download to keep your workflow.'), 'the notice: ' + JSON.stringify(s.notices));
  assert(JSON.stringify(await filesInIndexedDB(lone.page)) === JSON.stringify(replaced), 'the other writer\'s files were left alone');
  assertNoErrors(lone.page);
  await lone.context.close();

  // A tab closed while a sync is being written: IndexedDB keeps the previous files or the new ones, whole.
  // The next page opens them (nothing damaged), and the execution, saved mid-run or at its end, finishes.
  const closing = await openPage(browser);
  const steps = 2000;
  assert((await loadDocument(closing.page, {
    format: 1,
    name: `steps-${steps}`,
    function: { name: 'many-steps', runtime: 'python3.14', durable_config: { execution_timeout: 86400 } },
    input: {},
    handler: Array.from({ length: steps }, (_, i) => ({ step: `s${i}`, returns: i, duration_ms: 1 })),
    simulation: { seed: 1 },
  })) === '', `the ${steps}-step workflow loads`);
  await click(closing.page, 'run.start');
  await syncsSettled(closing.page);
  // The tab closes as soon as the run's first sync has issued its transaction (polled every 10 ms), so
  // the close races the commit: whichever wins, the next page must find whole files. (Not the second
  // sync: since schema 7 the order run's commits often fit in one sync.)
  await closing.page.evaluate(() => {
    const files = window.dpWeb.files;
    const write = files.write;
    let writes = 0;
    files.write = function () {
      write.apply(this, arguments);
      if (++writes === 1) window.dpSyncWritten = true;
    };
  });
  await click(closing.page, 'run.end');
  await closing.page.waitForFunction(() => window.dpSyncWritten, null, { polling: 10, timeout: 60000 });
  const inFlight = await closing.page.evaluate(() => window.dpWeb.syncing);
  await closing.page.close();
  const reopened = await openPage(browser, { context: closing.context });
  s = await waitState(reopened.page, (st) => st.executions.length === 1, 'the execution after the tab closed mid-sync');
  assert(s.storage === 'ready' && !s.notices.some((n) => /damaged/.test(n)), 'the saved files open: ' + JSON.stringify(s.notices));
  const cut = s.executions[0];
  console.log(`      (closed ${inFlight ? 'while a sync was being written' : 'just after a sync'}: the saved execution had ` +
    `${cut.operations} operations)`);
  await click(reopened.page, 'tab.executions');
  await click(reopened.page, 'executions.row.' + cut.name);
  await click(reopened.page, 'run.end');
  s = await waitState(reopened.page, (st) => st.executions[0].status === 'SUCCEEDED', 'the saved execution to finish', 120000);
  assert(s.executions[0].operations === steps + 1, `the EXECUTION operation and all ${steps} steps: ${s.executions[0].operations}`);
  assertNoErrors(reopened.page);
  await closing.context.close();
}
