// Bad share links (issue 14): tampered, oversized, a deflate bomb, deep, truncated, not base64, not JSON,
// not UTF-8, and a document the loader refuses. Each one shows a notice naming the problem, never aborts,
// loads the default workflow, keeps drawing (the frame counter advances on input), keeps the link for
// copying (the notice's button puts it on the clipboard), and recovers the same way on a reload (the hash
// stays in the address).
import zlib from 'node:zlib';
import { openPage, waitReady, state, shot, click, waitState, settle, assert, assertNoErrors, baseUrl } from './lib.mjs';

const documentOf = (handler, input = {}) => JSON.stringify({
  format: 1,
  name: 'shared',
  function: { runtime: 'python3.14', durable_config: { execution_timeout: 60 } },
  input,
  handler,
});
const pack = (bytes) => 'v1.' + zlib.deflateRawSync(bytes, { level: 9 }).toString('base64url');
const linkTo = (documentPart) => baseUrl + '#' + documentPart;

// The page draws on input: a mouse move must produce new frames (a stopped page would not).
async function assertDrawing(page, what) {
  const before = await page.evaluate(() => window.dpModule.dpFrameCount || 0);
  for (let i = 0; i < 50; i++) {
    await page.mouse.move(10 + (i % 7), 10);
    await settle(page, 2);
    const now = await page.evaluate(() => window.dpModule.dpFrameCount || 0);
    if (now > before) return;
  }
  throw new Error('the page stopped drawing after ' + what);
}

async function assertRecovered(page, link, { label, reason, screenshot }) {
  const s = await waitState(page, (st) => st.notices.some((n) => /share link could not be opened/.test(n)),
    'the notice for the ' + label + ' link');
  // A fresh browser has nothing saved: the default workflow (later cases find it saved, and keep it).
  assert(s.document.name === 'order-processing', label + ': the default workflow is open, got ' + s.document.name);
  assert(s.document.error === '', label + ': the loaded document is valid');
  const notice = s.notices.find((n) => /share link could not be opened/.test(n));
  assert(reason.test(notice), label + ': the notice says why (' + reason + '): ' + notice);
  assert(notice.length < 400, label + ': the notice is short (' + notice.length + ' characters)');
  await assertDrawing(page, 'the ' + label + ' link');
  if (screenshot) await shot(page, screenshot, label.replace(/\W+/g, '-'));
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await click(page, 'notice.action');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(copied === link, label + ': "Copy the link" copies the whole link (' + copied.length + ' of ' +
    link.length + ' characters)');
  await assertDrawing(page, 'copying the ' + label + ' link');
}

export default async function (browser, name) {
  const good = documentOf([{ step: 'a', returns: 1, as: 'a' }, { return: '${a}' }]);
  let deep = '1';
  for (let i = 0; i < 5000; i++) deep = '[' + deep + ']';
  const goodPart = pack(Buffer.from(good));
  const cases = [
    { label: 'tampered', part: goodPart.slice(0, -12) + 'AAAAzzzz____', reason: /damaged/ },
    // Cut at a whole base64 group: the base64 decodes, the compressed stream ends too early.
    { label: 'truncated', part: goodPart.slice(0, 3 + 4 * Math.floor((goodPart.length - 3) / 8)), reason: /damaged or cut short/ },
    { label: 'invalid base64', part: 'v1.AAAAA', reason: /not base64url/ },
    { label: 'foreign characters', part: 'v1.AA%20AA', reason: /characters a share link never has/ },
    { label: 'not JSON', part: pack(Buffer.from('hello, this is not a workflow')), reason: /not JSON/ },
    { label: 'not UTF-8', part: pack(Buffer.from([0x22, 0xff, 0xfe, 0x22])), reason: /not UTF-8/ },
    // A 272 KB link inflated to 200 MB before the limit: the page stops at 16 MB.
    { label: 'deflate bomb', part: pack(Buffer.alloc(200 * 1024 * 1024, 0x20)), reason: /its document is larger than 16 MB/ },
    { label: 'oversized', part: 'v1.' + 'A'.repeat(1024 * 1024 + 4), reason: /at most 1,048,576 characters/ },
    // Nesting 5,000 deep never left "Starting…".
    // At 200% (the view settings after the document) the notice and its button still fit.
    { label: 'deep', settings: '&scale=2.00', part: pack(Buffer.from(documentOf([{ return: 'DEEP' }]).replace('"DEEP"', deep))), reason: /nest more than 200 levels/ },
    // An index past any array aborted the loader (uncaught stoul) on every reload.
    {
      label: 'huge index',
      part: pack(Buffer.from(documentOf([{ return: '${input.orderId[99999999999999999999]}' }], { orderId: [1] }))),
      reason: /index larger than/,
    },
  ];
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const c of cases) {
    const link = linkTo(c.part) + (c.settings || '');
    const { page } = await openPage(browser, { context, url: link });
    await assertRecovered(page, link, { ...c, screenshot: c.label === 'deep' || c.label === 'deflate bomb' ? name : '' });
    // The hash stays: a reload meets the same link and must recover the same way.
    await page.reload();
    await waitReady(page);
    await assertRecovered(page, link, { ...c, label: c.label + ' (reloaded)' });
    assertNoErrors(page);
    await page.close();
  }
  // A good link still opens (the limits do not refuse ordinary documents).
  const { page } = await openPage(browser, { context, url: linkTo(goodPart) });
  const s = await state(page);
  assert(s.document.name === 'shared', 'a good link opens its document, got ' + s.document.name + ' ' + JSON.stringify(s.notices));
  assertNoErrors(page);
  // The opened document reaches IndexedDB before the page closes (the next page reads it from there).
  await waitState(page, (st) => st.syncs > 0, 'a sync to IndexedDB', 20000);
  await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 20000 });
  await page.close();
  // A bad link loses nothing the user had: the workflow saved in this browser (now 'shared') stays open.
  const bad = await openPage(browser, { context, url: linkTo(cases[0].part) });
  const kept = await waitState(bad.page, (st) => st.notices.some((n) => /share link could not be opened/.test(n)),
    'the notice for a bad link over a saved workflow');
  assert(kept.document.name === 'shared', 'the saved workflow stays open, got ' + kept.document.name);
  assert(kept.notices.some((n) => /Your saved workflow is still open/.test(n)), 'the notice says so: ' + JSON.stringify(kept.notices));
  assertNoErrors(bad.page);
  await context.close();
}
