// The Python handler (python/lambda_function.py) for aws_durable_execution_sdk_python, written in the SDK's
// documented idiom (docs/core/steps.md, child-contexts.md, map.md of aws/aws-durable-execution-sdk-python,
// and the Lambda getting-started tutorial's order workflow): each step body is a module-level
// `@durable_step` function whose inputs are its parameters, passed at the call site
// (`context.step(validate_order(event["orderId"]))`); child contexts and parallel branches are
// `@durable_with_child_context` functions, submitters `@durable_wait_for_callback` ones; map and
// condition-check functions are plain module-level functions; the `@durable_execution` handler holds the
// durable calls. Imports come from the package root as the SDK's examples do, and only what is used.
// [SECTION] index: syntax · names · what a function reads · module-level functions · durable calls · file
#include <algorithm>
#include <map>

#include "export/handler_walk.hpp"

namespace dp::exporter {
namespace {

using workflow::Body;
using workflow::Statement;
using K = workflow::StatementKind;

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

// Names at the file's top level that no variable may shadow: the imports, our helpers, the handler.
const char* const kTopLevel[] = {"lambda_handler",
                                 "text_of",
                                 "error_info",
                                 "as_condition",
                                 "until_attempt",
                                 "until_done",
                                 "FUNCTION_IDS",
                                 "next_attempt",
                                 "_attempts",
                                 "batch_view",
                                 "os",
                                 "json",
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
                                 "WaitForConditionDecision",
                                 "WaitStrategyConfig",
                                 "create_wait_strategy",
                                 "ParallelConfig",
                                 "ParallelBranch",
                                 "MapConfig",
                                 "CompletionConfig",
                                 "NestingType",
                                 "DurableContext",
                                 "durable_execution",
                                 "durable_step",
                                 "durable_with_child_context",
                                 "durable_wait_for_callback",
                                 "random",
                                 "time",
                                 "uuid"};
// Parameter names the generated functions use: never given to a top-level name, free for variables of
// functions that do not use them.
const char* const kParameters[] = {"event",          "context",       "step_context", "child_context",
                                   "branch_context", "item_context",  "callback_id",  "submitter_context",
                                   "state",          "check_context", "attempt",      "index",
                                   "items",          "error"};

// A value a module-level function reads from its caller: a variable (`key` empty) or one member of it
// passed as a value of its own (an input field, a callback's id), as the SDK's examples pass `order_id`.
struct Need {
  std::string root, key;
  bool operator==(const Need&) const = default;
};

class PythonHandler final : public HandlerWalk {
public:
  PythonHandler() : HandlerWalk(kPython, {}) {
    for (const char* n : kTopLevel)
      taken.insert(n);
    for (const char* n : kBuiltinErrors)
      taken.insert(n);
    for (const char* n : kParameters)
      m_all_locals.insert(n);
  }

  std::vector<CodeWriter> defs; // module-level functions, in the order they were finished
  std::set<std::string> root_imports, config_imports;
  bool use_json = false, use_duration = false, need_batch_view = false;

  // [SECTION] names

  // Top-level names clash with no variable of any function; variables are unique per function only, so
  // every step function can call its parameter `order_id`.
  std::string module_identifier(const std::string& base) override {
    std::string id = make_identifier(snake_or_class(base), IdentStyle::Python, [&](const std::string& c) {
      return taken.count(c) > 0 || m_all_locals.count(c) > 0;
    });
    taken.insert(id);
    return id;
  }
  std::string local(const std::string& base) {
    std::string id = make_identifier(snake_case(base), IdentStyle::Python, [&](const std::string& c) {
      return taken.count(c) > 0 || m_locals->count(c) > 0;
    });
    m_locals->insert(id);
    m_all_locals.insert(id);
    return id;
  }

