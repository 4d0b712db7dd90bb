// Helpers for the end-to-end tests: one headless Chromium (Debian's, SwiftShader WebGL2) driven by
// playwright-core; UI actions are real mouse and keyboard events on the canvas, placed with the page's
// test hook (Module._dp_test_control); state is read through Module._dp_test_state.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const artifacts = path.join(here, 'artifacts');
const require = createRequire(path.join(repoRoot, 'build/e2e/node_modules/'));
const { chromium } = require('playwright-core');

// E2E_QUERY (e.g. "?bin=build/web-ui/bin/") is appended to every page address.
export const baseUrl = (process.env.E2E_URL || 'http://127.0.0.1:8765/') + (process.env.E2E_QUERY || '');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      // Extra flags for a measurement (E2E_CHROMIUM_ARGS="--js-flags=--trace-gc", with DEBUG=pw:browser).
      ...(process.env.E2E_CHROMIUM_ARGS ? process.env.E2E_CHROMIUM_ARGS.split(' ') : [])],
  });
}

// Opens the page in a fresh context (its own IndexedDB) unless `context` is given; waits for the first
// frame. Collects console errors and page errors into page.dpErrors.
export async function openPage(browser, { context, url = baseUrl, width = 1600, height = 900 } = {}) {
  const ctx = context || (await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: 'dark' }));
  const page = await ctx.newPage();
  page.dpErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.dpErrors.push('console: ' + msg.text());
  });
  page.on('pageerror', (err) => page.dpErrors.push('pageerror: ' + err.message));
  await page.goto(url);
  await waitReady(page);
  return { page, context: ctx };
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.dpFirstFrameMs !== undefined || window.dpProblem !== undefined,
    null, { timeout: 30000 });
  const problem = await page.evaluate(() => window.dpProblem);
  if (problem) throw new Error('page shows a problem: ' + JSON.stringify(problem));
}

export async function state(page) {
  const text = await page.evaluate(() => {
    const M = window.dpModule;
    return M.UTF8ToString(M._dp_test_state());
  });
  return JSON.parse(text);
}

// Lets the page draw a few frames (input wakes it; the test hook reports the last drawn frame).
// Loads a workflow document into the page as the editor would (the test hook _dp_test_load_document):
// '' when it loaded, otherwise the loader's error.
export async function loadDocument(page, doc) {
  return page.evaluate((text) => {
    const M = window.dpModule;
    const n = M.lengthBytesUTF8(text) + 1;
    const ptr = M._malloc(n);
    M.stringToUTF8(text, ptr, n);
    const out = M.UTF8ToString(M._dp_test_load_document(ptr));
    M._free(ptr);
    return out;
  }, JSON.stringify(doc));
}

export async function settle(page, frames = 4) {
  await page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), frames);
}

export async function control(page, name) {
  const text = await page.evaluate((n) => {
    const M = window.dpModule;
    const ptr = M._malloc(M.lengthBytesUTF8(n) + 1);
    M.stringToUTF8(n, ptr, M.lengthBytesUTF8(n) + 1);
    const out = M.UTF8ToString(M._dp_test_control(ptr));
    M._free(ptr);
    return out;
  }, name);
  return JSON.parse(text);
}

export async function controls(page) {
  return JSON.parse(await page.evaluate(() => window.dpModule.UTF8ToString(window.dpModule._dp_test_controls())));
}

// Waits until the named control is on screen and clicks its centre with the real mouse.
export async function click(page, name, { button = 'left', timeout = 5000, offsetX, offsetY } = {}) {
  // Keys still queued (typing on a loaded machine) would be taken before this click and may change what is
  // under the mouse: aim once the page has taken them.
  await inputTaken(page, 'before clicking ' + name);
  // The layout may move between frames (a notice appears): aim until the control stays put.
  let rect = await waitControl(page, name, timeout);
  for (let attempt = 0; attempt < 5; attempt++) {
    const x = rect.x + (offsetX !== undefined ? offsetX : rect.w / 2);
    const y = rect.y + (offsetY !== undefined ? offsetY : rect.h / 2);
    await page.mouse.move(x, y);
    await settle(page, 2);
    const again = await waitControl(page, name, timeout);
    if (Math.abs(again.x - rect.x) < 0.5 && Math.abs(again.y - rect.y) < 0.5) break;
    rect = again;
  }
  await page.mouse.down({ button });
  await settle(page, 2);
  await page.mouse.up({ button });
  await settle(page, 3);
  return rect;
}

// Clicks at a fixed place with the real mouse (no re-aiming): what a user does when clicking a button
// again and again without looking.
export async function clickAt(page, x, y) {
  await page.mouse.move(x, y);
  await settle(page, 2);
  await page.mouse.down();
  await settle(page, 2);
  await page.mouse.up();
  await settle(page, 3);
}

