// Demo scripts (issue 10): in presenter mode at 1920x1080, Learn > Demo scripts opens the order workflow's
// story; N and PageDown play it one caption at a time, P and PageUp go back to the same state, the arrows
// stay time travel, only the script's panels are shown, + and - change the text size (kept after a
// reload), and the address follows the step. A link opens a script or a lesson at a step; a link into a
// browser with executions asks before it forgets them; an unknown script is named in a notice.
// Screenshots at 1920x1080 (dark and light), 1280x720 and at devicePixelRatio 2.
import fs from 'node:fs';
import path from 'node:path';
import { openPage, baseUrl, repoRoot, shot, click, waitState, state, settle, control, assert, assertNoErrors } from './lib.mjs';

function withQuery(parameters, hash = '') {
  return baseUrl + (baseUrl.includes('?') ? '&' : '?') + parameters + hash;
}

function script(id) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'lessons/scripts', id + '.json'), 'utf8'));
}

// High contrast in presenter mode: text at least 7:1 (WCAG AAA) on every surface it is drawn on, muted
// text at least 4.5:1 (AA).
function assertContrast(s, theme) {
  const c = s.presenter.contrast;
  for (const surface of ['text', 'button', 'field', 'tab', 'popup', 'menu'])
    assert(c[surface] >= 7, `${theme}: ${surface} contrast ${c[surface].toFixed(2)} is at least 7:1`);
  assert(c.muted >= 4.5, `${theme}: muted text contrast ${c.muted.toFixed(2)} is at least 4.5:1`);
}

async function press(page, key, position, what) {
  await page.keyboard.press(key);
  return waitState(page, (st) => st.script.position === position && st.input_pending === 0, what);
}

