// The Python handler (python/lambda_function.py) for aws_durable_execution_sdk_python: one durable call
// per statement; each step body is a nested function that returns what the playground simulated.
// [SECTION] index: syntax · function bodies · durable calls · file
#include <map>

#include "export/handler_walk.hpp"

namespace dp::exporter {
namespace {

using workflow::Body;
using workflow::Statement;

// [SECTION] syntax: the words the shared walk (handler_walk.hpp) writes in Python

const char* const kBuiltinErrors[] = {
    "Exception",       "ValueError",        "RuntimeError",        "TypeError",       "KeyError",
    "IndexError",      "TimeoutError",      "ConnectionError",     "PermissionError", "LookupError",
    "ArithmeticError", "ZeroDivisionError", "NotImplementedError", "AssertionError",  "OSError",
    "AttributeError"};

const HandlerSyntax kPython{
    .style = IdentStyle::Python,
    .indent = "    ",
    .statement_end = "",
    .raise = "raise ",
    .negate = "not ",
    .true_value = "True",
    .false_value = "False",
    .builtin_errors = kBuiltinErrors,
    .text_of = "text_of",
    .error_info = "error_info",
    .as_condition = "as_condition",
    .block_open = ":",
    .block_continue = "",
    .block_close = nullptr,
    .empty_block = "pass",
    .field_separator = "=",
    .max_attempts = "max_attempts",
    .initial_delay = "initial_delay",
    .max_delay = "max_delay",
    .backoff_rate = "backoff_rate",
    .jitter = "jitter_strategy",
    .retryable_error_types = "retryable_error_types",
    .timeout = "timeout",
    .heartbeat_timeout = "heartbeat_timeout",
    .retry_strategy = "retry_strategy",
    .max_concurrency = "max_concurrency",
    .completion_config = "completion_config",
    .min_successful = "min_successful",
    .tolerated_failure_count = "tolerated_failure_count",
    .tolerated_failure_percentage = "tolerated_failure_percentage",
    .at_most_once_per_retry = "step_semantics=StepSemantics.AT_MOST_ONCE_PER_RETRY",
    .flat_nesting = "nesting_type=NestingType.FLAT",
    .no_retry = "RetryPresets.none()",
    .create_retry_strategy = "create_retry_strategy",
};

class PythonHandler final : public HandlerWalk {
public:
  PythonHandler()
      : HandlerWalk(kPython, {"event",
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
                              "Exception"}) {}

  // Config classes and helpers only Python imports or defines (the rest are in `uses`).
  bool use_step_config = false, use_callback = false, use_wfc = false, use_parallel = false, use_map = false;
  bool need_batch_view = false;

  // [SECTION] function bodies

  // Binds the variables a body assigns (through if/try): identifiers unique in the file.
  void bind_all(const Body& body, Scope& scope) {
    std::vector<const Statement*> all;
    bound_statements(body, all);
    for (const Statement* s : all)
      for (const std::string* v : {&s->as, &s->error_as})
        if (!v->empty() && !scope.vars.count(*v))
          scope.vars[*v] = make_identifier(*v, IdentStyle::Python, taken);
  }

private:
  std::string duration(double seconds) override {
    if (seconds == static_cast<double>(static_cast<int64_t>(seconds)))
      return "Duration.from_seconds(" + std::to_string(static_cast<int64_t>(seconds)) + ")";
    return "Duration.from_seconds(" + number_text(seconds, IdentStyle::Python) + ")";
  }
  std::string duration(int64_t seconds) override { return duration(static_cast<double>(seconds)); }

  std::string config(const char* python_class, const std::vector<std::string>& fields) override {
    return std::string(python_class) + "(" + comma_separated(fields) + ")";
  }

  std::string attempt_test(const std::string& attempt, const std::vector<int>& attempts) override {
    std::vector<std::string> list;
    for (int a : attempts)
      list.push_back(std::to_string(a));
    return attempt + " in (" + comma_separated(list) + (attempts.size() == 1 ? ",)" : ")");
  }

  std::string equals(const std::string& a, const std::string& b) override {
    return "(" + a + " == " + b + ")";
  }
  std::string if_header(const std::string& condition) override { return "if " + condition; }
  std::string catch_header(const std::string& error) override { return "except Exception as " + error; }
  std::string catch_variable() override { return make_identifier("error", IdentStyle::Python, taken); }

  // ", config=Class(...)" when the document sets a field (the class is then imported), else "".
  std::string config_arg(const char* python_class, const std::vector<std::string>& fields, bool& imported) {
    if (fields.empty())
      return "";
    imported = true;
    return ", config=" + config(python_class, fields);
  }

  static std::string name_kw(const Statement& s) {
    return s.name ? "name=" + py_string(*s.name) : "name=None";
  }

