// Small screens: at 1280x720 (100% and 200% UI scale) and 1920x1080 at 200%, every tab is whole on screen and
// a click on it shows its panel (a tab cut by the region's edge once took the click on the help button), the
// time-travel bar's status stays on screen, the Terraform editor keeps lines to read, the Run panel's
// controls are on screen or reached with the wheel (which logs no error) and stay there across tab switches.
// Presenter mode at 1280x720 opens with the Run panel showing, also with a demo script open.
import { openPage, withParameters, onScreen, assertOnScreen, shot, click, waitState, waitControl, state, settle, control, assert, assertNoErrors } from './lib.mjs';

// Every tab of the layout: whole on screen, apart from the others, and a click on its middle shows its panel.
async function checkTabs(page, width, height, what) {
  const s = await state(page);
  const ids = s.layout.split('|').slice(1).flatMap((r) => r.trim().split(/\s+/).filter(Boolean));
  const rects = [];
  for (const id of ids) {
    const rect = await assertOnScreen(page, 'tab.' + id, width, height, what);
    for (const [other, r] of rects) {
      const apart = rect.x + rect.w <= r.x + 0.5 || r.x + r.w <= rect.x + 0.5 || rect.y + rect.h <= r.y + 0.5 ||
        r.y + r.h <= rect.y + 0.5;
      assert(apart, `${what}: tabs ${id} and ${other} overlap: ${JSON.stringify(rect)} ${JSON.stringify(r)}`);
    }
    rects.push([id, rect]);
  }
  for (const id of ids) {
    await click(page, 'tab.' + id);
    await waitState(page, (st) => st.panel_ms[id] !== undefined, `${what}: the ${id} tab shows its panel`);
  }
}

export default async function (browser, name) {
  for (const [width, height, scale] of [[1280, 720, 1], [1280, 720, 2], [1920, 1080, 2]]) {
    const what = `${width}x${height} at ${scale * 100}%`;
    const { page, context } = await openPage(browser, { url: withParameters('presenter=0&scale=' + scale), width, height });
    await click(page, 'tab.run');
    await click(page, 'run.start');
    await click(page, 'run.end');
    await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', what + ': a run');
    await checkTabs(page, width, height, what);

    await assertOnScreen(page, 'travel.slider', width, height, what);
    await assertOnScreen(page, 'travel.status', width, height, what);

    await click(page, 'tab.terraform');
    const s = await waitState(page, (st) => st.terraform && st.terraform.validations > 0 && st.terraform.editor.visible_lines > 0,
      what + ': the Terraform panel');
    // At 200% on 720 pixels the notice strip and the sideways scrollbar take about a line and a half; the
    // caption row took the footer's line back.
    assert(s.terraform.editor.visible_lines >= (scale === 1 ? 20 : 9),
      `${what}: the Terraform editor shows ${s.terraform.editor.visible_lines} lines`);
    await assertOnScreen(page, 'terraform.reset', width, height, what);
    await shot(page, name, `terraform-${width}-${scale * 100}`);

    await click(page, 'tab.timeline');
    await assertOnScreen(page, 'timeline.plot', width, height, what);
    await shot(page, name, `timeline-${width}-${scale * 100}`);

    await click(page, 'tab.run');
    for (const id of ['run.start', 'run.end', 'run.stop'])
      await assertOnScreen(page, id, width, height, what);
    // Further down the Run panel: on screen, or brought there with the wheel.
    for (let turns = 0; !onScreen(await control(page, 'run.advance'), width, height) && turns < 10; turns++) {
      const start = (await control(page, 'run.start')) || (await control(page, 'tab.run'));
      await page.mouse.move(start.x + start.w / 2, height * 0.6);
      await page.mouse.wheel(0, 120);
      await settle(page, 4);
    }
    await assertOnScreen(page, 'run.advance', width, height, what + ' (after the wheel)');
    // Each panel keeps its own scroll position: away to a short panel and back, Advance is still there.
    await click(page, 'tab.callbacks');
    await click(page, 'tab.run');
    await assertOnScreen(page, 'run.advance', width, height, what + ' (back on the Run tab)');
    await shot(page, name, `run-${width}-${scale * 100}`);
    assertNoErrors(page);
    await context.close();
  }

  // Presenter mode at 1280x720: the merged column shows Run, without and with a demo script open.
  const { page, context } = await openPage(browser, { url: withParameters('presenter=1'), width: 1280, height: 720 });
  let s = await state(page);
  assert(s.presenter.enabled && s.body_font_px >= 28, 'presenter mode at 28 px: ' + s.body_font_px);
  assert(s.panel_ms.run !== undefined && s.panel_ms.timeline !== undefined,
    'presenter mode opens on Run and the timeline: ' + Object.keys(s.panel_ms).join(', '));
  await page.evaluate(() => { location.hash = '#script=order-replay&step=1'; });
  await waitState(page, (st) => st.script.open && st.script.id === 'order-replay', 'the demo script');
  await waitState(page, (st) => st.panel_ms.run !== undefined && st.panel_ms.timeline !== undefined,
    'the script shows Run and the timeline');
  await waitControl(page, 'run.start');
  await shot(page, name, 'presenter-script-1280');
  assertNoErrors(page);
  await context.close();

  const plain = await openPage(browser, { url: withParameters('presenter=1'), width: 1280, height: 720 });
  await plain.page.keyboard.press('r');
  await waitState(plain.page, (st) => st.executions.length === 1, 'R starts an execution');
  await plain.page.keyboard.press('Space');
  await waitState(plain.page, (st) => st.executions[0].status === 'SUCCEEDED', 'Space plays to the end');
  await assertOnScreen(plain.page, 'travel.status', 1280, 720, 'presenter');
  await assertOnScreen(plain.page, 'timeline.plot', 1280, 720, 'presenter');
  await shot(plain.page, name, 'presenter-1280');
  assertNoErrors(plain.page);
  await plain.context.close();
}