export default async function (browser, name) {
  const order = script('order-replay');
  const crash = script('crash-double-charge');
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  const { page } = await openPage(browser, { context, url: withQuery('presenter=1') });
  let s = await state(page);
  assert(s.script.count >= 2 && s.script.load_error === '', 'the demo scripts load: ' + JSON.stringify(s.script));
  assertContrast(s, 'dark');

  await click(page, 'menu.learn');
  await click(page, 'menu.learn.scripts');
  await click(page, 'menu.learn.scripts.order-replay');
  s = await waitState(page, (st) => st.script.open && st.script.id === 'order-replay', 'the script to open');
  assert(s.script.position === 0 && s.script.size === order.steps.length, 'at its start: ' + JSON.stringify(s.script));
  assert(s.document.name === 'order-processing', 'the script\'s workflow: ' + s.document.name);
  assert(!s.script.asking, 'no executions to forget: no question');
  // Presenter mode shows only the script's panels.
  await settle(page, 4);
  for (const id of order.panels) assert(await control(page, 'tab.' + id), 'the script\'s panel is shown: ' + id);
  for (const id of ['editor', 'faults', 'terraform', 'export', 'checkpoints'])
    assert((await control(page, 'tab.' + id)) === null, 'a panel the script does not use is hidden: ' + id);
  await shot(page, name, 'script-start-1920');

  // N and PageDown: one caption per key press.
  s = await press(page, 'n', 1, 'N: step 1');
  assert(s.script.caption === order.steps[0].caption, 'caption 1: ' + s.script.caption);
  assert(s.executions.length === 0, 'words only: nothing ran');
  s = await press(page, 'PageDown', 2, 'PageDown: step 2');
  assert(s.script.caption === order.steps[1].caption, 'caption 2: ' + s.script.caption);
  assert(s.executions.length === 1 && s.executions[0].name === 'order-processing-1', 'an execution started: ' + JSON.stringify(s.executions.map((e) => e.name)));
  s = await press(page, 'n', 3, 'N: step 3');
  assert(s.script.caption === order.steps[2].caption, 'caption 3');
  assert(s.executions[0].status === 'RUNNING' && s.executions[0].invocations === 1, 'suspended at the wait after invocation 1: ' + JSON.stringify(s.executions[0]));
  assert(s.script.expect_missing === '' && s.script.step_error === '', 'as the script expects');
  const atWait = { clock: s.clock_ms, events: s.executions[0].events, operations: s.executions[0].operations };
  s = await press(page, 'n', 4, 'N: step 4');
  assert(s.executions[0].status === 'SUCCEEDED' && s.executions[0].invocations === 2, 'invocation 2 ended it: ' + JSON.stringify(s.executions[0]));
  assert(await page.evaluate(() => location.hash) === '#script=order-replay&step=4', 'the address follows the step');
  await shot(page, name, 'script-step4-1920');

  // The arrows stay time travel while a script is open.
  await page.keyboard.press('ArrowLeft');
  s = await waitState(page, (st) => st.travel && st.travel.travelling, 'Left travels back');
  assert(s.script.position === 4, 'the arrow did not move the script');
  await page.keyboard.press('End');
  await waitState(page, (st) => !st.travel.travelling, 'End: back to the present');

  // P and PageUp go back: the script played again from its start reaches the same state.
  s = await press(page, 'p', 3, 'P: back to step 3');
  assert(s.script.caption === order.steps[2].caption, 'caption 3 again');
  assert(s.executions.length === 1, 'one execution, not two: ' + s.executions.length);
  assert(s.executions[0].status === 'RUNNING' && s.executions[0].invocations === 1, 'back at the wait: ' + JSON.stringify(s.executions[0]));
  assert(s.clock_ms === atWait.clock && s.executions[0].events === atWait.events && s.executions[0].operations === atWait.operations,
    'the same state as before: ' + JSON.stringify({ atWait, now: [s.clock_ms, s.executions[0].events, s.executions[0].operations] }));
  s = await press(page, 'PageUp', 2, 'PageUp: back to step 2');
  s = await press(page, 'p', 1, 'P: step 1');
  assert(s.executions.length === 0, 'before the start: no execution');
  s = await press(page, 'p', 0, 'P: the opening');
  s = await press(page, 'p', 0, 'P at the opening stays there');
  assert(s.notices.some((n) => /script's start/.test(n)), 'P at the start says so: ' + JSON.stringify(s.notices));
  // The buttons do the same.
  await click(page, 'script.next');
  s = await waitState(page, (st) => st.script.position === 1, 'Next button');

  // + and - change the text size; the size survives a reload.
  const before = s.presenter.font_px;
  await page.keyboard.press('=');
  s = await waitState(page, (st) => st.presenter.font_px > before, '+ makes the text larger');
  const larger = s.presenter.font_px;
  await page.keyboard.press('-');
  await waitState(page, (st) => st.presenter.font_px === before, '- makes it smaller again');
  await page.keyboard.press('NumpadAdd');
  s = await waitState(page, (st) => st.presenter.font_px === larger && st.body_font_px >= larger - 0.5, 'the keypad\'s + too');
  await shot(page, name, 'script-larger-1920');
  await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 5000 });
  await page.reload();
  await page.waitForFunction(() => window.dpFirstFrameMs !== undefined, null, { timeout: 30000 });
  s = await waitState(page, (st) => st.script.open && st.script.position === 1, 'the script and its step after a reload');
  assert(!s.script.asking, 'the executions were the script\'s: no question after a reload');
  assert(s.presenter.enabled && s.presenter.font_px === larger, 'the text size survives a reload: ' + s.presenter.font_px);
  await page.keyboard.press('-');
  await waitState(page, (st) => st.presenter.font_px === before, 'back to ' + before);

  // The light theme: high contrast too.
  await click(page, 'menu.view');
  await click(page, 'menu.view.light');
  s = await waitState(page, (st) => st.theme === 'light', 'the light theme');
  assertContrast(s, 'light');
  await press(page, 'n', 2, 'N in the light theme');
  await press(page, 'n', 3, 'N');
  await settle(page, 4);
  await shot(page, name, 'script-light-1920');
  assertNoErrors(page);
  await context.close();

  // A link to a step of the other script, at 1280x720: the state after its first five steps.
  const linked = await openPage(browser, { url: withQuery('presenter=1', '#script=crash-double-charge&step=5'), width: 1280, height: 720 });
  s = await waitState(linked.page, (st) => st.script.open && st.script.id === 'crash-double-charge' && st.script.position === 5, 'the linked step');
  assert(s.script.caption === crash.steps[4].caption, 'its caption: ' + s.script.caption);
  assert(s.executions.length === 1 && s.executions[0].status === 'SUCCEEDED', 'the first run is over: ' + JSON.stringify(s.executions));
  assert(s.script.expect_missing === '', 'charged twice, as the script says: ' + s.script.expect_missing);
  await settle(linked.page, 4);
  await shot(linked.page, name, 'linked-step5-1280');
  for (let step = 6; step <= crash.steps.length; step++) {
    s = await press(linked.page, 'PageDown', step, 'the clicker: step ' + step);
    assert(s.script.caption === crash.steps[step - 1].caption, 'caption ' + step);
    assert(s.script.step_error === '' && s.script.expect_missing === '', 'step ' + step + ' as expected: ' + s.script.step_error + s.script.expect_missing);
  }
  assert(s.executions.length === 2 && s.executions[1].status === 'SUCCEEDED', 'the fixed run: ' + JSON.stringify(s.executions));
  await shot(linked.page, name, 'fixed-1280');

  // A script link into a browser that has executions of its own: the page asks first.
  await click(linked.page, 'script.close');
  await waitState(linked.page, (st) => !st.script.open, 'closed');
  await linked.page.goto('about:blank'); // a new load, not a change of the hash alone
  await linked.page.goto(withQuery('presenter=1', '#script=order-replay&step=2'));
  await linked.page.waitForFunction(() => window.dpFirstFrameMs !== undefined, null, { timeout: 30000 });
  s = await waitState(linked.page, (st) => st.script.asking, 'the question');
  assert(!s.script.open && s.executions.length === 2, 'nothing forgotten before the answer');
  await settle(linked.page, 4);
  await shot(linked.page, name, 'ask-1280');
  await click(linked.page, 'script.confirm');
  s = await waitState(linked.page, (st) => st.script.open && st.script.position === 2, 'opened after the answer');
  assert(s.executions.length === 1, 'a clean slate: ' + s.executions.length);
  assertNoErrors(linked.page);
  await linked.context.close();

  // A lesson at a step, by link; an unknown script, by link.
  const lesson = await openPage(browser, { url: withQuery('presenter=1', '#lesson=checkpoint-and-replay&step=2'), width: 1920, height: 1080 });
  s = await waitState(lesson.page, (st) => st.lesson.mode === 'lesson' && st.lesson.solution_position === 2, 'the lesson at step 2');
  await settle(lesson.page, 4);
  for (const id of ['editor', 'run', 'timeline', 'operations', 'history'])
    assert(await control(lesson.page, 'tab.' + id), 'the lesson\'s panel is shown in presenter mode: ' + id);
  for (const id of ['faults', 'terraform', 'export', 'code', 'story', 'callbacks'])
    assert((await control(lesson.page, 'tab.' + id)) === null, 'a panel the lesson does not use is hidden: ' + id);
  await shot(lesson.page, name, 'lesson-step2-presenter-1920');
  assert(s.lesson.caption !== '' && s.executions.length === 1 && s.executions[0].invocations === 1, 'two actions performed: ' + JSON.stringify(s.executions));
  await lesson.page.keyboard.press('n');
  s = await waitState(lesson.page, (st) => st.lesson.solution_position === 3 && st.lesson.passed, 'N: the lesson\'s last step');
  await lesson.page.keyboard.press('p');
  s = await waitState(lesson.page, (st) => st.lesson.solution_position === 2 && !st.lesson.passed, 'P: back one step in the lesson');
  assert(await lesson.page.evaluate(() => location.hash) === '#lesson=checkpoint-and-replay&step=2', 'the address follows the lesson\'s step');
  // A script link pasted into the address of the open page (only the hash changes): it opens, after the
  // question (the lesson's executions would be forgotten), and the lesson closes.
  await lesson.page.evaluate(() => { location.hash = '#script=order-replay&step=3'; });
  s = await waitState(lesson.page, (st) => st.script.asking, 'the question for the pasted link');
  await click(lesson.page, 'script.confirm');
  s = await waitState(lesson.page, (st) => st.script.open && st.script.position === 3, 'the pasted script link at step 3');
  assert(s.lesson.mode !== 'lesson' && s.executions.length === 1, 'the lesson closed, a clean slate: ' + s.lesson.mode);
  assertNoErrors(lesson.page);
  await lesson.context.close();

  const unknown = await openPage(browser, { url: baseUrl + '#script=nope' });
  s = await waitState(unknown.page, (st) => st.notices.some((n) => n.includes('"nope"')), 'a notice naming the unknown script');
  assert(!s.script.open, 'nothing opened');
  assertNoErrors(unknown.page);
  await unknown.context.close();

  // A script file of the user's: one that does not load is named with where and what, and changes nothing;
  // one that loads is kept in this browser and opened (after the question: there is an execution).
  const own = await openPage(browser, { width: 1600, height: 900 });
  await click(own.page, 'run.start');
  await waitState(own.page, (st) => st.executions.length === 1, 'an execution of the user\'s');
  const story = {
    format: 1, id: 'my-story', title: 'My story', workflow: 'examples/approval.json', panels: ['run', 'callbacks', 'timeline'],
    steps: [{ caption: 'Start it.', start: {} }, { caption: 'To the callback.', run: 'far' }],
  };
  const openFile = async (buffer) => {
    await click(own.page, 'menu.learn');
    await click(own.page, 'menu.learn.scripts');
    const [chooser] = await Promise.all([own.page.waitForEvent('filechooser'), click(own.page, 'menu.learn.scripts.file')]);
    await chooser.setFiles({ name: 'my-story.json', mimeType: 'application/json', buffer: Buffer.from(buffer) });
  };
  const documentBefore = (await state(own.page)).document.name;
  await openFile(JSON.stringify(story));
  s = await waitState(own.page, (st) => st.notices.some((n) => n.includes('my-story.json: $.steps[1].run: expected')), 'the error naming file, path and what');
  assert(!s.script.open && !s.script.asking && s.script.count === s.script.builtin, 'no script opened: ' + JSON.stringify(s.script));
  assert(s.executions.length === 1 && s.document.name === documentBefore, 'the page is as it was');
  await settle(own.page, 4);
  await shot(own.page, name, 'own-script-error');
  story.steps[1].run = 'end';
  await openFile(JSON.stringify(story));
  s = await waitState(own.page, (st) => st.script.asking, 'the question before the user\'s script forgets the execution');
  await click(own.page, 'script.confirm');
  await own.page.keyboard.press('n');
  await own.page.keyboard.press('n');
  s = await waitState(own.page, (st) => st.script.id === 'my-story' && st.script.position === 2 && st.pending_callbacks.includes('approval'), 'the user\'s script played');
  assert(s.script.caption === 'To the callback.' && s.executions.length === 1, 'its caption, one execution: ' + s.script.caption);
  await own.page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 5000 });
  await own.page.reload();
  await own.page.waitForFunction(() => window.dpFirstFrameMs !== undefined, null, { timeout: 30000 });
  s = await waitState(own.page, (st) => st.script.open && st.script.id === 'my-story' && st.script.position === 2, 'the user\'s script after a reload');
  assertNoErrors(own.page);
  await own.context.close();

  // devicePixelRatio 2 (a 200% display) at 1920x1080: the strip and the panels stay sharp and on screen.
  const hidpi = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2, colorScheme: 'dark' });
  const sharp = await openPage(browser, { context: hidpi, url: withQuery('presenter=1', '#script=order-replay&step=4') });
  s = await waitState(sharp.page, (st) => st.script.open && st.script.position === 4, 'the script at 200%');
  await settle(sharp.page, 4);
  for (const id of ['script.next', 'script.previous', 'script.close', 'tab.run', 'tab.story']) {
    const rect = await control(sharp.page, id);
    assert(rect && rect.x >= 0 && rect.x + rect.w <= 1921 && rect.y + rect.h <= 1081, id + ' on screen: ' + JSON.stringify(rect));
  }
  await shot(sharp.page, name, 'script-1920-dpr2');
  assertNoErrors(sharp.page);
  await hidpi.close();
}
