#include "explain/facts.hpp"

#include "base/json_text.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::explain {

namespace {

constexpr size_t kMaxValueChars = 80;

std::string shorten(std::string s) {
  if (s.size() <= kMaxValueChars)
    return s;
  size_t cut = kMaxValueChars - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut; // never inside a UTF-8 sequence
  s.resize(cut);
  return s + "…";
}

std::string number(int64_t n) {
  return std::to_string(n);
}

} // namespace

std::string duration_text(const Words& w, int64_t ms) {
  auto unit = [&](Phrase p, int64_t n) { return fill(phrase(w, p), {{"n", number(n)}}); };
  if (ms < 1000)
    return unit(Phrase::Milliseconds, ms);
  if (ms < 60'000) {
    if (ms % 1000 == 0)
      return unit(Phrase::Seconds, ms / 1000);
    std::string s = std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100);
    return fill(phrase(w, Phrase::Seconds), {{"n", s}});
  }
  struct Step {
    int64_t size;
    Phrase big, small;
    int64_t small_size;
  };
  const Step steps[] = {{86'400'000, Phrase::Days, Phrase::Hours, 3'600'000},
                        {3'600'000, Phrase::Hours, Phrase::Minutes, 60'000},
                        {60'000, Phrase::Minutes, Phrase::Seconds, 1000}};
  for (const Step& s : steps) {
    if (ms < s.size)
      continue;
    std::string out = unit(s.big, ms / s.size);
    int64_t rest = ms % s.size / s.small_size;
    if (rest > 0)
      out += " " + unit(s.small, rest);
    return out;
  }
  return unit(Phrase::Milliseconds, ms);
}

std::string value_text(const Json& value, workflow::Flavor wording) {
  return shorten(wording == workflow::Flavor::Python ? to_python_json(value) : to_js_json(value));
}

std::string payload_text(const std::optional<std::string>& payload, workflow::Flavor stored,
                         workflow::Flavor wording) {
  if (!payload)
    return value_text(Json(nullptr), wording);
  auto value = engine::runtime::deserialize_result(stored, payload);
  if (!value.ok())
    return shorten(*payload);
  return value_text(*value, wording);
}

std::string member_text(const Json& object, std::string_view key) {
  const Json* v = object.is_object() ? find_member(object, key) : nullptr;
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

int64_t member_int(const Json& object, std::string_view key, int64_t fallback) {
  const Json* v = object.is_object() ? find_member(object, key) : nullptr;
  if (v && v->is_number_integer())
    return v->get<int64_t>();
  if (v && v->is_number_float())
    return static_cast<int64_t>(v->get<double>());
  return fallback;
}

std::string error_text(const Json& error) {
  std::string type = member_text(error, "ErrorType");
  std::string message = member_text(error, "ErrorMessage");
  if (type.empty())
    type = "Error";
  if (message.empty())
    return type;
  return type + " (\"" + shorten(message) + "\")";
}

UpdateView read_update(const Json& update) {
  UpdateView v;
  if (!update.is_object())
    return v;
  for (auto it = update.begin(); it != update.end(); ++it) {
    const std::string& key = it.key();
    const Json& value = it.value();
    auto text = [&]() {
      return value.is_string() ? std::string_view(value.get_ref<const std::string&>()) : "";
    };
    if (key == "Id")
      v.id = text();
    else if (key == "Name")
      v.name = text();
    else if (key == "Type")
      v.type = text();
    else if (key == "SubType")
      v.sub_type = text();
    else if (key == "Action")
      v.action = text();
    else if (key == "Payload")
      v.payload = &value;
    else if (key == "Error")
      v.error = &value;
    else if (key == "StepOptions")
      v.step_options = &value;
  }
  return v;
}

const char* kind_word(const Words& w, const engine::Operation* op) {
  if (!op)
    return w.operation_word;
  const std::string sub = op->sub_type.value_or("");
  switch (op->type) {
  case engine::OperationType::Step:
    return sub == engine::subtype::kWaitForCondition ? w.condition_word : w.step_word;
  case engine::OperationType::Wait:
    return w.wait_word;
  case engine::OperationType::Callback:
    return w.callback_word;
  case engine::OperationType::ChainedInvoke:
    return w.invoke_word;
  case engine::OperationType::Context:
    if (sub == engine::subtype::kParallel)
      return w.parallel_word;
    if (sub == engine::subtype::kParallelBranch)
      return w.branch_word;
    if (sub == engine::subtype::kMap)
      return w.map_word;
    if (sub == engine::subtype::kMapIteration)
      return w.item_word;
    if (sub == engine::subtype::kWaitForCallback)
      return w.wait_for_callback_word;
    return w.child_context_word;
  case engine::OperationType::Execution:
    return w.operation_word;
  }
  return w.operation_word;
}

std::string operation_label(const Words& w, const engine::Operation* op, std::string_view name) {
  if (!name.empty())
    return std::string(name);
  return fill(phrase(w, Phrase::Unnamed), {{"what", kind_word(w, op)}});
}

std::string list_label(const Words& w, const engine::Operation* op, std::string_view name) {
  if (!name.empty())
    return std::string(name);
  return fill(phrase(w, Phrase::UnnamedInList), {{"what", kind_word(w, op)}});
}

// [SECTION] statements by name

Statements::Statements(const workflow::Document& doc) {
  add(doc.handler);
  for (const auto& edit : doc.simulation.edits)
    add(edit.handler);
}

void Statements::add(const workflow::Body& body) {
  for (const auto& s : body) {
    if (s.name)
      m_by_name.emplace(*s.name, &s);
    add(s.children);
    add(s.catch_body);
    add(s.else_body);
    for (const auto& b : s.branches)
      add(b.body);
  }
}

const workflow::Statement* Statements::find(std::string_view name) const {
  if (name.empty())
    return nullptr;
  auto it = m_by_name.find(std::string(name));
  return it == m_by_name.end() ? nullptr : it->second;
}

// [SECTION] history events

HistoryIndex::HistoryIndex(const engine::Execution& e) : m_execution(e) {
  m_by_op.reserve(e.op_order.size() + 1);
  for (const auto& ev : e.events)
    m_by_op[ev.id ? std::string_view(*ev.id) : std::string_view()].push_back(
        Slot{ev.event_type, ev.event_id, false});
}

std::optional<int64_t> HistoryIndex::take(std::string_view op_id, std::string_view type) {
  auto it = m_by_op.find(op_id);
  if (it == m_by_op.end())
    return std::nullopt;
  for (Slot& s : it->second)
    if (!s.taken && s.type == type) {
      s.taken = true;
      return s.event_id;
    }
  return std::nullopt;
}

std::vector<std::string> HistoryIndex::invokes_completed(int64_t after, int64_t upto) const {
  std::vector<std::string> out;
  for (const auto& ev : m_execution.events)
    if (ev.event_timestamp > after && ev.event_timestamp <= upto && ev.id &&
        ev.event_type.rfind("ChainedInvoke", 0) == 0 && ev.event_type != "ChainedInvokeStarted")
      out.push_back(*ev.id);
  return out;
}

} // namespace dp::explain
