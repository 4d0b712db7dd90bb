// Figures for tools/bench-web: time to first frame, the environment's floor (WebGL2 alone on the same
// canvas), frame time of the empty page and with a 10,000-step execution on the timeline, memory, what the
// syncs to IndexedDB wrote during that run and how long reading it back takes. Sizes are measured by the
// shell script. Prints one line per figure.
//
// Two figures per frame: "main thread" is the time the page's frame() takes (UI build + ImGui render +
// GL submission, up to dp_js_frame_drawn); "rAF interval" is the time between frames, which also holds
// what the GPU process takes to rasterise the frame (SwiftShader: CPU pixels, so it grows with the
// canvas and the overdraw; a real GPU fills 1600x900 a few times in well under a millisecond).
import { launch, openPage, waitReady, click, waitState, settle, state, baseUrl, loadDocument } from './lib.mjs';

const STEPS = Number(process.env.BENCH_STEPS || 10000);

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}
function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(v.length * p))];
}

const browser = await launch();

// Frames of the page's own loop with the default workflow and no execution: main-thread time of each
// frame and rAF interval.
async function pageFrames(page, count = 60) {
  return page.evaluate(async (n) => {
    const M = window.dpModule;
    const cpu = [];
    const intervals = [];
    let last = performance.now();
    for (let i = 0; i < n + 10; i++) {
      M.dpFramesWanted = 2;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      intervals.push(now - last);
      last = now;
      cpu.push(M.dpLastFrameMs);
    }
    return { cpu: cpu.slice(10), intervals: intervals.slice(10) };
  }, count);
}

// The floor: tests/e2e/webgl_floor.html on a canvas laid out like the page's, WebGL2 only.
async function floorFrames(width, height, modes) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(new URL('tests/e2e/webgl_floor.html', baseUrl).href);
  await page.waitForFunction(() => window.dpFloorReady);
  const out = {};
  for (const mode of modes) {
    const r = await page.evaluate((m) => window.dpFloor(m, 70), mode);
    out[mode] = { cpu: r.cpu.slice(10), intervals: r.intervals.slice(10), canvas: r.canvas };
  }
  await context.close();
  return out;
}
const fmt = (v) => median(v).toFixed(2);

// Time to first frame: from navigation start to the first frame on the canvas, fresh context each time.
const firsts = [];
for (let i = 0; i < 3; i++) {
  const { page, context } = await openPage(browser);
  firsts.push(await page.evaluate(() => window.dpFirstFrameMs));
  await context.close();
}
console.log(`first frame: ${median(firsts).toFixed(0)} ms (median of 3 loads; ${firsts.map((f) => f.toFixed(0)).join(', ')})`);

// The benchmark execution: STEPS steps in one handler, run to the end.
const doc = {
  format: 1,
  name: `bench-${STEPS}`,
  function: { name: 'bench', runtime: 'python3.14', durable_config: { execution_timeout: 86400 } },
  input: {},
  handler: Array.from({ length: STEPS }, (_, i) => ({ step: `s${i}`, returns: i, duration_ms: 1 })),
  // 10,000 steps pass the 3,000-operation quota (docs/limits.md): the benchmark measures the engine anyway.
  simulation: { seed: 1, lift_quotas: true },
};
// The floor, on the page's canvas size (1600x900) and a small one: "clear" is one WebGL2 clear a frame,
// "quads" adds 4 full-screen alpha-blended quads (about the fill of ImGui's panels); "+sync" adds one
// glGetIntegerv(GL_SCISSOR_BOX), a synchronous round trip to the GPU process (what ImGui's backend state
// backup did every frame before src/platform/gl_state.hpp).
const floorModes = ['clear', 'quads', 'quads+sync'];
const floor = await floorFrames(1600, 900, floorModes);
const floorSmall = await floorFrames(640, 360, floorModes);
for (const [f, size] of [[floor, '1600x900'], [floorSmall, '640x360']]) {
  console.log(`floor (WebGL2 only, ${size}), main thread / rAF interval, medians: ` +
    floorModes.map((m) => `${m} ${fmt(f[m].cpu)} / ${fmt(f[m].intervals)} ms`).join('; '));
}

