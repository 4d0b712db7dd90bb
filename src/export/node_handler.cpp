// The Node.js handler (nodejs/index.mjs) for @aws/durable-execution-sdk-js: one durable call per
// statement, so that an execution of the exported code checkpoints the same operations (ids, names,
// types, subtypes, attempts) as the playground's engine.
// [SECTION] index: scopes · helpers · statements · concurrency · file
#include <map>
#include <set>

#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {
namespace {

using workflow::Body;
using workflow::Statement;
using K = workflow::StatementKind;

// [SECTION] scopes: variable name -> identifier, per function body, reading outward

struct Scope {
  const Scope* parent = nullptr;
  std::map<std::string, std::string> vars;
  std::map<std::string, std::string> promises; // create_callback variable -> its promise
  std::map<std::string, std::string> special;  // attempt, state, callback_id inside bodies

  const std::string* find(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent) {
      if (auto it = s->special.find(name); it != s->special.end())
        return &it->second;
      if (auto it = s->vars.find(name); it != s->vars.end())
        return &it->second;
    }
    return nullptr;
  }
  const std::string* promise(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent)
      if (auto it = s->promises.find(name); it != s->promises.end())
        return &it->second;
    return nullptr;
  }
};

struct NodeGen {
  const workflow::Document& doc;
  CodeWriter w{"  "};
  std::set<std::string> taken{"event",
                              "context",
                              "handler",
                              "textOf",
                              "errorInfo",
                              "isEqual",
                              "asCondition",
                              "untilAttempt",
                              "functionIds",
                              "nextSubmitterAttempt",
                              "submitterAttempts",
                              "JSON",
                              "Error",
                              "Map",
                              "Object",
                              "String",
                              "process"};
  std::map<std::string, std::string> error_classes; // error type -> class identifier
  std::map<std::string, std::string> helper_names;  // "stepContext" -> its identifier in this file

  // Parameter names of the callbacks we write (stepContext, childContext, ...): one identifier per file,
  // clear of every variable; nested functions may shadow it since each only uses its own.
  std::string helper(const std::string& base) {
    auto it = helper_names.find(base);
    if (it != helper_names.end())
      return it->second;
    return helper_names[base] = make_identifier(base, IdentStyle::JavaScript, taken);
  }
  std::vector<std::string> invoked;
  bool need_text_of = false, need_error_info = false, need_is_equal = false, need_condition = false;
  bool need_until_attempt = false, need_submitter_attempts = false;
  bool use_retry = false, use_presets = false, use_jitter = false, use_semantics = false, use_wait = false;

  // [SECTION] expressions

  std::string value(const Json& v, const Scope& scope) {
    RootLookup lookup = [&](const std::string& root) -> std::optional<std::string> {
      if (root == "input")
        return std::string("event");
      if (const std::string* id = scope.find(root))
        return *id;
      return std::nullopt;
    };
    std::string e = value_expr(v, ExprStyle{IdentStyle::JavaScript, "textOf"}, lookup);
    if (e.find("textOf(") != std::string::npos)
      need_text_of = true;
    return e;
  }

  std::string error_class(const std::string& type) {
    static const char* const builtins[] = {"Error",          "TypeError", "RangeError", "SyntaxError",
                                           "ReferenceError", "EvalError", "URIError"};
    for (const char* b : builtins)
      if (type == b)
        return b;
    auto it = error_classes.find(type);
    if (it != error_classes.end())
      return it->second;
    std::string id = make_identifier(type, IdentStyle::JavaScript, taken);
    error_classes[type] = id;
    return id;
  }

  std::string new_error(const workflow::ErrorSpec& e, const Scope& scope) {
    return "new " + error_class(e.type) + "(" + value(Json(e.message), scope) + ")";
  }

  static std::string duration(int64_t seconds) { return "{ seconds: " + std::to_string(seconds) + " }"; }
  static std::string duration(double seconds) {
    return "{ seconds: " + number_text(seconds, IdentStyle::JavaScript) + " }";
  }

