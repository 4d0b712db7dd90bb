// Internal: what the narration reads besides the trace, shaped for sentences: durations and clock times in
// words, values and errors as short text, operation labels, the document's statements by name, and the
// history events a sentence links to.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/service.hpp"
#include "explain/words.hpp"

namespace dp::explain {

// "450 ms", "10 s", "2 min 30 s", "1 h", "1 d 2 h".
std::string duration_text(const Words& w, int64_t ms);
// A value as the wording's SDK language writes JSON, cut to about 80 characters.
std::string value_text(const Json& value, workflow::Flavor wording);
// A stored payload (JSON text in the execution's serialization) as a short value; "" when absent.
std::string payload_text(const std::optional<std::string>& payload, workflow::Flavor stored,
                         workflow::Flavor wording);
// An ErrorObject as JSON ({"ErrorType", "ErrorMessage"}) in words: TimeoutError ("bureau C is slow").
std::string error_text(const Json& error);
// A string member of a JSON object ("" when absent or not a string).
std::string member_text(const Json& object, std::string_view key);
// An integer member (or `fallback`).
int64_t member_int(const Json& object, std::string_view key, int64_t fallback);

// An OperationUpdate as the trace stores it (aws_shapes to_json), read in one pass over its members: a
// story reads about ten fields of every checkpoint, and a lookup by key walks the object each time.
struct UpdateView {
  std::string_view id, name, type, sub_type, action;
  const Json* payload = nullptr;
  const Json* error = nullptr;
  const Json* step_options = nullptr;
};
UpdateView read_update(const Json& update);

// What a learner calls an operation: "step", "wait", "parallel branch" ...
const char* kind_word(const Words& w, const engine::Operation* op);
// A name, or "the unnamed wait" for an unnamed operation.
std::string operation_label(const Words& w, const engine::Operation* op, std::string_view name);
// The same inside a list: "an unnamed wait".
std::string list_label(const Words& w, const engine::Operation* op, std::string_view name);

// The document's statements by operation name (the handler and its simulation.edits; first one wins).
class Statements {
public:
  explicit Statements(const workflow::Document& doc);
  const workflow::Statement* find(std::string_view name) const;

private:
  void add(const workflow::Body& body);
  std::unordered_map<std::string, const workflow::Statement*> m_by_name;
};

// The execution's history events, looked up by (operation id, event type) in order: each sentence takes
// the next event of its key, so the n-th StepStarted of an operation links to the n-th sentence about it.
class HistoryIndex {
public:
  explicit HistoryIndex(const engine::Execution& e);
  std::optional<int64_t> take(std::string_view op_id, std::string_view type);
  // Operations whose chained invoke completed in (after, upto]: what woke an execution when no trace entry
  // says (the service traces no entry for an invoke's completion).
  std::vector<std::string> invokes_completed(int64_t after, int64_t upto) const;

private:
  // An event not linked yet; the views point into the execution's events.
  struct Slot {
    std::string_view type;
    int64_t event_id;
    bool taken;
  };
  const engine::Execution& m_execution;
  std::unordered_map<std::string_view, std::vector<Slot>> m_by_op; // "" for execution-level events
};

} // namespace dp::explain
