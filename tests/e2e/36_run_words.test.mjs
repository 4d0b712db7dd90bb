// The Run panel's words match what the learner looks at: under the buttons, the Story panel's sentence for
// the point shown, with NOW, or PAST and a "Back to now" button; after To end, the final sentence (not the
// first Step's); in the past, Step says that it acts on now, and does (the view comes back); nothing in the
// panel moves when the view goes to the past and back. At 200% UI scale the next-timer line reads whole
// and the auto-play speed is written beside its slider, not under the grab.
import { openPage, withParameters, shot, click, control, waitControl, waitState, settle, assert, assertNoErrors }
  from './lib.mjs';

const last = (list) => list[list.length - 1];
// The Run panel's controls under the sentence: they must not move between the present and the past.
const below = ['run.next_timer', 'run.advance', 'run.play', 'run.speed'];

async function rects(page) {
  const out = [];
  for (const id of below) out.push(await control(page, id));
  return out;
}

export default async function (browser, name) {
  {
    // 1920x1080 at 100%: the Story panel (left column) and the Run panel (right) are both on screen.
    const { page, context } = await openPage(browser, { width: 1920, height: 1080 });
    await click(page, 'tab.story');
    let s = await waitState(page, (st) => st.run !== undefined && st.story !== undefined, 'the Run and Story panels');
    assert(s.run.where === '' && /Step shows what happens next/.test(s.run.shown), 'no execution: the hint: ' + JSON.stringify(s.run));
    await click(page, 'run.start');
    await click(page, 'run.step');
    await click(page, 'run.step');
    s = await waitState(page, (st) => st.run.where === 'now' && st.run.last_step.length > 0 && st.story.current_text === st.run.shown,
      'two Steps told, in the Story panel\'s words');
    assert(s.run.shown === last(s.run.last_step), `the last Step's sentence: ${JSON.stringify(s.run)}`);
    assert(/^00:00:00\.\d{3}/.test(s.run.where_detail), 'its time, as the Story panel writes it: ' + s.run.where_detail);
    const now = await rects(page);

    // The past while it still runs: PAST, the point's sentence, and Step says it acts on now.
    await click(page, 'travel.back');
    s = await waitState(page, (st) => st.travel.travelling && st.run.where === 'past' && st.story.current_text === st.run.shown,
      'the past, in the Story panel\'s words');
    assert(s.run.shown !== last(s.run.last_step), 'not the last Step\'s sentence any more: ' + s.run.shown);
    assert(/past.*acts on now/.test(s.run.step_says), 'Step says it acts on now: ' + s.run.step_says);
    assert(/^Now: \d\d:\d\d:\d\d\.\d{3}\. Step, To end and the clock act on now\.$/.test(s.run.next_timer_line) && !s.run.next_timer_cut,
      'under the clock, now\'s time and what acts on it: ' + s.run.next_timer_line);
    await waitControl(page, 'run.back_to_now');
    const past = await rects(page);
    for (let i = 0; i < below.length; i++)
      assert(Math.abs(past[i].y - now[i].y) < 0.5, `${below[i]} stays where it was (${now[i].y} -> ${past[i].y})`);
    await shot(page, name, 'past-while-running');
    // Step from the past goes on from now: the view comes back and the story has a new sentence.
    const points = s.travel.points;
    await click(page, 'run.step');
    s = await waitState(page, (st) => !st.travel.travelling && st.travel.points > points && st.run.where === 'now' &&
      st.story.current_text === st.run.shown, 'Step from the past goes on from now');
    assert(s.run.shown === last(s.run.last_step), 'the new Step\'s sentence: ' + JSON.stringify(s.run));

    // To end: the sentence the run ended with, not a Step's.
    await click(page, 'run.end');
    s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED' && st.run.shown_kind === 'ExecutionSucceeded' &&
      st.story.current_text === st.run.shown, 'the final sentence');
    assert(/^The execution SUCCEEDED with result \{"orderId": "order-12345"/.test(s.run.shown), 'the result: ' + s.run.shown);
    assert(s.run.last_step.length === 0, 'no Step sentence is left over: ' + JSON.stringify(s.run.last_step));
    assert(/is over/.test(s.run.step_says), 'Step says why it is disabled: ' + s.run.step_says);
    await shot(page, name, 'ended');

    // Back in time after the end, then Back to now.
    await click(page, 'travel.back');
    await click(page, 'travel.back');
    s = await waitState(page, (st) => st.travel.travelling && st.run.where === 'past' && st.story.current_text === st.run.shown,
      'the past after the end');
    assert(s.run.shown_kind !== 'ExecutionSucceeded', 'an earlier sentence: ' + s.run.shown);
    assert(/^Now: .*, and the execution is over\.$/.test(s.run.next_timer_line), 'now, it is over: ' + s.run.next_timer_line);
    // The past shows a running execution, but Step acts on now, where it is over: disabled, and it says why.
    assert(/is over/.test(s.run.step_says), 'Step says the execution is over now: ' + s.run.step_says);
    await click(page, 'run.back_to_now');
    s = await waitState(page, (st) => !st.travel.travelling && st.run.where === 'now', 'Back to now');
    assert(s.run.shown_kind === 'ExecutionSucceeded' && s.story.current_text === s.run.shown, 'the final sentence again');
    assertNoErrors(page);
    await context.close();
  }

  // 200%: the next timer and the speed read whole.
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const what = `${width}x${height} at 200%`;
    const { page, context } = await openPage(browser, { url: withParameters('presenter=0&scale=2'), width, height });
    await click(page, 'tab.run');
    await click(page, 'run.start');
    await click(page, 'run.step');
    const s = await waitState(page, (st) => st.run.last_step.length > 0 && st.run.next_timer !== '', what + ': a Step and a timer');
    assert(/^Next, in .*: execution timeout \(900 s/.test(s.run.next_timer_line), `${what}: the next timer: ${s.run.next_timer_line}`);
    assert(!s.run.next_timer_cut, `${what}: the next-timer line reads whole: ${s.run.next_timer_line}`);
    assert(!s.run.last_step_cut, `${what}: the sentence reads whole: ${s.run.shown}`);
    // At 1280x720 the auto-play row is below the panel's fold: scroll down to it.
    const sentence = await waitControl(page, 'run.last_step');
    await page.mouse.move(sentence.x + sentence.w / 2, sentence.y + sentence.h / 2);
    for (let turns = 0; turns < 20 && !(await control(page, 'run.speed_value')); turns++) {
      await page.mouse.wheel(0, 120);
      await settle(page, 3);
    }
    const slider = await waitControl(page, 'run.speed');
    const speed = await waitControl(page, 'run.speed_value');
    assert(speed.x >= slider.x + slider.w, `${what}: the speed is beside its slider: ${JSON.stringify([slider, speed])}`);
    await shot(page, name, `timer-${width}`);
    assertNoErrors(page);
    await context.close();
  }
}
