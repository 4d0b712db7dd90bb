// Screenshots of the teaching panels (issue 9) at 1280x720 and 1920x1080, 100% and 200% UI scale, dark and
// light: the Code panel with its marks, the Story panel and the time-travel bar in the middle of the order
// workflow's second invocation. Kept as artefacts to be looked at; the test checks the bar's controls keep
// their place while the point moves (nothing moves under the mouse).
import { openPage, state, shot, click, waitState, settle, assert, assertNoErrors } from './lib.mjs';

async function at(browser, name, width, height, scale, theme) {
  const { page, context } = await openPage(browser, { width, height });
  if (scale !== 1) {
    await click(page, 'menu.view');
    await click(page, 'menu.view.scale');
    await click(page, `menu.view.scale.${Math.round(scale * 100)}%`);
    await waitState(page, (st) => st.ui_scale === scale, `UI scale ${scale}`);
  }
  if (theme === 'light') {
    await click(page, 'menu.view');
    await click(page, 'menu.view.light');
    await waitState(page, (st) => st.theme === 'light', 'light theme');
  }
  await click(page, 'run.start');
  await click(page, 'run.end');
  let s = await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'SUCCEEDED');
  await click(page, 'tab.story');
  await click(page, 'tab.code');
  // Into invocation 2, at process_payment's replay.
  await page.keyboard.press('Home');
  await settle(page, 3);
  const rects = [];
  for (let i = 0; i < s.travel.points; i++) {
    s = await state(page);
    rects.push(JSON.stringify(await page.evaluate(() => ['travel.back', 'travel.forward', 'travel.slider'].map((n) => {
      const M = window.dpModule;
      const ptr = M._malloc(64);
      M.stringToUTF8(n, ptr, 64);
      const r = M.UTF8ToString(M._dp_test_control(ptr));
      M._free(ptr);
      return r;
    }))));
    if (s.code.current_line === s.code.statements.process_payment && s.code.marks[s.code.statements.validate_order] === 'replayed') break;
    await page.keyboard.press('ArrowRight');
    await settle(page, 3);
  }
  assert(new Set(rects.slice(1)).size === 1, 'the bar\'s controls stay where they are while the point moves');
  const tag = `${width}x${height}-${Math.round(scale * 100)}-${theme}`;
  await shot(page, name, tag + '-code-story');
  await click(page, 'tab.timeline');
  await click(page, 'tab.checkpoints');
  await shot(page, name, tag + '-timeline-checkpoints');
  assertNoErrors(page);
  await context.close();
}

export default async function (browser, name) {
  await at(browser, name, 1280, 720, 1, 'dark');
  await at(browser, name, 1920, 1080, 1, 'dark');
  await at(browser, name, 1920, 1080, 2, 'light');
  await at(browser, name, 1280, 720, 2, 'dark');
}
