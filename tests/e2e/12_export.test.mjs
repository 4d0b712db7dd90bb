// The Export panel: the starter project's files for the order workflow, the handler of the document's
// runtime shown first, the selected operation's lines highlighted, and a .zip download that unzips to the
// same files the CLI writes (checked with Python's zipfile).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, shot, click, waitState, assert, assertNoErrors, artifacts } from './lib.mjs';

export default async function (browser, name) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
  const { page } = await openPage(browser, { context });
  await click(page, 'run.start');
  await click(page, 'run.end');
  await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'a finished run');
  await click(page, 'tab.operations');
  await click(page, 'operations.row.process_payment');
  await waitState(page, (st) => st.selection.operation_name === 'process_payment', 'process_payment selected');
  await click(page, 'tab.export');
  let s = await waitState(page, (st) => st.export && st.export.files.length > 0, 'the exported files');
  const paths = s.export.files.map((f) => f.path);
  for (const want of ['main.tf', 'python/lambda_function.py', 'nodejs/index.mjs', 'README.md'])
    assert(paths.some((p) => p.endsWith(want)), want + ' is exported: ' + JSON.stringify(paths));
  assert(s.export.shown === 'python/lambda_function.py', 'the Python handler first: ' + s.export.shown);
  assert(s.export.highlight[0] > 0 && s.export.highlight[1] >= s.export.highlight[0],
         'the selected step has lines: ' + JSON.stringify(s.export.highlight));
  await shot(page, name, 'handler');

  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'export.zip')]);
  const saved = path.join(artifacts, name + '-project.zip');
  await download.saveAs(saved);
  assert(download.suggestedFilename().endsWith('.zip'), 'a .zip: ' + download.suggestedFilename());
  const listing = execFileSync('python3', ['-c',
    'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', saved]).toString();
  for (const p of paths) assert(listing.includes(p), p + ' is in the zip');
  assertNoErrors(page);
  await context.close();
}
