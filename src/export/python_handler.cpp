// The Python handler (python/lambda_function.py) for aws_durable_execution_sdk_python: one durable call
// per statement; each step body is a nested function that returns what the playground simulated.
// [SECTION] index: scopes · expressions · statements · file
#include <map>
#include <set>

#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {
namespace {

using workflow::Body;
using workflow::Statement;
using K = workflow::StatementKind;

struct PyScope {
  const PyScope* parent = nullptr;
  std::map<std::string, std::string> vars; // variable -> identifier, plus specials (attempt, state, ...)
  const std::string* find(const std::string& name) const {
    for (const PyScope* s = this; s; s = s->parent)
      if (auto it = s->vars.find(name); it != s->vars.end())
        return &it->second;
    return nullptr;
  }
};

const char* const kBuiltinErrors[] = {
    "Exception",       "ValueError",        "RuntimeError",        "TypeError",       "KeyError",
    "IndexError",      "TimeoutError",      "ConnectionError",     "PermissionError", "LookupError",
    "ArithmeticError", "ZeroDivisionError", "NotImplementedError", "AssertionError",  "OSError",
    "AttributeError"};

struct PyGen {
  const workflow::Document& doc;
  CodeWriter w{"    "};
  std::set<std::string> taken{"event",
                              "context",
                              "lambda_handler",
                              "text_of",
                              "error_info",
                              "as_condition",
                              "until_attempt",
                              "FUNCTION_IDS",
                              "next_attempt",
                              "_attempts",
                              "attempt",
                              "batch_view",
                              "os",
                              "Duration",
                              "StepConfig",
                              "StepContext",
                              "StepSemantics",
                              "JitterStrategy",
                              "RetryStrategyConfig",
                              "RetryPresets",
                              "create_retry_strategy",
                              "CallbackConfig",
                              "WaitForCallbackConfig",
                              "WaitForConditionConfig",
                              "WaitStrategyConfig",
                              "create_wait_strategy",
                              "ParallelConfig",
                              "MapConfig",
                              "CompletionConfig",
                              "NestingType",
                              "DurableContext",
                              "durable_execution",
                              "Exception"};
  std::map<std::string, std::string> error_classes;
  std::vector<std::string> invoked;
  bool need_text_of = false, need_error_info = false, need_condition = false, need_until = false;
  bool need_submitter = false, use_retry = false, use_presets = false, use_semantics = false,
       use_jitter = false;
  bool use_callback = false, use_wfc = false, use_wait_cond = false, use_parallel = false, use_map = false;
  bool use_completion = false, use_nesting = false, use_step_config = false, use_os = false,
       need_batch_view = false;

  std::string value(const Json& v, const PyScope& scope) {
    RootLookup lookup = [&](const std::string& root) -> std::optional<std::string> {
      if (root == "input")
        return std::string("event");
      if (const std::string* id = scope.find(root))
        return *id;
      return std::nullopt;
    };
    std::string e = value_expr(v, ExprStyle{IdentStyle::Python, "text_of"}, lookup);
    need_text_of = need_text_of || e.find("text_of(") != std::string::npos;
    return e;
  }

  std::string error_class(const std::string& type) {
    for (const char* b : kBuiltinErrors)
      if (type == b)
        return b;
    if (auto it = error_classes.find(type); it != error_classes.end())
      return it->second;
    return error_classes[type] = make_identifier(type, IdentStyle::Python, taken);
  }

  static std::string duration(double seconds) {
    if (seconds == static_cast<double>(static_cast<int64_t>(seconds)))
      return "Duration.from_seconds(" + std::to_string(static_cast<int64_t>(seconds)) + ")";
    return "Duration.from_seconds(" + number_text(seconds, IdentStyle::Python) + ")";
  }