  // Function names first, in document order, so that a step function takes the step's own name and a
  // variable of the same name gives way (a Python function cannot call a module-level function whose
  // name it also assigns).
  void name_functions(const Body& body) {
    for (const auto& s : body) {
      std::string base = s.name ? *s.name : "";
      switch (s.kind) {
      case K::Step:
        m_fn[&s] = module_identifier(base.empty() ? "step" : base);
        break;
      case K::WaitForCallback:
        m_fn[&s] = module_identifier((base.empty() ? "callback" : snake_case(base)) + "_submitter");
        break;
      case K::WaitForCondition:
        m_fn[&s] = module_identifier((base.empty() ? "condition" : snake_case(base)) + "_check");
        break;
      case K::ChildContext:
        m_fn[&s] = module_identifier(base.empty() ? "child" : base);
        break;
      case K::Map:
        m_fn[&s] = module_identifier((base.empty() ? "map" : snake_case(base)) + "_item");
        break;
      case K::Parallel:
        for (size_t i = 0; i < s.branches.size(); ++i) {
          const auto& b = s.branches[i];
          m_branch_fn[&b] = module_identifier(b.name ? *b.name : "branch_" + std::to_string(i + 1));
        }
        break;
      default:
        break;
      }
      name_functions(s.children);
      name_functions(s.catch_body);
      name_functions(s.else_body);
      for (const auto& b : s.branches)
        name_functions(b.body);
    }
  }

  // Binds the variables a body assigns (through if/try) to names of the current function.
  void bind_all(const Body& body, Scope& scope) {
    std::vector<const Statement*> all;
    bound_statements(body, all);
    for (const Statement* s : all)
      for (const std::string* v : {&s->as, &s->error_as})
        if (!v->empty() && !scope.vars.count(*v))
          scope.vars[*v] = local(*v);
  }

  // The handler's own names: its parameters.
  void enter_handler() { m_locals = &m_handler_locals, m_handler_locals = {"event", "context"}; }

private:
  std::set<std::string> m_all_locals; // every variable or parameter name of any function
  std::set<std::string> m_handler_locals;
  std::set<std::string>* m_locals = &m_handler_locals; // the names of the function being written
  std::map<const Statement*, std::string> m_fn;
  std::map<const workflow::Branch*, std::string> m_branch_fn;

  // Error classes keep their CamelCase; functions and variables are snake_case.
  static std::string snake_or_class(const std::string& base) {
    return !base.empty() && base[0] >= 'A' && base[0] <= 'Z' ? base : snake_case(base);
  }

  // [SECTION] what a function reads

  void need(const workflow::Reference& r, const std::set<std::string>& bound, const Scope& outer,
            std::vector<Need>& out) {
    if (bound.count(r.root) || (r.root != "input" && !outer.find(r.root)))
      return;
    Need n{r.root, ""};
    if (r.parts.size() > 1 && !r.parts[1].is_index &&
        (r.root == "input" || (outer.promise(r.root) && r.parts[1].key == "callback_id")))
      n.key = r.parts[1].key;
    if (std::find(out.begin(), out.end(), n) == out.end())
      out.push_back(n);
  }
  void needs_in_value(const Json& v, const std::set<std::string>& bound, const Scope& outer,
                      std::vector<Need>& out) {
    for (const auto& r : template_references(v))
      need(r, bound, outer, out);
  }
  void needs_in_body(const Body& body, std::set<std::string> bound, const Scope& outer,
                     std::vector<Need>& out) {
    std::vector<const Statement*> all;
    bound_statements(body, all);
    for (const Statement* s : all)
      for (const std::string* v : {&s->as, &s->error_as})
        if (!v->empty())
          bound.insert(*v);
    for (const auto& s : body)
      needs_in_statement(s, bound, outer, out);
  }
  static std::set<std::string> with(std::set<std::string> bound, std::initializer_list<std::string> names) {
    for (const auto& n : names)
      if (!n.empty())
        bound.insert(n);
    return bound;
  }
  void needs_in_statement(const Statement& s, const std::set<std::string>& bound, const Scope& outer,
                          std::vector<Need>& out) {
    auto messages = [&](const std::vector<workflow::ThrowSpec>& throws, const std::set<std::string>& b) {
      for (const auto& t : throws)
        needs_in_value(Json(t.error.message), b, outer, out);
    };
    switch (s.kind) {
    case K::Step: {
      auto b = with(bound, {"attempt"});
      needs_in_value(s.body.returns, b, outer, out);
      messages(s.body.throws, b);
      break;
    }
    case K::WaitForCallback: // the submitter's `returns` is only a comment
      messages(s.body.throws, with(bound, {"callback_id", "attempt"}));
      break;
    case K::AwaitCallback:
      if (!bound.count(s.callback_var) && outer.find(s.callback_var))
        if (Need n{s.callback_var, ""}; std::find(out.begin(), out.end(), n) == out.end())
          out.push_back(n);
      break;
    case K::WaitForCondition: {
      needs_in_value(s.initial_state, bound, outer, out);
      auto b = with(bound, {"state", "attempt"});
      needs_in_value(s.check_returns, b, outer, out);
      messages(s.check_throws, b);
      break;
    }
    case K::ChildContext:
      needs_in_body(s.children, bound, outer, out);
      break;
    case K::Parallel:
      for (const auto& b : s.branches)
        needs_in_body(b.body, bound, outer, out);
      break;
    case K::Map:
      needs_in_value(s.items, bound, outer, out);
      needs_in_body(s.children, with(bound, {s.item_as, s.index_as}), outer, out);
      break;
    case K::Invoke:
      needs_in_value(s.payload, bound, outer, out);
      break;
    case K::Try:
      needs_in_body(s.children, bound, outer, out);
      needs_in_body(s.catch_body, bound, outer, out);
      break;
    case K::If:
      needs_in_value(s.condition, bound, outer, out);
      needs_in_body(s.children, bound, outer, out);
      needs_in_body(s.else_body, bound, outer, out);
      break;
    case K::Log:
    case K::Return:
    case K::Let:
      needs_in_value(s.value, bound, outer, out);
      break;
    case K::Raise:
      needs_in_value(Json(s.error.message), bound, outer, out);
      break;
    case K::Wait:
    case K::CreateCallback:
      break;
    }
  }
  // A variable passed whole makes its members' needs redundant.
  static std::vector<Need> simplify(std::vector<Need> needs) {
    std::vector<Need> out;
    for (const Need& n : needs) {
      bool whole = false;
      for (const Need& m : needs)
        whole = whole || (m.root == n.root && m.key.empty());
      if (n.key.empty() || !whole)
        out.push_back(n);
    }
    return out;
  }