  void nested_def(const std::string& fn, const std::string& params, const Body& body, Scope& outer,
                  const std::string& ctx, std::map<std::string, std::string> params_vars = {}) {
    w.line("def " + fn + "(" + params + "):");
    w.indent();
    Scope inner{&outer, std::move(params_vars)};
    bind_all(body, inner);
    int before = w.next_line();
    statements(body, inner, ctx);
    if (w.next_line() == before)
      w.line("return None");
    w.dedent();
  }

  // [SECTION] durable calls

  void step(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string fn = make_identifier(s.name ? *s.name : "step", IdentStyle::Python, taken);
    w.line("def " + fn + "(step_context: StepContext):");
    w.indent();
    w.line("# " + work_comment(s));
    Scope body{&scope, {}, {}, {{"attempt", "step_context.attempt"}}};
    throws(s.body, body, "step_context.attempt");
    if (!always_throws(s.body))
      w.line("return " + (s.body.has_returns ? value(s.body.returns, body) : std::string("None")));
    w.dedent();
    std::string cfg = config_arg("StepConfig", step_fields(s), use_step_config);
    w.line(assign(s, scope) + ctx + ".step(" + fn + ", " + name_kw(s) + cfg + ")");
  }

  void wait(const Statement& s, const std::string& ctx) override {
    w.line(ctx + ".wait(" + duration(s.wait_seconds) + (s.name ? ", " + name_kw(s) : "") + ")");
  }

  void create_callback(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string cfg = config_arg("CallbackConfig", callback_fields(s), use_callback);
    w.line(assign(s, scope) + ctx + ".create_callback(" + name_kw(s) + cfg + ")");
  }

  void await_callback(const Statement& s, Scope& scope) override {
    const std::string* cb = scope.find(s.callback_var);
    std::string got = (cb ? *cb : std::string("None")) + ".result()";
    if (s.parse_json)
      got = "json.loads(" + got + ")";
    w.line(assign(s, scope) + got);
  }

  void wait_for_callback(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string fn = make_identifier((s.name ? *s.name : std::string("callback")) + "_submitter",
                                     IdentStyle::Python, taken);
    w.line("def " + fn + "(callback_id, submitter_context):");
    w.indent();
    w.line("# Send callback_id to the system that will answer (it calls "
           "SendDurableExecutionCallbackSuccess).");
    Scope body{&scope, {}, {}, {{"callback_id", "callback_id"}}};
    if (!s.body.throws.empty()) {
      uses.attempt_counter = true;
      w.line("attempt = next_attempt(callback_id)");
      body.special["attempt"] = "attempt";
      throws(s.body, body, "attempt");
    }
    if (s.body.has_returns)
      w.line("# The playground's simulated submitter returns " +
             comment_text(literal_expr(s.body.returns, IdentStyle::Python)) + ".");
    w.line("return None");
    w.dedent();
    std::string cfg = config_arg("WaitForCallbackConfig", wait_for_callback_fields(s), use_wfc);
    std::string call = ctx + ".wait_for_callback(" + fn + ", " + name_kw(s) + cfg + ")";
    w.line(assign(s, scope) + (s.parse_json ? "json.loads(" + call + ")" : call));
  }

  void wait_for_condition(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string fn =
        make_identifier((s.name ? *s.name : std::string("condition")) + "_check", IdentStyle::Python, taken);
    w.line("def " + fn + "(state, check_context):");
    w.indent();
    w.line("# Check the real condition here and return the new state.");
    Scope check{&scope, {}, {}, {{"state", "state"}}};
    std::string returns_text = s.check_returns.dump();
    bool reads_attempt = returns_text.find("${attempt") != std::string::npos || !s.check_throws.empty();
    if (reads_attempt) {
      // The Python check context carries no attempt number (WaitForConditionCheckContext has only a
      // logger).
      uses.attempt_counter = true;
      w.line("attempt = next_attempt(" + py_string("condition " + (s.name ? *s.name : fn)) + ")");
      check.special["attempt"] = "attempt";
    }
    workflow::StepBody check_body;
    check_body.throws = s.check_throws;
    throws(check_body, check, "attempt");
    w.line("return " + value(s.check_returns, check));
    w.dedent();
    std::vector<std::string> fields{"should_continue_polling=lambda state: True"};
    for (std::string& f : backoff_fields(s.wait_strategy))
      fields.push_back(std::move(f));
    uses.wait_strategy = uses.until_attempt = true;
    w.line("# The playground's condition is met on attempt " + std::to_string(s.done_when_attempt) + ".");
    w.line(assign(s, scope) + ctx + ".wait_for_condition(");
    w.indent();
    w.line(fn + ",");
    w.line("config=WaitForConditionConfig(");
    w.line("    initial_state=" + value(s.initial_state, scope) + ",");
    w.line("    wait_strategy=until_attempt(" + std::to_string(s.done_when_attempt) +
           ", create_wait_strategy(" + config("WaitStrategyConfig", fields) + ")),");
    w.line("),");
    w.line(name_kw(s) + ",");
    w.dedent();
    w.line(")");
  }

