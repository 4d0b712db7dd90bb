#include "engine/replay_trace.hpp"

#include <algorithm>
#include <cstring>

namespace dp::engine {

namespace {
// A non-negative integer of a compact replay entry (built: signed; parsed back from text: unsigned).
std::optional<size_t> index_value(const Json& v) {
  if (v.is_number_unsigned())
    return v.get<size_t>();
  if (v.is_number_integer() && v.get<int64_t>() >= 0)
    return static_cast<size_t>(v.get<int64_t>());
  return std::nullopt;
}
} // namespace

std::vector<ReplayedOperation> replayed_operations(const TraceEvent& t, const Execution& execution) {
  std::vector<ReplayedOperation> out;
  if (t.kind != TraceKind::OperationReplayed)
    return out;
  const Json* ranges = t.data.is_object() ? find_member(t.data, "Replayed") : nullptr;
  if (!ranges || !ranges->is_array()) {
    // One operation per entry (the form traces stored before had).
    if (!t.operation_id.empty()) {
      std::string_view what = t.text;
      constexpr std::string_view kPrefix = "replayed ";
      if (what.substr(0, kPrefix.size()) == kPrefix)
        what.remove_prefix(kPrefix.size());
      out.push_back(ReplayedOperation{t.operation_id, t.name, what});
    }
    return out;
  }
  const Json* whats = find_member(t.data, "What");
  const Json* names = find_member(t.data, "Names");
  if (names && (!names->is_object() || names->empty()))
    names = nullptr;
  const size_t size = execution.op_order.size();
  out.reserve(std::min(replayed_count(t), size));
  for (const Json& r : *ranges) {
    if (!r.is_array() || r.size() < 2)
      continue;
    const std::optional<size_t> first = index_value(r[0]), count = index_value(r[1]);
    if (!first || !count || *first >= size)
      continue;
    const size_t end = *first + std::min(*count, size - *first);
    std::string_view what;
    const std::optional<size_t> w = r.size() > 2 ? index_value(r[2]) : std::nullopt;
    if (w && whats && whats->is_array() && *w < whats->size() && (*whats)[*w].is_string())
      what = (*whats)[*w].get_ref<const std::string&>();
    for (size_t i = *first; i < end; ++i) {
      const std::string& id = execution.op_order[i];
      const Operation* op = execution.op(id);
      std::string_view name = op && op->name ? std::string_view(*op->name) : std::string_view();
      if (names)
        if (const Json* n = find_member(*names, std::to_string(i)); n && n->is_string())
          name = n->get_ref<const std::string&>();
      out.push_back(ReplayedOperation{id, name, what});
    }
  }
  return out;
}

size_t replayed_count(const TraceEvent& t) {
  if (t.kind != TraceKind::OperationReplayed)
    return 0;
  const Json* ranges = t.data.is_object() ? find_member(t.data, "Replayed") : nullptr;
  if (!ranges || !ranges->is_array())
    return t.operation_id.empty() ? 0 : 1;
  size_t n = 0;
  for (const Json& r : *ranges)
    if (r.is_array() && r.size() >= 2)
      n += index_value(r[1]).value_or(0);
  return n;
}

std::optional<size_t> ReplayRunRecorder::index_of(const Execution& ex, const std::string& op_id) {
  Index& index = m_indexes[ex.arn];
  if (index.indexed > ex.op_order.size())
    index = Index{};
  for (; index.indexed < ex.op_order.size(); ++index.indexed)
    index.of.emplace(ex.op_order[index.indexed], index.indexed);
  auto it = index.of.find(op_id);
  if (it == index.of.end())
    return std::nullopt;
  return it->second;
}

bool ReplayRunRecorder::add(std::vector<TraceEvent>& trace, const Execution& execution, int64_t now,
                            const std::string& op_id, const std::string& name, const char* what,
                            const std::function<void(TraceEvent)>& record) {
  const Execution* ex = &execution;
  const TraceEvent* last = trace.empty() ? nullptr : &trace.back();
  const bool continuing = m_run.seq != 0 && last && last->seq == m_run.seq &&
                          last->kind == TraceKind::OperationReplayed && last->time_ms == now &&
                          m_run.invocation == ex->invocations.size() && last->execution_arn == ex->arn;
  // Replays mostly follow the start order: try the index after the last one before hashing.
  std::optional<size_t> index;
  if (continuing && m_run.next_index < ex->op_order.size() && ex->op_order[m_run.next_index] == op_id)
    index = m_run.next_index;
  else
    index = index_of(*ex, op_id);
  if (!index)
    return false; // not a stored operation (cannot happen for a replay): the per-operation form
  if (!continuing) {
    TraceEvent e;
    e.time_ms = now;
    e.execution_arn = ex->arn;
    e.invocation = static_cast<int>(ex->invocations.size());
    e.kind = TraceKind::OperationReplayed;
    e.text = "replayed operations from the checkpoint log";
    e.data = Json{{"Replayed", Json::array()}, {"What", Json::array()}};
    record(std::move(e));
    m_run = Run{trace.back().seq, ex->invocations.size(), 0, -1, {}};
  }
  Json& data = trace.back().data;
  int64_t w = 0;
  while (w < static_cast<int64_t>(m_run.whats.size()) && m_run.whats[static_cast<size_t>(w)] != what &&
         std::strcmp(m_run.whats[static_cast<size_t>(w)], what) != 0)
    ++w;
  if (w == static_cast<int64_t>(m_run.whats.size())) {
    m_run.whats.push_back(what);
    data["What"].push_back(what);
  }
  Json& ranges = data["Replayed"];
  if (continuing && *index == m_run.next_index && w == m_run.last_what) {
    Json& range = ranges.back();
    range[1] = range[1].get<int64_t>() + 1;
  } else {
    ranges.push_back(Json::array({static_cast<int64_t>(*index), int64_t{1}, w}));
  }
  m_run.next_index = *index + 1;
  m_run.last_what = w;
  // The name is looked up in the operation when the entry is read: kept only where it differs.
  // (Compared in place: this runs for every replayed operation, and value_or would copy the name.)
  const Operation* op = ex->op(op_id);
  if (op && (op->name ? std::string_view(*op->name) : std::string_view()) != name)
    data["Names"][std::to_string(*index)] = name;
  return true;
}

} // namespace dp::engine
