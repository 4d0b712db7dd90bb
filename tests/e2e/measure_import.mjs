// The figures of docs/import-history.md for a large history dropped on the page (issue 13): the time from
// the drop to the imported execution, the page's frames meanwhile and the longest gap between two of them,
// and the page's own work per frame (the time inside the wasm frame function, Module.dpLastFrameMs: the
// UI, the import slice and the GL calls, not SwiftShader drawing them in the GPU process).
// The history is tests/importer/big_history.mjs's (MEASURE_STEPS steps, default 40,000: 100 MB, 80,120
// events), built inside the page. With the server of tests/e2e/run (or tools/serve) on E2E_URL:
//   E2E_URL=http://127.0.0.1:8813/ node tests/e2e/measure_import.mjs
//   E2E_QUERY='?bin=build/web-before/bin/' ... measures another build of the page the same way.
// handOver: the page's own work (ms) in the last 3 frames before the import was seen done, '|', then the
// first 8 after (the commit, then the panels' first builds of the imported execution). Long frames (a gap over 250 ms) are listed as [gap, wasm frame ms, phase, this watcher's previous look at
// the page's state (ms, inside the gap), 'syncing' while a sync writes, the wasm memory's new size in MB
// when it grew in that frame (else 0), the page's own breakdown].
import { bigHistory } from '../importer/big_history.mjs';
import { launch, openPage, state } from './lib.mjs';

const steps = Number(process.env.MEASURE_STEPS || 40000);
const browser = await launch();
const { page } = await openPage(browser);
const result = await page.evaluate(async ([src, n]) => {
  let text = new Function('return (' + src + ')')()(n, 2050, 1000);
  const M = window.dpModule;
  return new Promise((resolve) => {
    const w = { bytes: text.length, frames: 0, maxGapMs: 0, gaps: [], long: [], work: [] };
    let phase = 'drop';
    let last = performance.now();
    let drawn = M.dpFrameCount || 0;
    const start = last;
    const watch = () => {
      const now = performance.now();
      w.gaps.push(now - last);
      // The page's state while importing; after it, only the sync count (the state of an imported 40,000-step
      // execution takes 0.4-1 s to produce and parse: looking at it every frame made the gaps it measured).
      const probed = performance.now();
      const st = phase === 'done' || phase === 'saved' ? null : JSON.parse(M.UTF8ToString(M._dp_test_state()));
      const probeMs = performance.now() - probed; // this watcher's own cost, inside the next gap
      // A wasm frame drawn since the last look: its own time (the main loop skips idle frames).
      const frameMs = (M.dpFrameCount || 0) !== drawn ? M.dpLastFrameMs || 0 : 0;
      drawn = M.dpFrameCount || 0;
      if (frameMs > 0) w.work.push(frameMs);
      // The hand-over: the page's work in the frames around the import's end (the commit, then the panels'
      // first builds): the last 3 frames before this watcher saw the execution, and the 8 after.
      if (frameMs > 0 && phase !== 'done' && phase !== 'saved') w.recent = [...(w.recent || []), Math.round(frameMs)].slice(-3);
      if (phase === 'done' && frameMs > 0 && (w.handOver ||= [...(w.recent || []), '|']).length < 12) w.handOver.push(Math.round(frameMs));
      // The wasm memory's size in MB, when it grew since the last look (growing may copy it or start a GC).
      const heapMb = Math.round(M.HEAPU8.length / 1e6);
      const grew = heapMb !== w.heapMb ? heapMb : 0;
      w.heapMb = heapMb;
      if (now - last > 250) {
        w.long.push([Math.round(now - last), Math.round(frameMs), phase, Math.round(w.lastProbeMs || 0),
          window.dpWeb.syncing ? 'syncing' : '', grew, st ? st.frame_ms : null, st ? st.panel_ms : null]);
      }
      if (phase === 'saved') {
        // nothing more to look at: the watcher only counts frames now
      } else if (phase === 'done') {
        if (window.dpWeb.completedSyncs > w.syncsAtImport) {
          phase = 'saved'; // the database written to IndexedDB, after the import
          w.savedMs = now - start;
        }
      } else if (st.import) {
        phase = st.import.text;
      } else if (st.executions.length) {
        phase = 'done';
        w.importedMs = now - start;
        w.syncsAtImport = window.dpWeb.completedSyncs;
        if (st.import_ms && Object.keys(st.import_ms).length) w.finishMs = st.import_ms;
      }
      w.lastProbeMs = probeMs;
      w.maxFrameCpuMs = Math.max(w.maxFrameCpuMs || 0, M.dpLastFrameMs || 0);
      w.maxGapMs = Math.max(w.maxGapMs, now - last);
      last = now;
      w.frames += 1;
      // Until the database is saved, and for at least 10 s after the import (the first timeline is built
      // across frames), at most 60 s.
      const after = w.importedMs ? now - start - w.importedMs : 0;
      if ((phase === 'saved' && after > 10000) || after > 60000) {
        w.totalMs = now - start;
        w.gaps.sort((a, b) => a - b);
        w.medianGapMs = w.gaps[Math.floor(w.gaps.length / 2)];
        w.p99GapMs = w.gaps[Math.floor(w.gaps.length * 0.99)];
        w.work.sort((a, b) => a - b);
        w.workFrames = w.work.length;
        w.medianWorkMs = w.work[Math.floor(w.work.length / 2)];
        w.p99WorkMs = w.work[Math.floor(w.work.length * 0.99)];
        w.maxWorkMs = w.work[w.work.length - 1];
        w.workOver100 = w.work.filter((ms) => ms > 100).length;
        delete w.gaps;
        delete w.work;
        resolve(w);
        return;
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'big.json', { type: 'application/json' }));
    // The File has its own copy: a 100 MB string kept alive here made the page's garbage collections
    // slower (one 400 ms mark-compact during the import, with --js-flags=--trace-gc), which a user's
    // page, given the file, never holds.
    text = null;
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}, [bigHistory.toString(), steps]);
const s = await state(page);
console.log(JSON.stringify({ steps, ...result, imported: s.executions.map((e) => [e.status, e.operations]),
  // The last rebuild of the Operations tree and of the timeline's model (built in slices: the last slice).
  operationsBuildMs: s.operations ? s.operations.build_ms : null, timelineBuildMs: s.timeline ? s.timeline.build_ms : null }));
await browser.close();
