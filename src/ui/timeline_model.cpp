// Builds the timeline's bar records from an execution's trace (see timeline_model.hpp).
#include "ui/timeline_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "engine/engine.hpp"
#include "ui/panel.hpp"

namespace dp::ui {
namespace {

using engine::TraceEvent;
using engine::TraceKind;

// Trace kinds that draw a bar or a tick: the next event at the same instant stands kInstantMs after them.
bool takes_room(TraceKind kind) {
  return kind == TraceKind::OperationReplayed || kind == TraceKind::OperationExecuted ||
         kind == TraceKind::InvocationStarted || kind == TraceKind::InvocationEnded ||
         kind == TraceKind::Crash;
}

// Places events on the display axis (see timeline_model.hpp): linear virtual time, instants side by side,
// idle gaps optionally cut down to breaks.
class Axis {
public:
  Axis(TimelineModel& m, bool compress) : m_model(m), m_compress(compress) {}

  // The display position of an event at `time_ms`; `idle` = no invocation ran since the previous event.
  double place(int64_t time_ms, bool idle) {
    if (!m_started) {
      m_started = true;
      m_model.start_ms = time_ms;
      m_last_ms = time_ms;
    }
    const int64_t gap = time_ms - m_last_ms;
    if (m_compress && idle && gap >= kIdleGapMs) {
      const double start = std::max(m_display, m_floor);
      m_model.breaks.push_back(TimeBreak{start, start + kBreakMs, m_last_ms, time_ms});
      m_hidden = static_cast<double>(time_ms - m_model.start_ms) - (start + kBreakMs);
    }
    m_last_ms = time_ms;
    m_display = std::max(base(time_ms), m_floor);
    m_floor = m_display;
    return m_display;
  }
  // One more instant after the current one (the next operation of a compact replay entry).
  double next_instant() {
    m_display = std::max(m_display + kInstantMs, m_floor);
    m_floor = m_display;
    return m_display;
  }
  // The event just placed drew something: what follows at the same instant stands after it.
  void took_room() { m_floor = m_display + kInstantMs; }
  // Where the view's data ends: the last event, or `now_ms` when the clock has moved on since (an open
  // wait grows with the clock); an idle stretch that would be compressed ends in a break's width.
  double end(int64_t now_ms, bool idle) const {
    const double last = std::max(m_display, m_floor) + kInstantMs;
    if (!m_started || now_ms <= m_last_ms)
      return last;
    if (m_compress && idle && now_ms - m_last_ms >= kIdleGapMs)
      return std::max(last, m_display + kBreakMs);
    return std::max(last, base(now_ms));
  }

private:
  double base(int64_t time_ms) const { return static_cast<double>(time_ms - m_model.start_ms) - m_hidden; }