  std::string retry_strategy(const Statement& s) {
    if (s.retry_mode == workflow::RetryMode::Default)
      return "";
    if (s.retry_mode == workflow::RetryMode::None) {
      use_presets = true;
      return "retryPresets.noRetry";
    }
    use_retry = true;
    std::vector<std::string> fields;
    const workflow::RetryConfig& r = s.retry;
    if (r.max_attempts)
      fields.push_back("maxAttempts: " + std::to_string(*r.max_attempts));
    if (r.initial_delay_seconds)
      fields.push_back("initialDelay: " + duration(*r.initial_delay_seconds));
    if (r.max_delay_seconds)
      fields.push_back("maxDelay: " + duration(*r.max_delay_seconds));
    if (r.backoff_rate)
      fields.push_back("backoffRate: " + number_text(*r.backoff_rate, IdentStyle::JavaScript));
    if (r.jitter) {
      use_jitter = true;
      fields.push_back(std::string("jitter: JitterStrategy.") + jitter_name(*r.jitter));
    }
    if (!r.retryable_error_types.empty()) {
      std::string list;
      for (const auto& t : r.retryable_error_types)
        list += (list.empty() ? "" : ", ") + error_class(t);
      fields.push_back("retryableErrorTypes: [" + list + "]");
    }
    std::string out = "createRetryStrategy({";
    for (size_t i = 0; i < fields.size(); ++i)
      out += (i ? ", " : " ") + fields[i];
    return out + (fields.empty() ? "})" : " })");
  }

  static std::string config_object(const std::vector<std::string>& fields) {
    if (fields.empty())
      return "";
    std::string out = "{ ";
    for (size_t i = 0; i < fields.size(); ++i)
      out += (i ? ", " : "") + fields[i];
    return out + " }";
  }

  static std::string name_arg(const Statement& s) { return s.name ? js_string(*s.name) + ", " : ""; }

  // [SECTION] function bodies

  // Variables a body binds (through if/try, not into nested functions), in order of first binding.
  static void collect(const Body& body, std::vector<const Statement*>& out) {
    for (const auto& s : body) {
      out.push_back(&s);
      if (s.kind == K::Try || s.kind == K::If) {
        collect(s.children, out);
        collect(s.kind == K::Try ? s.catch_body : s.else_body, out);
      }
    }
  }

  // Emits `let` declarations for the body's variables, then its statements.
  void function_body(const Body& body, Scope& scope, const std::string& ctx) {
    std::vector<const Statement*> all;
    collect(body, all);
    std::vector<std::string> decl;
    auto bind = [&](const std::string& key, std::map<std::string, std::string>& into,
                    const std::string& base) {
      if (key.empty() || into.count(key))
        return;
      into[key] = make_identifier(base, IdentStyle::JavaScript, taken);
      decl.push_back(into[key]);
    };
    for (const Statement* s : all) {
      if (s->kind == K::CreateCallback && !s->as.empty()) {
        bind(s->as, scope.promises, s->as + "Promise");
        bind(s->as + "\x01", scope.vars, s->as + "Id"); // the id half of createCallback's answer
      }
      bind(s->as, scope.vars, s->as);
      bind(s->error_as, scope.vars, s->error_as);
    }
    if (!decl.empty()) {
      std::string line = "let ";
      for (size_t i = 0; i < decl.size(); ++i)
        line += (i ? ", " : "") + decl[i];
      w.line(line + ";");
    }
    for (const auto& s : body)
      statement(s, scope, ctx);
  }

  std::string assign(const Statement& s, const Scope& scope) {
    if (s.as.empty())
      return "";
    return *scope.find(s.as) + " = ";
  }

  void nested_function(const Body& body, Scope& outer, const std::string& params, const std::string& ctx,
                       const std::string& head, const std::string& tail) {
    w.line(head + "async (" + params + ") => {");
    w.indent();
    Scope inner{&outer, {}, {}, {}};
    function_body(body, inner, ctx);
    w.dedent();
    w.line("}" + tail);
  }

  // [SECTION] statements

  void throws(const workflow::StepBody& body, const Scope& scope, const std::string& attempt) {
    for (const auto& t : body.throws) {
      if (t.all_attempts) {
        w.line("throw " + new_error(t.error, scope) + ";");
        return;
      }
      std::string list;
      for (int a : t.attempts)
        list += (list.empty() ? "" : ", ") + std::to_string(a);
      std::string test =
          t.attempts.size() == 1 ? attempt + " === " + list : "[" + list + "].includes(" + attempt + ")";
      w.line("if (" + test + ") {");
      w.indent();
      w.line("throw " + new_error(t.error, scope) + ";");
      w.dedent();
      w.line("}");
    }
  }

  static bool always_throws(const workflow::StepBody& body) {
    for (const auto& t : body.throws)
      if (t.all_attempts)
        return true;
    return false;
  }

