// What a learner or a presenter reads is whole: at 1280x720 (100% and 200%), 1920x1080 at 200% and in
// presenter mode, the Run panel's hint and last Step fit their two lines, the timeline's lane subtitles are
// not cut (in presenter mode only as far as every lane stays in view), a notice is shown whole in the strip under a narrow menu bar without moving the Run buttons, the
// empty time-travel track says why, and the Terraform editor scrolls sideways to a long line's end. The
// paste dialog is opened for a screenshot (its text is not in the test state). Presenter mode at 1280x720 fits its text to the screen (32 px)
// with the Run controls whole, and is driven from the keyboard alone (a clicker's keys). The empty notice
// strip lists the keys, Page Down and Page Up included, on its one line; with a demo script open in
// presenter mode the timeline keeps every lane of the order workflow in view (1280x720 and 1920x1080).
import { openPage, withParameters, onScreen, assertOnScreen, shot, click, waitState, waitControl, state, settle, control, assert, assertNoErrors }
  from './lib.mjs';

// Every Run button and the line under them, on screen.
async function assertRunControls(page, width, height, what) {
  for (const id of ['run.start', 'run.step', 'run.suspend', 'run.end', 'run.stop', 'run.last_step'])
    await assertOnScreen(page, id, width, height, what);
}

