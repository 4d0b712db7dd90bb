// The limits meter and the cost line (issue 12): an execution at 83% of the 3,000-operation quota turns the
// meter amber and names the limit; one past it fails the way AWS fails it; the cost line is labelled an
// estimate; "Compare NESTED with FLAT" shows the difference for a workflow with a parallel. Screenshots at
// 1280x720 and 1920x1080, 100% and 200% UI scale.
import fs from 'node:fs';
import path from 'node:path';
import { openPage, shot, click, control, hover, waitState, settle, assert, assertNoErrors, repoRoot, loadDocument } from './lib.mjs';

async function loadDocumentOk(page, doc) {
  const error = await loadDocument(page, doc);
  assert(error === '', 'the document loads: ' + error);
}

function stepsDoc(n) {
  return {
    format: 1,
    name: `steps-${n}`,
    function: { name: 'many-steps', runtime: 'nodejs22.x', durable_config: { execution_timeout: 86400 } },
    input: {},
    handler: Array.from({ length: n }, (_, i) => ({ step: `s${i}`, returns: i })),
    simulation: { seed: 1 },
  };
}

async function runToEnd(page, status) {
  await click(page, 'run.start');
  await waitState(page, (st) => st.executions.length > 0, 'an execution');
  await click(page, 'run.end');
  return waitState(page, (st) => st.executions.some((e) => e.status === status) && st.meter &&
    st.meter.execution === st.executions.find((e) => e.status === status).arn, status, 60000);
}

// The meter sits under the execution in the Run panel: scroll the panel down with the mouse wheel, as a
// user would on a small screen.
async function scrollRunPanel(page) {
  // Aim at a control of the panel that is on screen (run.start leaves it once the panel has scrolled).
  const r = (await control(page, 'run.start')) || (await control(page, 'meter.cost'));
  await page.mouse.move(r.x + r.w / 2, r.y + r.h * 3);
  await page.mouse.wheel(0, 3000);
  await settle(page, 4);
}

async function setScale(page, scale) {
  await click(page, 'menu.view');
  await click(page, 'menu.view.scale');
  await click(page, `menu.view.scale.${Math.round(scale * 100)}%`);
  await waitState(page, (st) => st.ui_scale === scale, `UI scale ${scale}`);
}

export default async function (browser, name) {
  // 1 + 2,500 steps = 2,501 operations: 83% of the quota, amber, the limit named.
  for (const [width, height, scale] of [[1280, 720, 1], [1920, 1080, 1], [1280, 720, 2], [1920, 1080, 2]]) {
    const { page, context } = await openPage(browser, { width, height });
    if (scale !== 1) await setScale(page, scale);
    await loadDocumentOk(page, stepsDoc(2500));
    let s = await runToEnd(page, 'SUCCEEDED');
    assert(s.meter.operations.used === 2501, 'the meter counts 2,501 operations, got ' + s.meter.operations.used);
    assert(s.meter.operations.warning === true, 'amber from 80%');
    assert(s.meter.warnings.some((w) => /83% of the limit of 3,000 durable operations per execution/.test(w)),
      'the warning names the limit: ' + JSON.stringify(s.meter.warnings));
    assert(s.meter.cost.estimate === true && /^estimate: us-east-2/.test(s.meter.cost.label),
      'the cost is labelled an estimate: ' + JSON.stringify(s.meter.cost.label));
    // 2,501 x $8 per million = $0.020008 in durable operations alone: the line shows more than that.
    assert(s.meter.cost.total_dollars > 0.020008, 'the total includes the operations: ' + s.meter.cost.total_dollars);
    await scrollRunPanel(page);
    await shot(page, name, `${width}x${height}-${Math.round(scale * 100)}-amber`);
    if (scale === 1 && width === 1280) {
      await hover(page, 'meter.cost');
      await shot(page, name, 'cost-items');
    }
    await context.close();
  }

  // One step more than the quota allows: the 3,001st operation's checkpoint is refused, the execution FAILED.
  {
    const { page, context } = await openPage(browser, { width: 1280, height: 720 });
    await loadDocumentOk(page, stepsDoc(3000));
    const s = await runToEnd(page, 'FAILED');
    assert(s.meter.operations.used === 3000, 'nothing past the quota is stored: ' + s.meter.operations.used);
    assert(s.meter.warnings.some((w) => /100% of the limit .* the next one fails the execution/.test(w)), 'the meter is at the wall');
    const failed = s.executions.find((e) => e.status === 'FAILED');
    assert(/3000 durable operations/.test(JSON.stringify(failed)), 'the error says which limit: ' + JSON.stringify(failed).slice(0, 400));
    await scrollRunPanel(page);
    await shot(page, name, 'over-the-quota');
    assertNoErrors(page);
    await context.close();
  }

  // NESTED vs FLAT for the parallel example: FLAT has no CONTEXT per branch, 3 operations fewer.
  {
    const { page, context } = await openPage(browser, { width: 1280, height: 720 });
    await loadDocumentOk(page, JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/parallel-checks.json'), 'utf8')));
    await runToEnd(page, 'SUCCEEDED');
    await scrollRunPanel(page);
    await click(page, 'meter.compare_nesting');
    const s = await waitState(page, (st) => st.meter && st.meter.nesting, 'the NESTED vs FLAT comparison');
    const n = s.meter.nesting;
    assert(n.a.quantities.durable_operations === 9 && n.b.quantities.durable_operations === 6,
      'NESTED 9 operations, FLAT 6: ' + JSON.stringify(n.a.quantities) + ' ' + JSON.stringify(n.b.quantities));
    assert(n.difference_dollars < 0 && n.cheaper === 'b', 'FLAT is cheaper: ' + n.difference_dollars);
    await scrollRunPanel(page);
    await shot(page, name, 'nested-vs-flat');
    assertNoErrors(page);
    await context.close();
  }
}