  std::string retry_strategy(const Statement& s) {
    if (s.retry_mode == workflow::RetryMode::Default)
      return "";
    if (s.retry_mode == workflow::RetryMode::None) {
      use_presets = true;
      return "RetryPresets.none()";
    }
    use_retry = true;
    const workflow::RetryConfig& r = s.retry;
    std::vector<std::string> f;
    if (r.max_attempts)
      f.push_back("max_attempts=" + std::to_string(*r.max_attempts));
    if (r.initial_delay_seconds)
      f.push_back("initial_delay=" + duration(*r.initial_delay_seconds));
    if (r.max_delay_seconds)
      f.push_back("max_delay=" + duration(*r.max_delay_seconds));
    if (r.backoff_rate)
      f.push_back("backoff_rate=" + number_text(*r.backoff_rate, IdentStyle::Python));
    if (r.jitter) {
      use_jitter = true;
      f.push_back(std::string("jitter_strategy=JitterStrategy.") + jitter_name(*r.jitter));
    }
    if (!r.retryable_error_types.empty()) {
      std::string list;
      for (const auto& t : r.retryable_error_types)
        list += (list.empty() ? "" : ", ") + error_class(t);
      f.push_back("retryable_error_types=[" + list + "]");
    }
    return "create_retry_strategy(RetryStrategyConfig(" + join(f) + "))";
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
      out += (i ? ", " : "") + parts[i];
    return out;
  }

  std::string name_kw(const Statement& s) { return s.name ? "name=" + py_string(*s.name) : "name=None"; }

  void throws(const workflow::StepBody& body, const PyScope& scope, const std::string& attempt) {
    for (const auto& t : body.throws) {
      std::string raise =
          "raise " + error_class(t.error.type) + "(" + value(Json(t.error.message), scope) + ")";
      if (t.all_attempts) {
        w.line(raise);
        return;
      }
      std::string list;
      for (int a : t.attempts)
        list += (list.empty() ? "" : ", ") + std::to_string(a);
      w.line("if " + attempt + " in (" + list + (t.attempts.size() == 1 ? ",)" : ")") + ":");
      w.indent();
      w.line(raise);
      w.dedent();
    }
  }

  static bool always_throws(const workflow::StepBody& b) {
    for (const auto& t : b.throws)
      if (t.all_attempts)
        return true;
    return false;
  }

  std::string target(const Statement& s, const PyScope& scope) {
    return s.as.empty() ? "" : *scope.find(s.as) + " = ";
  }

  // Binds the variables a body assigns (through if/try): identifiers unique in the file.
  void bind_all(const Body& body, PyScope& scope) {
    for (const auto& s : body) {
      for (const std::string* v : {&s.as, &s.error_as})
        if (!v->empty() && !scope.vars.count(*v))
          scope.vars[*v] = make_identifier(*v, IdentStyle::Python, taken);
      if (s.kind == K::Try || s.kind == K::If) {
        bind_all(s.children, scope);
        bind_all(s.kind == K::Try ? s.catch_body : s.else_body, scope);
      }
    }
  }

  void nested_def(const std::string& fn, const std::string& params, const Body& body, PyScope& outer,
                  const std::string& ctx, std::map<std::string, std::string> params_vars = {}) {
    w.line("def " + fn + "(" + params + "):");
    w.indent();
    PyScope inner{&outer, std::move(params_vars)};
    bind_all(body, inner);
    size_t before = w.next_line();
    for (const auto& s : body)
      statement(s, inner, ctx);
    if (static_cast<size_t>(w.next_line()) == before)
      w.line("return None");
    w.dedent();
  }

  void step(const Statement& s, PyScope& scope, const std::string& ctx) {
    std::string fn = make_identifier(s.name ? *s.name : "step", IdentStyle::Python, taken);
    w.line("def " + fn + "(step_context: StepContext):");
    w.indent();
    std::string work = s.side_effect.empty() ? "Real work goes here."
                                             : "Real work goes here: " + comment_text(s.side_effect) + ".";
    if (s.body.duration_ms > 0)
      work += " (The playground simulates " + std::to_string(s.body.duration_ms) + " ms.)";
    w.line("# " + work);
    PyScope body{&scope, {{"attempt", "step_context.attempt"}}};
    throws(s.body, body, "step_context.attempt");
    if (!always_throws(s.body))
      w.line("return " + (s.body.has_returns ? value(s.body.returns, body) : std::string("None")));
    w.dedent();
    std::vector<std::string> cfg;
    if (std::string r = retry_strategy(s); !r.empty())
      cfg.push_back("retry_strategy=" + r);
    if (s.semantics == workflow::StepSemantics::AtMostOncePerRetry) {
      use_semantics = true;
      cfg.push_back("step_semantics=StepSemantics.AT_MOST_ONCE_PER_RETRY");
    }
    std::string config;
    if (!cfg.empty()) {
      use_step_config = true;
      config = ", config=StepConfig(" + join(cfg) + ")";
    }
    w.line(target(s, scope) + ctx + ".step(" + fn + ", " + name_kw(s) + config + ")");
  }