  // What the call site passes for a need, in the caller's scope.
  std::string argument(const Need& n, const Scope& outer) {
    if (!n.key.empty())
      if (const std::string* m = outer.member(n.root, n.key))
        return *m;
    const std::string* id = outer.find(n.root);
    std::string base = id ? *id : n.root == "input" ? "event" : "None";
    return n.key.empty() ? base : base + "[" + py_string(n.key) + "]";
  }

  // [SECTION] module-level functions

  struct Parameter {
    std::string base, annotation;
  };

  // Writes a module-level function for the body of `owner` and returns the arguments its call site passes
  // (one per need). `fixed` are the parameters the SDK passes; `write` writes the body given the function's
  // scope and the names of the fixed parameters.
  template <class Write>
  std::vector<std::string> module_function(const Statement& owner, const std::string& decorator,
                                           const std::string& fn, const std::vector<Parameter>& fixed,
                                           const std::vector<Need>& needs, const Scope& outer,
                                           Write&& write) {
    std::vector<std::string> args;
    for (const Need& n : needs)
      args.push_back(argument(n, outer));
    CodeWriter caller = std::move(w);
    w = CodeWriter(kPython.indent);
    std::set<std::string> locals;
    std::set<std::string>* caller_locals = m_locals;
    m_locals = &locals;

    Scope inner;
    std::vector<std::string> params, ids;
    for (const Parameter& p : fixed) {
      ids.push_back(local(p.base));
      params.push_back(p.annotation.empty() ? ids.back() : ids.back() + ": " + p.annotation);
    }
    for (const Need& n : needs) {
      std::string id = local(!n.key.empty() ? n.key : n.root == "input" ? "event" : n.root);
      params.push_back(id);
      if (!n.key.empty()) {
        inner.members[n.root + '\x01' + n.key] = id;
      } else {
        inner.vars[n.root] = id;
        if (outer.promise(n.root)) { // a Callback object: its id is an attribute
          inner.promises[n.root] = id;
          inner.members[n.root + std::string(1, '\x01') + "callback_id"] = id + ".callback_id";
        }
      }
    }
    if (!decorator.empty()) {
      root_imports.insert(decorator);
      w.line("@" + decorator);
    }
    w.line("def " + fn + "(" + comma_separated(params) + "):");
    w.indent();
    write(inner, ids);
    w.dedent();
    w.mark_body(owner.path, 1);
    w.line();
    w.line();
    defs.push_back(std::move(w));
    w = std::move(caller);
    m_locals = caller_locals;
    return args;
  }

