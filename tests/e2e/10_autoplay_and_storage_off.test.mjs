// Auto-play runs the order workflow to the end on its own (the page draws continuously only while it
// plays), and where storage is unavailable a banner says so and the page keeps working in memory.
import { openPage, shot, click, waitState, state, settle, baseUrl, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.play');
  const s = await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'auto-play to finish', 30000);
  assert(s.invocations.length === 2, 'two invocations');
  await shot(page, name, 'played');
  // Once finished, the page goes idle again.
  await page.waitForTimeout(1200);
  const before = await page.evaluate(() => window.dpModule.dpFrameCount);
  await page.waitForTimeout(500);
  assert(before === (await page.evaluate(() => window.dpModule.dpFrameCount)), 'idle after the run');
  assertNoErrors(page);
  await context.close();

  const off = await openPage(browser, { url: baseUrl + (baseUrl.includes('?') ? '&' : '?') + 'storage=off' });
  let t = await state(off.page);
  assert(t.storage === 'memory_only', 'memory only');
  assert(t.notices.some((n) => /Storage is unavailable/.test(n)), 'a banner says so: ' + JSON.stringify(t.notices));
  await click(off.page, 'run.start');
  await click(off.page, 'run.end');
  t = await waitState(off.page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'a run in memory');
  await shot(off.page, name, 'storage-off');
  assertNoErrors(off.page);
  await off.context.close();
}
