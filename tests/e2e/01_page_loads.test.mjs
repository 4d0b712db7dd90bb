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
  // Browser shortcuts are left alone: F5, F12 and Ctrl+R keep their default action.
  const prevented = await page.evaluate(() => ['F5', 'F12', 'r'].map((key) => {
    const event = new KeyboardEvent('keydown', { key, code: key.length > 1 ? key : 'KeyR', ctrlKey: key === 'r',
      keyCode: key === 'F5' ? 116 : key === 'F12' ? 123 : 82, bubbles: true, cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  }));
  assert(prevented.every((p) => !p), 'browser shortcuts not swallowed: ' + prevented);
  assertNoErrors(page);
  await context.close();
}
