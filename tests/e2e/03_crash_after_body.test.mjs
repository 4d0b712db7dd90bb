// A crash after the body of process_payment (picked from the operation's context menu) makes a second
// invocation that runs the body again: the side effect happens twice, the result is unchanged.
import { openPage, shot, click, waitState, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'run.start');
  await click(page, 'run.end');
  await waitState(page, (s) => s.executions[0] && s.executions[0].status === 'SUCCEEDED', 'the first run');
  await click(page, 'tab.operations');
  await click(page, 'operations.row.process_payment', { button: 'right' });
  await shot(page, name, 'context-menu');
  await click(page, 'fault.crash_after_body');
  await waitState(page, (s) => s.faults === 1, 'the fault in the plan');
  await click(page, 'tab.faults');
  await shot(page, name, 'fault-planned');
  await click(page, 'tab.run');
  await click(page, 'run.start');
  await click(page, 'run.end');
  const s = await waitState(page, (st) => st.executions.length === 2 && st.executions[1].status === 'SUCCEEDED',
    'the second execution to succeed');
  assert(s.invocations.length >= 2, 'at least two invocations, got ' + s.invocations.length);
  assert(s.invocations[0].crashed, 'invocation 1 crashed');
  assert(s.invocations[0].body_ran.includes('process_payment'), 'invocation 1 ran the payment body');
  assert(s.invocations[1].body_ran.includes('process_payment'), 'invocation 2 ran the payment body again');
  assert(s.invocations[1].replayed.includes('validate_order'), 'invocation 2 replayed validate_order');
  await click(page, 'tab.timeline');
  await shot(page, name, 'timeline');
  // The timeline offers the same fault menu on a bar.
  await click(page, 'timeline.bar.2.process_payment', { button: 'right' });
  await shot(page, name, 'timeline-menu');
  await click(page, 'fault.crash_before');
  await waitState(page, (st) => st.faults === 2, 'a second fault from the timeline');
  assertNoErrors(page);
  await context.close();
}
