// The Node.js handler (nodejs/index.mjs) for @aws/durable-execution-sdk-js: one durable call per
// statement, so that an execution of the exported code checkpoints the same operations (ids, names,
// types, subtypes, attempts) as the playground's engine.
// [SECTION] index: syntax · function bodies · durable calls · file
#include <map>

#include "export/handler_walk.hpp"

namespace dp::exporter {
namespace {

using workflow::Body;
using workflow::Statement;
using K = workflow::StatementKind;

// [SECTION] syntax: the words the shared walk (handler_walk.hpp) writes in JavaScript

const char* const kBuiltinErrors[] = {"Error",          "TypeError", "RangeError", "SyntaxError",
                                      "ReferenceError", "EvalError", "URIError"};

const HandlerSyntax kJavaScript{
    .style = IdentStyle::JavaScript,
    .indent = "  ",
    .statement_end = ";",
    .raise = "throw new ",
    .negate = "!",
    .true_value = "true",
    .false_value = "false",
    .builtin_errors = kBuiltinErrors,
    .text_of = "textOf",
    .error_info = "errorInfo",
    .as_condition = "asCondition",
    .block_open = " {",
    .block_continue = "} ",
    .block_close = "}",
    .empty_block = nullptr,
    .field_separator = ": ",
    .max_attempts = "maxAttempts",
    .initial_delay = "initialDelay",
    .max_delay = "maxDelay",
    .backoff_rate = "backoffRate",
    .jitter = "jitter",
    .retryable_error_types = "retryableErrorTypes",
    .timeout = "timeout",
    .heartbeat_timeout = "heartbeatTimeout",
    .retry_strategy = "retryStrategy",
    .max_concurrency = "maxConcurrency",
    .completion_config = "completionConfig",
    .min_successful = "minSuccessful",
    .tolerated_failure_count = "toleratedFailureCount",
    .tolerated_failure_percentage = "toleratedFailurePercentage",
    .at_most_once_per_retry = "semantics: StepSemantics.AtMostOncePerRetry",
    .flat_nesting = "nesting: \"FLAT\"", // NestingType.FLAT: virtual branches
    .no_retry = "retryPresets.noRetry",
    .create_retry_strategy = "createRetryStrategy",
};

class NodeHandler final : public HandlerWalk {
public:
  NodeHandler()
      : HandlerWalk(kJavaScript, {"event",
                                  "context",
                                  "handler",
                                  "textOf",
                                  "errorInfo",
                                  "isEqual",
                                  "asCondition",
                                  "untilAttempt",
                                  "untilDone",
                                  "functionIds",
                                  "nextSubmitterAttempt",
                                  "submitterAttempts",
                                  "JSON",
                                  "Error",
                                  "Map",
                                  "Object",
                                  "String",
                                  "process",
                                  "Math",
                                  "crypto",
                                  "Date"}) {}

  bool need_is_equal = false; // the only helper JavaScript alone needs

  // [SECTION] function bodies

  // Variables a `${x}` reads whole somewhere; a createCallback variable read only as `${x.callback_id}` needs
  // no object of its own (the id half of createCallback's answer is that value).
  std::set<std::string> read_whole;

