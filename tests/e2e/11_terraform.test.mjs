// The Terraform panel (issue 11, item 6): it opens on what File > Export writes for the order workflow, which
// passes every rule; a broken variant pasted in (the Terraform lesson's) gets its diagnostic; a click on a
// diagnostic far down the file selects its range in the editor and scrolls it into view; a typed mistake gets
// an HCL error; "Reset to the export" brings the export back. Checked at 100% and at 200%.
import fs from 'node:fs';
import path from 'node:path';
import { openPage, shot, click, typeInto, waitState, settle, assert, assertNoErrors, baseUrl, repoRoot } from './lib.mjs';

const lessonDir = path.join(repoRoot, 'examples/terraform/order-lesson');
// 00_blog.tf is the export after a two-line header (export_test keeps them equal).
const blog = fs.readFileSync(path.join(lessonDir, '00_blog.tf'), 'utf8');
const variants = JSON.parse(fs.readFileSync(path.join(lessonDir, 'variants.json'), 'utf8')).variants;
// A broken variant's text: 00_blog.tf with the one change variants.json gives it (terraform_test applies
// the same changes and checks their diagnostics).
function lesson(file) {
  const v = variants.find((x) => x.file === file);
  assert(v, file + ' is listed in variants.json');
  const lines = blog.split('\n').slice(0, -1);
  if (v.replace) {
    const at = lines.findIndex((_, i) => v.replace.every((line, k) => lines[i + k] === line));
    assert(at >= 0, file + ': its lines to replace are in 00_blog.tf');
    lines.splice(at, v.replace.length, ...(v.with || []));
  }
  lines.push(...(v.append || []));
  return lines.join('\n') + '\n';
}
const exported = blog.slice(blog.indexOf('\n\n') + 2);

async function paste(page, text) {
  await click(page, 'terraform.source');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+A');
  await settle(page, 2);
  await page.keyboard.press('Control+V');
  return waitState(page, (st) => st.terraform.bytes === Buffer.byteLength(text) && st.terraform.validations > 0 &&
    st.input_pending === 0, 'the pasted text');
}

// Clicks diagnostic `index` and checks that the editor took the focus, selected the diagnostic's range and
// scrolled its line into view.
async function jumpTo(page, index, what) {
  const before = await waitState(page, (st) => st.terraform.diagnostics.length > index, what + ': its diagnostic');
  const d = before.terraform.diagnostics[index];
  await click(page, 'terraform.diagnostic.' + index);
  const s = await waitState(page, (st) => st.terraform.editor.active && st.terraform.editor.selection_start === d.byte &&
    st.terraform.editor.first_visible_line > 1,
    what + ': the editor selects the diagnostic at byte ' + d.byte);
  const e = s.terraform.editor;
  assert(s.terraform.selected === index, what + ': the diagnostic is selected');
  assert(e.cursor === d.byte && e.selection_end === Math.max(d.end_byte, d.byte),
    what + ': cursor and selection cover ' + d.byte + '..' + d.end_byte + ', got ' + JSON.stringify(e));
  // In the middle of the view, not on its edge (a line or two either way for rounding).
  const middle = e.first_visible_line + e.visible_lines / 2;
  assert(Math.abs(d.line - middle) <= 2, what + ': line ' + d.line + ' is in the middle of the view, got ' + JSON.stringify(e));
  return { s, d };
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await click(page, 'tab.terraform');
  let s = await waitState(page, (st) => st.terraform && st.terraform.validations > 0, 'the export to be validated');
  assert(s.terraform.bytes === Buffer.byteLength(exported), 'the panel opens on the export of the order workflow (' +
    s.terraform.bytes + ' bytes, the export has ' + Buffer.byteLength(exported) + ')');
  assert(s.terraform.diagnostics.length === 0, 'the export passes every rule, got ' + JSON.stringify(s.terraform.diagnostics));
  assert(s.terraform.editor.first_visible_line === 1, 'the editor starts at the top');
  await shot(page, name, 'export');

  // The lesson's unqualified-ARN variant: DUR005 on line 99, far below the first screen.
  s = await paste(page, lesson('03_unqualified_arn.tf'));
  s = await waitState(page, (st) => st.terraform.diagnostics.some((d) => d.rule === 'DUR005'), 'DUR005 on the pasted variant');
  const dur005 = s.terraform.diagnostics.findIndex((d) => d.rule === 'DUR005');
  assert(s.terraform.diagnostics[dur005].line === 99, 'DUR005 on line 99, got ' + s.terraform.diagnostics[dur005].line);
  // Leave the caret at the top so that the jump has to scroll.
  await page.keyboard.press('Control+Home');
  s = await waitState(page, (st) => st.terraform.editor.first_visible_line === 1 && st.input_pending === 0, 'the top of the text');
  assert(s.terraform.editor.visible_lines < 99, 'line 99 starts out of view (' + s.terraform.editor.visible_lines + ' lines visible)');
  await jumpTo(page, dur005, 'DUR005');
  await shot(page, name, 'dur005-selected');

  // A syntax error further down (HCL001 on line 127), reached from an editor that was already active.
  await paste(page, lesson('06_syntax.tf'));
  s = await waitState(page, (st) => st.terraform.diagnostics.some((d) => d.rule === 'HCL001'), 'HCL001 on the pasted variant');
  await page.keyboard.press('Control+Home');
  await waitState(page, (st) => st.terraform.editor.first_visible_line === 1 && st.input_pending === 0, 'the top of the text');
  const { d } = await jumpTo(page, s.terraform.diagnostics.findIndex((x) => x.rule === 'HCL001'), 'HCL001');
  assert(d.line === 127, 'HCL001 on line 127, got ' + d.line);

  // Reset, then a typed mistake at the end of the export.
  await click(page, 'terraform.reset');
  s = await waitState(page, (st) => st.terraform.bytes === Buffer.byteLength(exported) && st.terraform.diagnostics.length === 0,
    'the export back');
  await click(page, 'terraform.source');
  await page.keyboard.press('Control+End');
  await settle(page, 2);
  s = await typeInto(page, 'resource "aws_lambda_function" "broken" {',
    (st) => st.terraform.diagnostics.some((x) => x.rule.startsWith('HCL')),
    { replace: false, what: 'an HCL diagnostic for the unclosed block' });
  await shot(page, name, 'typing-error');
  assertNoErrors(page);
  await context.close();

  // At 200% on a 1920 x 1080 window: the header, the list and the explanation still fit; the jump works.
  const big = await openPage(browser, { url: baseUrl + '#scale=2.00', width: 1920, height: 1080 });
  await big.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await click(big.page, 'tab.terraform');
  s = await waitState(big.page, (st) => st.terraform && st.terraform.validations > 0 && st.ui_scale === 2, 'the export at 200%');
  assert(s.terraform.diagnostics.length === 0, 'the export passes every rule at 200% too');
  await shot(big.page, name, 'export-200');
  await paste(big.page, lesson('03_unqualified_arn.tf'));
  await big.page.keyboard.press('Control+Home');
  await waitState(big.page, (st) => st.terraform.editor.first_visible_line === 1 && st.input_pending === 0, 'the top of the text');
  s = await waitState(big.page, (st) => st.terraform.diagnostics.some((x) => x.rule === 'DUR005'), 'DUR005 at 200%');
  await jumpTo(big.page, s.terraform.diagnostics.findIndex((x) => x.rule === 'DUR005'), 'DUR005 at 200%');
  await shot(big.page, name, 'dur005-selected-200');
  assertNoErrors(big.page);
  await big.context.close();
}