  void step(const Statement& s, Scope& scope, const std::string& ctx) {
    std::string step_ctx = helper("stepContext");
    bool reads_attempt = s.body.has_returns && s.body.returns.dump().find("${attempt") != std::string::npos;
    for (const auto& t : s.body.throws)
      reads_attempt =
          reads_attempt || !t.all_attempts || t.error.message.find("${attempt") != std::string::npos;
    w.line(assign(s, scope) + "await " + ctx + ".step(" + name_arg(s) + "async (" +
           (reads_attempt ? step_ctx : "") + ") => {");
    w.indent();
    std::string work = s.side_effect.empty() ? "Real work goes here."
                                             : "Real work goes here: " + comment_text(s.side_effect) + ".";
    if (s.body.duration_ms > 0)
      work += " (The playground simulates " + std::to_string(s.body.duration_ms) + " ms.)";
    w.line("// " + work);
    Scope body_scope{&scope, {}, {}, {{"attempt", step_ctx + ".attempt"}}};
    throws(s.body, body_scope, step_ctx + ".attempt");
    if (!always_throws(s.body) && s.body.has_returns)
      w.line("return " + value(s.body.returns, body_scope) + ";");
    w.dedent();
    std::vector<std::string> config;
    if (std::string r = retry_strategy(s); !r.empty())
      config.push_back("retryStrategy: " + r);
    if (s.semantics == workflow::StepSemantics::AtMostOncePerRetry) {
      use_semantics = true;
      config.push_back("semantics: StepSemantics.AtMostOncePerRetry");
    }
    std::string cfg = config_object(config);
    w.line("}" + (cfg.empty() ? "" : ", " + cfg) + ");");
  }

  std::vector<std::string> callback_config(const Statement& s) {
    std::vector<std::string> config;
    if (s.timeout_seconds > 0)
      config.push_back("timeout: " + duration(s.timeout_seconds));
    if (s.heartbeat_timeout_seconds > 0)
      config.push_back("heartbeatTimeout: " + duration(s.heartbeat_timeout_seconds));
    return config;
  }