  // Declares the body's variables, then writes its statements. A variable bound once, by a statement of
  // the body itself (not inside an if or a try), is declared where it is bound (`const x = await ...`, as
  // the SDK's README writes it); the others up front with `let`, since later statements read them.
  void function_body(const Body& body, Scope& scope, const std::string& ctx) {
    std::vector<const Statement*> all;
    bound_statements(body, all);
    std::map<std::string, int> bindings;
    for (const Statement* s : all)
      for (const std::string* v : {&s->as, &s->error_as})
        if (!v->empty())
          ++bindings[*v];
    for (const auto& s : body)
      if (!s.as.empty() && bindings[s.as] == 1)
        scope.declared_at_binding.insert(s.as);
    std::vector<std::string> decl;
    auto bind = [&](const std::string& var, const std::string& key, std::map<std::string, std::string>& into,
                    const std::string& base) {
      if (key.empty() || into.count(key))
        return;
      into[key] = make_identifier(camel_case(base), IdentStyle::JavaScript, taken);
      if (!scope.declared_at_binding.count(var))
        decl.push_back(into[key]);
    };
    for (const Statement* s : all) {
      if (s->kind == K::CreateCallback && !s->as.empty()) {
        bind(s->as, s->as, scope.promises, s->as + "Promise");
        bind(s->as, s->as + "\x01", scope.vars, s->as + "Id"); // the id half of createCallback's answer
        scope.members[s->as + std::string(1, '\x01') + "callback_id"] = scope.vars[s->as + "\x01"];
        if (read_whole.count(s->as))
          bind(s->as, s->as, scope.vars, s->as);
        continue;
      }
      bind(s->as, s->as, scope.vars, s->as);
      bind(s->error_as, s->error_as, scope.vars, s->error_as);
    }
    if (!decl.empty())
      w.line("let " + comma_separated(decl) + ";");
    statements(body, scope, ctx);
  }

private:
  std::map<std::string, std::string> helper_names; // "stepContext" -> its identifier in this file

  // Parameter names of the callbacks we write (stepContext, childContext, ...): one identifier per file,
  // clear of every variable; nested functions may shadow it since each only uses its own.
  std::string helper(const std::string& base) {
    auto it = helper_names.find(base);
    if (it != helper_names.end())
      return it->second;
    return helper_names[base] = make_identifier(base, IdentStyle::JavaScript, taken);
  }

  std::string duration(int64_t seconds) override { return "{ seconds: " + std::to_string(seconds) + " }"; }
  std::string duration(double seconds) override {
    return "{ seconds: " + number_text(seconds, IdentStyle::JavaScript) + " }";
  }

  // An options object, or "" when there are no fields (the argument is left out).
  static std::string config_object(const std::vector<std::string>& fields) {
    return fields.empty() ? "" : "{ " + comma_separated(fields) + " }";
  }
  // ", { ... }" as the last argument, or "" to leave the SDK's defaults.
  static std::string options_arg(const std::vector<std::string>& fields) {
    return fields.empty() ? "" : ", " + config_object(fields);
  }
  std::string config(const char*, const std::vector<std::string>& fields) override {
    return fields.empty() ? "{}" : config_object(fields);
  }

  std::string attempt_test(const std::string& attempt, const std::vector<int>& attempts) override {
    std::vector<std::string> list;
    for (int a : attempts)
      list.push_back(std::to_string(a));
    return attempts.size() == 1 ? attempt + " === " + list[0]
                                : "[" + comma_separated(list) + "].includes(" + attempt + ")";
  }

  std::string equals(const std::string& a, const std::string& b) override {
    need_is_equal = true;
    return "isEqual(" + a + ", " + b + ")";
  }
  std::string if_header(const std::string& condition) override {
    // A comparison comes parenthesised (so that `!` applies to all of it); `if` brings its own.
    bool wrapped = condition.size() > 1 && condition.front() == '(' && condition.back() == ')';
    for (size_t i = 1, depth = 1; wrapped && i + 1 < condition.size(); ++i) {
      depth += condition[i] == '(' ? 1 : condition[i] == ')' ? -1 : 0;
      wrapped = depth > 0;
    }
    return "if " + (wrapped ? condition : "(" + condition + ")");
  }
  std::string catch_header(const std::string& error) override { return "catch (" + error + ")"; }
  std::string catch_variable() override { return helper("error"); }

  static std::string name_arg(const Statement& s) { return s.name ? js_string(*s.name) + ", " : ""; }

  void nested_function(const Body& body, Scope& outer, const std::string& params, const std::string& ctx,
                       const std::string& head, const std::string& tail) {
    w.line(head + "async (" + params + ") => {");
    w.indent();
    Scope inner{&outer, {}, {}, {}};
    function_body(body, inner, ctx);
    w.dedent();
    w.line("}" + tail);
  }

  // [SECTION] durable calls