  std::vector<std::string> callback_fields(const Statement& s) {
    std::vector<std::string> f;
    if (s.timeout_seconds > 0)
      f.push_back("timeout=" + duration(static_cast<double>(s.timeout_seconds)));
    if (s.heartbeat_timeout_seconds > 0)
      f.push_back("heartbeat_timeout=" + duration(static_cast<double>(s.heartbeat_timeout_seconds)));
    return f;
  }

  void statement(const Statement& s, PyScope& scope, const std::string& ctx) {
    int first = w.next_line();
    switch (s.kind) {
    case K::Step:
      step(s, scope, ctx);
      break;
    case K::Wait:
      w.line(ctx + ".wait(" + duration(static_cast<double>(s.wait_seconds)) +
             (s.name ? ", " + name_kw(s) : "") + ")");
      break;
    case K::CreateCallback: {
      auto f = callback_fields(s);
      std::string cfg;
      if (!f.empty()) {
        use_callback = true;
        cfg = ", config=CallbackConfig(" + join(f) + ")";
      }
      w.line(target(s, scope) + ctx + ".create_callback(" + name_kw(s) + cfg + ")");
      break;
    }
    case K::AwaitCallback: {
      const std::string* cb = scope.find(s.callback_var);
      std::string got = (cb ? *cb : std::string("None")) + ".result()";
      if (s.parse_json)
        got = "json.loads(" + got + ")";
      w.line(target(s, scope) + got);
      break;
    }
    case K::WaitForCallback: {
      std::string fn = make_identifier((s.name ? *s.name : std::string("callback")) + "_submitter",
                                       IdentStyle::Python, taken);
      w.line("def " + fn + "(callback_id, submitter_context):");
      w.indent();
      w.line("# Send callback_id to the system that will answer (it calls "
             "SendDurableExecutionCallbackSuccess).");
      PyScope body{&scope, {{"callback_id", "callback_id"}}};
      if (!s.body.throws.empty()) {
        need_submitter = true;
        w.line("attempt = next_attempt(callback_id)");
        body.vars["attempt"] = "attempt";
        throws(s.body, body, "attempt");
      }
      if (s.body.has_returns)
        w.line("# The playground's simulated submitter returns " +
               comment_text(literal_expr(s.body.returns, IdentStyle::Python)) + ".");
      w.line("return None");
      w.dedent();
      auto f = callback_fields(s);
      if (std::string r = retry_strategy(s); !r.empty())
        f.push_back("retry_strategy=" + r);
      std::string cfg;
      if (!f.empty()) {
        use_wfc = true;
        cfg = ", config=WaitForCallbackConfig(" + join(f) + ")";
      }
      std::string call = ctx + ".wait_for_callback(" + fn + ", " + name_kw(s) + cfg + ")";
      w.line(target(s, scope) + (s.parse_json ? "json.loads(" + call + ")" : call));
      break;
    }
    case K::WaitForCondition: {
      std::string fn = make_identifier((s.name ? *s.name : std::string("condition")) + "_check",
                                       IdentStyle::Python, taken);
      w.line("def " + fn + "(state, check_context):");
      w.indent();
      w.line("# Check the real condition here and return the new state.");
      PyScope check{&scope, {{"state", "state"}}};
      std::string returns_text = s.check_returns.dump();
      bool reads_attempt = returns_text.find("${attempt") != std::string::npos || !s.check_throws.empty();
      if (reads_attempt) {
        // The Python check context carries no attempt number (WaitForConditionCheckContext has only a
        // logger).
        need_submitter = true;
        w.line("attempt = next_attempt(" + py_string("condition " + (s.name ? *s.name : fn)) + ")");
        check.vars["attempt"] = "attempt";
      }
      workflow::StepBody check_body;
      check_body.throws = s.check_throws;
      throws(check_body, check, "attempt");
      w.line("return " + value(s.check_returns, check));
      w.dedent();
      const workflow::WaitStrategy& ws = s.wait_strategy;
      std::vector<std::string> f{"should_continue_polling=lambda state: True"};
      if (ws.max_attempts)
        f.push_back("max_attempts=" + std::to_string(*ws.max_attempts));
      if (ws.initial_delay_seconds)
        f.push_back("initial_delay=" + duration(*ws.initial_delay_seconds));
      if (ws.max_delay_seconds)
        f.push_back("max_delay=" + duration(*ws.max_delay_seconds));
      if (ws.backoff_rate)
        f.push_back("backoff_rate=" + number_text(*ws.backoff_rate, IdentStyle::Python));
      if (ws.jitter) {
        use_jitter = true;
        f.push_back(std::string("jitter_strategy=JitterStrategy.") + jitter_name(*ws.jitter));
      }
      use_wait_cond = need_until = true;
      w.line("# The playground's condition is met on attempt " + std::to_string(s.done_when_attempt) + ".");
      w.line(target(s, scope) + ctx + ".wait_for_condition(");
      w.indent();
      w.line(fn + ",");
      w.line("config=WaitForConditionConfig(");
      w.line("    initial_state=" + value(s.initial_state, scope) + ",");
      w.line("    wait_strategy=until_attempt(" + std::to_string(s.done_when_attempt) +
             ", create_wait_strategy(WaitStrategyConfig(" + join(f) + "))),");
      w.line("),");
      w.line(name_kw(s) + ",");
      w.dedent();
      w.line(")");
      break;
    }
    case K::ChildContext: {
      std::string fn = make_identifier(s.name ? *s.name : "child", IdentStyle::Python, taken);
      std::string cctx = make_identifier("child_context", IdentStyle::Python, taken);
      nested_def(fn, cctx + ": DurableContext", s.children, scope, cctx);
      w.line(target(s, scope) + ctx + ".run_in_child_context(" + fn + ", " + name_kw(s) + ")");
      break;
    }
    case K::Parallel: {
      std::vector<std::string> fns;
      for (size_t i = 0; i < s.branches.size(); ++i) {
        const auto& b = s.branches[i];
        std::string fn =
            make_identifier(b.name ? *b.name : "branch_" + std::to_string(i + 1), IdentStyle::Python, taken);
        std::string bctx = make_identifier("branch_context", IdentStyle::Python, taken);
        nested_def(fn, bctx + ": DurableContext", b.body, scope, bctx);
        fns.push_back(b.name ? "ParallelBranch(" + fn + ", name=" + py_string(*b.name) + ")" : fn);
      }
      use_parallel = true;
      need_batch_view = need_batch_view || !s.as.empty();
      w.line(target(s, scope) + (s.as.empty() ? "" : "batch_view(") + ctx + ".parallel(");
      w.indent();
      w.line("[" + join(fns) + "],");
      w.line(name_kw(s) + ",");
      w.line("config=ParallelConfig(" + batch_config(s) + "),");
      w.dedent();
      w.line(s.as.empty() ? ")" : "))");
      break;
    }
    case K::Map: {
      std::string fn = make_identifier(s.name ? *s.name + "_item" : "map_item", IdentStyle::Python, taken);
      std::string ictx = make_identifier("item_context", IdentStyle::Python, taken);
      std::string item = make_identifier(s.item_as, IdentStyle::Python, taken);
      std::string index = s.index_as.empty() ? make_identifier("index", IdentStyle::Python, taken)
                                             : make_identifier(s.index_as, IdentStyle::Python, taken);
      std::map<std::string, std::string> vars{{s.item_as, item}};
      if (!s.index_as.empty())
        vars[s.index_as] = index;
      nested_def(fn, ictx + ": DurableContext, " + item + ", " + index + ", items", s.children, scope, ictx,
                 vars);
      use_map = true;
      need_batch_view = need_batch_view || !s.as.empty();
      std::string call = ctx + ".map(" + value(s.items, scope) + ", " + fn + ", " + name_kw(s) +
                         ", config=MapConfig(" + batch_config(s) + "))";
      w.line(target(s, scope) + (s.as.empty() ? call : "batch_view(" + call + ")"));
      break;
    }
    case K::Invoke: {
      if (std::find(invoked.begin(), invoked.end(), s.function) == invoked.end())
        invoked.push_back(s.function);
      w.line(target(s, scope) + ctx + ".invoke(FUNCTION_IDS[" + py_string(s.function) + "], " +
             value(s.payload, scope) + ", " + name_kw(s) + ")");
      break;
    }
    case K::Try: {
      w.line("try:");
      w.indent();
      for (const auto& c : s.children)
        statement(c, scope, ctx);
      if (s.children.empty())
        w.line("pass");
      w.dedent();
      std::string e = make_identifier("error", IdentStyle::Python, taken);
      w.line("except Exception as " + e + ":");
      w.indent();
      if (!s.error_as.empty()) {
        need_error_info = true;
        w.line(*scope.find(s.error_as) + " = error_info(" + e + ")");
      }
      for (const auto& c : s.catch_body)
        statement(c, scope, ctx);
      if (s.catch_body.empty() && s.error_as.empty())
        w.line("pass");
      w.dedent();
      break;
    }
    case K::If: {
      w.line("if " + condition(s.condition, scope) + ":");
      w.indent();
      for (const auto& c : s.children)
        statement(c, scope, ctx);
      if (s.children.empty())
        w.line("pass");
      w.dedent();
      if (!s.else_body.empty()) {
        w.line("else:");
        w.indent();
        for (const auto& c : s.else_body)
          statement(c, scope, ctx);
        w.dedent();
      }
      break;
    }
    case K::Log: {
      std::string text = value(s.value, scope);
      if (!s.value.is_string()) {
        need_text_of = true;
        text = "text_of(" + text + ")";
      }
      w.line(ctx + ".logger.info(" + text + ")");
      break;
    }
    case K::Return:
      w.line("return " + value(s.value, scope));
      break;
    case K::Raise:
      w.line("raise " + error_class(s.error.type) + "(" + value(Json(s.error.message), scope) + ")");
      break;
    }
    w.mark(s.path, first);
  }

