// Lessons (issue 10): open "Checkpoint and replay" from the Learn menu, see its check fail, run the order
// workflow with the Run panel, see the check pass; reload and the lesson is still done; "Show me" plays the
// solution; a link to an unknown lesson opens the lesson list with a notice. Screenshots of the strip at
// 1280x720 and 1920x1080.
import { openPage, waitReady, waitControl, shot, click, waitState, state, assert, assertNoErrors, baseUrl } from './lib.mjs';

const id = 'checkpoint-and-replay';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  let s = await state(page);
  assert(s.lesson && s.lesson.count >= 12, 'the lessons load: ' + JSON.stringify(s.lesson));
  assert(s.lesson.load_error === '', 'every lesson file loads: ' + s.lesson.load_error);
  await click(page, 'menu.learn');
  await click(page, 'menu.learn.' + id);
  s = await waitState(page, (st) => st.lesson.mode === 'lesson' && st.lesson.id === id, 'the lesson to open');
  assert(!s.lesson.passed, 'the check fails at the start');
  assert(/run the execution to the end/.test(s.lesson.missing), 'it says what is missing: ' + s.lesson.missing);
  assert(s.document.name === 'order-processing', 'the order workflow is loaded: ' + s.document.name);
  await click(page, 'lesson.hint');
  s = await state(page);
  assert(s.lesson.hints_shown === 1, 'one hint per click');
  await shot(page, name, 'failing');

  await click(page, 'run.start');
  await waitState(page, (st) => st.executions.length === 1, 'an execution');
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.lesson.passed, 'the check to pass');
  assert(s.lesson.done.includes(id), 'the lesson is marked done');
  await waitControl(page, 'lesson.learned');
  await shot(page, name, 'passed');

  // Progress survives a reload (IndexedDB).
  await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 5000 });
  await page.reload();
  await waitReady(page);
  s = await waitState(page, (st) => st.lesson && st.lesson.done.includes(id), 'the lesson still done after reload');
  await click(page, 'menu.learn');
  await shot(page, name, 'menu-after-reload');
  await page.keyboard.press('Escape');
  assertNoErrors(page);
  await context.close();

  // An unknown lesson link: the list, and a notice naming it.
  const other = await openPage(browser, { url: baseUrl + '#lesson=unknown' });
  s = await waitState(other.page, (st) => st.lesson.mode === 'list', 'the lesson list');
  assert(s.notices.some((n) => n.includes('"unknown"')), 'a notice names the unknown lesson: ' + JSON.stringify(s.notices));
  await waitControl(other.page, 'lesson.list.' + id);
  await shot(other.page, name, 'unknown-link');
  assertNoErrors(other.page);
  await other.context.close();

  // "Show me" plays the solution one action per click; the strip at two screen sizes.
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const opened = await openPage(browser, { url: baseUrl + '#lesson=' + id, width, height });
    s = await waitState(opened.page, (st) => st.lesson.mode === 'lesson' && st.lesson.id === id, 'the linked lesson');
    assert(!s.lesson.passed, 'a fresh browser starts the lesson');
    for (let i = 1; i <= 3; i++) {
      await click(opened.page, 'lesson.showme');
      s = await waitState(opened.page, (st) => st.lesson.caption !== '' && (st.lesson.solution_position === i || st.lesson.passed), 'show me ' + i);
    }
    s = await waitState(opened.page, (st) => st.lesson.passed, 'show me to pass the check');
    await shot(opened.page, name, `showme-${width}x${height}`);
    assertNoErrors(opened.page);
    await opened.context.close();
  }
}
