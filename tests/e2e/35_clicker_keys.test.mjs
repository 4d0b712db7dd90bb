// A presenter's clicker keys are never lost: after a click on a button, a tab, the slider, with the mouse
// held on a tab, with a menu or dialog just closed, each of PageDown, PageUp, Right, Left moves the
// time-travel point by exactly one, and Space plays; a held key moves once until the browser repeats it;
// in a text field the keys stay the field's.
import { openPage, state, click, waitState, waitControl, settle, inputTaken, assert, assertNoErrors } from './lib.mjs';

const step = { PageDown: 1, ArrowRight: 1, PageUp: -1, ArrowLeft: -1 };

// Presses `key` and waits until the point moved by exactly its step (and no further: a late key release on
// a busy machine once made one press count twice).
async function expectStep(page, key, after) {
  const from = (await state(page)).travel.index;
  await page.keyboard.press(key);
  await waitState(page, (st) => st.travel.index === from + step[key], `${key} after ${after}: ${from} -> ${from + step[key]}`);
  const s = await inputTaken(page, key);
  assert(s.travel.index === from + step[key], `${key} after ${after} moved once: ${from} -> ${s.travel.index}`);
}

async function pressAt(page, name) {
  const r = await waitControl(page, name);
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await settle(page, 2);
  return r;
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.end');
  let s = await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'a finished run');
  assert(s.travel.points > 12, 'enough points to step through: ' + s.travel.points);

  // Into the past, half way, with the buttons.
  await click(page, 'travel.first');
  await waitState(page, (st) => st.travel.travelling && st.travel.index === 0, 'the first point');
  for (let i = 1; i <= 4; i++) {
    await click(page, 'travel.forward');
    await waitState(page, (st) => st.travel.index === i, 'forward button to ' + i);
  }

  // Right after clicks on controls of every kind.
  await click(page, 'travel.back');
  await waitState(page, (st) => st.travel.index === 3, 'the back button');
  await expectStep(page, 'PageDown', 'the back button');
  await click(page, 'travel.forward');
  await waitState(page, (st) => st.travel.index === 5, 'the forward button');
  await expectStep(page, 'PageUp', 'the forward button');
  await click(page, 'tab.operations');
  await expectStep(page, 'ArrowRight', 'a tab');
  await click(page, 'tab.history');
  await expectStep(page, 'ArrowLeft', 'another tab');
  await click(page, 'run.speed');
  await expectStep(page, 'PageDown', 'the speed slider');
  await click(page, 'timeline.fit');
  await expectStep(page, 'ArrowLeft', 'the timeline');

  // With the mouse held down on a tab (a widget is active), then right after its release.
  await pressAt(page, 'tab.history');
  await page.mouse.down();
  await settle(page, 2);
  await expectStep(page, 'PageDown', 'a mouse press held on a tab');
  await page.mouse.up();
  await settle(page, 2);
  await expectStep(page, 'ArrowRight', 'the release of that press');
  await expectStep(page, 'PageUp', 'the release of that press, twice');

  // A menu closed by a click, a menu closed by Escape, a dialog cancelled.
  await click(page, 'menu.view');
  await waitControl(page, 'menu.view.dark'); // open
  await click(page, 'tab.timeline');
  await expectStep(page, 'PageDown', 'a menu closed by a click');
  await click(page, 'menu.file');
  await waitControl(page, 'menu.file.open');
  await page.keyboard.press('Escape');
  await inputTaken(page, 'Escape');
  await expectStep(page, 'ArrowLeft', 'a menu closed by Escape');
  await expectStep(page, 'ArrowRight', 'a menu closed by Escape, twice');
  await click(page, 'travel.branch');
  await click(page, 'branch.cancel');
  await expectStep(page, 'PageUp', 'the branch dialog cancelled');

  // A held key moves once, however slowly the page draws, until the browser repeats it.
  let from = (await state(page)).travel.index;
  await page.keyboard.down('ArrowRight');
  await waitState(page, (st) => st.travel.index === from + 1, 'a held Right arrow');
  const heldUntil = Date.now() + 700; // longer than ImGui's 275 ms repeat delay
  while (Date.now() < heldUntil) {
    await page.mouse.move(5, 5 + (Date.now() % 2));
    await settle(page, 2);
  }
  s = await state(page);
  assert(s.travel.index === from + 1, `a held key without repeats moves once: ${from} -> ${s.travel.index}`);
  await page.keyboard.down('ArrowRight'); // the browser's auto-repeat
  await page.keyboard.down('ArrowRight');
  await page.keyboard.up('ArrowRight');
  s = await waitState(page, (st) => st.travel.index === from + 3, 'two repeats of the held key');
  s = await inputTaken(page, 'the held key');
  assert(s.travel.index === from + 3, `two repeats move twice more: ${from} -> ${s.travel.index}`);

  // In a text field the arrows move the cursor, not the point; a click elsewhere gives them back.
  await click(page, 'tab.history');
  await click(page, 'history.filter');
  from = (await state(page)).travel.index;
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('PageDown');
  s = await inputTaken(page, 'keys in the filter field');
  assert(s.travel.index === from, `keys typed in a text field leave the point: ${from} -> ${s.travel.index}`);
  await click(page, 'tab.timeline');
  await expectStep(page, 'ArrowLeft', 'leaving the text field');

  // Space plays a new execution to its end, right after a click on a control.
  await page.keyboard.press('r');
  s = await waitState(page, (st) => st.executions.length === 2, 'R starts a second execution');
  await click(page, 'tab.operations');
  await page.keyboard.press('Space');
  s = await waitState(page, (st) => st.executions[1].status === 'SUCCEEDED', 'Space after a click plays to the end');
  assertNoErrors(page);
  await context.close();
}