  // The callable a durable call receives: the decorated function called with its arguments, the plain
  // function itself, or a lambda that adds the arguments to what the SDK passes.
  std::string callable(const std::string& fn, bool decorated, const std::vector<std::string>& sdk_params,
                       const std::vector<std::string>& args) {
    if (decorated)
      return fn + "(" + comma_separated(args) + ")";
    if (args.empty())
      return fn;
    std::vector<std::string> names;
    for (const auto& p : sdk_params)
      names.push_back(local(p));
    std::vector<std::string> all = names;
    all.insert(all.end(), args.begin(), args.end());
    return "lambda " + comma_separated(names) + ": " + fn + "(" + comma_separated(all) + ")";
  }

  // Writes a durable body (child context, branch, map item) with its own variables.
  void durable_body(const Body& body, Scope& inner, const std::string& ctx) {
    bind_all(body, inner);
    int before = w.next_line();
    statements(body, inner, ctx);
    if (w.next_line() == before)
      w.line("return None");
  }

  // [SECTION] durable calls

  std::string duration(double seconds) override {
    use_duration = true;
    if (seconds == static_cast<double>(static_cast<int64_t>(seconds)))
      return "Duration.from_seconds(" + std::to_string(static_cast<int64_t>(seconds)) + ")";
    return "Duration.from_seconds(" + number_text(seconds, IdentStyle::Python) + ")";
  }
  std::string duration(int64_t seconds) override { return duration(static_cast<double>(seconds)); }

