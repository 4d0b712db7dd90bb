#include "engine/value_trace.hpp"

#include <map>

namespace dp::engine {
namespace {

std::string text_member(const Json& data, std::string_view key) {
  const Json* v = find_member(data, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

// What a ValueComputed entry computed: a let's value, else its calls and the condition they decided.
Json computed(const Json& data) {
  if (find_member(data, "Variable")) {
    const Json* v = find_member(data, "Value");
    return v ? *v : Json();
  }
  Json out = Json::object();
  for (const char* key : {"Calls", "Condition"})
    if (const Json* v = find_member(data, key))
      out[key] = *v;
  return out;
}

} // namespace

std::vector<ValueChange> value_changes(const std::vector<TraceEvent>& trace, const std::string& arn) {
  std::vector<ValueChange> out;
  std::map<std::string, size_t> last; // place -> the latest entry that computed it
  for (size_t i = 0; i < trace.size(); ++i) {
    const TraceEvent& t = trace[i];
    if (t.kind != TraceKind::ValueComputed || t.execution_arn != arn || !t.data.is_object())
      continue;
    std::string key = text_member(t.data, "Key");
    if (key.empty())
      continue;
    auto it = last.find(key);
    // Only across invocations: one invocation reaches a place once (bodies have no loops).
    if (it != last.end() && trace[it->second].invocation != t.invocation) {
      const TraceEvent& before = trace[it->second];
      ValueChange c;
      c.event = i;
      c.previous_event = it->second;
      c.invocation = t.invocation;
      c.previous_invocation = before.invocation;
      c.statement = text_member(t.data, "Statement");
      c.variable = text_member(t.data, "Variable");
      c.previous = computed(before.data);
      c.value = computed(t.data);
      c.changed = c.previous != c.value;
      out.push_back(std::move(c));
    }
    last[key] = i;
  }
  return out;
}

} // namespace dp::engine