  void child_context(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string fn = make_identifier(s.name ? *s.name : "child", IdentStyle::Python, taken);
    std::string cctx = make_identifier("child_context", IdentStyle::Python, taken);
    nested_def(fn, cctx + ": DurableContext", s.children, scope, cctx);
    w.line(assign(s, scope) + ctx + ".run_in_child_context(" + fn + ", " + name_kw(s) + ")");
  }

  void parallel(const Statement& s, Scope& scope, const std::string& ctx) override {
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
    w.line(assign(s, scope) + (s.as.empty() ? "" : "batch_view(") + ctx + ".parallel(");
    w.indent();
    w.line("[" + comma_separated(fns) + "],");
    w.line(name_kw(s) + ",");
    w.line("config=" + config("ParallelConfig", batch_fields(s)) + ",");
    w.dedent();
    w.line(s.as.empty() ? ")" : "))");
  }

  void map(const Statement& s, Scope& scope, const std::string& ctx) override {
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
                       ", config=" + config("MapConfig", batch_fields(s)) + ")";
    w.line(assign(s, scope) + (s.as.empty() ? call : "batch_view(" + call + ")"));
  }

  void invoke(const Statement& s, Scope& scope, const std::string& ctx) override {
    w.line(assign(s, scope) + ctx + ".invoke(FUNCTION_IDS[" + py_string(s.function) + "], " +
           value(s.payload, scope) + ", " + name_kw(s) + ")");
  }
};

} // namespace

// [SECTION] file: the imports and helpers the code uses, then the code

GeneratedHandler generate_python_handler(const workflow::Document& doc) {
  PythonHandler g;
  Scope root;
  g.w.line("@durable_execution");
  g.w.line("def lambda_handler(event, context: DurableContext):");
  g.w.indent();
  g.bind_all(doc.handler, root);
  g.statements(doc.handler, root, "context");
  if (doc.handler.empty())
    g.w.line("return None");
  g.w.dedent();

  CodeWriter head("    ");
  head.line("\"\"\"Durable handler for the workflow " + py_docstring_text(doc.name) +
            ", exported by Durable Playground.");
  head.line();
  if (!doc.description.empty())
    head.line(py_docstring_text(doc.description));
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
  if (g.uses.step_semantics)
    config.push_back("StepSemantics");
  if (g.uses.jitter)
    config.push_back("JitterStrategy");
  if (g.use_callback)
    config.push_back("CallbackConfig");
  if (g.use_wfc)
    config.push_back("WaitForCallbackConfig");
  if (g.use_parallel)
    config.push_back("ParallelConfig");
  if (g.use_map)
    config.push_back("MapConfig");
  if (g.uses.completion)
    config.push_back("CompletionConfig");
  if (g.uses.flat_nesting)
    config.push_back("NestingType");
  head.line("from aws_durable_execution_sdk_python.config import (");
  for (const auto& c : config)
    head.line("    " + c + ",");
  head.line(")");
  head.line("from aws_durable_execution_sdk_python.context import DurableContext, StepContext");
  if (g.use_parallel)
    head.line("from aws_durable_execution_sdk_python.config import ParallelBranch");
  head.line("from aws_durable_execution_sdk_python.execution import durable_execution");
  if (g.uses.retry_strategy || g.uses.retry_presets) {
    std::string r = g.uses.retry_strategy ? "RetryStrategyConfig, create_retry_strategy" : "";
    if (g.uses.retry_presets)
      r += std::string(r.empty() ? "" : ", ") + "RetryPresets";
    head.line("from aws_durable_execution_sdk_python.retries import " + r);
  }
  if (g.uses.wait_strategy) {
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
    head.line("    \"\"\"The error type " + py_docstring_text(type) +
              " the workflow throws or retries on.\"\"\"");
    head.line();
    head.line();
  }
  if (!g.invoked.empty()) {
    head.line(
        "# Functions this workflow invokes: set each to the target's qualified ARN (version or alias).");
    head.line("FUNCTION_IDS = {");
    for (const auto& f : g.invoked) {
      head.line("    " + py_string(f) + ": os.environ.get(" + py_string(g.function_id_env(f)) + ", " +
                py_string(f) + "),");
    }
    head.line("}");
    head.line();
    head.line();
  }
  if (g.uses.text_of) {
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
  if (g.uses.error_info) {
    head.line("def error_info(error):");
    head.line("    \"\"\"What a except block sees of a durable error: its type and message.\"\"\"");
    head.line("    return {\"type\": type(error).__name__, \"message\": str(error)}");
    head.line();
    head.line();
  }
  if (g.uses.condition) {
    head.line("def as_condition(value):");
    head.line("    if not isinstance(value, bool):");
    head.line("        raise TypeError(f\"the condition must evaluate to true or false, got {value!r}\")");
    head.line("    return value");
    head.line();
    head.line();
  }
  if (g.uses.until_attempt) {
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
  if (g.uses.attempt_counter) {
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
  return g.finish(head);
}

} // namespace dp::exporter
