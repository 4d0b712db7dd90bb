// Presenter mode: opened by the address at 1920x1080, body text at least 28 px, Space/R drive a run, the
// executions get readable names, settings survive a reload, "Clear executions" resets the clock; and the
// page at 150% and 200% UI scale at 1280x720 and 1920x1080 keeps its tabs and controls on screen.
import { openPage, baseUrl, withParameters, shot, click, waitState, state, settle, control, assert, assertNoErrors } from './lib.mjs';

// Every tab of the layout is drawn inside the viewport (not clipped off the right or bottom edge).
async function assertTabsVisible(page, width, height, what) {
  const s = await state(page);
  const regions = s.layout.split('|').slice(1).map((r) => r.trim().split(/\s+/).filter(Boolean));
  for (const region of regions) {
    for (const id of region) {
      const rect = await control(page, 'tab.' + id);
      if (!rect) continue; // a tab scrolled out of its tab bar is reachable by the bar's arrows
      assert(rect.x >= 0 && rect.x + rect.w <= width + 1 && rect.y + rect.h <= height + 1,
        `${what}: tab ${id} on screen: ${JSON.stringify(rect)}`);
    }
  }
}

export default async function (browser, name) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  const { page } = await openPage(browser, { context, url: withParameters('presenter=1') });
  let s = await state(page);
  assert(s.presenter.enabled, 'the address turns presenter mode on');
  assert(s.body_font_px >= 28, 'body text at least 28 px: ' + s.body_font_px);
  assert(!s.layout || (await control(page, 'tab.editor')) === null, 'the editor is not part of the presenter layout');
  await shot(page, name, 'presenter-1920');

  await page.keyboard.press('r');
  s = await waitState(page, (st) => st.executions.length === 1, 'R starts an execution');
  assert(s.executions[0].name === 'order-processing-1', 'a readable name: ' + s.executions[0].name);
  assert(s.executions[0].arn.includes('/durable-execution/order-processing-1/'), 'the ARN keeps its format: ' + s.executions[0].arn);
  await page.keyboard.press('Space');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'Space plays to the end');
  await shot(page, name, 'presenter-ran');
  await page.keyboard.press('r');
  s = await waitState(page, (st) => st.executions.length === 2, 'R again');
  assert(s.executions[1].name === 'order-processing-2', 'the counter goes on: ' + s.executions[1].name);
  assert(s.selection.execution === s.executions[1].arn, 'the new execution is open');

  await click(page, 'menu.view');
  await click(page, 'menu.view.light');
  await click(page, 'menu.view');
  await click(page, 'menu.view.presenter_px');
  await click(page, 'menu.view.presenter_px.32');
  s = await waitState(page, (st) => st.theme === 'light' && st.presenter.font_px === 32 && st.body_font_px >= 31.5, 'light theme, 32 px');
  await shot(page, name, 'presenter-light-32');

  // The settings survive a reload without the parameter.
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.dpFirstFrameMs !== undefined, null, { timeout: 30000 });
  s = await state(page);
  assert(s.presenter.enabled && s.presenter.font_px === 32 && s.theme === 'light', 'presenter settings survive a reload: ' + JSON.stringify(s.presenter));
  assert(s.executions.length === 2, 'the executions too');

  // Clear executions: confirmation, then nothing is left and the clock is back at its start.
  const clockBefore = s.clock_ms;
  await click(page, 'menu.file');
  await click(page, 'menu.file.clear');
  await shot(page, name, 'clear-confirm');
  await click(page, 'clear.confirm');
  s = await waitState(page, (st) => st.executions.length === 0, 'executions cleared');
  assert(s.clock_ms < clockBefore, 'the clock is reset: ' + s.clock_ms + ' < ' + clockBefore);
  await page.keyboard.press('r');
  s = await waitState(page, (st) => st.executions.length === 1, 'R after clearing');
  assert(s.executions[0].name === 'order-processing-1', 'the counter starts over: ' + s.executions[0].name);

  // The share link carries the view settings.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await click(page, 'menu.file');
  await click(page, 'menu.file.share');
  const link = (await waitState(page, (st) => st.share_link !== '', 'the share link')).share_link;
  assert(/#v1\.[A-Za-z0-9_-]+&theme=light&scale=[0-9.]+&presenter=1&presenter_px=32$/.test(link), 'settings in the link: ' + link.slice(-80));
  const shared = await openPage(browser, { url: link, width: 1280, height: 720 });
  s = await state(shared.page);
  assert(s.presenter.enabled && s.presenter.font_px === 32 && s.theme === 'light', 'a shared link opens in presenter mode');
  assert(s.notices.every((n) => !/could not be opened/.test(n)), 'the document part still opens: ' + JSON.stringify(s.notices));
  await shot(shared.page, name, 'shared-presenter-1280');
  await shared.context.close();
  assertNoErrors(page);
  await context.close();

  // UI scale 150% and 200% at both sizes (presenter mode off): tabs on screen, screenshots looked at.
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    for (const scale of ['1.5', '2']) {
      const opened = await openPage(browser, { url: withParameters('presenter=0&scale=' + scale), width, height });
      await click(opened.page, 'tab.run'); // the Run tab shares the right column in the two-column layout
      await click(opened.page, 'run.start');
      await click(opened.page, 'run.end');
      await waitState(opened.page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'a run at ' + scale);
      await settle(opened.page, 4);
      await assertTabsVisible(opened.page, width, height, `${width}x${height} at ${scale}`);
      for (const id of ['run.start', 'run.end', 'run.stop', 'run.advance']) {
        const rect = await control(opened.page, id);
        // On a short page Advance sits below the Run panel's fold (32_small_screens scrolls to it).
        const drawn = rect || (id === 'run.advance' && height === 720);
        assert(drawn && (!rect || rect.x + rect.w <= width + 1), `${width}x${height} at ${scale}: ${id} on screen: ${JSON.stringify(rect)}`);
      }
      await click(opened.page, 'tab.operations');
      await shot(opened.page, name, `scale-${scale}-${width}`);
      await click(opened.page, 'tab.editor');
      await shot(opened.page, name, `scale-${scale}-${width}-editor`);
      assertNoErrors(opened.page);
      await opened.context.close();
    }
  }
}
