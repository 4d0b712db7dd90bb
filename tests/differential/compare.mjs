// Differential test of one scenario: runs the exported Node.js handler with AWS's LocalDurableTestRunner
// (time skipping on), normalises its history and our engine's (`durable-sim run` report), and requires
// them equal. Usage (Node 22):
//   node compare.mjs SCENARIO_NAME EXPORT_DIR OUR_REPORT.json [EDITED_EXPORT_DIR BEFORE_INVOCATION]
// Every normalisation of a local-runner difference is named here and explained in known-differences.md.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [scenario, exportDir, reportPath, editedDir, beforeInvocation] = process.argv.slice(2);
const ours = JSON.parse(fs.readFileSync(reportPath, "utf8"));
const applied = new Set(); // known differences used for this scenario

const load = async (dir, file) => import(pathToFileURL(path.resolve(dir, "nodejs", file)).href);
const { runLocally } = await load(exportDir, "test/run-locally.mjs");

// Determinism lab (issue 10): ${random()}, ${uuid()} and ${now()} are written as Math.random(),
// crypto.randomUUID() and Date.now(). The runner's process would draw other values than our engine's seeded
// ones (and a branch on random() could go the other way), so the handler runs with our engine's values, in
// the order it computed them in each invocation (the report's computed_values). Only the handler's own calls
// are replaced, in a copy of the module: the SDK and the runner keep the real clock.
const computed = ours.computed_values ?? [];
const calls = { "Math.random()": "random", "crypto.randomUUID()": "uuid", "Date.now()": "now" };
let invocation = 0;
let queue = [];
globalThis.__dpValue = (fn) => {
  const next = queue.shift();
  if (!next) throw new Error(`the exported handler called ${fn}() more often than our engine in invocation ${invocation}`);
  if (next.function !== fn) throw new Error(`the exported handler called ${fn}() where our engine called ${next.function}()`);
  return next.value;
};
const loadHandler = async (dir) => {
  const file = path.resolve(dir, "nodejs", "index.mjs");
  let text = fs.readFileSync(file, "utf8");
  if (!Object.keys(calls).some((c) => text.includes(c))) return (await load(dir, "index.mjs")).handler;
  for (const [call, fn] of Object.entries(calls)) text = text.split(call).join(`globalThis.__dpValue("${fn}")`);
  const copy = path.resolve(dir, "nodejs", "index.values.mjs");
  fs.writeFileSync(copy, text);
  applied.add("values: our engine's random()/uuid()/now() given to the exported handler");
  return (await import(pathToFileURL(copy).href)).handler;
};
const original = await loadHandler(exportDir);
// Non-determinism lab: the code changes before invocation K, as simulation.edits says.
const edited = editedDir ? await loadHandler(editedDir) : undefined;
const handlerFunction = (event, context) => {
  ++invocation;
  queue = computed.filter((c) => c.invocation === invocation);
  return (edited && invocation >= Number(beforeInvocation) ? edited : original)(event, context);
};

const timeout = new Promise((_, reject) =>
  setTimeout(() => reject(new Error("the local runner did not finish within 60 s")), 60000).unref());
const result = await Promise.race([runLocally({ handlerFunction }), timeout]);

// Issue 13: with DP_HISTORY_OUT set, the runner's history is saved in the shape `aws lambda
// get-durable-execution-history` prints ({"Events": [...]}; getHistoryEvents() has the service's event
// shapes), with the execution's outcome beside it as `get-durable-execution` prints it, for the importer.
if (process.env.DP_HISTORY_OUT) {
  const ok = result.getStatus() === "SUCCEEDED";
  const err = ok ? null : result.getError();
  const execution = { Status: result.getStatus() };
  if (ok) execution.Result = JSON.stringify(result.getResult());
  else if (err) execution.Error = { ErrorType: err.errorType, ErrorMessage: err.errorMessage };
  fs.writeFileSync(process.env.DP_HISTORY_OUT,
    JSON.stringify({ Events: result.getHistoryEvents() }, null, 1) + "\n" + JSON.stringify(execution, null, 1) + "\n");
}

// [known difference KD-1] The error objects the local runner stores for a failed invoke target carry a
// StackTrace (the runner builds them from a JavaScript Error); the service and our engine have none.
const errorOf = (e) => {
  if (!e) return undefined;
  if (e.StackTrace !== undefined) applied.add("KD-1 StackTrace of invoke-target errors");
  const out = { ErrorType: e.ErrorType, ErrorMessage: e.ErrorMessage };
  if (e.ErrorData !== undefined) out.ErrorData = e.ErrorData;
  return out;
};

const normaliseOp = (op) => {
  const details =
    op.StepDetails ?? op.ContextDetails ?? op.CallbackDetails ?? op.ChainedInvokeDetails ?? {};
  const out = {
    Id: op.Id,
    ParentId: op.ParentId ?? null,
    Name: op.Name ?? null,
    Type: op.Type,
    SubType: op.SubType ?? null,
    Status: op.Status,
  };
  if (op.StepDetails) out.Attempt = op.StepDetails.Attempt ?? 0;
  if (details.Result !== undefined) out.Result = details.Result;
  const error = errorOf(details.Error);
  if (error) out.Error = error;
  return out;
};

