// A callback workflow, pasted into the JSON editor (Ctrl+A, Ctrl+V through the page's clipboard bridge),
// waits for its callback; the answer is typed and sent from the Callbacks panel, and the run that "To end"
// started goes on to the end.
import { openPage, shot, click, typeInto, waitState, settle, assert, assertNoErrors } from './lib.mjs';

const workflow = {
  format: 1,
  name: 'approval',
  description: 'Waits for a human approval through a callback.',
  function: { name: 'approval-fn', runtime: 'python3.14', durable_config: { execution_timeout: 86400 } },
  input: { request: 'r-1' },
  handler: [
    { create_callback: 'approval', as: 'cb', timeout_seconds: 3600 },
    { step: 'notify_reviewer', returns: '${cb.callback_id}' },
    { await_callback: 'cb', as: 'answer', parse_json: true },
    { return: { request: '${input.request}', decision: '${answer}' } },
  ],
  simulation: { seed: 1 },
};

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await click(page, 'editor.mode.json');
  await click(page, 'editor.json');
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(workflow, null, 2));
  await page.keyboard.press('Control+A');
  await settle(page, 2);
  await page.keyboard.press('Control+V');
  let s = await waitState(page, (st) => st.document.name === 'approval', 'the pasted workflow',);
  assert(s.document.error === '', 'the pasted document is valid: ' + s.document.error);
  await shot(page, name, 'pasted');
  await click(page, 'run.start');
  await click(page, 'run.end'); // stops at the callback: nobody answers it but us
  s = await waitState(page, (st) => st.pending_callbacks.includes('approval'), 'the pending callback');
  s = await waitState(page, (st) => st.notices.some((n) => /waits for a callback/.test(n)), 'the callback warning');
  await click(page, 'tab.callbacks');
  await shot(page, name, 'pending');
  // Replace the payload: click in the editor, select all, type.
  await click(page, 'callbacks.payload.0');
  const typed = '{"approved": true, "by": "ana"}';
  await typeInto(page, typed, (st) => st.callbacks.payload0 === typed, { what: 'the typed payload' });
  await shot(page, name, 'typed');
  await click(page, 'callbacks.succeed.0');
  await waitState(page, (st) => st.callbacks.sent === 1, 'the answer to be sent');
  // Issue 9: "To end" was asked, so the run goes on by itself once the callback is answered, and the
  // warning about the callback leaves.
  s = await waitState(page, (st) => st.executions[0].status === 'SUCCEEDED', 'SUCCEEDED without another click');
  assert(!s.notices.some((n) => /waits for a callback/.test(n)), 'the warning left: ' + JSON.stringify(s.notices));
  const result = JSON.parse(s.executions[0].result);
  assert(result.decision && result.decision.approved === true && result.decision.by === 'ana',
    'the answer reaches the handler: ' + s.executions[0].result);
  await shot(page, name, 'answered');
  assertNoErrors(page);
  await context.close();
}
