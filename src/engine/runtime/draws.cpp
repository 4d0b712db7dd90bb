#include "engine/runtime/draws.hpp"

#include "base/json_text.hpp"
#include "base/random.hpp"
#include "workflow/value_template.hpp"

namespace dp::engine::runtime {

Json ValueDraws::call(workflow::ValueFunction f) {
  // The call's order within its place tells two calls of one statement apart ("${uuid()}-${uuid()}").
  std::string key = m_key + "#" + std::to_string(m_count++);
  uint64_t invocation = static_cast<uint64_t>(m_inv.index());
  Json value;
  switch (f) {
  case workflow::ValueFunction::Random:
    value = unit_random(m_inv.seed(), key, invocation);
    break;
  case workflow::ValueFunction::Uuid:
    value = random_uuid(m_inv.seed(), key, invocation);
    break;
  case workflow::ValueFunction::Now:
    value = m_inv.now(); // the virtual clock: a replay runs later, so it reads a later time
    break;
  case workflow::ValueFunction::None:
    break;
  }
  m_calls.push_back(Json{{"Function", workflow::function_name(f)}, {"Value", value}});
  return value;
}

std::string outside_key(const Invocation& inv, const ContextFrame& frame, const workflow::Statement& s) {
  // parent_op_id: a durable invoke target's execution numbers its contexts and statements like its caller.
  return "outside|" + inv.execution().parent_op_id + "|" + frame.parent_id.value_or("") + "|" + s.path;
}

std::string body_key(const Invocation& inv, const std::string& op_id, int attempt) {
  return "body|" + inv.execution().parent_op_id + "|" + op_id + "|" + std::to_string(attempt);
}

void trace_outside_value(Invocation& inv, const workflow::Statement& s, const ValueDraws& draws,
                         const Json* bound, const Json& condition) {
  if (!bound && !draws.called() && condition.is_null())
    return;
  Json data{{"Statement", s.path}, {"Key", draws.key()}};
  std::string text;
  if (bound) {
    data["Variable"] = s.as;
    data["Value"] = *bound;
    text = "let " + s.as + " = " + to_js_json(*bound);
  } else {
    text = std::string(workflow::statement_keyword(s.kind)) + " at " + s.path;
    for (size_t i = 0; i < draws.calls().size(); ++i)
      text += std::string(i ? ", " : " called ") + draws.calls()[i]["Function"].get<std::string>() +
              "() = " + to_js_json(draws.calls()[i]["Value"]);
  }
  if (draws.called())
    data["Calls"] = draws.calls();
  if (!condition.is_null()) {
    data["Condition"] = condition;
    text += std::string(" (the condition is ") + (condition.get<bool>() ? "true" : "false") + ")";
  }
  text += ": plain code outside a step, evaluated again on every invocation";
  inv.emit(TraceKind::ValueComputed, "", bound ? s.as : std::string(), std::move(text), std::move(data));
}

} // namespace dp::engine::runtime
