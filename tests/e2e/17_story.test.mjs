// The Story panel (issue 9): the order workflow told in sentences while it is stepped; the sentence of the
// point shown is highlighted; clicking one selects its operation everywhere and moves the view there;
// selecting an operation elsewhere scrolls the story to it.
import { openPage, state, shot, click, waitState, settle, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'tab.story');
  let s = await waitState(page, (st) => st.story !== undefined, 'the story panel');
  assert(s.story.sentences === 0, 'no story before an execution');
  await click(page, 'run.start');
  // Step: the story grows and its last sentence is the current one.
  let seen = new Set();
  for (let i = 0; i < 12; i++) {
    await click(page, 'run.step');
    s = await state(page);
    if (s.story.current >= 0) seen.add(s.story.current_kind);
    assert(s.story.current === s.story.visible - 1, 'the last sentence told is the current one: ' + JSON.stringify(s.story));
  }
  assert(seen.size >= 3, 'several kinds of sentence while stepping: ' + [...seen].join(', '));
  await shot(page, name, 'stepping');
  await click(page, 'run.end');
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'SUCCEEDED');
  await settle(page, 4);
  s = await state(page);
  const total = s.story.sentences;
  assert(total > 10 && s.story.visible === total, `the whole story in the present (${s.story.visible} of ${total})`);

  // Click the sentence about process_payment's checkpoint in invocation 1: selected everywhere, the view goes there.
  // (Rows of the story: find one whose operation is process_payment by walking the current sentence back.)
  await click(page, 'tab.timeline');
  await page.keyboard.press('Home');
  for (let i = 0; i < 40; i++) {
    s = await state(page);
    if (s.story.current_operation === 'process_payment') break;
    await page.keyboard.press('ArrowRight');
    await settle(page, 3);
  }
  assert(s.story.current_operation === 'process_payment', 'the story reaches process_payment: ' + JSON.stringify(s.story));
  const paymentRow = s.story.current;
  assert(s.story.visible < total, 'later sentences are not told yet at that point');
  await shot(page, name, 'travelled-to-payment');
  // Click the sentence before it (validate_order's checkpoint): validate_order is selected everywhere and
  // the view moves back to that sentence's point.
  const before = s.travel.index;
  await click(page, 'story.row.' + (paymentRow - 1));
  s = await waitState(page, (st) => st.selection.operation_name === 'validate_order' && st.travel.index < before,
    'the click selects validate_order and shows its point');
  assert(s.story.current === paymentRow - 1, `the clicked sentence is the current one (${s.story.current} vs ${paymentRow - 1})`);
  await click(page, 'tab.operations');
  await shot(page, name, 'clicked-sentence');

  // In the present, select process_payment in the operations table: the story scrolls to its sentence.
  await page.keyboard.press('End');
  await waitState(page, (st) => !st.travel.travelling, 'the present');
  await click(page, 'operations.row.process_payment');
  s = await waitState(page, (st) => st.selection.operation_name === 'process_payment' && st.story.scrolled_operation === 'process_payment',
    'the story scrolled to process_payment');
  assertNoErrors(page);
  await context.close();
}