export async function waitControl(page, name, timeout = 5000) {
  const start = Date.now();
  for (;;) {
    const rect = await control(page, name);
    if (rect && rect.w > 0 && rect.h > 0) return rect;
    if (Date.now() - start > timeout) {
      const names = await controls(page);
      throw new Error(`control "${name}" not drawn within ${timeout} ms; drawn: ${names.join(', ')}`);
    }
    await page.mouse.move(1, 1); // input wakes the idle page
    await settle(page, 2);
  }
}

export async function waitState(page, predicate, what, timeout = 10000) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await state(page);
    if (predicate(last)) return last;
    if (Date.now() - start > timeout) {
      fs.mkdirSync(artifacts, { recursive: true });
      const file = path.join(artifacts, 'timeout-' + what.replace(/[^a-z0-9]+/gi, '_') + '.png');
      await page.screenshot({ path: file });
      // The document's text would fill the message: leave it out.
      const shown = { ...last, document: { ...last.document, text: '(left out)' } };
      throw new Error('timed out waiting for ' + what + ' (screenshot ' + file + '); state: ' + JSON.stringify(shown).slice(0, 3000));
    }
    await page.mouse.move(2, 2);
    await settle(page, 3);
  }
}

export async function typeText(page, text) {
  await page.keyboard.type(text, { delay: 5 });
  await settle(page, 3);
}

// Types into the focused text field like a user (replacing its text unless replace is false), then waits on
// the page's state, never on time: until ImGui has taken every key (its input queue is empty: it takes fast
// input over several frames, which a loaded machine draws slowly) and `typed(state)` says the field holds
// the text. A key lost anyway is typed again (select all, type), up to 3 times.
export async function typeInto(page, text, typed, { replace = true, what = 'the typed text' } = {}) {
  for (let attempt = 1; ; attempt++) {
    if (replace) {
      await page.keyboard.press('Control+A');
      await inputTaken(page, 'Ctrl+A'); // Ctrl must be released in ImGui's eyes before text arrives
    }
    await page.keyboard.type(text, { delay: 5 });
    const s = await inputTaken(page, JSON.stringify(text));
    if (typed(s)) return s;
    if (!replace || attempt >= 3) return waitState(page, typed, what);
  }
}

// Waits until ImGui has taken every queued input event. It takes about one key per frame, and a loaded
// machine draws a few frames a second: the wait lasts as long as the queue keeps shrinking (no mouse moves
// meanwhile: they would slow the queue down further).
export async function inputTaken(page, what) {
  let least = Infinity;
  let progressed = Date.now();
  for (;;) {
    const s = await state(page);
    if (s.input_pending === 0) return s;
    if (s.input_pending < least) {
      least = s.input_pending;
      progressed = Date.now();
    } else if (Date.now() - progressed > 15000) {
      throw new Error(`the page stopped taking input (${what}): ${s.input_pending} events queued for 15 s`);
    }
    await settle(page, 2);
  }
}

// Rests the mouse on a control until its tooltip shows (ImGui shows tooltips after a short stationary
// delay, and the idle page draws only on input: the mouse moves by a pixel now and then).
export async function hover(page, name, ms = 1200) {
  const rect = await waitControl(page, name);
  const x = rect.x + rect.w / 2, y = rect.y + rect.h / 2;
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until; i++) {
    await page.mouse.move(x + (i % 2), y);
    await page.waitForTimeout(100);
    await settle(page, 2);
  }
}

let shotCounter = 0;
export async function shot(page, testName, step) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.mouse.move(3, 3);
  await settle(page, 3);
  const file = path.join(artifacts, `${testName}-${String(++shotCounter).padStart(2, '0')}-${step}.png`);
  await page.screenshot({ path: file });
  return file;
}

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

export function assertNoErrors(page) {
  if (page.dpErrors.length) throw new Error('console errors:\n' + page.dpErrors.join('\n'));
}

// The page's address with more query parameters (presenter=1, scale=2 ...).
export function withParameters(parameters) {
  return baseUrl + (baseUrl.includes('?') ? '&' : '?') + parameters;
}

// Whether a control's rectangle lies whole inside a width x height viewport.
export function onScreen(rect, width, height) {
  return rect && rect.x >= -0.5 && rect.y >= -0.5 && rect.x + rect.w <= width + 0.5 && rect.y + rect.h <= height + 0.5;
}

export async function assertOnScreen(page, id, width, height, what) {
  const rect = await waitControl(page, id);
  assert(onScreen(rect, width, height), `${what}: ${id} whole on screen (${width}x${height}): ${JSON.stringify(rect)}`);
  return rect;
}
