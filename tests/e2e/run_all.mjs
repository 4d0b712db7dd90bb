// Runs every tests/e2e/*.test.mjs (or those named on the command line) against the served page; each
// test gets its own browser context. Exits non-zero when any test fails.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

const browser = await launch();
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.test\.mjs$/, '');
  const started = Date.now();
  try {
    const test = await import(pathToFileURL(path.join(here, file)).href);
    await test.default(browser, name);
    console.log(`ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}: ${e && e.stack ? e.stack : e}`);
  }
}
await browser.close();
console.log(`${files.length - failed} of ${files.length} e2e tests passed`);
process.exit(failed ? 1 : 0);
