// Figures for tools/bench-web: time to first frame, frame time with a 10,000-step execution on the
// timeline, memory. Sizes are measured by the shell script. Prints one line per figure.
import { launch, openPage, click, waitState, state, settle } from './lib.mjs';

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
  simulation: { seed: 1 },
};
const { page, context } = await openPage(browser);
// Baseline: the whole frame of the page with the default workflow and no execution (what SwiftShader
// costs for any frame of this canvas size), to read the timeline's share of the figures below.
const baseline = await page.evaluate(async () => {
  const M = window.dpModule;
  const whole = [];
  for (let i = 0; i < 60; i++) {
    M.dpFramesWanted = 2;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    whole.push(M.dpLastFrameMs);
  }
  return whole.slice(10);
});
console.log(`frame, whole, empty page (baseline, SwiftShader): median ${median(baseline).toFixed(2)} ms`);
const error = await page.evaluate((text) => {
  const M = window.dpModule;
  const n = M.lengthBytesUTF8(text) + 1;
  const ptr = M._malloc(n);
  M.stringToUTF8(text, ptr, n);
  const out = M.UTF8ToString(M._dp_test_load_document(ptr));
  M._free(ptr);
  return out;
}, JSON.stringify(doc));
if (error) throw new Error('benchmark document refused: ' + error);
await click(page, 'run.start');
const runStart = Date.now();
await click(page, 'run.end');
const s = await waitState(page, (st) => st.executions[0] && st.executions[0].status === 'SUCCEEDED', 'the benchmark run', 300000);
console.log(`engine: ${STEPS} steps run to the end in ${((Date.now() - runStart) / 1000).toFixed(1)} s (wasm, with the store writing)`);
console.log(`timeline: ${s.timeline.bars} bars in ${s.timeline.lanes} lanes`);

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

const memory = await page.evaluate(() => ({
  wasm: window.dpModule.HEAP8.length,
  js: performance.memory ? performance.memory.usedJSHeapSize : 0,
}));
console.log(`memory: wasm heap ${(memory.wasm / 1048576).toFixed(1)} MB, JS heap ${(memory.js / 1048576).toFixed(1)} MB (after the ${STEPS}-step run)`);
await context.close();
await browser.close();