// Baseline: the page with the default workflow and no execution, at 640x360 and at the benchmark size.
{
  const small = await openPage(browser, { width: 640, height: 360 });
  await settle(small.page, 10);
  const b = await pageFrames(small.page);
  console.log(`frame, empty page (baseline, 640x360): main thread median ${fmt(b.cpu)} ms, rAF interval median ${fmt(b.intervals)} ms`);
  await small.context.close();
}
const { page, context } = await openPage(browser);
await settle(page, 10);
const baseline = await pageFrames(page);
console.log(`frame, empty page (baseline, 1600x900): main thread median ${fmt(baseline.cpu)} ms, rAF interval median ${fmt(baseline.intervals)} ms`);
const error = await loadDocument(page, doc);
if (error) throw new Error('benchmark document refused: ' + error);
await click(page, 'run.start');
// Frames drawn while the run plays (the page must not freeze): every rAF callback's time.
await page.evaluate(() => {
  const M = window.dpModule;
  M.dpRunFrames = { times: [], frames: M.dpFrameCount || 0, on: true };
  const tick = (t) => {
    if (!M.dpRunFrames.on) return;
    M.dpRunFrames.times.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
const syncsBefore = await page.evaluate(() => window.dpWeb.syncLog.length);
const runStart = Date.now();
await click(page, 'run.end');
await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'the benchmark run', 300000);
const runMs = Date.now() - runStart;
const during = await page.evaluate(() => {
  const M = window.dpModule;
  M.dpRunFrames.on = false;
  const t = M.dpRunFrames.times;
  return { gaps: t.slice(1).map((v, i) => v - t[i]), drawn: (M.dpFrameCount || 0) - M.dpRunFrames.frames };
});
console.log(`engine: ${STEPS} steps run to the end in ${(runMs / 1000).toFixed(1)} s (wasm, with the store writing)`);
console.log(`during the run: ${during.drawn} frames drawn, frame interval median ${median(during.gaps).toFixed(0)} ms, ` +
  `p95 ${percentile(during.gaps, 0.95).toFixed(0)} ms, max ${Math.max(...during.gaps).toFixed(0)} ms`);
// The database and what syncing it cost (issue 12 item 5): a sync writes the 64 KiB chunks changed since
// the previous one (web/file_store.js). For scale, what IDBFS wrote before: every changed file whole, so
// the sum of the files' sizes at each sync.
await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 120000 });
const store = await page.evaluate((from) => ({
  file: window.dpModule.FS.stat('/data/playground.db').size,
  syncs: window.dpWeb.syncLog.slice(from),
}), syncsBefore);
const mb = (b) => (b / 1048576).toFixed(1);
const kb = (b) => (b / 1024).toFixed(0);
{
  const written = store.syncs.reduce((sum, e) => sum + e.bytes, 0);
  const whole = store.syncs.reduce((sum, e) => sum + e.fileBytes, 0);
  const later = store.syncs.slice(1);
  const shares = later.map((e) => (100 * e.bytes) / e.fileBytes);
  console.log(`store: database file ${mb(store.file)} MB after the ${STEPS}-step run; ${store.syncs.length} IndexedDB ` +
    `syncs during and after it wrote ${mb(written)} MB in all (${(written / store.file).toFixed(2)}x the file; ` +
    `IDBFS, writing the files whole, would have written ${mb(whole)} MB)`);
  console.log(`store, per sync: the first ${kb(store.syncs[0].bytes)} KB; the others median ${kb(median(later.map((e) => e.bytes)))} KB, ` +
    `max ${kb(Math.max(...later.map((e) => e.bytes)))} KB, median ${median(shares).toFixed(1)}% of the files' size then ` +
    `(max ${Math.max(...shares).toFixed(1)}%); the last ${kb(store.syncs[store.syncs.length - 1].bytes)} KB of ` +
    `${mb(store.syncs[store.syncs.length - 1].fileBytes)} MB; copy on the main thread median ` +
    `${median(store.syncs.map((e) => e.captureMs)).toFixed(1)} ms, max ${Math.max(...store.syncs.map((e) => e.captureMs)).toFixed(1)} ms; ` +
    `until committed median ${median(store.syncs.map((e) => e.writeMs)).toFixed(0)} ms`);
  console.log(`store, bytes per sync in order (KB): ${store.syncs.map((e) => kb(e.bytes)).join(' ')}`);
}
// The panels pick the last change up in the frame after the one that ran the last slice.
await settle(page, 3);
const s = await state(page);
console.log(`timeline: ${s.timeline.bars} bars in ${s.timeline.lanes} lanes` +
  (s.timeline.build_ms !== undefined ? ` (model built in ${s.timeline.build_ms.toFixed(0)} ms)` : ''));

