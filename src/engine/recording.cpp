// Time travel's recording (see recording.hpp).
#include "engine/recording.hpp"

#include <algorithm>

#include "engine/engine.hpp"
#include "engine/replay_trace.hpp"

namespace dp::engine {

std::vector<TracePoint> trace_points(const std::vector<TraceEvent>& trace, const std::string& arn) {
  std::vector<TracePoint> points;
  for (size_t i = 0; i < trace.size(); ++i) {
    const TraceEvent& t = trace[i];
    if (t.execution_arn != arn)
      continue;
    if (t.kind == TraceKind::OperationReplayed && !t.data.is_null()) {
      const size_t count = replayed_count(t);
      for (size_t k = 1; k <= count; ++k)
        points.push_back(TracePoint{i, k});
      if (count > 0)
        continue;
    }
    points.push_back(TracePoint{i, t.kind == TraceKind::OperationReplayed ? size_t{1} : size_t{0}});
  }
  return points;
}

void Recording::attach(Engine& engine) {
  m_engine = &engine;
  engine.set_publish_observer([this](const Execution& e, const OperationPtr& op, bool inserted) {
    Log& log = m_logs[e.arn];
    if (log.versions.empty())
      log.complete = inserted && op->type == OperationType::Execution;
    log.versions.push_back(Version{m_engine->trace().size(), op, inserted});
  });
  engine.set_record_observer([this](const TraceEvent& t) {
    const Execution* e = m_engine->execution(t.execution_arn);
    if (e == nullptr)
      return;
    Mark mark;
    mark.entry = m_engine->trace().size() - 1;
    mark.events = e->events.size();
    mark.calls = e->checkpoint_calls.size();
    mark.invocations = e->invocations.size();
    if (!e->invocations.empty())
      mark.last_invocation = e->invocations.back();
    mark.status = e->status;
    mark.end_ms = e->end_ms;
    mark.invocation_active = e->invocation_active;
    m_logs[e->arn].marks.push_back(std::move(mark));
  });
}

bool Recording::covers(const std::string& arn) const {
  auto it = m_logs.find(arn);
  return it != m_logs.end() && it->second.complete && !it->second.marks.empty();
}

void Recording::adopt(const Recording& from, const std::string& arn, const std::vector<size_t>& from_entries,
                      const std::vector<size_t>& entries) {
  auto it = from.m_logs.find(arn);
  if (it == from.m_logs.end() || from_entries.size() != entries.size() || entries.empty()) {
    m_logs.erase(arn);
    return;
  }
  // An index of `from`'s trace -> the entry here that takes its place: the first entry of `arn` at or
  // after it (changes belong to the next entry recorded), or past the last one.
  auto map_index = [&](size_t index) {
    const auto k = std::lower_bound(from_entries.begin(), from_entries.end(), index) - from_entries.begin();
    return static_cast<size_t>(k) < entries.size() ? entries[static_cast<size_t>(k)] : entries.back() + 1;
  };
  Log log = it->second;
  for (Version& v : log.versions)
    v.trace_size = map_index(v.trace_size);
  for (Mark& m : log.marks)
    m.entry = map_index(m.entry);
  m_logs[arn] = std::move(log);
}

Execution Recording::state_after(const Execution& live, size_t entry) const {
  Execution out;
  out.arn = live.arn;
  out.id = live.id;
  out.name = live.name;
  out.document = live.document;
  out.start_ms = live.start_ms;
  out.input_payload = live.input_payload;
  out.parent_arn = live.parent_arn;
  out.parent_op_id = live.parent_op_id;
  out.branched_from = live.branched_from;
  auto it = m_logs.find(live.arn);
  if (it == m_logs.end())
    return out;
  const Log& log = it->second;
  // Operations: every version published before entry `entry + 1` was recorded, the last one winning.
  const auto end = std::upper_bound(log.versions.begin(), log.versions.end(), entry,
                                    [](size_t e, const Version& v) { return e < v.trace_size; });
  out.ops.reserve(static_cast<size_t>(end - log.versions.begin()));
  for (auto v = log.versions.begin(); v != end; ++v) {
    if (v->inserted)
      out.op_order.push_back(v->op->id);
    out.ops.insert_or_assign(v->op->id, v->op);
  }
  // The lists and the execution's own state: the last mark at or before the entry.
  auto mark = std::upper_bound(log.marks.begin(), log.marks.end(), entry,
                               [](size_t e, const Mark& m) { return e < m.entry; });
  if (mark == log.marks.begin())
    return out;
  --mark;
  const size_t events = std::min(mark->events, live.events.size());
  out.events.assign(live.events.begin(), live.events.begin() + static_cast<std::ptrdiff_t>(events));
  const size_t calls = std::min(mark->calls, live.checkpoint_calls.size());
  out.checkpoint_calls.assign(live.checkpoint_calls.begin(),
                              live.checkpoint_calls.begin() + static_cast<std::ptrdiff_t>(calls));
  const size_t invocations = std::min(mark->invocations, live.invocations.size());
  out.invocations.assign(live.invocations.begin(),
                         live.invocations.begin() + static_cast<std::ptrdiff_t>(invocations));
  if (mark->last_invocation && !out.invocations.empty())
    out.invocations.back() = *mark->last_invocation;
  out.status = mark->status;
  out.end_ms = mark->end_ms;
  out.invocation_active = mark->invocation_active;
  if (out.terminal()) {
    out.result = live.result;
    out.error = live.error;
  }
  return out;
}

} // namespace dp::engine