export default async function (browser, name) {
  for (const [width, height, scale] of [[1280, 720, 1], [1280, 720, 2], [1920, 1080, 2]]) {
    const what = `${width}x${height} at ${scale * 100}%`;
    const { page, context } = await openPage(browser, { url: withParameters('presenter=0&scale=' + scale), width, height });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']); // the share link is copied
    let s = await waitState(page, (st) => st.travel && st.travel.empty_reason !== undefined, what + ': the travel bar');
    // With no notice the strip lists the keys, a clicker's Page Down and Page Up first, on its one line.
    assert(s.notice_strip && /Page Down/.test(s.keys_hint) && /Page Up/.test(s.keys_hint) && !s.keys_hint_cut,
      `${what}: the keys hint names Page Down and Page Up and reads whole: ${JSON.stringify(s.keys_hint)} (cut: ${s.keys_hint_cut})`);
    // No execution: the track is empty and says so (no grab drawn half way along it).
    assert(s.travel.points === 0 && s.travel.empty_reason === 'no execution open', `${what}: the empty track: ${JSON.stringify(s.travel)}`);
    await assertOnScreen(page, 'travel.slider', width, height, what);

    await click(page, 'tab.run');
    s = await waitState(page, (st) => st.run !== undefined, what + ': the Run panel');
    assert(!s.run.last_step_cut, `${what}: the Step hint reads whole`);
    await click(page, 'run.start');
    s = await waitState(page, (st) => st.travel.points === 1, what + ': one point');
    assert(/one point so far/.test(s.travel.empty_reason), `${what}: one point: ${s.travel.empty_reason}`);
    await click(page, 'run.step');
    s = await waitState(page, (st) => st.run.last_step.length > 0, what + ': a Step told something');
    assert(!s.run.last_step_cut, `${what}: the last Step reads whole: ${JSON.stringify(s.run.last_step)}`);
    assert(s.travel.empty_reason === '', `${what}: the slider is back: ${s.travel.empty_reason}`);

    // A notice: whole in its place, and the Step button where it was.
    const stepBefore = await control(page, 'run.step');
    await click(page, 'run.end');
    await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', what + ': to the end');
    await click(page, 'menu.file');
    await click(page, 'menu.file.share');
    s = await waitState(page, (st) => st.notices.some((n) => /Share link copied/.test(n)), what + ': the share notice');
    assert(!s.notice_cut, `${what}: the notice reads whole (strip: ${s.notice_strip})`);
    assert(s.notice_strip, `${what}: notices in the strip under the menu bar (too little room beside the menus)`);
    const stepAfter = await control(page, 'run.step');
    assert(stepBefore && stepAfter && Math.abs(stepAfter.y - stepBefore.y) < 0.5, `${what}: the notice moved nothing`);
    const notice = await assertOnScreen(page, 'notice.text', width, height, what);
    const dismiss = await assertOnScreen(page, 'notice.dismiss', width, height, what);
    assert(notice.x + notice.w <= dismiss.x + 0.5, `${what}: the notice stops before its button`);
    await shot(page, name, `notice-${width}-${scale * 100}`);

    await click(page, 'tab.timeline');
    s = await waitState(page, (st) => st.timeline && st.timeline.lanes >= 3, what + ': the timeline');
    assert(!s.timeline.subtitles_cut, `${what}: lane subtitles whole`);
    await shot(page, name, `timeline-${width}-${scale * 100}`);

    // Terraform: a long line is reached with the view's scrollbar (the column is narrower than the text).
    await click(page, 'tab.terraform');
    s = await waitState(page, (st) => st.terraform && st.terraform.editor.visible_lines > 0, what + ': Terraform');
    const editor = s.terraform.editor;
    if (editor.longest_line > editor.view_columns) {
      const view = await waitControl(page, 'terraform.source'); // drawn a frame after the state says the editor is ready
      await page.mouse.move(view.x + 40, view.y + 40);
      for (let turns = 0; turns < 30 && (await state(page)).terraform.editor.scroll_x === 0; turns++) {
        await page.mouse.wheel(120, 0); // a sideways wheel (or a touchpad's swipe)
        await settle(page, 3);
      }
      s = await state(page);
      assert(s.terraform.editor.scroll_x > 0, `${what}: the Terraform view scrolls sideways: ${JSON.stringify(s.terraform.editor)}`);
    }
    await shot(page, name, `terraform-${width}-${scale * 100}`);
    assertNoErrors(page);
    await context.close();
  }

  // The paste dialog (its commands in the code font, not between backticks): opened for the screenshot.
  {
    const { page, context } = await openPage(browser, { url: withParameters('presenter=0&scale=2'), width: 1280, height: 720 });
    await click(page, 'tab.executions');
    await click(page, 'executions.paste_history');
    await waitControl(page, 'paste.close');
    await shot(page, name, 'paste-dialog');
    await click(page, 'paste.close');
    await context.close();
  }

  // Presenter mode at 1280x720, keyboard only (a clicker sends PageDown/PageUp/arrows and Space).
  const { page, context } = await openPage(browser, { url: withParameters('presenter=1'), width: 1280, height: 720 });
  let s = await waitState(page, (st) => st.presenter.enabled && st.body_font_px >= 31.5, 'presenter text fitted to 1280x720');
  assert(s.presenter.fits_screen && s.presenter.font_px === 32, 'presenter mode fits 32 px: ' + JSON.stringify(s.presenter));
  await assertRunControls(page, 1280, 720, 'presenter');
  await page.keyboard.press('r');
  s = await waitState(page, (st) => st.executions.length === 1, 'R starts an execution');
  await page.keyboard.press('Space');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'Space plays to the end');
  const points = s.travel.points;
  await page.keyboard.press('PageUp');
  s = await waitState(page, (st) => st.travel.travelling && st.travel.index === points - 2, 'PageUp one point back');
  await page.keyboard.press('ArrowLeft');
  s = await waitState(page, (st) => st.travel.index === points - 3, 'Left one more');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowRight');
  s = await waitState(page, (st) => !st.travel.travelling || st.travel.index === points - 1, 'back to the present');
  await assertRunControls(page, 1280, 720, 'presenter after a run');
  await click(page, 'tab.timeline');
  s = await waitState(page, (st) => st.timeline && st.timeline.lanes >= 3, 'presenter timeline');
  // Every lane in view for the audience: subtitles are cut (whole on hover) only when they would push a
  // lane out of view.
  assert(s.timeline.lanes_visible >= s.timeline.lanes, 'presenter: every lane in view: ' + JSON.stringify(s.timeline));
  assert(!s.timeline.subtitles_cut || s.timeline.subtitle_lines < 3, 'presenter: subtitles cut only for room');
  await shot(page, name, 'presenter-keys-1280');
  if (s.notices.length === 0) // a notice takes the strip's place
    assert(/Page Down/.test(s.keys_hint) && !s.keys_hint_cut, 'presenter: the keys hint names Page Down, whole: ' + s.keys_hint);
  // The + key still overrides the fit, and the choice is kept.
  await page.keyboard.press('Equal');
  s = await waitState(page, (st) => st.presenter.font_px === 36 && !st.presenter.fits_screen, '+ makes the text larger');
  await page.keyboard.press('Minus');
  s = await waitState(page, (st) => st.presenter.font_px === 32, '- back to 32 px');
  assertNoErrors(page);
  await context.close();

  // Presenter mode with a demo script open: the caption strip leaves the timeline room for every lane of
  // the order workflow (the service lane and both invocations), at 1280x720 and 1920x1080.
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const story = await openPage(browser, { url: withParameters('presenter=1') + '#script=order-replay&step=4', width, height });
    s = await waitState(story.page, (st) => st.script.open && st.script.position === 4 && st.executions.length === 1 &&
      st.executions[0].status === 'SUCCEEDED', `${width}x${height}: the script at step 4`);
    assert(/next step/.test(s.keys_hint) && !s.keys_hint_cut, `${width}x${height}: the keys hint says what Page Down does in a script: ${s.keys_hint}`);
    await click(story.page, 'tab.timeline');
    s = await waitState(story.page, (st) => st.timeline && st.timeline.lanes === 3 && st.timeline.lanes_visible >= 3,
      `${width}x${height}: all three lanes of the order workflow in view with the script open`);
    await assertOnScreen(story.page, 'script.next', width, height, `${width}x${height} script strip`);
    await shot(story.page, name, `presenter-script-${width}`);
    assertNoErrors(story.page);
    await story.context.close();
  }
}