  void step(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string step_ctx = helper("stepContext");
    bool reads_attempt =
        s.body.has_returns && json_text(s.body.returns).find("${attempt") != std::string::npos;
    for (const auto& t : s.body.throws)
      reads_attempt =
          reads_attempt || !t.all_attempts || t.error.message.find("${attempt") != std::string::npos;
    w.line(assign(s, scope) + "await " + ctx + ".step(" + name_arg(s) + "async (" +
           (reads_attempt ? step_ctx : "") + ") => {");
    w.indent();
    w.line("// " + work_comment(s));
    Scope body_scope{&scope, {}, {}, {{"attempt", step_ctx + ".attempt"}}};
    throws(s.body, body_scope, step_ctx + ".attempt");
    // A body without `returns` gives null in the playground (as Python's `return None`); a callback that
    // returns nothing would checkpoint no result at all (undefined), which is not what the playground showed.
    if (!always_throws(s.body))
      w.line("return " + (s.body.has_returns ? value(s.body.returns, body_scope) : std::string("null")) +
             ";");
    w.dedent();
    w.line("}" + options_arg(step_fields(s)) + ");");
  }

  void wait(const Statement& s, const std::string& ctx) override {
    w.line("await " + ctx + ".wait(" + name_arg(s) + duration(s.wait_seconds) + ");");
  }

  void create_callback(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::vector<std::string> fields = callback_fields(s);
    std::string args = s.name ? js_string(*s.name) + options_arg(fields) : config_object(fields);
    const std::string& promise = *scope.promise(s.as);
    const std::string& id = *scope.find(s.as + "\x01");
    std::string declare = scope.declared_at_binding.count(s.as) ? "const " : "";
    w.line(declare + "[" + promise + ", " + id + "] = await " + ctx + ".createCallback(" + args + ");");
    if (scope.vars.count(s.as)) // read whole somewhere: the object the playground shows
      w.line(declare + scope.vars.at(s.as) + " = { callback_id: " + id + " };");
  }

  void await_callback(const Statement& s, Scope& scope) override {
    const std::string* promise = scope.promise(s.callback_var);
    std::string p = promise ? *promise : "undefined";
    std::string got = s.parse_json ? "JSON.parse(await " + p + ")" : "await " + p;
    w.line(s.as.empty() ? got + ";" : assign(s, scope) + got + ";");
  }

  void wait_for_callback(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string id = helper("callbackId");
    std::string result = "await " + ctx + ".waitForCallback(" + name_arg(s) + "async (" + id + ") => {";
    w.line(assign(s, scope) + (s.parse_json ? "JSON.parse(" + result : result));
    w.indent();
    w.line("// Send " + id +
           " to the system that will answer (it calls SendDurableExecutionCallbackSuccess).");
    Scope body_scope{&scope, {}, {}, {{"callback_id", id}}};
    if (s.body.has_returns)
      w.line("// The playground's simulated submitter returns " +
             comment_text(literal_expr(s.body.returns, IdentStyle::JavaScript)) + ".");
    if (!s.body.throws.empty()) {
      uses.attempt_counter = true;
      std::string attempt = make_identifier("attempt", IdentStyle::JavaScript, taken);
      w.line("const " + attempt + " = nextSubmitterAttempt(" + id + ");");
      body_scope.special["attempt"] = attempt;
      throws(s.body, body_scope, attempt);
    }
    w.dedent();
    w.line("}" + options_arg(wait_for_callback_fields(s)) + ")" + (s.parse_json ? ")" : "") + ";");
  }