  TimelineModel& m_model;
  bool m_compress = false;
  bool m_started = false;
  int64_t m_last_ms = 0;
  double m_display = 0.0;
  double m_floor = 0.0;  // the next event's display position is at least this
  double m_hidden = 0.0; // virtual time hidden by the breaks so far, net of their widths
};

ImVec4 with_alpha(ImVec4 c, float a) {
  c.w = a;
  return c;
}

void push(TimelineModel& m, double start, double end, int lane, float flags, ImVec4 color, BarInfo info) {
  BarInstance bar;
  bar.start = static_cast<float>(start);
  bar.end = static_cast<float>(std::max(end, start));
  bar.lane = static_cast<float>(lane);
  bar.flags = flags;
  bar.r = color.x;
  bar.g = color.y;
  bar.b = color.z;
  bar.a = color.w;
  info.lane = lane;
  m.bars.push_back(bar);
  m.infos.push_back(std::move(info));
}

const char* outcome_words(const std::string& status) {
  if (status == "PENDING")
    return "suspended (PENDING)";
  if (status == "SUCCEEDED")
    return "returned (SUCCEEDED)";
  if (status == "FAILED")
    return "failed";
  return status.c_str();
}

// The operation type of an id, from the execution's operations.
engine::OperationType type_of(const engine::Execution& e, const std::string& id, bool& known) {
  const engine::Operation* op = e.op(id);
  known = op != nullptr;
  return op ? op->type : engine::OperationType::Step;
}

} // namespace

TimelineModel TimelineModel::build(const engine::Execution& execution, const std::vector<TraceEvent>& trace,
                                   const TimelinePalette& palette, size_t entries, size_t replayed_in_last,
                                   bool compress_idle, int64_t now_ms) {
  TimelineModel m;
  m.lanes.push_back(LaneInfo{"service", "", 0, 0});
  Axis axis(m, compress_idle);
  double display = 0.0;
  int64_t last_ms = -1;
  bool invocation_running = false;

  // Open spans waiting for their end: operation bars inside an invocation end at the next event of that
  // invocation; waits and callbacks end when the service completes them.
  struct OpenBar {
    double start = 0.0;
    int64_t start_ms = 0;
    size_t index = 0; // into m.bars
  };
  std::optional<OpenBar> open_op;
  std::map<std::string, OpenBar> open_service; // op id -> span on lane 0
  std::optional<OpenBar> hibernation;
  std::optional<OpenBar> invocation_bar;
  std::set<std::string> failed_ops; // ops FAILed or RETRYed in the current invocation
  // The bars of each operation in the current invocation: a checkpoint recolours only the failed ones
  // (scanning every bar of the invocation at every checkpoint was quadratic: 10,000 steps in one
  // invocation made the model take a second).
  std::unordered_map<std::string, std::vector<size_t>> op_bars_this_invocation;
  int lane = 0;

  auto close_op = [&](double at, int64_t at_ms) {
    if (!open_op)
      return;
    m.bars[open_op->index].end = static_cast<float>(std::max(at, open_op->start + 1.0));
    m.infos[open_op->index].end_ms = at_ms;
    open_op.reset();
  };

  // An operation bar in the current invocation's lane (and, for a new wait or callback, its span on the
  // service lane).
  auto add_operation = [&](bool replayed, const std::string& op_id, const std::string& name, std::string text,
                           int64_t time_ms) {
    close_op(display, time_ms);
    bool known = false;
    const engine::OperationType type = type_of(execution, op_id, known);
    ImVec4 color = replayed ? palette.replayed : palette.executed;
    if (!replayed) {
      if (type == engine::OperationType::Wait)
        color = palette.wait;
      if (type == engine::OperationType::Callback)
        color = palette.callback;
      if (type == engine::OperationType::Context)
        color = palette.context;
    }
    if (lane > 0) {
      if (replayed)
        m.lanes[lane].replayed++;
      else
        m.lanes[lane].executed++;
    }
    open_op = OpenBar{display, time_ms, m.bars.size()};
    op_bars_this_invocation[op_id].push_back(m.bars.size());
    std::string label = name.empty() ? std::string(known ? engine::to_string(type) : "op") : name;
    if (replayed)
      text += " — returned from the checkpoint, its body did not run";
    push(m, display, display + 1.0, lane, replayed ? kBarReplayed : 0.0f, color,
         BarInfo{op_id, name, std::move(label), std::move(text), time_ms, time_ms, lane});
    // Waits and callbacks also get a span on the service lane until the service completes them.
    if (!replayed && (type == engine::OperationType::Wait || type == engine::OperationType::Callback)) {
      open_service[op_id] = OpenBar{display, time_ms, m.bars.size()};
      const bool wait = type == engine::OperationType::Wait;
      push(m, display, display + 1.0, 0, 0.0f, with_alpha(wait ? palette.wait : palette.callback, 0.9f),
           BarInfo{op_id, name, name.empty() ? (wait ? "wait" : "callback") : name,
                   wait ? "Wait running on the service timer"
                        : "Callback pending: waiting for an external system",
                   time_ms, time_ms, 0});
    }
  };

  bool traced = false;
  const size_t last_entry = std::min(entries, trace.size());
  for (size_t entry = 0; entry < last_entry; ++entry) {
    const TraceEvent& t = trace[entry];
    if (t.execution_arn != execution.arn)
      continue;
    traced = true;
    display = axis.place(t.time_ms, !invocation_running);
    last_ms = t.time_ms;
    m.marks.push_back(TimeMark{display, t.time_ms});
    if (t.kind == TraceKind::InvocationStarted)
      invocation_running = true;
    if (t.kind == TraceKind::InvocationEnded || t.kind == TraceKind::ExecutionCompleted)
      invocation_running = false;

    switch (t.kind) {
    case TraceKind::InvocationStarted: {
      if (hibernation) {
        m.bars[hibernation->index].end = static_cast<float>(display);
        m.infos[hibernation->index].end_ms = t.time_ms;
        m.infos[hibernation->index].detail = "Hibernating between invocations for " +
                                             format_duration_ms(t.time_ms - hibernation->start_ms) +
                                             ": no compute runs and none is billed.";
        hibernation.reset();
      }
      lane = static_cast<int>(m.lanes.size());
      // The service's invocation index (a trace restored after a reload may start at a later invocation).
      const int index = t.invocation > 0 ? t.invocation : lane;
      m.lanes.push_back(LaneInfo{"invocation " + std::to_string(index), "running", 0, 0});
      failed_ops.clear();
      op_bars_this_invocation.clear();
      invocation_bar = OpenBar{display, t.time_ms, m.bars.size()};
      push(m, display, display + 1.0, lane, 0.0f, with_alpha(palette.context, 0.22f),
           BarInfo{"", "", "",
                   "Invocation " + std::to_string(index) +
                       ": the handler runs from the top, replaying "
                       "what is checkpointed.",
                   t.time_ms, t.time_ms, lane});
      break;
    }
    case TraceKind::OperationReplayed: {
      // One bar per replayed operation, as if each had its own trace entry (a compact entry stands for
      // a run of them, engine/trace.hpp): each takes one event's units at the entry's time.
      std::vector<engine::ReplayedOperation> ops = engine::replayed_operations(t, execution);
      if (entry + 1 == last_entry && replayed_in_last > 0 && replayed_in_last < ops.size())
        ops.resize(replayed_in_last); // time travel: the point is inside this run
      for (size_t k = 0; k < ops.size(); ++k) {
        if (k > 0) {
          display = axis.next_instant();
          m.marks.push_back(TimeMark{display, t.time_ms});
        }
        std::string text = "replayed ";
        text += ops[k].what;
        add_operation(true, std::string(ops[k].operation_id), std::string(ops[k].name), std::move(text),
                      t.time_ms);
      }
      break;
    }
    case TraceKind::OperationExecuted:
      add_operation(false, t.operation_id, t.name, t.text, t.time_ms);
      break;
    case TraceKind::StepBodyRan: {
      const Json* attempt = t.data.is_object() ? find_member(t.data, "Attempt") : nullptr;
      const int n = attempt && attempt->is_number_integer() ? attempt->get<int>() : 1;
      if (open_op)
        m.infos[open_op->index].detail += "; body ran (attempt " + std::to_string(n) + ")";
      if (n > 1) {
        push(m, display, display, lane, kBarMarker, palette.retry_marker,
             BarInfo{t.operation_id, t.name, "", "Retry: attempt " + std::to_string(n) + " of " + t.name,
                     t.time_ms, t.time_ms, lane});
      }
      break;
    }
    case TraceKind::CheckpointCall: {
      const Json* updates = t.data.is_object() ? find_member(t.data, "Updates") : nullptr;
      if (updates && updates->is_array()) {
        for (const Json& u : *updates) {
          const Json* action = find_member(u, "Action");
          const Json* id = find_member(u, "Id");
          if (action && id && action->is_string() && id->is_string() &&
              (*action == "FAIL" || (*action == "RETRY" && find_member(u, "Error") != nullptr)))
            failed_ops.insert(id->get<std::string>());
        }
      }
      for (const std::string& op_id : failed_ops) {
        const auto bars = op_bars_this_invocation.find(op_id);
        if (bars == op_bars_this_invocation.end())
          continue;
        for (const size_t index : bars->second) {
          if (m.bars[index].flags != 0.0f)
            continue;
          m.bars[index].r = palette.failed.x;
          m.bars[index].g = palette.failed.y;
          m.bars[index].b = palette.failed.z;
          if (m.infos[index].detail.find("failed") == std::string::npos)
            m.infos[index].detail += "; failed";
        }
      }
      break;
    }
    case TraceKind::Crash:
    case TraceKind::NonDeterminism:
      close_op(display, t.time_ms);
      push(m, display, display, lane, kBarMarker, palette.crash,
           BarInfo{t.operation_id, t.name, "", t.text, t.time_ms, t.time_ms, lane});
      if (lane > 0)
        m.lanes[lane].outcome = t.kind == TraceKind::Crash ? "crashed" : "non-deterministic";
      break;
    case TraceKind::TimerFired:
    case TraceKind::CallbackReceived: {
      auto it = open_service.find(t.operation_id);
      if (it != open_service.end() && t.text.find("heartbeat") == std::string::npos) {
        m.bars[it->second.index].end = static_cast<float>(display);
        m.infos[it->second.index].end_ms = t.time_ms;
        m.infos[it->second.index].detail +=
            " — " + t.text + " after " + format_duration_ms(t.time_ms - it->second.start_ms);
        open_service.erase(it);
      }
      break;
    }
    case TraceKind::InvocationEnded: {
      close_op(display, t.time_ms);
      if (invocation_bar) {
        m.bars[invocation_bar->index].end =
            static_cast<float>(std::max(display, invocation_bar->start + 1.0));
        m.infos[invocation_bar->index].end_ms = t.time_ms;
        invocation_bar.reset();
      }
      const Json* status = t.data.is_object() ? find_member(t.data, "Status") : nullptr;
      if (lane > 0 && m.lanes[lane].outcome == "running")
        m.lanes[lane].outcome =
            status && status->is_string() ? outcome_words(status->get<std::string>()) : "ended";
      hibernation = OpenBar{display, t.time_ms, m.bars.size()};
      push(m, display, display, 0, 0.0f, palette.hibernation,
           BarInfo{"", "", "", "Hibernating between invocations.", t.time_ms, t.time_ms, 0});
      lane = 0;
      break;
    }
    case TraceKind::ExecutionCompleted:
      if (hibernation) {
        // The execution ended while no invocation ran (stopped, timed out): the span ends here.
        m.bars[hibernation->index].end = static_cast<float>(display);
        m.infos[hibernation->index].end_ms = t.time_ms;
        hibernation.reset();
      }
      push(m, display, display, 0, kBarMarker, palette.selection,
           BarInfo{"", execution.name, "", t.text, t.time_ms, t.time_ms, 0});
      break;
    default:
      break;
    }
    // Instant events (replays) stand side by side.
    if (takes_room(t.kind))
      axis.took_room();
  }
  if (!traced)
    return build_from_records(execution, palette, compress_idle);
  // Spans still open run to the end of the data (a pending callback, the current hibernation).
  const double end = axis.end(std::max(now_ms, last_ms), !invocation_running);
  for (auto& [id, open] : open_service)
    m.bars[open.index].end = static_cast<float>(end);
  if (hibernation) {
    m.bars[hibernation->index].end = static_cast<float>(end);
    m.infos[hibernation->index].detail =
        execution.terminal() ? "The execution is over." : "Hibernating: waiting for a timer or a callback.";
  }
  if (invocation_bar)
    m.bars[invocation_bar->index].end = static_cast<float>(end);
  close_op(end, last_ms);
  m.display_end = end;

  // Draw order: backgrounds (invocation spans, hibernation) first, then operations, then markers, so
  // a wait is never hidden under the hibernation it causes. Stable, so the trace order stays within a layer.
  auto layer = [&](size_t i) {
    if (m.bars[i].flags >= kBarMarker)
      return 2;
    return m.infos[i].operation_id.empty() ? 0 : 1;
  };
  std::vector<size_t> order(m.bars.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return layer(a) < layer(b); });
  TimelineModel sorted;
  sorted.bars.reserve(m.bars.size());
  sorted.infos.reserve(m.infos.size());
  for (size_t i : order) {
    sorted.bars.push_back(m.bars[i]);
    sorted.infos.push_back(std::move(m.infos[i]));
  }
  m.bars = std::move(sorted.bars);
  m.infos = std::move(sorted.infos);
  return m;
}