  std::string config(const char* python_class, const std::vector<std::string>& fields) override {
    config_imports.insert(python_class);
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
  std::string catch_variable() override { return local("error"); }

  // ", config=Class(...)" when the document sets a field, else "".
  std::string config_arg(const char* python_class, const std::vector<std::string>& fields) {
    return fields.empty() ? "" : ", config=" + config(python_class, fields);
  }

  static std::string name_kw(const Statement& s) {
    return s.name ? "name=" + py_string(*s.name) : "name=None";
  }
  // ", name=..." unless the decorated function's name already is the operation's name (the SDK names the
  // operation after the function, `_resolve_step_name`) or the operation has none.
  static std::string name_arg(const Statement& s, const std::string& fn) {
    return !s.name || *s.name == fn ? "" : ", name=" + py_string(*s.name);
  }

  void step(const Statement& s, Scope& scope, const std::string& ctx) override {
    const std::string& fn = m_fn.at(&s);
    // @durable_step names the step after its function, so an unnamed step's function stays undecorated.
    bool decorated = s.name.has_value();
    std::vector<Need> needs;
    needs_in_statement(s, {}, scope, needs);
    root_imports.insert("StepContext");
    auto args = module_function(
        s, decorated ? "durable_step" : "", fn, {{"step_context", "StepContext"}}, simplify(needs), scope,
        [&](Scope& inner, const std::vector<std::string>& ids) {
          std::string attempt = ids[0] + ".attempt";
          inner.special["attempt"] = attempt;
          w.line("# " + work_comment(s));
          throws(s.body, inner, attempt);
          if (!always_throws(s.body))
            w.line("return " + (s.body.has_returns ? value(s.body.returns, inner) : std::string("None")));
        });
    std::string cfg = config_arg("StepConfig", step_fields(s));
    w.line(assign(s, scope) + ctx + ".step(" + callable(fn, decorated, {"step_context"}, args) +
           name_arg(s, decorated ? fn : "") + cfg + ")");
  }

  void wait(const Statement& s, const std::string& ctx) override {
    w.line(ctx + ".wait(" + duration(s.wait_seconds) + (s.name ? ", " + name_kw(s) : "") + ")");
  }

  void create_callback(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::string cfg = config_arg("CallbackConfig", callback_fields(s));
    w.line(assign(s, scope) + ctx + ".create_callback(" + name_kw(s) + cfg + ")");
    if (!s.as.empty()) { // the Callback object: `${x.callback_id}` is its attribute
      const std::string& id = *scope.find(s.as);
      scope.promises[s.as] = id;
      scope.members[s.as + std::string(1, '\x01') + "callback_id"] = id + ".callback_id";
    }
  }

  void await_callback(const Statement& s, Scope& scope) override {
    const std::string* cb = scope.find(s.callback_var);
    std::string got = (cb ? *cb : std::string("None")) + ".result()";
    if (s.parse_json) {
      use_json = true;
      got = "json.loads(" + got + ")";
    }
    w.line(assign(s, scope) + got);
  }

  void wait_for_callback(const Statement& s, Scope& scope, const std::string& ctx) override {
    const std::string& fn = m_fn.at(&s);
    bool decorated = s.name.has_value();
    std::vector<Need> needs;
    needs_in_statement(s, {}, scope, needs);
    auto args = module_function(
        s, decorated ? "durable_wait_for_callback" : "", fn, {{"callback_id", ""}, {"submitter_context", ""}},
        simplify(needs), scope, [&](Scope& inner, const std::vector<std::string>& ids) {
          inner.special["callback_id"] = ids[0];
          w.line("# Send " + ids[0] +
                 " to the system that will answer (it calls SendDurableExecutionCallbackSuccess).");
          if (!s.body.throws.empty()) {
            uses.attempt_counter = true;
            std::string attempt = local("attempt");
            w.line(attempt + " = next_attempt(" + ids[0] + ")");
            inner.special["attempt"] = attempt;
            throws(s.body, inner, attempt);
          }
          if (s.body.has_returns)
            w.line("# The playground's simulated submitter returns " +
                   comment_text(literal_expr(s.body.returns, IdentStyle::Python)) + ".");
          w.line("return None");
        });
    std::string cfg = config_arg("WaitForCallbackConfig", wait_for_callback_fields(s));
    std::string call = ctx + ".wait_for_callback(" +
                       callable(fn, decorated, {"callback_id", "submitter_context"}, args) +
                       name_arg(s, decorated ? fn : "") + cfg + ")";
    if (s.parse_json)
      use_json = true;
    w.line(assign(s, scope) + (s.parse_json ? "json.loads(" + call + ")" : call));
  }

  void wait_for_condition(const Statement& s, Scope& scope, const std::string& ctx) override {
    const std::string& fn = m_fn.at(&s);
    std::vector<Need> needs;
    auto b = std::set<std::string>{"state", "attempt"};
    needs_in_value(s.check_returns, b, scope, needs);
    for (const auto& t : s.check_throws)
      needs_in_value(Json(t.error.message), b, scope, needs);
    auto args = module_function(
        s, "", fn, {{"state", ""}, {"check_context", ""}}, simplify(needs), scope,
        [&](Scope& check, const std::vector<std::string>& ids) {
          check.special["state"] = ids[0];
          w.line("# Check the real condition here and return the new state.");
          std::string returns_text = json_text(s.check_returns);
          if (returns_text.find("${attempt") != std::string::npos || !s.check_throws.empty()) {
            // The Python check context carries no attempt number (WaitForConditionCheckContext has only
            // a logger).
            uses.attempt_counter = true;
            std::string attempt = local("attempt");
            w.line(attempt + " = next_attempt(" + py_string("condition " + (s.name ? *s.name : fn)) + ")");
            check.special["attempt"] = attempt;
          }
          workflow::StepBody check_body;
          check_body.throws = s.check_throws;
          throws(check_body, check, check.special.count("attempt") ? check.special["attempt"] : "1");
          w.line("return " + value(s.check_returns, check));
        });
    std::vector<std::string> fields{"should_continue_polling=lambda state: True"};
    for (std::string& f : backoff_fields(s.wait_strategy))
      fields.push_back(std::move(f));
    std::string strategy = "create_wait_strategy(WaitStrategyConfig(" + comma_separated(fields) + "))";
    uses.wait_strategy = true;
    std::string wait_strategy;
    if (s.done_when_condition.is_null()) {
      uses.until_attempt = true;
      w.line("# The playground's condition is met on attempt " + std::to_string(s.done_when_attempt) + ".");
      wait_strategy = "until_attempt(" + std::to_string(s.done_when_attempt) + ", " + strategy + ")";
    } else {
      // done_when over the state: the strategy stops polling when the condition holds on the new state.
      uses.until_done = true;
      Scope done{&scope, {}, {}, {{"state", "state"}, {"attempt", "attempts_made"}}};
      std::string cond = condition(s.done_when_condition, done);
      if (s.done_when_attempt > 0)
        cond = "attempts_made >= " + std::to_string(s.done_when_attempt) + " or " + cond;
      wait_strategy = "until_done(lambda state, attempts_made: " + cond + ", " + strategy + ")";
    }
    w.line(assign(s, scope) + ctx + ".wait_for_condition(");
    w.indent();
    w.line(callable(fn, false, {"state", "check_context"}, args) + ",");
    w.line("config=WaitForConditionConfig(");
    w.line("    initial_state=" + value(s.initial_state, scope) + ",");
    w.line("    wait_strategy=" + wait_strategy + ",");
    w.line("),");
    w.line(name_kw(s) + ",");
    w.dedent();
    w.line(")");
  }

  void child_context(const Statement& s, Scope& scope, const std::string& ctx) override {
    const std::string& fn = m_fn.at(&s);
    bool decorated = s.name.has_value();
    std::vector<Need> needs;
    needs_in_body(s.children, {}, scope, needs);
    auto args = module_function(
        s, decorated ? "durable_with_child_context" : "", fn, {{"child_context", "DurableContext"}},
        simplify(needs), scope,
        [&](Scope& inner, const std::vector<std::string>& ids) { durable_body(s.children, inner, ids[0]); });
    w.line(assign(s, scope) + ctx + ".run_in_child_context(" +
           callable(fn, decorated, {"child_context"}, args) + name_arg(s, decorated ? fn : "") + ")");
  }

  void parallel(const Statement& s, Scope& scope, const std::string& ctx) override {
    std::vector<std::string> branches;
    for (const auto& b : s.branches) {
      const std::string& fn = m_branch_fn.at(&b);
      std::vector<Need> needs;
      needs_in_body(b.body, {}, scope, needs);
      // The SDK names a branch only through ParallelBranch, so the decorator's name changes nothing here.
      auto args = module_function(
          s, "durable_with_child_context", fn, {{"branch_context", "DurableContext"}}, simplify(needs), scope,
          [&](Scope& inner, const std::vector<std::string>& ids) { durable_body(b.body, inner, ids[0]); });
      std::string call = fn + "(" + comma_separated(args) + ")";
      if (b.name) {
        config_imports.insert("ParallelBranch");
        call = "ParallelBranch(" + call + ", name=" + py_string(*b.name) + ")";
      }
      branches.push_back(call);
    }
    need_batch_view = need_batch_view || !s.as.empty();
    w.line(assign(s, scope) + (s.as.empty() ? "" : "batch_view(") + ctx + ".parallel(");
    w.indent();
    w.line("[");
    for (const auto& b : branches)
      w.line(kPython.indent + b + ",");
    w.line("],");
    w.line(name_kw(s) + ",");
    w.line("config=" + config("ParallelConfig", batch_fields(s)) + ",");
    w.dedent();
    w.line(s.as.empty() ? ")" : "))");
  }

  void map(const Statement& s, Scope& scope, const std::string& ctx) override {
    const std::string& fn = m_fn.at(&s);
    std::vector<Need> needs;
    needs_in_body(s.children, {s.item_as, s.index_as}, scope, needs);
    std::string index = s.index_as.empty() ? "index" : s.index_as;
    auto args = module_function(
        s, "", fn, {{"item_context", "DurableContext"}, {s.item_as, ""}, {index, ""}, {"items", ""}},
        simplify(needs), scope, [&](Scope& inner, const std::vector<std::string>& ids) {
          inner.vars[s.item_as] = ids[1];
          if (!s.index_as.empty())
            inner.vars[s.index_as] = ids[2];
          durable_body(s.children, inner, ids[0]);
        });
    need_batch_view = need_batch_view || !s.as.empty();
    std::string call = ctx + ".map(" + value(s.items, scope) + ", " +
                       callable(fn, false, {"item_context", s.item_as, index, "items"}, args) + ", " +
                       name_kw(s) + ", config=" + config("MapConfig", batch_fields(s)) + ")";
    w.line(assign(s, scope) + (s.as.empty() ? call : "batch_view(" + call + ")"));
  }

  void invoke(const Statement& s, Scope& scope, const std::string& ctx) override {
    w.line(assign(s, scope) + ctx + ".invoke(FUNCTION_IDS[" + py_string(s.function) + "], " +
           value(s.payload, scope) + ", " + name_kw(s) + ")");
  }
};

// [SECTION] file: the imports and helpers the code uses, then the functions, then the handler

// "from M import A, B" on one line when it fits, else one name a line (the SDK's examples' layout).
void import_line(CodeWriter& head, const std::string& module, const std::vector<std::string>& names,
                 bool always_wrap) {
  if (names.empty())
    return;
  std::string one = "from " + module + " import " + comma_separated(names);
  if (!always_wrap && one.size() <= 100) {
    head.line(one);
    return;
  }
  head.line("from " + module + " import (");
  for (const auto& n : names)
    head.line("    " + n + ",");
  head.line(")");
}

// Classes, then functions, each alphabetically (ruff's isort order).
std::vector<std::string> sorted_names(const std::set<std::string>& names) {
  std::vector<std::string> classes, functions;
  for (const auto& n : names)
    (n[0] >= 'A' && n[0] <= 'Z' ? classes : functions).push_back(n);
  classes.insert(classes.end(), functions.begin(), functions.end());
  return classes;
}

} // namespace

GeneratedHandler generate_python_handler(const workflow::Document& doc) {
  PythonHandler g;
  g.name_functions(doc.handler);
  g.enter_handler();
  Scope root;
  g.w.line("@durable_execution");
  g.w.line("def lambda_handler(event, context: DurableContext):");
  g.w.indent();
  g.bind_all(doc.handler, root);
  g.statements(doc.handler, root, "context");
  if (doc.handler.empty())
    g.w.line("return None");
  g.w.dedent();

  g.root_imports.insert("DurableContext");
  g.root_imports.insert("durable_execution");
  if (g.use_duration)
    g.config_imports.insert("Duration");
  if (g.uses.step_semantics)
    g.config_imports.insert("StepSemantics");
  if (g.uses.jitter)
    g.config_imports.insert("JitterStrategy");
  if (g.uses.flat_nesting)
    g.config_imports.insert("NestingType");
  // config() names every config class it writes; these live in other modules, imported below.
  for (const char* elsewhere : {"RetryStrategyConfig", "WaitForConditionConfig", "WaitStrategyConfig"})
    g.config_imports.erase(elsewhere);
  bool text_of = g.uses.text_of;

  CodeWriter head("    ");
  head.line("\"\"\"Durable handler for the workflow " + py_docstring_text(doc.name) +
            ", exported by Durable Playground.");
  head.line();
  if (!doc.description.empty())
    head.line(py_docstring_text(doc.description));
  head.line("Each step returns what the playground simulated; put the real work where the comments say.");
  head.line("\"\"\"");
  head.line();
  std::vector<std::string> stdlib;
  if (g.use_json || text_of)
    stdlib.push_back("json");
  if (!g.invoked.empty())
    stdlib.push_back("os");
  if (g.uses.random)
    stdlib.push_back("random");
  if (g.uses.now)
    stdlib.push_back("time");
  if (g.uses.uuid)
    stdlib.push_back("uuid");
  for (const auto& module : stdlib)
    head.line("import " + module);
  if (!stdlib.empty())
    head.line();
  import_line(head, "aws_durable_execution_sdk_python", sorted_names(g.root_imports), true);
  import_line(head, "aws_durable_execution_sdk_python.config", sorted_names(g.config_imports), false);
  std::set<std::string> retries;
  if (g.uses.retry_strategy)
    retries.insert({"RetryStrategyConfig", "create_retry_strategy"});
  if (g.uses.retry_presets)
    retries.insert("RetryPresets");
  import_line(head, "aws_durable_execution_sdk_python.retries", sorted_names(retries), false);
  if (g.uses.wait_strategy)
    import_line(
        head, "aws_durable_execution_sdk_python.waits",
        {"WaitForConditionConfig", "WaitForConditionDecision", "WaitStrategyConfig", "create_wait_strategy"},
        false);
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
  if (text_of) {
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
    head.line("    \"\"\"What an except block sees of a durable error: its type and message.\"\"\"");
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
  if (g.uses.until_done) {
    head.line("def until_done(done, strategy):");
    head.line("    \"\"\"Stops polling once done(state, attempts_made) holds, else asks the strategy.\"\"\"");
    head.line("    def decide(state, attempts_made):");
    head.line("        if done(state, attempts_made):");
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
  std::vector<const CodeWriter*> pieces{&head};
  for (const CodeWriter& d : g.defs)
    pieces.push_back(&d);
  pieces.push_back(&g.w);
  GeneratedHandler out = HandlerWalk::assemble(pieces);
  out.invoked_functions = g.invoked;
  return out;
}

} // namespace dp::exporter
