// The statement interpreter: runs a handler body from the top on every invocation (that is replay),
// dispatching durable statements to their handlers and evaluating control flow (if, try, return, raise).
#include "engine/runtime/draws.hpp"
#include "engine/runtime/handlers.hpp"

namespace dp::engine::runtime {
namespace {

// less_than / greater_than: both sides must be numbers (as in Python, where comparing a string with a number
// raises; JavaScript would coerce, the playground refuses). Integers compare exactly.
Result<bool> compare(const Json& operands, bool less, const Scope& scope, workflow::FunctionSource* functions,
                     const std::string& path) {
  const char* name = less ? "less_than" : "greater_than";
  Json side[2];
  for (size_t i = 0; i < 2; ++i) {
    auto v = workflow::render(operands[i], scope, functions);
    if (!v.ok())
      return v.error();
    if (!v->is_number())
      return Error{path, std::string(name) + " compares numbers, but " + workflow::text_of(operands[i]) +
                             " is " + v->type_name() + " " + workflow::text_of(*v)};
    side[i] = std::move(*v);
  }
  if (side[0].is_number_integer() && side[1].is_number_integer()) {
    int64_t a = side[0].get<int64_t>(), b = side[1].get<int64_t>();
    return less ? a < b : a > b;
  }
  double a = side[0].get<double>(), b = side[1].get<double>();
  return less ? a < b : a > b;
}

} // namespace

// Evaluates an `if` condition: a boolean, a reference to one, {"equals": [A, B]}, {"less_than": [A, B]},
// {"greater_than": [A, B]} or {"not": C}.
Result<bool> evaluate_condition(const Json& cond, const Scope& scope, workflow::FunctionSource* functions,
                                const std::string& path) {
  if (cond.is_object()) {
    if (const Json* eq = find_member(cond, "equals")) {
      auto a = workflow::render((*eq)[0], scope, functions);
      auto b = workflow::render((*eq)[1], scope, functions);
      if (!a.ok())
        return a.error();
      if (!b.ok())
        return b.error();
      return *a == *b;
    }
    if (const Json* lt = find_member(cond, "less_than"))
      return compare(*lt, true, scope, functions, path);
    if (const Json* gt = find_member(cond, "greater_than"))
      return compare(*gt, false, scope, functions, path);
    if (const Json* n = find_member(cond, "not")) {
      auto inner = evaluate_condition(*n, scope, functions, path);
      if (!inner.ok())
        return inner.error();
      return !*inner;
    }
  }
  auto v = workflow::render(cond, scope, functions);
  if (!v.ok())
    return v.error();
  if (!v->is_boolean())
    return Error{path, std::string("the condition must evaluate to true or false, got ") + v->type_name() +
                           " " + workflow::text_of(*v)};
  return v->get<bool>();
}

namespace {

// True when a condition refers to a variable a `let` bound (a value that may differ on replay).
bool reads_let(const Json& condition, const std::set<std::string>& let_names) {
  if (let_names.empty())
    return false;
  auto roots = workflow::referenced_roots(condition);
  if (!roots.ok())
    return false;
  for (const auto& root : *roots)
    if (let_names.count(root))
      return true;
  return false;
}

} // namespace

DurableError render_error(const std::string& type, const std::string& message) {
  return DurableError{type, message, std::nullopt};
}

Task<Flow> Invocation::run_body(const workflow::Body& body, ContextFrame& frame, Scope& scope) {
  using K = workflow::StatementKind;
  bool python = m_flavor == workflow::Flavor::Python;
  for (const Statement& s : body) {
    if (m_finished)
      co_await Halt{*this};
    Outcome outcome;
    switch (s.kind) {
    case K::Step:
      outcome = co_await run_step(*this, s, frame, scope);
      break;
    case K::Wait:
      outcome = co_await run_wait(*this, s, frame);
      break;
    case K::CreateCallback:
      outcome = co_await run_create_callback(*this, s, frame);
      break;
    case K::AwaitCallback:
      outcome = co_await run_await_callback(*this, s, scope);
      break;
    case K::WaitForCallback:
      outcome = co_await run_wait_for_callback(*this, s, frame, scope);
      break;
    case K::WaitForCondition:
      outcome = co_await run_wait_for_condition(*this, s, frame, scope);
      break;
    case K::ChildContext:
      outcome = co_await run_child_context(*this, s, frame, scope);
      break;
    case K::Parallel:
    case K::Map:
      outcome = co_await run_concurrent(*this, s, frame, scope);
      break;
    case K::Invoke:
      outcome = co_await run_invoke(*this, s, frame, scope);
      break;
    case K::Try: {
      // Bindings made in try or catch stay visible afterwards, as in Python (same scope).
      Flow flow = co_await run_body(s.children, frame, scope);
      if (!flow.is_raise()) {
        if (flow.kind == Flow::Kind::Return)
          co_return flow;
        continue;
      }
      if (!s.error_as.empty())
        scope.bind(s.error_as, flow.error.to_json());
      Flow handled = co_await run_body(s.catch_body, frame, scope);
      if (handled.kind != Flow::Kind::Normal)
        co_return handled;
      continue;
    }
    case K::If: {
      ValueDraws draws(*this, outside_key(*this, frame, s));
      auto cond = evaluate_condition(s.condition, scope, &draws, s.path);
      if (!cond.ok())
        co_return Flow::raised(render_error("TypeError", "in " + s.path + ": " + cond.error().message));
      trace_outside_value(*this, s, draws, nullptr, reads_let(s.condition, let_names) ? Json(*cond) : Json());
      Flow flow = co_await run_body(*cond ? s.children : s.else_body, frame, scope);
      if (flow.kind != Flow::Kind::Normal)
        co_return flow;
      continue;
    }
    case K::Log: {
      ValueDraws draws(*this, outside_key(*this, frame, s));
      auto text = workflow::render(s.value, scope, &draws);
      if (!text.ok())
        co_return Flow::raised(render_error(python ? "NameError" : "ReferenceError",
                                            "in " + s.path + ": " + text.error().message));
      trace_outside_value(*this, s, draws, nullptr);
      log_line(workflow::text_of(*text), frame);
      continue;
    }
    case K::Return: {
      ValueDraws draws(*this, outside_key(*this, frame, s));
      auto value = workflow::render(s.value, scope, &draws);
      if (!value.ok())
        co_return Flow::raised(render_error(python ? "NameError" : "ReferenceError",
                                            "in " + s.path + ": " + value.error().message));
      trace_outside_value(*this, s, draws, nullptr);
      co_return Flow::returned(*value);
    }
    case K::Let: {
      // Plain code, not a durable call: nothing is checkpointed, so every invocation computes it afresh.
      ValueDraws draws(*this, outside_key(*this, frame, s));
      auto value = workflow::render(s.value, scope, &draws);
      if (!value.ok())
        co_return Flow::raised(render_error(python ? "NameError" : "ReferenceError",
                                            "in " + s.path + ": " + value.error().message));
      trace_outside_value(*this, s, draws, &*value);
      let_names.insert(s.as);
      scope.bind(s.as, std::move(*value));
      continue;
    }
    case K::Raise: {
      ValueDraws draws(*this, outside_key(*this, frame, s));
      auto message = workflow::render(Json(s.error.message), scope, &draws);
      trace_outside_value(*this, s, draws, nullptr);
      DurableError e{s.error.type, message.ok() ? workflow::text_of(*message) : s.error.message,
                     std::nullopt};
      if (s.error.data)
        e.data = s.error.data->dump();
      co_return Flow::raised(e);
    }
    }
    if (m_finished)
      co_await Halt{*this};
    co_await Yield{*this};
    if (!outcome.ok)
      co_return Flow::raised(outcome.error);
    if (!s.as.empty())
      scope.bind(s.as, outcome.value);
  }
  co_return Flow::normal();
}

} // namespace dp::engine::runtime
