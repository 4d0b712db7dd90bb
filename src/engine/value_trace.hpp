// Values computed outside steps, paired across invocations: for each TraceKind::ValueComputed entry, the
// entry of the same place (statement and durable context) in the execution's previous invocation that
// reached it, and whether the value differs. This is what the narration tells ("order_ref is a new value on
// this replay: uuid() ran again outside a step") and what the determinism lessons check.
#pragma once

#include <string>
#include <vector>

#include "engine/trace.hpp"

namespace dp::engine {

struct ValueChange {
  size_t event = 0;            // index in the trace of the later ValueComputed entry
  size_t previous_event = 0;   // index of the earlier one
  int invocation = 0;          // the later entry's invocation
  int previous_invocation = 0; // the earlier entry's invocation
  std::string statement;       // "$.handler[0]"
  std::string variable;        // the let's variable; "" for a log, if, return ... that called a function
  Json previous;               // a let's value; otherwise {"Calls": [...], "Condition": ...}
  Json value;
  bool changed = false;
};

// Every ValueComputed entry of the execution that has an earlier one for the same place, in trace order.
std::vector<ValueChange> value_changes(const std::vector<TraceEvent>& trace, const std::string& arn);

} // namespace dp::engine