// Frame time: ask for continuous frames while the mouse moves over the timeline (hover hit-testing on).
const plot = await page.evaluate(() => {
  const M = window.dpModule;
  const ptr = M._malloc(32);
  M.stringToUTF8('timeline.plot', ptr, 32);
  const r = JSON.parse(M.UTF8ToString(M._dp_test_control(ptr)));
  M._free(ptr);
  return r;
});
await settle(page, 10);
const frames = await page.evaluate(async (rect) => {
  const M = window.dpModule;
  const cpu = [];
  const build = [];
  const intervals = [];
  let last = performance.now();
  for (let i = 0; i < 180; i++) {
    M.dpFramesWanted = 2;
    const x = rect.x + rect.w * ((i % 90) / 90);
    M.canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: rect.y + rect.h * 0.3, bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    intervals.push(now - last);
    last = now;
    cpu.push(M.dpLastFrameMs);
    build.push(M.dpLastBuildMs);
  }
  return { cpu: cpu.slice(20), build: build.slice(20), intervals: intervals.slice(20),
    panels: JSON.parse(M.UTF8ToString(M._dp_test_state())).panel_ms };
}, plot);
console.log(`frame, UI build (all panels, ${STEPS} ops on the timeline, hover on): median ${median(frames.build).toFixed(2)} ms, p95 ${percentile(frames.build, 0.95).toFixed(2)} ms`);
console.log(`frame, whole (UI build + ImGui render + GL submit, SwiftShader): median ${median(frames.cpu).toFixed(2)} ms, p95 ${percentile(frames.cpu, 0.95).toFixed(2)} ms`);
console.log(`panels (last frame, ms): ${Object.entries(frames.panels).map(([k, v]) => k + ' ' + v.toFixed(1)).join(', ')}`);
console.log(`frame interval (rAF, headless SwiftShader): median ${median(frames.intervals).toFixed(2)} ms, p95 ${percentile(frames.intervals, 0.95).toFixed(2)} ms`);
// Read against the floor (a clear-only frame); the interval also against 4 blended full-screen quads,
// which shows what SwiftShader's fill costs on this canvas whatever the page does.
const ours = median(frames.cpu);
const clearCpu = median(floor.clear.cpu);
console.log(`vs floor, main thread: clear-only frame ${clearCpu.toFixed(2)} ms; our whole frame ${ours.toFixed(2)} ms (empty page ${fmt(baseline.cpu)}); ours minus floor ${(ours - clearCpu).toFixed(2)} ms`);
const interval = median(frames.intervals);
const clearInterval = median(floor.clear.intervals);
console.log(`vs floor, rAF interval: clear-only frame ${clearInterval.toFixed(2)} ms; our frame ${interval.toFixed(2)} ms (empty page ${fmt(baseline.intervals)}); ours minus floor ${(interval - clearInterval).toFixed(2)} ms; for scale, 4 blended full-screen quads: ${fmt(floor.quads.intervals)} ms (SwiftShader fill)`);