  void wait_for_callback(const Statement& s, Scope& scope, const std::string& ctx) {
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
      need_submitter_attempts = true;
      std::string attempt = make_identifier("attempt", IdentStyle::JavaScript, taken);
      w.line("const " + attempt + " = nextSubmitterAttempt(" + id + ");");
      body_scope.special["attempt"] = attempt;
      throws(s.body, body_scope, attempt);
    }
    w.dedent();
    std::vector<std::string> config = callback_config(s);
    if (std::string r = retry_strategy(s); !r.empty())
      config.push_back("retryStrategy: " + r);
    std::string cfg = config_object(config);
    w.line("}" + (cfg.empty() ? "" : ", " + cfg) + ")" + (s.parse_json ? ")" : "") + ";");
  }

  void wait_for_condition(const Statement& s, Scope& scope, const std::string& ctx) {
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
    std::vector<std::string> fields;
    const workflow::WaitStrategy& ws = s.wait_strategy;
    if (ws.max_attempts)
      fields.push_back("maxAttempts: " + std::to_string(*ws.max_attempts));
    if (ws.initial_delay_seconds)
      fields.push_back("initialDelay: " + duration(*ws.initial_delay_seconds));
    if (ws.max_delay_seconds)
      fields.push_back("maxDelay: " + duration(*ws.max_delay_seconds));
    if (ws.backoff_rate)
      fields.push_back("backoffRate: " + number_text(*ws.backoff_rate, IdentStyle::JavaScript));
    if (ws.jitter) {
      use_jitter = true;
      fields.push_back(std::string("jitter: JitterStrategy.") + jitter_name(*ws.jitter));
    }
    fields.push_back("shouldContinuePolling: () => true");
    use_wait = true;
    need_until_attempt = true;
    w.line("// The playground's condition is met on attempt " + std::to_string(s.done_when_attempt) + ".");
    w.line("waitStrategy: untilAttempt(" + std::to_string(s.done_when_attempt) + ", createWaitStrategy(" +
           config_object(fields) + ")),");
    w.dedent();
    w.line("});");
  }

  std::vector<std::string> batch_config(const Statement& s) {
    std::vector<std::string> config;
    if (s.max_concurrency)
      config.push_back("maxConcurrency: " + std::to_string(*s.max_concurrency));
    if (s.flat_nesting)
      config.push_back("nesting: \"FLAT\""); // NestingType.FLAT: virtual branches
    std::vector<std::string> completion;
    if (s.completion.min_successful)
      completion.push_back("minSuccessful: " + std::to_string(*s.completion.min_successful));
    if (s.completion.tolerated_failure_count)
      completion.push_back("toleratedFailureCount: " + std::to_string(*s.completion.tolerated_failure_count));
    if (s.completion.tolerated_failure_percentage)
      completion.push_back("toleratedFailurePercentage: " +
                           number_text(*s.completion.tolerated_failure_percentage, IdentStyle::JavaScript));
    if (!completion.empty())
      config.push_back("completionConfig: " + config_object(completion));
    return config;
  }

  void parallel(const Statement& s, Scope& scope, const std::string& ctx) {
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
    std::string cfg = config_object(batch_config(s));
    w.line("]" + (cfg.empty() ? "" : ", " + cfg) + ");");
  }

  void map(const Statement& s, Scope& scope, const std::string& ctx) {
    std::string ictx = helper("itemContext");
    std::string item = make_identifier(s.item_as, IdentStyle::JavaScript, taken);
    std::string params = ictx + ", " + item;
    Scope outer{&scope, {{s.item_as, item}}, {}, {}};
    if (!s.index_as.empty()) {
      std::string index = make_identifier(s.index_as, IdentStyle::JavaScript, taken);
      outer.vars[s.index_as] = index;
      params += ", " + index;
    }
    std::string cfg = config_object(batch_config(s));
    nested_function(s.children, outer, params, ictx,
                    assign(s, scope) + "await " + ctx + ".map(" + name_arg(s) + value(s.items, scope) + ", ",
                    cfg.empty() ? ");" : ", " + cfg + ");");
  }

  std::string condition(const Json& c, const Scope& scope) {
    if (c.is_object()) {
      if (const Json* eq = find_member(c, "equals"); eq && eq->is_array() && eq->size() == 2) {
        need_is_equal = true;
        return "isEqual(" + value((*eq)[0], scope) + ", " + value((*eq)[1], scope) + ")";
      }
      if (const Json* n = find_member(c, "not"))
        return "!" + condition(*n, scope);
    }
    if (c.is_boolean())
      return c.get<bool>() ? "true" : "false";
    need_condition = true;
    return "asCondition(" + value(c, scope) + ")";
  }

  void statement(const Statement& s, Scope& scope, const std::string& ctx) {
    int first = w.next_line();
    switch (s.kind) {
    case K::Step:
      step(s, scope, ctx);
      break;
    case K::Wait:
      w.line("await " + ctx + ".wait(" + name_arg(s) + duration(s.wait_seconds) + ");");
      break;
    case K::CreateCallback: {
      std::vector<std::string> config = callback_config(s);
      std::string cfg = config_object(config);
      std::string args = s.name ? js_string(*s.name) + (cfg.empty() ? "" : ", " + cfg) : cfg;
      const std::string& promise = *scope.promise(s.as);
      const std::string& id = *scope.find(s.as + "\x01");
      w.line("[" + promise + ", " + id + "] = await " + ctx + ".createCallback(" + args + ");");
      w.line(*scope.find(s.as) + " = { callback_id: " + id + " };");
      break;
    }
    case K::AwaitCallback: {
      const std::string* promise = scope.promise(s.callback_var);
      std::string p = promise ? *promise : "undefined";
      std::string got = s.parse_json ? "JSON.parse(await " + p + ")" : "await " + p;
      w.line(s.as.empty() ? got + ";" : assign(s, scope) + got + ";");
      break;
    }
    case K::WaitForCallback:
      wait_for_callback(s, scope, ctx);
      break;
    case K::WaitForCondition:
      wait_for_condition(s, scope, ctx);
      break;
    case K::ChildContext: {
      std::string cctx = helper("childContext");
      nested_function(s.children, scope, cctx, cctx,
                      assign(s, scope) + "await " + ctx + ".runInChildContext(" + name_arg(s), ");");
      break;
    }
    case K::Parallel:
      parallel(s, scope, ctx);
      break;
    case K::Map:
      map(s, scope, ctx);
      break;
    case K::Invoke: {
      if (std::find(invoked.begin(), invoked.end(), s.function) == invoked.end())
        invoked.push_back(s.function);
      std::string target = "functionIds[" + js_string(s.function) + "]";
      std::string payload = ", " + value(s.payload, scope); // null too: the engine sends "null"
      w.line(assign(s, scope) + "await " + ctx + ".invoke(" + name_arg(s) + target + payload + ");");
      break;
    }
    case K::Try: {
      w.line("try {");
      w.indent();
      for (const auto& c : s.children)
        statement(c, scope, ctx);
      w.dedent();
      std::string e = helper("error");
      w.line("} catch (" + e + ") {");
      w.indent();
      if (!s.error_as.empty()) {
        need_error_info = true;
        w.line(*scope.find(s.error_as) + " = errorInfo(" + e + ");");
      }
      for (const auto& c : s.catch_body)
        statement(c, scope, ctx);
      w.dedent();
      w.line("}");
      break;
    }
    case K::If: {
      w.line("if (" + condition(s.condition, scope) + ") {");
      w.indent();
      for (const auto& c : s.children)
        statement(c, scope, ctx);
      w.dedent();
      if (!s.else_body.empty()) {
        w.line("} else {");
        w.indent();
        for (const auto& c : s.else_body)
          statement(c, scope, ctx);
        w.dedent();
      }
      w.line("}");
      break;
    }
    case K::Log: {
      std::string text = value(s.value, scope);
      if (!s.value.is_string()) {
        need_text_of = true;
        text = "textOf(" + text + ")";
      }
      w.line(ctx + ".logger.info(" + text + ");");
      break;
    }
    case K::Return:
      w.line("return " + value(s.value, scope) + ";");
      break;
    case K::Raise:
      w.line("throw " + new_error(s.error, scope) + ";");
      break;
    }
    w.mark(s.path, first);
  }
};

} // namespace

