// The workflow editor: select, duplicate, reorder and nest statements in the outline; edit a field in the
// inspector; JSON mode reports an invalid document with its JSON path and keeps the last valid one.
import { openPage, shot, click, typeInto, waitState, settle, state, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  let s = await state(page);
  const statements = s.document.statements;
  await click(page, 'editor.node.process_payment');
  await shot(page, name, 'selected');
  await click(page, 'editor.duplicate');
  s = await waitState(page, (st) => st.document.statements === statements + 1, 'the duplicate');
  assert(s.document.text.includes('process_payment_copy'), 'the copy is named process_payment_copy');
  await click(page, 'editor.up');
  s = await state(page);
  const handler = JSON.parse(s.document.text).handler;
  assert(handler[1].step === 'process_payment_copy', 'moved above process_payment: ' + handler.map((h) => h.step || Object.keys(h)[0]));
  await click(page, 'editor.nest');
  await click(page, 'editor.nest.child_context');
  s = await waitState(page, (st) => JSON.parse(st.document.text).handler[1].child_context !== undefined, 'the nesting');
  assert(JSON.parse(s.document.text).handler[1].body[0].step === 'process_payment_copy', 'the step is inside the child context');
  await shot(page, name, 'nested');
  // Rename through the inspector: select the nested step, replace its name.
  await click(page, 'editor.node.process_payment_copy');
  await click(page, 'editor.field.name');
  s = await typeInto(page, 'refund', (st) => st.document.text.includes('"refund"'), { what: 'the rename' });
  await page.keyboard.press('Enter');
  await shot(page, name, 'renamed');

  // JSON mode: an out-of-range wait is refused with its path; the last valid document stays.
  const doc = JSON.parse(s.document.text);
  const revision = s.document.revision;
  doc.handler[3].seconds = -5;
  await click(page, 'editor.mode.json');
  await click(page, 'editor.json');
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(doc, null, 2));
  await page.keyboard.press('Control+A');
  await settle(page, 2);
  await page.keyboard.press('Control+V');
  s = await waitState(page, (st) => st.document.error !== '', 'the validation error');
  assert(s.document.error.includes('$.handler[3]'), 'the error names the JSON path: ' + s.document.error);
  assert(s.document.revision === revision, 'the valid document stays in use');
  await shot(page, name, 'json-error');
  assertNoErrors(page);
  await context.close();
}
