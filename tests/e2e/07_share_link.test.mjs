// A share link round-trips the document (with its simulation plan); a tampered link shows an error and
// loads the default workflow.
import { openPage, shot, click, waitState, state, assert, assertNoErrors } from './lib.mjs';

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Change the document (a planned fault is part of the plan) so the round trip is not just the default.
  await click(page, 'run.start');
  await click(page, 'run.end');
  await waitState(page, (s) => s.executions[0] && s.executions[0].status === 'SUCCEEDED', 'a run');
  await click(page, 'tab.operations');
  await click(page, 'operations.row.confirm_order', { button: 'right' });
  await click(page, 'fault.crash_before');
  const original = (await waitState(page, (s) => s.faults === 1, 'a planned fault')).document.text;
  await click(page, 'menu.file');
  await click(page, 'menu.file.share');
  const link = (await waitState(page, (s) => s.share_link !== '', 'the share link')).share_link;
  assert(link.includes('#v1.'), 'a versioned hash: ' + link.slice(0, 80));
  assert(link.length < 2000, 'short enough for chat apps: ' + link.length + ' characters');
  assert((await page.evaluate(() => navigator.clipboard.readText())) === link, 'the link is on the clipboard');
  await shot(page, name, 'link-copied');

  const fresh = await openPage(browser, { url: link });
  let s = await state(fresh.page);
  assert(s.document.text === original, 'the shared document arrives unchanged');
  assert(s.faults === 1, 'with its simulation plan');
  await shot(fresh.page, name, 'opened');
  assertNoErrors(fresh.page);
  await fresh.context.close();

  // The document part ends where the view settings begin ("#v1.…&theme=dark&scale=1.00").
  const documentPart = link.split('&')[0];
  const tampered = documentPart.slice(0, documentPart.length - 12) + 'AAAAzzzz____' + link.slice(documentPart.length);
  const broken = await openPage(browser, { url: tampered });
  s = await state(broken.page);
  assert(s.document.name === 'order-processing', 'the default workflow is loaded');
  assert(s.notices.some((n) => /share link could not be opened/.test(n)), 'an error says so: ' + JSON.stringify(s.notices));
  await shot(broken.page, name, 'tampered');
  await broken.context.close();
  assertNoErrors(page);
  await context.close();
}
