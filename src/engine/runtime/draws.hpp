// ${random()}, ${uuid()} and ${now()} as the simulated handler evaluates them (workflow-format.md "Values
// outside steps"). A draw is a pure function of the document's seed, the invocation number and the place of
// the call: a key naming where it is (a statement outside any step, in its durable context; or one attempt
// of a step body) and the call's order there. So the same document and seed give the same values natively
// and in wasm, while a statement outside a step draws again on every invocation (a replay sees a new value,
// the bug the determinism lab shows) and a step body's values reach replays only through its checkpoint.
#pragma once

#include <string>

#include "base/json.hpp"
#include "engine/runtime/invocation.hpp"
#include "workflow/value_template.hpp"

namespace dp::engine::runtime {

class ValueDraws final : public workflow::FunctionSource {
public:
  ValueDraws(const Invocation& inv, std::string key) : m_inv(inv), m_key(std::move(key)) {}
  Json call(workflow::ValueFunction f) override;

  const std::string& key() const { return m_key; }
  // What was drawn, in order: [{"Function": "uuid", "Value": "..."}, ...]; empty when nothing was called.
  const Json& calls() const { return m_calls; }
  bool called() const { return !m_calls.empty(); }

private:
  const Invocation& m_inv;
  std::string m_key;
  uint64_t m_count = 0;
  Json m_calls = Json::array();
};

// The place of a statement outside any step. The durable context is part of it: a map item or parallel
// branch runs the same statement in its own context, and the context id is the same on every invocation.
std::string outside_key(const Invocation& inv, const ContextFrame& frame, const workflow::Statement& s);
// The place of one attempt of a step body (or a wait_for_condition check, or a callback submitter).
std::string body_key(const Invocation& inv, const std::string& op_id, int attempt);

// Records in the trace a value plain handler code computed outside a step (TraceKind::ValueComputed): every
// `let`, any other statement whose values called a function, and an `if` that reads a let's variable.
// `bound` is the let's value; `condition` an `if`'s outcome (null otherwise), so a branch that flips on
// replay can be explained.
void trace_outside_value(Invocation& inv, const workflow::Statement& s, const ValueDraws& draws,
                         const Json* bound, const Json& condition = Json());

} // namespace dp::engine::runtime