const char* jitter_name(workflow::Jitter jitter) {
  switch (jitter) {
  case workflow::Jitter::Full:
    return "FULL";
  case workflow::Jitter::Half:
    return "HALF";
  case workflow::Jitter::None:
    return "NONE";
  }
  return "FULL";
}

GeneratedHandler generate_node_handler(const workflow::Document& doc) {
  NodeGen g{doc};
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
  if (g.use_retry)
    imports.push_back("createRetryStrategy");
  if (g.use_wait)
    imports.push_back("createWaitStrategy");
  if (g.use_jitter)
    imports.push_back("JitterStrategy");
  if (g.use_presets)
    imports.push_back("retryPresets");
  if (g.use_semantics)
    imports.push_back("StepSemantics");
  head.line("import {");
  for (const auto& i : imports)
    head.line("  " + i + ",");
  head.line("} from \"@aws/durable-execution-sdk-js\";");
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
      std::string env = "FUNCTION_";
      std::set<std::string> unused;
      for (char c : make_identifier(f, IdentStyle::JavaScript, unused))
        env += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      head.line("  " + js_string(f) + ": process.env." + env + " ?? " + js_string(f) + ",");
    }
    head.line("};");
    head.line();
  }
  if (g.need_text_of) {
    head.line("// A value inside a text: strings as they are, anything else as JSON.");
    head.line("const textOf = (value) => (typeof value === \"string\" ? value : JSON.stringify(value));");
  }
  if (g.need_error_info) {
    head.line("// What a catch block sees of a durable error: its type and message.");
    head.line("const errorInfo = (error) => ({ type: error.name, message: error.message });");
  }
  if (g.need_is_equal)
    head.line("const isEqual = (a, b) => JSON.stringify(a) === JSON.stringify(b);");
  if (g.need_condition) {
    head.line("const asCondition = (value) => {");
    head.line("  if (typeof value !== \"boolean\") {");
    head.line("    throw new TypeError(`the condition must evaluate to true or false, got "
              "${JSON.stringify(value)}`);");
    head.line("  }");
    head.line("  return value;");
    head.line("};");
  }
  if (g.need_until_attempt) {
    head.line(
        "// Stops polling once the condition is met (here: on a given attempt), else asks the strategy.");
    head.line("const untilAttempt = (attempt, strategy) => (state, attemptsMade) =>");
    head.line("  attemptsMade >= attempt ? { shouldContinue: false } : strategy(state, attemptsMade);");
  }
  if (g.need_submitter_attempts) {
    head.line(
        "// Simulation only: a submitter is not told its attempt number, so count calls per callback id.");
    head.line("const submitterAttempts = new Map();");
    head.line("const nextSubmitterAttempt = (callbackId) => {");
    head.line("  submitterAttempts.set(callbackId, (submitterAttempts.get(callbackId) ?? 0) + 1);");
    head.line("  return submitterAttempts.get(callbackId);");
    head.line("};");
  }
  if (g.need_text_of || g.need_error_info || g.need_is_equal || g.need_condition || g.need_until_attempt ||
      g.need_submitter_attempts)
    head.line();

  GeneratedHandler out;
  int offset = head.next_line() - 1;
  out.text = head.text() + g.w.text();
  for (auto m : g.w.marks()) {
    m.first_line += offset;
    m.last_line += offset;
    out.lines.push_back(m);
  }
  out.invoked_functions = g.invoked;
  return out;
}

} // namespace dp::exporter
