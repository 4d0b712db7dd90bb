// The statement interpreter: runs a handler body from the top on every invocation (that is replay),
// dispatching durable statements to their handlers and evaluating control flow (if, try, return, raise).
#include "engine/runtime/handlers.hpp"

namespace dp::engine::runtime {
namespace {

// Evaluates an `if` condition: a boolean, a reference to one, {"equals": [A, B]} or {"not": C}.
Result<bool> evaluate(const Json& cond, const Scope& scope, const std::string& path) {
  if (cond.is_object()) {
    if (const Json* eq = find_member(cond, "equals")) {
      auto a = workflow::render((*eq)[0], scope);
      auto b = workflow::render((*eq)[1], scope);
      if (!a.ok())
        return a.error();
      if (!b.ok())
        return b.error();
      return *a == *b;
    }
    if (const Json* n = find_member(cond, "not")) {
      auto inner = evaluate(*n, scope, path);
      if (!inner.ok())
        return inner.error();
      return !*inner;
    }
  }
  auto v = workflow::render(cond, scope);
  if (!v.ok())
    return v.error();
  if (!v->is_boolean())
    return Error{path, std::string("the condition must evaluate to true or false, got ") + v->type_name() +
                           " " + workflow::text_of(*v)};
  return v->get<bool>();
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
      auto cond = evaluate(s.condition, scope, s.path);
      if (!cond.ok())
        co_return Flow::raised(render_error("TypeError", "in " + s.path + ": " + cond.error().message));
      Flow flow = co_await run_body(*cond ? s.children : s.else_body, frame, scope);
      if (flow.kind != Flow::Kind::Normal)
        co_return flow;
      continue;
    }
    case K::Log: {
      auto text = workflow::render(s.value, scope);
      if (!text.ok())
        co_return Flow::raised(render_error(python ? "NameError" : "ReferenceError",
                                            "in " + s.path + ": " + text.error().message));
      log_line(workflow::text_of(*text), frame);
      continue;
    }
    case K::Return: {
      auto value = workflow::render(s.value, scope);
      if (!value.ok())
        co_return Flow::raised(render_error(python ? "NameError" : "ReferenceError",
                                            "in " + s.path + ": " + value.error().message));
      co_return Flow::returned(*value);
    }
    case K::Raise: {
      auto message = workflow::render(Json(s.error.message), scope);
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
