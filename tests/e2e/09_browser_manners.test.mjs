// Browser manners: the canvas follows the window at devicePixelRatio 2 (crisp text), light theme and UI
// scale apply and survive a reload, the example gallery loads, and the workflow downloads and uploads.
import fs from 'node:fs';
import path from 'node:path';
import { openPage, waitReady, shot, click, waitState, settle, state, assert, assertNoErrors, repoRoot, artifacts } from './lib.mjs';

export default async function (browser, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, acceptDownloads: true });
  const { page } = await openPage(browser, { context });
  const size = await page.evaluate(() => ({ w: document.getElementById('canvas').width, h: document.getElementById('canvas').height }));
  assert(size.w === 2560 && size.h === 1600, 'canvas backing store is CSS size x 2: ' + JSON.stringify(size));
  await shot(page, name, 'dpr2');
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.mouse.move(10, 10);
  await settle(page, 4);
  const resized = await page.evaluate(() => document.getElementById('canvas').width);
  assert(resized === 2200, 'the canvas follows a resize: ' + resized);

  await click(page, 'menu.view');
  await click(page, 'menu.view.light');
  await click(page, 'menu.view');
  await click(page, 'menu.view.scale');
  await click(page, 'menu.view.scale.125%');
  let s = await waitState(page, (st) => st.theme === 'light' && st.ui_scale === 1.25, 'light theme at 125%');
  await shot(page, name, 'light-125');
  await page.reload();
  await waitReady(page);
  s = await state(page);
  assert(s.theme === 'light' && s.ui_scale === 1.25, 'theme and scale survive a reload');

  await click(page, 'menu.file');
  await click(page, 'menu.file.examples');
  await click(page, 'menu.file.examples.saga.json');
  s = await waitState(page, (st) => st.document.name !== 'order-processing', 'the saga example');
  const sagaName = s.document.name;
  await shot(page, name, 'example');

  await click(page, 'menu.file');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'menu.file.download')]);
  const saved = path.join(artifacts, name + '-download.json');
  await download.saveAs(saved);
  assert(download.suggestedFilename() === sagaName + '.json', 'file name from the workflow: ' + download.suggestedFilename());
  assert(JSON.parse(fs.readFileSync(saved, 'utf8')).name === sagaName, 'the download is the document');

  await click(page, 'menu.file');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'menu.file.open')]);
  await chooser.setFiles(path.join(repoRoot, 'examples/approval.json'));
  s = await waitState(page, (st) => st.document.name === JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/approval.json'))).name, 'the uploaded workflow');
  await shot(page, name, 'uploaded');
  assertNoErrors(page);
  await context.close();
}