  std::string batch_config(const Statement& s) {
    std::vector<std::string> f;
    if (s.max_concurrency)
      f.push_back("max_concurrency=" + std::to_string(*s.max_concurrency));
    if (s.flat_nesting) {
      use_nesting = true;
      f.push_back("nesting_type=NestingType.FLAT");
    }
    std::vector<std::string> c;
    if (s.completion.min_successful)
      c.push_back("min_successful=" + std::to_string(*s.completion.min_successful));
    if (s.completion.tolerated_failure_count)
      c.push_back("tolerated_failure_count=" + std::to_string(*s.completion.tolerated_failure_count));
    if (s.completion.tolerated_failure_percentage)
      c.push_back("tolerated_failure_percentage=" +
                  number_text(*s.completion.tolerated_failure_percentage, IdentStyle::Python));
    if (!c.empty()) {
      use_completion = true;
      f.push_back("completion_config=CompletionConfig(" + join(c) + ")");
    }
    return join(f);
  }

  std::string condition(const Json& c, const PyScope& scope) {
    if (c.is_object()) {
      if (const Json* eq = find_member(c, "equals"); eq && eq->is_array() && eq->size() == 2)
        return "(" + value((*eq)[0], scope) + " == " + value((*eq)[1], scope) + ")";
      if (const Json* n = find_member(c, "not"))
        return "not " + condition(*n, scope);
    }
    if (c.is_boolean())
      return c.get<bool>() ? "True" : "False";
    need_condition = true;
    return "as_condition(" + value(c, scope) + ")";
  }
};

} // namespace