const memory = await page.evaluate(() => ({
  wasm: window.dpModule.HEAP8.length,
  js: performance.memory ? performance.memory.usedJSHeapSize : 0,
}));
console.log(`memory: wasm heap ${(memory.wasm / 1048576).toFixed(1)} MB, JS heap ${(memory.js / 1048576).toFixed(1)} MB (after the ${STEPS}-step run)`);
// Reading the saved files back: a reload after the run, until main() may start.
await page.waitForFunction(() => !window.dpWeb.syncPending(), null, { timeout: 120000 });
await page.reload();
await waitReady(page);
const loaded = await page.evaluate(() => window.dpWeb.loadFigures);
console.log(`store, reload: ${loaded.files} files, ${mb(loaded.bytes)} MB read from IndexedDB (${loaded.from}) in ${loaded.ms.toFixed(0)} ms`);
await context.close();

// Time travel (issue 9): jumps to random points of an execution with the slider (the real mouse), each
// measured as the main-thread time of the frame that makes the jump (the state rebuilt from the
// recording, then every visible panel redrawn at the point: timeline, operations, story ...), and the
// rebuild of the state alone. A 1,000-operation execution (500 steps, a wait, 500 steps: the second
// invocation replays 500) and the order workflow.
async function travelFigures(label, document) {
  const { page: p, context: c } = await openPage(browser);
  if (document) {
    const refused = await loadDocument(p, document);
    if (refused) throw new Error('travel benchmark document refused: ' + refused);
  }
  await click(p, 'run.start');
  await click(p, 'run.end');
  await waitState(p, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'the travel benchmark run', 300000);
  await click(p, 'tab.story');
  await settle(p, 5);
  const slider = await p.evaluate(() => {
    const M = window.dpModule;
    const ptr = M._malloc(32);
    M.stringToUTF8('travel.slider', ptr, 32);
    const r = JSON.parse(M.UTF8ToString(M._dp_test_control(ptr)));
    M._free(ptr);
    return r;
  });
  const frames = [];
  const builds = [];
  let points = 0;
  for (let i = 0; i < 25; i++) {
    const x = slider.x + 4 + (slider.w - 8) * ((i * 7919) % 97) / 96;
    await p.mouse.move(x, slider.y + slider.h / 2);
    await settle(p, 2);
    const before = await state(p);
    await p.mouse.down();
    const jump = await p.evaluate(async () => {
      const M = window.dpModule;
      const out = [];
      for (let k = 0; k < 3; k++) {
        M.dpFramesWanted = 2;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        out.push(M.dpLastFrameMs);
      }
      return out;
    });
    await p.mouse.up();
    const after = await state(p);
    points = after.travel.points;
    if (after.travel.index !== before.travel.index) {
      frames.push(Math.max(...jump)); // the frame that made the jump, whole
      builds.push(after.travel.build_ms);
    }
  }
  console.log(`time travel, ${label} (${points} points): jump to a random point, whole frame median ${median(frames).toFixed(1)} ms, ` +
    `p95 ${percentile(frames, 0.95).toFixed(1)} ms (${frames.length} jumps); state rebuilt from the recording median ${median(builds).toFixed(2)} ms`);
  await c.close();
}
const travelDoc = {
  format: 1,
  name: 'travel-1000',
  function: { name: 'travel', runtime: 'python3.14', durable_config: { execution_timeout: 86400 } },
  input: {},
  handler: [
    ...Array.from({ length: 500 }, (_, i) => ({ step: `a${i}`, returns: i, duration_ms: 1 })),
    { wait: 'pause', seconds: 10 },
    ...Array.from({ length: 500 }, (_, i) => ({ step: `b${i}`, returns: i, duration_ms: 1 })),
  ],
  simulation: { seed: 1 },
};
await travelFigures('1,000-operation execution', travelDoc);
await travelFigures('order workflow', null);
await browser.close();
