// The figures of docs/import-history.md for a large history dropped on the page (issue 13): the time from
// the drop to the imported execution, the page's frames meanwhile and the longest gap between two of them.
// The history is tests/importer/big_history.mjs's (MEASURE_STEPS steps, default 40,000: 100 MB, 80,120
// events), built inside the page. With the server of tests/e2e/run (or tools/serve) on E2E_URL:
//   E2E_URL=http://127.0.0.1:8813/ node tests/e2e/measure_import.mjs
//   E2E_QUERY='?bin=build/web-before/bin/' ... measures another build of the page the same way.
import { bigHistory } from '../importer/big_history.mjs';
import { launch, openPage, state } from './lib.mjs';

const steps = Number(process.env.MEASURE_STEPS || 40000);
const browser = await launch();
const { page } = await openPage(browser);
const result = await page.evaluate(async ([src, n]) => {
  const text = new Function('return (' + src + ')')()(n, 2050, 1000);
  const M = window.dpModule;
  return new Promise((resolve) => {
    const w = { bytes: text.length, frames: 0, maxGapMs: 0, gaps: [], long: [] };
    let phase = 'drop';
    let last = performance.now();
    const start = last;
    const watch = () => {
      const now = performance.now();
      w.gaps.push(now - last);
      if (now - last > 250) w.long.push([Math.round(now - last), Math.round(M.dpLastFrameMs || 0), phase]);
      const st = JSON.parse(M.UTF8ToString(M._dp_test_state()));
      if (st.import) phase = st.import.text;
      else if (st.executions.length && phase !== 'done' && phase !== 'saved') {
        phase = 'done';
        w.importedMs = now - start;
        w.syncsAtImport = st.syncs;
      } else if (phase === 'done' && st.syncs > w.syncsAtImport) {
        phase = 'saved'; // the database written to IndexedDB (FS.syncfs), after the import
      }
      w.maxFrameCpuMs = Math.max(w.maxFrameCpuMs || 0, M.dpLastFrameMs || 0);
      w.maxGapMs = Math.max(w.maxGapMs, now - last);
      last = now;
      w.frames += 1;
      if (phase === 'saved' || (phase === 'done' && now - start - w.importedMs > 20000)) {
        w.totalMs = now - start;
        w.gaps.sort((a, b) => a - b);
        w.medianGapMs = w.gaps[Math.floor(w.gaps.length / 2)];
        w.p99GapMs = w.gaps[Math.floor(w.gaps.length * 0.99)];
        delete w.gaps;
        resolve(w);
        return;
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'big.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}, [bigHistory.toString(), steps]);
const s = await state(page);
console.log(JSON.stringify({ steps, ...result, imported: s.executions.map((e) => [e.status, e.operations]) }));
await browser.close();