// Without a trace (an execution restored from storage before the store kept traces), the lanes come from
// the service's invocation records: one bar per invocation, hibernation between them, counts as text.
TimelineModel TimelineModel::build_from_records(const engine::Execution& execution,
                                                const TimelinePalette& palette, bool compress_idle) {
  TimelineModel m;
  m.lanes.push_back(LaneInfo{"service", "", 0, 0});
  Axis axis(m, compress_idle);
  double display = axis.place(execution.start_ms, true);
  int64_t last_ms = execution.start_ms;
  m.marks.push_back(TimeMark{display, execution.start_ms});
  for (const engine::InvocationRecord& inv : execution.invocations) {
    const int lane = static_cast<int>(m.lanes.size());
    const double start = axis.place(inv.start_ms, true);
    axis.took_room();
    if (lane > 1)
      push(m, display, start, 0, 0.0f, palette.hibernation,
           BarInfo{"", "", "", "Hibernating between invocations.", last_ms, inv.start_ms, 0});
    const int64_t end_ms = std::max(inv.end_ms, inv.start_ms);
    const double end = axis.place(end_ms, false);
    axis.took_room();
    const bool bad = inv.outcome == engine::InvocationOutcome::Crashed ||
                     inv.outcome == engine::InvocationOutcome::Failed ||
                     inv.outcome == engine::InvocationOutcome::TimedOut;
    push(m, start, end, lane, 0.0f, bad ? palette.failed : palette.executed,
         BarInfo{"", "", "invocation " + std::to_string(inv.index),
                 std::string("Invocation ") + std::to_string(inv.index) + ": " +
                     engine::to_string(inv.outcome) + ", " + std::to_string(inv.replayed) + " replayed, " +
                     std::to_string(inv.executed) + " run, " + std::to_string(inv.checkpoints) +
                     " checkpoint calls (restored from storage: per-operation "
                     "detail is not kept across a reload)",
                 inv.start_ms, end_ms, lane});
    m.lanes.push_back(LaneInfo{"invocation " + std::to_string(inv.index), engine::to_string(inv.outcome),
                               inv.replayed, inv.executed});
    m.marks.push_back(TimeMark{start, inv.start_ms});
    m.marks.push_back(TimeMark{end, end_ms});
    display = end;
    last_ms = end_ms;
  }
  m.display_end = axis.end(last_ms, true);
  return m;
}

