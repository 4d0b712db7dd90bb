// Issue 9: the timeline's time axis is linear by default and its labels are stable: a Step rescales the
// view only when the new data no longer fits (then to a round span); idle-gap compression is a toggle whose
// breaks are labelled with the time they hide.
import { openPage, shot, click, waitState, assert, assertNoErrors } from './lib.mjs';

function evenlySpaced(ms) {
  for (let i = 2; i < ms.length; i++) if (ms[i] - ms[i - 1] !== ms[1] - ms[0]) return false;
  return true;
}

// The timeline drawn for the engine's latest state.
const current = (st) => st.timeline && st.timeline.built_revision === st.revision && st.timeline.ticks.length > 0;

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  let s = await waitState(page, current, 'the axis');
  let steps = 0;
  let rescales = 0;
  while (s.executions[0].status === 'RUNNING') {
    assert(++steps <= 60, 'the order workflow ends within 60 Steps');
    const prev = s.timeline;
    const revision = s.revision;
    await click(page, 'run.step');
    s = await waitState(page, (st) => st.revision !== revision && current(st), `the timeline after Step ${steps}`);
    const t = s.timeline;
    assert(!t.compressed && t.breaks.length === 0, 'linear by default');
    assert(evenlySpaced(t.tick_ms), 'ticks at even steps of time: ' + JSON.stringify(t.tick_ms));
    if (t.display_end <= prev.view[1]) {
      assert(JSON.stringify(t.view) === JSON.stringify(prev.view), `Step ${steps} kept the scale: ${prev.view} -> ${t.view}`);
      assert(JSON.stringify(t.ticks) === JSON.stringify(prev.ticks), `Step ${steps} kept the labels: ${prev.ticks} -> ${t.ticks}`);
    } else {
      rescales++;
      assert(t.view[1] >= t.display_end, 'the grown view holds the data');
    }
  }
  assert(s.executions[0].status === 'SUCCEEDED', 'stepped to the end');
  // The order workflow's clock goes 2 ms, 101, 221, 571 ms, then 10.6 s (the wait): each jump at least doubles
  // the data, so a view grown to the next round span rescales once per jump (4), never at the other steps.
  assert(rescales <= 4 && rescales < steps / 3, `few rescales: ${rescales} in ${steps} steps`);
  const linear = s.timeline;
  assert(linear.ticks.some((l) => /\+10 s|\+9 s|\+8 s/.test(l)), 'the 10 s wait shows in linear time: ' + linear.ticks);
  await shot(page, name, 'linear');
  await click(page, 'timeline.compress');
  s = await waitState(page, (st) => current(st) && st.timeline.compressed && st.timeline.breaks.length > 0, 'a break');
  assert(s.timeline.breaks[0] >= 9000, 'the break hides the ~10 s wait: ' + s.timeline.breaks);
  assert(s.timeline.display_end < linear.display_end / 3, 'compressed: ' + s.timeline.display_end + ' vs ' + linear.display_end);
  await shot(page, name, 'compressed');
  assertNoErrors(page);
  await context.close();
}
