// Issue 13: a large history is imported across frames (the page keeps drawing; a progress line, a bar and
// Cancel), Cancel leaves the executions and the database as they were, and a history can be pasted (Ctrl+V
// or the Executions panel's Paste history) with the same errors as a dropped file.
// E2E_BIG_HISTORY_STEPS sets the large history's size (default 8,000 steps: about 20 MB, 16,000 events; the
// 100 MB measurement in docs/import-history.md used 40,000).
import fs from 'node:fs';
import path from 'node:path';
import { bigHistory } from '../importer/big_history.mjs';
import { syncsSettled } from './storage.mjs';
import { openPage, state, shot, click, waitState, waitControl, settle, assert, assertNoErrors, repoRoot, baseUrl } from './lib.mjs';

const steps = Number(process.env.E2E_BIG_HISTORY_STEPS || 8000);

// Builds the history inside the page (a 20 MB string is not shipped through the test protocol) and drops it
// as a file; a watcher counts the page's frames and records the longest gap between two of them.
async function dropBig(page, fileName) {
  await page.evaluate(([src, n, name]) => {
    const make = new Function('return (' + src + ')')();
    const text = make(n, 2050, 1000);
    const M = window.dpModule;
    window.importWatch = { frames: 0, maxGapMs: 0, last: performance.now(), texts: [], done: false };
    const watch = () => {
      const w = window.importWatch;
      const now = performance.now();
      w.maxGapMs = Math.max(w.maxGapMs, now - w.last);
      w.last = now;
      w.frames += 1;
      if (w.frames % 4 === 0) { // the state is not free: a look every few frames
        const st = JSON.parse(M.UTF8ToString(M._dp_test_state()));
        if (st.import && w.texts[w.texts.length - 1] !== st.import.text) w.texts.push(st.import.text);
        if (!st.import && w.texts.length > 0) w.done = true;
      }
      if (!w.done) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [bigHistory.toString(), steps, fileName]);
}

export default async function (browser, name) {
  const small = fs.readFileSync(path.join(repoRoot, 'tests/importer/order-nodejs-runner-history.json'), 'utf8');

  // --- Cancel: an execution of our own first; after Cancel it and the database are as they were. ------
  {
    const { page, context } = await openPage(browser);
    await click(page, 'run.start');
    await click(page, 'run.end');
    let s = await waitState(page, (st) => st.executions.length === 1 && st.executions[0].status === 'SUCCEEDED', 'our execution');
    const before = JSON.stringify(s.executions);
    await dropBig(page, 'order.json');
    s = await waitState(page, (st) => st.import && st.import.fraction > 0.2, 'the import under way', 120000);
    await shot(page, name, 'progress');
    assert(/^(finding the events|reading event|building|saving)/.test(s.import.text), 'the progress line: ' + s.import.text);
    // While the rows are written the import's transaction spans frames: no sync may copy the file then
    // (it could hold uncommitted pages); one asked for waits until the transaction ends.
    s = await waitState(page, (st) => st.import && /^saving/.test(st.import.text), 'the import saving its rows', 120000);
    const held = await page.evaluate(() => {
      const before = window.dpWeb.completedSyncs;
      window.dpWeb.syncNow();
      return { held: window.dpWeb.syncsHeld, back: window.dpWeb.syncHeldBack, started: window.dpWeb.syncing, before };
    });
    assert(held.held && held.back && !held.started, 'syncs wait while the import transaction is open: ' + JSON.stringify(held));
    await click(page, 'import.cancel', { timeout: 20000 });
    s = await waitState(page, (st) => !st.import, 'the import cancelled', 20000);
    assert(!(await page.evaluate(() => window.dpWeb.syncsHeld)), 'syncs resume after the cancel');
    assert(JSON.stringify(s.executions) === before, 'the executions are as they were: ' + JSON.stringify(s.executions).slice(0, 400));
    assert(s.notices.some((n) => n.includes('Import of order.json cancelled')), 'the cancel notice: ' + JSON.stringify(s.notices));
    const watched = await page.evaluate(() => window.importWatch);
    assert(watched.frames > 10, 'the page drew while importing: ' + JSON.stringify(watched));
    // The store still takes writes, and the database has our execution alone after a reload.
    await click(page, 'run.start');
    s = await waitState(page, (st) => st.executions.length === 2, 'a new execution after the cancel');
    await syncsSettled(page); // saved to IndexedDB (as e2e 05 waits before its reload)
    await page.reload();
    await page.waitForFunction(() => window.dpFirstFrameMs !== undefined, null, { timeout: 30000 });
    s = await waitState(page, (st) => st.executions.length === 2, 'both executions after a reload');
    assert(!s.executions.some((e) => e.imported_from), 'nothing imported was kept: ' + JSON.stringify(s.executions).slice(0, 400));
    assertNoErrors(page);
    await context.close();
  }

  // --- The whole import: progress lines in order, the frames keep coming. --------------------------
  {
    const { page, context } = await openPage(browser);
    const started = Date.now();
    await dropBig(page, 'big.json');
    let s = await waitState(page, (st) => st.executions.length === 1 && !st.import, 'the large history imported', 600000);
    const seconds = (Date.now() - started) / 1000;
    const watched = await page.evaluate(() => window.importWatch);
    console.log(`  ${steps} steps: imported in ${seconds.toFixed(1)} s, ${watched.frames} frames, longest gap ${watched.maxGapMs.toFixed(0)} ms`);
    assert(s.executions[0].imported_from === 'aws-history: big.json', 'marked imported: ' + s.executions[0].imported_from);
    assert(s.executions[0].operations === steps + Math.floor((steps - 1) / 1000) + 1, 'every operation: ' + s.executions[0].operations);
    // Finding the events (the scanner) takes a slice or two: the watcher, which looks every few frames, may
    // miss it.
    const phases = ['reading event', 'building', 'saving'];
    const seen = phases.map((p) => watched.texts.findIndex((t) => t.startsWith(p)));
    assert(seen.every((i) => i >= 0) && seen.every((i, k) => k === 0 || i > seen[k - 1]),
           'every phase shown, in order: ' + JSON.stringify(watched.texts.slice(0, 12)));
    assert(watched.frames > 20, 'the frame counter kept advancing: ' + watched.frames);
    // A loaded 2-core machine with a software GPU draws slowly; the bound is for a frozen page (seconds),
    // the measured figure is printed above and in docs/import-history.md.
    assert(watched.maxGapMs < 2000, 'no long freeze: the longest frame gap was ' + watched.maxGapMs.toFixed(0) + ' ms');
    assert(s.notices.some((n) => n.startsWith('Imported big.json')), 'the import notice: ' + JSON.stringify(s.notices));
    // Its timeline is built a slice per frame: one bar per operation run and per operation replayed (every
    // invocation replays the steps before it: 1,000 steps an invocation).
    const invocations = Math.ceil(steps / 1000);
    const replayed = 1000 * (invocations * (invocations - 1)) / 2;
    s = await waitState(page, (st) => st.timeline && st.timeline.bars >= steps + replayed, 'the timeline built', 120000);
    assert(s.timeline.lanes === invocations + 1, 'a lane per invocation and the service: ' + s.timeline.lanes);
    assertNoErrors(page);
    await context.close();
  }

  // --- Paste: Ctrl+V with a history on the clipboard; a bad paste names what is wrong and keeps the text.
  {
    const { page, context } = await openPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await click(page, 'tab.executions');
    // Through the browser's own clipboard, as a user's Ctrl+V: the browser fires the paste event with it. (A
    // synthetic paste event lost to the real one whenever an earlier test had left text on the clipboard.)
    const paste = async (text) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.keyboard.press('Control+V');
      await settle(page, 4);
    };
    await paste(small.slice(0, 400));
    let s = await waitState(page, (st) => st.notices.some((n) => n.includes('pasted history')), 'the paste error');
    assert(s.notices.some((n) => /Could not import pasted history: pasted history: the JSON ends early \(truncated\?\)/.test(n)),
           'the error names the paste and what is wrong: ' + JSON.stringify(s.notices));
    assert(s.executions.length === 0, 'nothing imported');
    assert(s.paste_text_bytes === 400, 'the pasted text is kept for fixing: ' + s.paste_text_bytes);
    await paste(small);
    s = await waitState(page, (st) => st.executions.length === 1, 'the pasted history imported');
    assert(s.executions[0].imported_from === 'aws-history: pasted history', 'marked imported: ' + s.executions[0].imported_from);
    assert(s.paste_text_bytes === 0, 'an imported paste is not kept');
    assertNoErrors(page);
    await context.close();
  }

  // --- The Paste history dialog: the clipboard read (granted here), its text box, at 100% and 200%. ----
  for (const [width, height, scale] of [[1280, 720, 1], [1920, 1080, 1], [1280, 720, 2], [1920, 1080, 2]]) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: 'dark' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const url = baseUrl + (scale === 2 ? (baseUrl.includes('?') ? '&' : '?') + 'scale=2' : '');
    const { page } = await openPage(browser, { context, url, width, height });
    const edited = small.replace('order-12345', 'order-' + width + '-' + scale);
    await page.evaluate((t) => navigator.clipboard.writeText(t), edited);
    await click(page, 'tab.executions');
    await click(page, 'executions.paste_history');
    let s = await waitState(page, (st) => st.paste_text_bytes === edited.length, 'the clipboard read into the box');
    await waitControl(page, 'paste.import');
    await shot(page, name, `paste-${width}-${scale * 100}`);
    await click(page, 'paste.import');
    s = await waitState(page, (st) => st.executions.length === 1, 'the pasted history imported at ' + width);
    assert(s.executions[0].imported_from === 'aws-history: pasted history', 'marked imported');
    // The progress dialog of a large one, at this size.
    await dropBig(page, 'big.json');
    await waitState(page, (st) => st.import && st.import.text.startsWith('reading event'), 'progress at ' + width, 120000);
    await shot(page, name, `progress-${width}-${scale * 100}`);
    const cancel = await waitControl(page, 'import.cancel');
    assert(cancel.x >= 0 && cancel.y >= 0 && cancel.x + cancel.w <= width && cancel.y + cancel.h <= height,
           'Cancel is on screen: ' + JSON.stringify(cancel));
    await click(page, 'import.cancel');
    await waitState(page, (st) => !st.import, 'cancelled at ' + width);
    assertNoErrors(page);
    await context.close();
  }
}
