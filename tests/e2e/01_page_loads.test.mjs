// The page loads without console errors, shows the order workflow, and stays idle when nothing happens.
import { openPage, state, shot, assert, assertNoErrors, settle } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await shot(page, name, 'loaded');
  const s = await state(page);
  assert(s.document.name === 'order-processing', 'the order workflow is loaded, got ' + s.document.name);
  assert(s.notices.length === 0, 'no notices on a clean start: ' + JSON.stringify(s.notices));
  // Idle: no input for a second means no frames drawn.
  await page.waitForTimeout(1200);
  const before = await page.evaluate(() => window.dpModule.dpFrameCount);
  await page.waitForTimeout(600);
  const after = await page.evaluate(() => window.dpModule.dpFrameCount);
  assert(before === after, `no frames while idle (drew ${after - before})`);
  await page.mouse.move(200, 200);
  await settle(page, 3);
  const woken = await page.evaluate(() => window.dpModule.dpFrameCount);
  assert(woken > after, 'input wakes the page');
  assertNoErrors(page);
  await context.close();
}
