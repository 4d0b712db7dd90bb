// Issue 13: a history file (the JSON `aws lambda get-durable-execution-history` prints; here the one AWS's
// local test runner gave for examples/order-nodejs.json) dropped on the page becomes an imported execution
// with its timeline; the replay check runs the editor's workflow against it; a bad file changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { openPage, shot, click, waitState, assert, assertNoErrors, repoRoot, baseUrl } from './lib.mjs';

async function drop(page, fileName, text) {
  await page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [fileName, text]);
}

export default async function (browser, name) {
  const { page, context } = await openPage(browser);
  const history = fs.readFileSync(path.join(repoRoot, 'tests/importer/order-nodejs-runner-history.json'), 'utf8');

  // A truncated file: an error naming the file, nothing imported.
  await drop(page, 'broken.json', history.slice(0, 400));
  let s = await waitState(page, (st) => st.notices.some((n) => n.includes('broken.json')), 'the import error');
  assert(s.notices.some((n) => /broken\.json.*truncated/.test(n)), 'the error says truncated: ' + JSON.stringify(s.notices));
  assert(s.executions.length === 0, 'nothing was imported');

  await drop(page, 'order-history.json', history);
  s = await waitState(page, (st) => st.executions.length === 1, 'the imported execution');
  const e = s.executions[0];
  assert(e.imported_from === 'aws-history: order-history.json', 'marked imported: ' + e.imported_from);
  assert(e.status === 'SUCCEEDED' && e.invocations === 2 && e.operations === 5, 'its state: ' + JSON.stringify(e));
  assert(s.selection.execution === e.arn, 'the imported execution is selected');
  s = await waitState(page, (st) => st.timeline && st.timeline.bars > 0 && st.timeline.lanes >= 3,
                      'the timeline with its invocation lanes');
  assert(!s.timeline.shader_error, 'no shader error');
  await shot(page, name, 'timeline');
  await click(page, 'tab.executions');
  await shot(page, name, 'executions');
  // The editor holds examples/order.json, a Python workflow: its operation ids are not the JS SDK's ones
  // the runner recorded, so its first call does not line up with the history.
  await click(page, 'executions.replay_check');
  s = await waitState(page, (st) => st.notices.some((n) => n.includes('does not replay')), 'the replay check');
  assert(s.notices.some((n) => n.includes('position mismatch') && n.includes("'validate-order'")),
         'the position difference: ' + JSON.stringify(s.notices));
  await shot(page, name, 'replay-check');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'executions.export_history')]);
  const saved = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts', name + '-history.json');
  await download.saveAs(saved);
  assert(fs.readFileSync(saved, 'utf8').includes('"EventType": "ExecutionSucceeded"'), 'the exported history');
  assertNoErrors(page);
  await context.close();

  // The Executions panel's buttons at 200% UI scale on both sizes: on screen and clickable.
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const url = baseUrl + (baseUrl.includes('?') ? '&' : '?') + 'scale=2';
    const opened = await openPage(browser, { url, width, height });
    await drop(opened.page, 'order-history.json', history);
    await waitState(opened.page, (st) => st.executions.length === 1, 'the import at 200% ' + width);
    await click(opened.page, 'tab.executions');
    await click(opened.page, 'executions.replay_check');
    await waitState(opened.page, (st) => st.notices.some((n) => n.includes('does not replay')), 'the check at ' + width);
    await shot(opened.page, name, `scale200-${width}`);
    assertNoErrors(opened.page);
    await opened.context.close();
  }

  // A large history (6 MB: the order's input padded) is imported across frames: the page's own frames see
  // its progress (tests/e2e/29 covers the progress dialog, Cancel and a 20 MB history of 16,000 events).
  const big = history.replace('"{\\"orderId\\":\\"order-12345\\"}"',
                              '"{\\"orderId\\":\\"order-12345\\",\\"pad\\":\\"' + 'x'.repeat(6e6) + '\\"}"');
  assert(big.length > 6e6, 'the padded history');
  const large = await openPage(browser);
  await large.page.evaluate(() => {
    const M = window.dpModule;
    window.importingSeen = [];
    const watch = () => {
      const st = JSON.parse(M.UTF8ToString(M._dp_test_state()));
      if (st.import && !window.importingSeen.includes(st.import.file)) window.importingSeen.push(st.import.file);
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await drop(large.page, 'big.json', big);
  s = await waitState(large.page, (st) => st.executions.length === 1, 'the large history imported', 60000);
  const seen = await large.page.evaluate(() => window.importingSeen);
  assert(seen.length === 1 && seen[0] === 'big.json', 'the import was seen under way: ' + JSON.stringify(seen));
  assert(!s.import, 'the import is over: ' + JSON.stringify(s.import));
  assert(s.notices.some((n) => n.startsWith('Imported big.json')), 'the import notice: ' + JSON.stringify(s.notices));
  assertNoErrors(large.page);
  await large.context.close();
}
