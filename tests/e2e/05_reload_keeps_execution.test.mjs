// A reload keeps the execution (IndexedDB): run the order workflow to its 10-second wait, reload, and the
// execution is still RUNNING; finish it after the reload; the finished execution reaches IndexedDB on its
// own (a second tab sees it), and syncs keep coming while commits do.
import { openPage, waitReady, shot, click, waitState, state, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.suspend');
  let s = await waitState(page, (st) => st.executions[0] && st.executions[0].operations >= 3, 'the wait to start');
  const before = s.executions[0];
  assert(before.status === 'RUNNING', 'suspended on the wait');
  await waitState(page, (st) => st.syncs > 0, 'a sync to IndexedDB');
  await page.waitForTimeout(400); // the last debounced sync
  await shot(page, name, 'before-reload');
  await page.reload();
  await waitReady(page);
  s = await waitState(page, (st) => st.executions.length === 1, 'the restored execution');
  assert(s.executions[0].arn === before.arn, 'the same execution');
  assert(s.executions[0].status === 'RUNNING', 'still running');
  assert(s.executions[0].operations === before.operations, 'with its operations');
  await click(page, 'tab.executions');
  await click(page, 'executions.row.' + s.executions[0].name);
  // The timeline lanes after a reload need the store to keep the engine's trace (store schema 2, being
  // written in #2); the execution itself is what this test pins.
  s = await state(page);
  console.log(`      (trace after reload: ${s.invocations.length} invocation lane(s))`);
  await click(page, 'tab.timeline');
  await shot(page, name, 'after-reload');
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'the restored execution to finish');
  await shot(page, name, 'finished');
  const finished = s.executions[0];

  // Syncs are coalesced (web/platform.js): the end of a run still reaches IndexedDB on its own, with no
  // input and no pagehide. A second tab of the same browser profile (this one stays open, so nothing is
  // written on hide) opens the finished execution.
  await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 5000 });
  const other = await openPage(browser, { context });
  s = await waitState(other.page, (st) => st.executions.length === 1, 'the execution in a second tab');
  assert(s.executions[0].arn === finished.arn, 'the same execution in the second tab');
  assert(s.executions[0].status === 'SUCCEEDED', 'finished in the second tab: ' + s.executions[0].status);
  assert(s.executions[0].operations === finished.operations, 'with all its operations');
  assertNoErrors(other.page);
  await other.page.close();

  // A run that commits every frame keeps renewing the 150 ms debounce: it is still synced every 2 s.
  const during = await page.evaluate(async () => {
    const web = window.dpWeb;
    const before = web.completedSyncs;
    const start = performance.now();
    while (performance.now() - start < 2800) {
      web.requestSync();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return web.completedSyncs - before;
  });
  assert(during >= 1, `synced while requests kept coming (${during} syncs in 2.8 s)`);
  assertNoErrors(page);
  await context.close();
}