GeneratedHandler generate_python_handler(const workflow::Document& doc) {
  PyGen g{doc};
  PyScope root;
  g.w.line("@durable_execution");
  g.w.line("def lambda_handler(event, context: DurableContext):");
  g.w.indent();
  g.bind_all(doc.handler, root);
  for (const auto& s : doc.handler)
    g.statement(s, root, "context");
  if (doc.handler.empty())
    g.w.line("return None");
  g.w.dedent();

  CodeWriter head("    ");
  head.line("\"\"\"Durable handler for the workflow " + comment_text(doc.name) +
            ", exported by Durable Playground.");
  head.line();
  if (!doc.description.empty())
    head.line(comment_text(doc.description));
  head.line("Each step returns what the playground simulated; put the real work where the comments say.");
  head.line("\"\"\"");
  head.line();
  head.line("import json");
  if (!g.invoked.empty())
    head.line("import os");
  head.line();
  std::vector<std::string> config{"Duration"};
  if (g.use_step_config)
    config.push_back("StepConfig");
  if (g.use_semantics)
    config.push_back("StepSemantics");
  if (g.use_jitter)
    config.push_back("JitterStrategy");
  if (g.use_callback)
    config.push_back("CallbackConfig");
  if (g.use_wfc)
    config.push_back("WaitForCallbackConfig");
  if (g.use_parallel)
    config.push_back("ParallelConfig");
  if (g.use_map)
    config.push_back("MapConfig");
  if (g.use_completion)
    config.push_back("CompletionConfig");
  if (g.use_nesting)
    config.push_back("NestingType");
  head.line("from aws_durable_execution_sdk_python.config import (");
  for (const auto& c : config)
    head.line("    " + c + ",");
  head.line(")");
  head.line("from aws_durable_execution_sdk_python.context import DurableContext, StepContext");
  if (g.use_parallel)
    head.line("from aws_durable_execution_sdk_python.config import ParallelBranch");
  head.line("from aws_durable_execution_sdk_python.execution import durable_execution");
  if (g.use_retry || g.use_presets) {
    std::string r = g.use_retry ? "RetryStrategyConfig, create_retry_strategy" : "";
    if (g.use_presets)
      r += std::string(r.empty() ? "" : ", ") + "RetryPresets";
    head.line("from aws_durable_execution_sdk_python.retries import " + r);
  }
  if (g.use_wait_cond) {
    head.line("from aws_durable_execution_sdk_python.waits import (");
    head.line("    WaitForConditionConfig,");
    head.line("    WaitForConditionDecision,");
    head.line("    WaitStrategyConfig,");
    head.line("    create_wait_strategy,");
    head.line(")");
  }
  head.line();
  head.line();
  for (const auto& [type, id] : g.error_classes) {
    head.line("class " + id + "(Exception):");
    head.line("    \"\"\"The error type " + comment_text(type) + " the workflow throws or retries on.\"\"\"");
    head.line();
    head.line();
  }
  if (!g.invoked.empty()) {
    head.line(
        "# Functions this workflow invokes: set each to the target's qualified ARN (version or alias).");
    head.line("FUNCTION_IDS = {");
    for (const auto& f : g.invoked) {
      std::string env = "FUNCTION_";
      std::set<std::string> none;
      for (char c : make_identifier(f, IdentStyle::Python, none))
        env += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      head.line("    " + py_string(f) + ": os.environ.get(" + py_string(env) + ", " + py_string(f) + "),");
    }
    head.line("}");
    head.line();
    head.line();
  }
  if (g.need_text_of) {
    head.line("def text_of(value):");
    head.line("    \"\"\"A value inside a text: strings as they are, anything else as compact JSON.\"\"\"");
    head.line("    return value if isinstance(value, str) else json.dumps(value, separators=(\",\", \":\"))");
    head.line();
    head.line();
  }
  if (g.need_batch_view) {
    head.line("def batch_view(result):");
    head.line("    \"\"\"A parallel/map result as the workflow reads it: the BatchResult's items and "
              "counts.\"\"\"");
    head.line("    view = result.to_dict()");
    head.line("    view[\"status\"] = \"FAILED\" if result.failed() else \"SUCCEEDED\"");
    head.line("    view[\"successCount\"] = len(result.succeeded())");
    head.line("    view[\"failureCount\"] = len(result.failed())");
    head.line("    view[\"startedCount\"] = len(result.started())");
    head.line("    view[\"totalCount\"] = len(result.all)");
    head.line("    return view");
    head.line();
    head.line();
  }
  if (g.need_error_info) {
    head.line("def error_info(error):");
    head.line("    \"\"\"What a except block sees of a durable error: its type and message.\"\"\"");
    head.line("    return {\"type\": type(error).__name__, \"message\": str(error)}");
    head.line();
    head.line();
  }
  if (g.need_condition) {
    head.line("def as_condition(value):");
    head.line("    if not isinstance(value, bool):");
    head.line("        raise TypeError(f\"the condition must evaluate to true or false, got {value!r}\")");
    head.line("    return value");
    head.line();
    head.line();
  }
  if (g.need_until) {
    head.line("def until_attempt(attempt, strategy):");
    head.line("    \"\"\"Stops polling once the condition is met (here: on a given attempt), else asks the "
              "strategy.\"\"\"");
    head.line("    def decide(state, attempts_made):");
    head.line("        if attempts_made >= attempt:");
    head.line("            return WaitForConditionDecision.stop_polling()");
    head.line("        return strategy(state, attempts_made)");
    head.line();
    head.line("    return decide");
    head.line();
    head.line();
  }
  if (g.need_submitter) {
    head.line(
        "# Simulation only: submitters and condition checks are not told their attempt number, so this");
    head.line(
        "# counts calls in the process (enough for the local test runner; real code reads real state).");
    head.line("_attempts = {}");
    head.line();
    head.line();
    head.line("def next_attempt(key):");
    head.line("    _attempts[key] = _attempts.get(key, 0) + 1");
    head.line("    return _attempts[key]");
    head.line();
    head.line();
  }
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