  void wait_for_condition(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string state = helper("state");
    std::string cond_ctx = helper("conditionContext");
    w.line(assign(s, scope) + "await " + ctx + ".waitForCondition(" + name_arg(s) + "async (" + state + ", " +
           cond_ctx + ") => {");
    w.indent();
    w.line("// Check the real condition here and return the new state.");
    Scope check{&scope, {}, {}, {{"state", state}, {"attempt", cond_ctx + ".attempt"}}};
    workflow::StepBody check_body;
    check_body.throws = s.check_throws;
    throws(check_body, check, cond_ctx + ".attempt");
    w.line("return " + value(s.check_returns, check) + ";");
    w.dedent();
    w.line("}, {");
    w.indent();
    w.line("initialState: " + value(s.initial_state, scope) + ",");
    std::vector<std::string> fields = backoff_fields(s.wait_strategy);
    fields.push_back("shouldContinuePolling: () => true");
    uses.wait_strategy = true;
    std::string strategy = "createWaitStrategy(" + config_object(fields) + ")";
    if (s.done_when_condition.is_null()) {
      uses.until_attempt = true;
      w.line("// The playground's condition is met on attempt " + std::to_string(s.done_when_attempt) + ".");
      w.line("waitStrategy: untilAttempt(" + std::to_string(s.done_when_attempt) + ", " + strategy + "),");
    } else {
      // done_when over the state: the strategy stops polling when the condition holds on the new state.
      uses.until_done = true;
      std::string done_state = helper("state"), done_attempt = helper("attemptsMade");
      Scope done{&scope, {}, {}, {{"state", done_state}, {"attempt", done_attempt}}};
      std::string cond = condition(s.done_when_condition, done);
      if (s.done_when_attempt > 0)
        cond = done_attempt + " >= " + std::to_string(s.done_when_attempt) + " || " + cond;
      w.line("waitStrategy: untilDone((" + done_state + ", " + done_attempt + ") => " + cond + ", " +
             strategy + "),");
    }
    w.dedent();
    w.line("});");
  }

  void child_context(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string cctx = helper("childContext");
    nested_function(s.children, scope, cctx, cctx,
                    assign(s, scope) + "await " + ctx + ".runInChildContext(" + name_arg(s), ");");
  }

  void parallel(const Statement& s, Scope& scope, const std::string& ctx) override {
    w.line(assign(s, scope) + "await " + ctx + ".parallel(" + name_arg(s) + "[");
    w.indent();
    for (const auto& b : s.branches) {
      std::string bctx = helper("branchContext");
      if (b.name) {
        w.line("{");
        w.indent();
        w.line("name: " + js_string(*b.name) + ",");
        nested_function(b.body, scope, bctx, bctx, "func: ", ",");
        w.dedent();
        w.line("},");
      } else {
        nested_function(b.body, scope, bctx, bctx, "", ",");
      }
    }
    w.dedent();
    w.line("]" + options_arg(batch_fields(s)) + ");");
  }

  void map(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string ictx = helper("itemContext");
    std::string item = make_identifier(camel_case(s.item_as), IdentStyle::JavaScript, taken);
    std::string params = ictx + ", " + item;
    Scope outer{&scope, {{s.item_as, item}}, {}, {}};
    if (!s.index_as.empty()) {
      std::string index = make_identifier(camel_case(s.index_as), IdentStyle::JavaScript, taken);
      outer.vars[s.index_as] = index;
      params += ", " + index;
    }
    std::string options = options_arg(batch_fields(s));
    nested_function(s.children, outer, params, ictx,
                    assign(s, scope) + "await " + ctx + ".map(" + name_arg(s) + value(s.items, scope) + ", ",
                    options + ");");
  }

