// The Node.js project around index.mjs: package.json and a test with the official LocalDurableTestRunner
// (time skipping on) that registers the invoked functions, answers callbacks as the playground's
// simulation did, and asserts the outcome the playground showed.
#include <algorithm>
#include <set>

#include "base/json_text.hpp"
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {
namespace {

// Versions the differential tests ran against (tests/differential/package.json pins the same).
constexpr const char* kSdkVersion = "2.4.0";
constexpr const char* kTestingVersion = "1.1.4";

std::string package_json(const workflow::Document& doc) {
  Json pkg = Json::object();
  pkg["name"] = durable_project_name(doc);
  pkg["version"] = "1.0.0";
  pkg["private"] = true;
  pkg["description"] =
      doc.description.empty() ? "Durable function exported by Durable Playground" : doc.description;
  pkg["type"] = "module";
  pkg["main"] = "index.mjs";
  pkg["engines"] = Json{{"node", ">=22"}};
  pkg["scripts"] = Json{{"test", "node --test test/handler.test.mjs"}};
  pkg["dependencies"] = Json{{"@aws/durable-execution-sdk-js", kSdkVersion}};
  pkg["devDependencies"] = Json{{"@aws/durable-execution-sdk-js-testing", kTestingVersion}};
  // dump() escapes non-ASCII as \uXXXX only with ensure_ascii; JSON allows UTF-8, keep it readable.
  return json_text(pkg, 2) + "\n";
}

// An invoke target's simulated answer, as a plain Lambda handler.
// The module file of a durable invoke target ("functions/payments.mjs").
std::string target_module(const std::string& name) {
  std::set<std::string> none;
  return "functions/" + make_identifier(name, IdentStyle::JavaScript, none) + ".mjs";
}

std::string target_import(const std::string& name) {
  std::set<std::string> none;
  return make_identifier(name, IdentStyle::JavaScript, none) + "Handler";
}

void registered_function(CodeWriter& w, const std::string& name, const workflow::InvokeTarget& target) {
  if (target.workflow) {
    w.line("runner.registerDurableFunction(" + js_string(name) + ", " + target_import(name) + ");");
    return;
  }
  w.line("runner.registerFunction(" + js_string(name) + ", async (payload) => {");
  w.indent();
  if (target.throws) {
    w.line("const error = new Error(" + js_string(target.throws->message) + ");");
    w.line("error.name = " + js_string(target.throws->type) + ";");
    w.line("throw error;");
  } else {
    RootLookup lookup = [](const std::string& root) -> std::optional<std::string> {
      if (root == "payload")
        return std::string("payload");
      return std::nullopt;
    };
    std::string v = value_expr(target.returns, ExprStyle{IdentStyle::JavaScript, "textOf"}, lookup);
    w.line("return " + v + ";");
  }
  w.dedent();
  w.line("});");
}

std::string run_locally(const workflow::Document& doc, const std::vector<std::string>& invoked) {
  CodeWriter w("  ");
  w.line("// Runs the handler in-process with AWS's LocalDurableTestRunner (time skipping on), with the");
  w.line(
      "// invoked functions and callback answers the playground simulated. Exported by Durable Playground.");
  w.line("import { LocalDurableTestRunner, WaitingOperationStatus } from "
         "\"@aws/durable-execution-sdk-js-testing\";");
  w.line("import { handler } from \"../index.mjs\";");
  std::set<std::string> imported;
  for (const auto& name : invoked) {
    auto it = doc.functions.find(name);
    if (it != doc.functions.end() && it->second.workflow && imported.insert(name).second)
      w.line("import { handler as " + target_import(name) + " } from \"../" + target_module(name) + "\";");
  }
  w.line();
  w.line("export const input = " + literal_expr(doc.input, IdentStyle::JavaScript) + ";");
  w.line();
  w.line("const textOf = (value) => (typeof value === \"string\" ? value : JSON.stringify(value));");
  w.line();
  w.line(
      "// Invocations in flight: an external system answers a callback after the invocation that created it");
  w.line("// has ended (suspended), as in the playground, not while it still runs.");
  w.line("let active = 0;");
  w.line("let started = 0;");
  w.line("const idleWaiters = [];");
  w.line("const tracked = (handlerFunction) => async (event, context) => {");
  w.line("  active++;");
  w.line("  started++;");
  w.line("  try {");
  w.line("    return await handlerFunction(event, context);");
  w.line("  } finally {");
  w.line("    active--;");
  w.line("    if (active === 0) idleWaiters.splice(0).forEach((wake) => wake());");
  w.line("  }");
  w.line("};");
  w.line();
  w.line(
      "// Sends a callback's answer once the callback has started and, after the previous answer, a later");
  w.line("// invocation has run and ended.");
  w.line("let lastSend = 0;");
  w.line("const settled = (after) =>");
  w.line("  new Promise((resolve) => {");
  w.line("    const check = () => (started > after && active === 0 ? resolve() : idleWaiters.push(check));");
  w.line("    check();");
  w.line("  });");
  w.line("const answer = async (runner, name, send) => {");
  w.line("  const operation = runner.getOperation(name);");
  w.line("  await operation.waitForData(WaitingOperationStatus.STARTED);");
  w.line("  await settled(lastSend);");
  w.line("  lastSend = started;");
  w.line("  await send(operation);");
  w.line("};");
  w.line();
  w.line("export async function runLocally({ handlerFunction = handler, payload = input } = {}) {");
  w.indent();
  w.line("started = 0;");
  w.line("lastSend = 0;");
  w.line("await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });");
  w.line("try {");
  w.indent();
  w.line("const runner = new LocalDurableTestRunner({ handlerFunction: tracked(handlerFunction) });");
  std::set<std::string> registered;
  for (const auto& name : invoked) {
    auto it = doc.functions.find(name);
    if (it == doc.functions.end() || !registered.insert(name).second)
      continue;
    registered_function(w, name, it->second);
  }
  w.line("const execution = runner.run({ payload });");
  // Answers go out in the order of their after_seconds, each once the invocation before it has ended.
  std::vector<const workflow::CallbackAnswer*> order;
  for (const auto& a : doc.simulation.callbacks)
    order.push_back(&a);
  std::stable_sort(order.begin(), order.end(),
                   [](const workflow::CallbackAnswer* a, const workflow::CallbackAnswer* b) {
                     return a->after_seconds < b->after_seconds;
                   });
  std::vector<std::string> sends;
  for (const workflow::CallbackAnswer* a : order) {
    const workflow::Statement* s = find_callback_statement(doc.handler, a->callback);
    std::string name = js_string(a->callback);
    if (!a->succeed && !a->fail)
      continue; // heartbeats only keep a callback alive; the answer comes before its heartbeat timeout
    if (s && s->timeout_seconds > 0 && a->after_seconds >= s->timeout_seconds) {
      sends.push_back("// " + comment_text(a->callback) +
                      " is answered after its timeout in the playground: not sent.");
      continue;
    }
    if (a->succeed) {
      std::string text = a->succeed->is_string() ? a->succeed->get<std::string>() : to_js_json(*a->succeed);
      sends.push_back("await answer(runner, " + name + ", (op) => op.sendCallbackSuccess(" + js_string(text) +
                      "));");
    } else {
      sends.push_back("await answer(runner, " + name + ", (op) =>\n  op.sendCallbackFailure({ ErrorType: " +
                      js_string(a->fail->type) + ", ErrorMessage: " + js_string(a->fail->message) + " }));");
    }
  }
  if (!sends.empty()) {
    w.line("// A callback the run never creates leaves its answer waiting; the test does not wait for it.");
    w.line("(async () => {");
    w.indent();
    for (const auto& line : sends)
      w.line(line);
    w.dedent();
    w.line("})().catch(() => {});");
  }
  w.line("const result = await execution;");
  w.line("return result;");
  w.dedent();
  w.line("} finally {");
  w.line("  await LocalDurableTestRunner.teardownTestEnvironment();");
  w.line("}");
  w.dedent();
  w.line("}");
  return w.text();
}

// The local runner times callbacks out on the real clock (time skipping does not reach them): a callback
// the simulation never answers, with a long or no timeout, would hold the test for that long.
void collect_unanswered(const workflow::Document& doc, const workflow::Body& body, std::string& why) {
  using K = workflow::StatementKind;
  for (const auto& s : body) {
    if ((s.kind == K::CreateCallback || s.kind == K::WaitForCallback) && why.empty()) {
      bool answered = false;
      for (const auto& a : doc.simulation.callbacks)
        answered = answered || (s.name && a.callback == *s.name && (a.succeed || a.fail));
      int64_t limit = s.timeout_seconds;
      if (s.heartbeat_timeout_seconds > 0 && (limit == 0 || s.heartbeat_timeout_seconds < limit))
        limit = s.heartbeat_timeout_seconds; // no heartbeat comes, so this one fires first
      if (!answered && (limit == 0 || limit > 30))
        why = "callback " + (s.name ? *s.name : std::string("(unnamed)")) +
              " has no scripted answer; answer it with sendCallbackSuccess in run-locally.mjs";
    }
    collect_unanswered(doc, s.children, why);
    collect_unanswered(doc, s.catch_body, why);
    collect_unanswered(doc, s.else_body, why);
    for (const auto& b : s.branches)
      collect_unanswered(doc, b.body, why);
  }
}

std::string handler_test(const workflow::Document& doc) {
  SimulatedOutcome outcome = simulate(doc, workflow::Flavor::JavaScript);
  CodeWriter w("  ");
  w.line("// Asserts the outcome the playground showed for this workflow. Run with `npm test`.");
  w.line("import { test } from \"node:test\";");
  w.line("import assert from \"node:assert/strict\";");
  w.line("import { runLocally } from \"./run-locally.mjs\";");
  w.line();
  std::string skip;
  collect_unanswered(doc, doc.handler, skip);
  w.line("test(" + js_string(doc.name.empty() ? "workflow" : doc.name) +
         (skip.empty() ? "" : ", { skip: " + js_string(skip) + " }") + ", async () => {");
  w.indent();
  w.line("const result = await runLocally();");
  Chance chance = chance_of(doc);
  if (outcome.finished && chance == Chance::Path) {
    w.line("// An `if` decides on a value computed with random(), uuid() or now(): a real run draws new "
           "ones, so");
    w.line(
        "// it may take the other path (and, on a replay, fail as non-deterministic). It ends either way.");
    w.line("assert.ok([\"SUCCEEDED\", \"FAILED\"].includes(result.getStatus()));");
  } else if (outcome.finished && chance == Chance::Values && outcome.status == "SUCCEEDED" &&
             outcome.result) {
    w.line("assert.equal(result.getStatus(), \"SUCCEEDED\");");
    w.line(
        "// The result holds values computed with random(), uuid() or now(), new on every run: compare its");
    w.line("// shape (keys and types), not the playground's values.");
    w.line("const shape = (v) =>");
    w.line("  v === null || typeof v !== \"object\" ? (v === null ? \"null\" : typeof v)");
    w.line("  : Array.isArray(v) ? v.map(shape) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, "
           "shape(x)]));");
    auto parsed = parse_json(*outcome.result);
    w.line("assert.deepEqual(shape(result.getResult()), shape(" +
           (parsed.ok() ? literal_expr(*parsed, IdentStyle::JavaScript) : std::string("null")) + "));");
  } else if (!outcome.finished) {
    w.line("// The playground's run did not end (a callback waits for an answer): check the operations.");
    w.line("assert.ok(result.getOperations().length > 0);");
  } else {
    w.line("assert.equal(result.getStatus(), " + js_string(outcome.status) + ");");
    if (outcome.status == "SUCCEEDED") {
      if (outcome.result) {
        auto parsed = parse_json(*outcome.result);
        if (parsed.ok())
          w.line("assert.deepEqual(result.getResult(), " + literal_expr(*parsed, IdentStyle::JavaScript) +
                 ");");
      } else {
        w.line("assert.equal(result.getResult(), undefined);");
      }
    } else if (!outcome.error_type.empty()) {
      w.line("assert.equal(result.getError().errorType, " + js_string(outcome.error_type) + ");");
      w.line("assert.equal(result.getError().errorMessage, " + js_string(outcome.error_message) + ");");
    }
  }
  w.dedent();
  w.line("});");
  return w.text();
}

} // namespace

std::vector<ExportFile> node_project_files(const workflow::Document& doc) {
  GeneratedHandler h = generate_node_handler(doc);
  std::vector<ExportFile> files{{"nodejs/package.json", package_json(doc)}};
  std::set<std::string> done;
  for (const auto& name : h.invoked_functions) {
    auto it = doc.functions.find(name);
    if (it != doc.functions.end() && it->second.workflow && done.insert(name).second)
      files.push_back({"nodejs/" + target_module(name), generate_node_handler(*it->second.workflow).text});
  }
  files.push_back({"nodejs/test/run-locally.mjs", run_locally(doc, h.invoked_functions)});
  files.push_back({"nodejs/test/handler.test.mjs", handler_test(doc)});
  return files;
}

} // namespace dp::exporter