double TimelineModel::display_at(int64_t time_ms) const {
  if (marks.empty())
    return 0.0;
  auto it = std::lower_bound(marks.begin(), marks.end(), time_ms,
                             [](const TimeMark& mark, int64_t t) { return mark.time_ms < t; });
  if (it == marks.begin())
    return marks.front().display - static_cast<double>(marks.front().time_ms - time_ms);
  if (it == marks.end())
    return marks.back().display + static_cast<double>(time_ms - marks.back().time_ms);
  if (const TimeBreak* hidden = break_at(time_ms))
    return hidden->start;
  // Between two marks time runs linearly, from the later of the earlier mark's instants.
  const TimeMark& hi = *it;
  const TimeMark& lo = *(it - 1);
  return std::min(lo.display + static_cast<double>(time_ms - lo.time_ms), hi.display);
}

const TimeBreak* TimelineModel::break_at(int64_t time_ms) const {
  auto it = std::upper_bound(breaks.begin(), breaks.end(), time_ms,
                             [](int64_t t, const TimeBreak& b) { return t < b.from_ms; });
  if (it == breaks.begin())
    return nullptr;
  --it;
  return time_ms > it->from_ms && time_ms < it->to_ms ? &*it : nullptr;
}

int64_t TimelineModel::time_at(double display) const {
  if (marks.empty())
    return 0;
  auto it = std::lower_bound(marks.begin(), marks.end(), display,
                             [](const TimeMark& mark, double d) { return mark.display < d; });
  if (it == marks.begin())
    return marks.front().time_ms;
  if (it == marks.end())
    return marks.back().time_ms;
  const TimeMark& hi = *it;
  const TimeMark& lo = *(it - 1);
  if (hi.display <= lo.display)
    return lo.time_ms;
  const double f = (display - lo.display) / (hi.display - lo.display);
  return lo.time_ms + static_cast<int64_t>(f * static_cast<double>(hi.time_ms - lo.time_ms));
}

} // namespace dp::ui