  void invoke(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string target = "functionIds[" + js_string(s.function) + "]";
    std::string payload = ", " + value(s.payload, scope); // null too: the engine sends "null"
    w.line(assign(s, scope) + "await " + ctx + ".invoke(" + name_arg(s) + target + payload + ");");
  }
};

} // namespace

// [SECTION] file: the imports and helpers the code uses, then the code

GeneratedHandler generate_node_handler(const workflow::Document& doc) {
  NodeHandler g;
  for_each_template(doc.handler, [&](const Json& v) {
    for (const auto& r : template_references(v))
      if (r.parts.size() < 2 || r.parts[1].is_index || r.parts[1].key != "callback_id")
        g.read_whole.insert(r.root);
  });
  Scope root;
  g.w.line("export const handler = withDurableExecution(async (event, context) => {");
  g.w.indent();
  g.function_body(doc.handler, root, "context");
  g.w.dedent();
  g.w.line("});");

  CodeWriter head("  ");
  head.line("// Durable handler for the workflow " + js_string(doc.name) +
            ", exported by Durable Playground.");
  if (!doc.description.empty())
    head.line("// " + comment_text(doc.description));
  head.line("// Each step returns what the playground simulated; put the real work where the comments say.");
  std::vector<std::string> imports{"withDurableExecution"};
  if (g.uses.retry_strategy)
    imports.push_back("createRetryStrategy");
  if (g.uses.wait_strategy)
    imports.push_back("createWaitStrategy");
  if (g.uses.jitter)
    imports.push_back("JitterStrategy");
  if (g.uses.retry_presets)
    imports.push_back("retryPresets");
  if (g.uses.step_semantics)
    imports.push_back("StepSemantics");
  // On one line when it fits in 80 columns, else one name a line (prettier's layout, as in the SDK's README).
  std::string one = "import { " + comma_separated(imports) + " } from \"@aws/durable-execution-sdk-js\";";
  if (one.size() <= 80) {
    head.line(one);
  } else {
    head.line("import {");
    for (const auto& i : imports)
      head.line("  " + i + ",");
    head.line("} from \"@aws/durable-execution-sdk-js\";");
  }
  head.line();
  if (!g.error_classes.empty()) {
    head.line("// Error types this workflow throws or retries on; the history shows error.name.");
    for (const auto& [type, id] : g.error_classes) {
      head.line("export class " + id + " extends Error {");
      head.line("  constructor(message) {");
      head.line("    super(message);");
      head.line("    this.name = " + js_string(type) + ";");
      head.line("  }");
      head.line("}");
    }
    head.line();
  }
  if (!g.invoked.empty()) {
    head.line(
        "// Functions this workflow invokes: set each to the target's qualified ARN (version or alias).");
    head.line("export const functionIds = {");
    for (const auto& f : g.invoked) {
      head.line("  " + js_string(f) + ": process.env." + g.function_id_env(f) + " ?? " + js_string(f) + ",");
    }
    head.line("};");
    head.line();
  }
  if (g.uses.text_of) {
    head.line("// A value inside a text: strings as they are, anything else as JSON.");
    head.line("const textOf = (value) => (typeof value === \"string\" ? value : JSON.stringify(value));");
  }
  if (g.uses.error_info) {
    head.line("// What a catch block sees of a durable error: its type and message.");
    head.line("const errorInfo = (error) => ({ type: error.name, message: error.message });");
  }
  if (g.need_is_equal)
    head.line("const isEqual = (a, b) => JSON.stringify(a) === JSON.stringify(b);");
  if (g.uses.condition) {
    head.line("const asCondition = (value) => {");
    head.line("  if (typeof value !== \"boolean\") {");
    head.line("    throw new TypeError(`the condition must evaluate to true or false, got "
              "${JSON.stringify(value)}`);");
    head.line("  }");
    head.line("  return value;");
    head.line("};");
  }
  if (g.uses.until_attempt) {
    head.line(
        "// Stops polling once the condition is met (here: on a given attempt), else asks the strategy.");
    head.line("const untilAttempt = (attempt, strategy) => (state, attemptsMade) =>");
    head.line("  attemptsMade >= attempt ? { shouldContinue: false } : strategy(state, attemptsMade);");
  }
  if (g.uses.until_done) {
    head.line(
        "// Stops polling once the playground's done_when holds on the new state, else asks the strategy.");
    head.line("const untilDone = (done, strategy) => (state, attemptsMade) =>");
    head.line("  done(state, attemptsMade) ? { shouldContinue: false } : strategy(state, attemptsMade);");
  }
  if (g.uses.attempt_counter) {
    head.line(
        "// Simulation only: a submitter is not told its attempt number, so count calls per callback id.");
    head.line("const submitterAttempts = new Map();");
    head.line("const nextSubmitterAttempt = (callbackId) => {");
    head.line("  submitterAttempts.set(callbackId, (submitterAttempts.get(callbackId) ?? 0) + 1);");
    head.line("  return submitterAttempts.get(callbackId);");
    head.line("};");
  }
  if (g.uses.text_of || g.uses.error_info || g.need_is_equal || g.uses.condition || g.uses.until_attempt ||
      g.uses.until_done || g.uses.attempt_counter)
    head.line();

  return g.finish(head);
}

} // namespace dp::exporter