const theirsOps = result
  .getOperations()
  .map((o) => o.getOperationData())
  .filter((o) => o.Type !== "EXECUTION")
  .map(normaliseOp);
const oursOps = ours.operations.filter((o) => o.Type !== "EXECUTION").map(normaliseOp);

const succeeded = result.getStatus() === "SUCCEEDED";
const theirsError = succeeded ? null : result.getError();
// Our result as the JSON text the handler returned (the ExecutionSucceeded event keeps it; absent for
// `undefined`), AWS's as the runner parsed it, written back with JSON.stringify.
const oursEnd = ours.events.find((e) => e.EventType === "ExecutionSucceeded");
const oursResultText = oursEnd?.ExecutionSucceededDetails?.Result?.Payload;
const summary = (status, resultText, error, invocations) => ({
  status,
  result: resultText === undefined ? "(none)" : resultText,
  error: error && error.ErrorType !== undefined ? { ErrorType: error.ErrorType, ErrorMessage: error.ErrorMessage } : null,
  invocations,
});
const theirs = summary(
  result.getStatus(),
  succeeded ? JSON.stringify(result.getResult()) : undefined,
  theirsError ? { ErrorType: theirsError.errorType, ErrorMessage: theirsError.errorMessage } : null,
  result.getInvocations().length,
);
const oursSummary = summary(ours.status, oursResultText, ours.error, ours.invocations.length);

// [known difference KD-2] With time skipping the local runner advances the SDK's own timers, so a wait or
// a retry delay can end inside the invocation that started it; the service always ends the invocation
// (PENDING) and invokes again. Fewer invocations on AWS's side are accepted only when the history has a
// WAIT, a retried STEP or a polled condition, which is where the runner does this.
const timed = oursOps.some((o) => o.Type === "WAIT" || (o.Type === "STEP" && o.Attempt > 1));
if (theirs.invocations < oursSummary.invocations && timed) {
  applied.add(`KD-2 invocations ours ${oursSummary.invocations}, runner ${theirs.invocations}`);
  theirs.invocations = oursSummary.invocations;
}

// [known difference KD-3] The local runner times a callback out with an error that has only a message
// ("Callback timed out", "Callback timed out on heartbeat"); the service's history carries ErrorType
// "Callback.Timeout" / "Callback.Heartbeat" (conformance callback/4-3, 4-4), which our engine stores.
for (const op of theirsOps) {
  const mine = oursOps.find((o) => o.Id === op.Id);
  if (op.Type === "CALLBACK" && op.Status === "TIMED_OUT" && op.Error && op.Error.ErrorType === undefined &&
      mine?.Error && /^Callback\.(Timeout|Heartbeat)$/.test(mine.Error.ErrorType) &&
      mine.Error.ErrorMessage === op.Error.ErrorMessage) {
    applied.add("KD-3 ErrorType of a timed-out callback");
    op.Error = { ErrorType: mine.Error.ErrorType, ErrorMessage: op.Error.ErrorMessage };
  }
}

const differences = [];
const byId = (ops) => new Map(ops.map((o) => [o.Id, o]));
const theirsById = byId(theirsOps);
const oursById = byId(oursOps);
for (const [id, op] of oursById) {
  const other = theirsById.get(id);
  if (!other) {
    differences.push(`operation ${id} (${op.Type} ${op.Name}) only in our engine`);
    continue;
  }
  for (const key of new Set([...Object.keys(op), ...Object.keys(other)])) {
    const a = JSON.stringify(op[key]);
    const b = JSON.stringify(other[key]);
    if (a !== b) differences.push(`operation ${id} (${op.Type} ${op.Name}) ${key}: ours ${a}, AWS ${b}`);
  }
}
for (const [id, op] of theirsById)
  if (!oursById.has(id)) differences.push(`operation ${id} (${op.Type} ${op.Name}) only in AWS's runner`);
for (const key of Object.keys(oursSummary)) {
  const a = JSON.stringify(oursSummary[key]);
  const b = JSON.stringify(theirs[key]);
  if (a !== b) differences.push(`execution ${key}: ours ${a}, AWS ${b}`);
}

const known = [...applied].join("; ");
if (differences.length === 0) {
  console.log(`PASS ${scenario} (${oursOps.length} operations, ${theirs.invocations} invocations)` +
    (known ? ` [normalised: ${known}]` : ""));
  process.exit(0);
}
console.log(`FAIL ${scenario}` + (known ? ` [normalised: ${known}]` : ""));
for (const d of differences) console.log(`  ${d}`);
if (process.env.DIFF_VERBOSE) {
  console.log("  ours:", JSON.stringify(oursOps, null, 1));
  console.log("  AWS:", JSON.stringify(theirsOps, null, 1));
}
process.exit(1);
