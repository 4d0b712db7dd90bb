// The Terraform panel: the tutorial's main.tf is checked on load (DUR001 on its runtime line, nothing else),
// a typing mistake gives an HCL error within the debounce, "Reset" brings the example back, and a click on a
// diagnostic selects it, shows its explanation and puts the cursor on its line.
import { openPage, shot, click, typeInto, waitState, settle, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await click(page, 'tab.terraform');
  let s = await waitState(page, (st) => st.terraform && st.terraform.validations > 0, 'the example to be validated');
  const rules = s.terraform.diagnostics.map((d) => d.rule);
  assert(rules.length === 1 && rules[0] === 'DUR001', 'only DUR001 on the example, got ' + JSON.stringify(rules));
  assert(s.terraform.diagnostics[0].line === 36, 'DUR001 on line 36, got ' + s.terraform.diagnostics[0].line);
  await shot(page, name, 'example');

  await click(page, 'terraform.source');
  await page.keyboard.press('Control+End');
  await settle(page, 2);
  // Wait on the state, not on time: every key taken (a loaded machine takes about one a frame), then the
  // diagnostic for the unclosed block.
  s = await typeInto(page, 'resource "aws_lambda_function" "broken" {',
                     (st) => st.terraform.diagnostics.some((d) => d.rule.startsWith('HCL')),
                     { replace: false, what: 'an HCL diagnostic for the unclosed block' });
  await shot(page, name, 'typing-error');

  await click(page, 'terraform.reset');
  s = await waitState(page, (st) => st.terraform.diagnostics.length === 1, 'the example back');
  await click(page, 'terraform.diagnostic.0');
  s = await waitState(page, (st) => st.terraform.selected === 0, 'the diagnostic to be selected');
  await shot(page, name, 'explained');
  assertNoErrors(page);
  await context.close();
}
