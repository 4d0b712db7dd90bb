// Builds the timeline's bar records from an execution's trace (see timeline_model.hpp).
#include "ui/timeline_model.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
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

// Draw order: backgrounds (invocation spans, hibernation) first, then operations, then markers, so a wait
// is never hidden under the hibernation it causes; within a layer, the trace's order.
int layer_of(float flags, const BarInfo& info) {
  if (flags >= kBarMarker)
    return 2;
  return info.operation_id.empty() ? 0 : 1;
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

// [SECTION] the builder: the trace's entries a slice at a time

namespace {
// A bar being built: its draw layer and its place there (the layers are put together at the end).
struct BarRef {
  int layer = 0;
  size_t index = 0;
};
} // namespace

struct TimelineBuilder::State {
  State(const TimelinePalette& palette, size_t entries, size_t replayed_in_last, bool compress_idle,
        int64_t now_ms)
      : palette(palette), entries(entries), replayed_in_last(replayed_in_last), compress_idle(compress_idle),
        now_ms(now_ms), axis(model, compress_idle) {
    model.lanes.push_back(LaneInfo{"service", "", 0, 0});
  }

  const TimelinePalette palette;
  const size_t entries;
  const size_t replayed_in_last;
  const bool compress_idle;
  const int64_t now_ms;
  TimelineModel model;     // lanes, marks, breaks; the bars are in `layers` until the end
  TimelineModel layers[3]; // bars and infos per draw layer (layer_of)
  Axis axis;
  size_t next_entry = 0; // the trace entry to add next
  size_t last_entry = 0; // the entries this model covers
  bool done = false;

  double display = 0.0;
  int64_t last_ms = -1;
  bool invocation_running = false;
  bool traced = false;

  // Open spans waiting for their end: operation bars inside an invocation end at the next event of that
  // invocation; waits and callbacks end when the service completes them.
  struct OpenBar {
    double start = 0.0;
    int64_t start_ms = 0;
    BarRef bar;
  };
  std::optional<OpenBar> open_op;
  std::map<std::string, OpenBar> open_service; // op id -> span on lane 0
  std::optional<OpenBar> hibernation;
  std::optional<OpenBar> invocation_bar;
  std::set<std::string> failed_ops; // ops FAILed or RETRYed in the current invocation
  // The bars of each operation in the current invocation: a checkpoint recolours only the failed ones
  // (scanning every bar of the invocation at every checkpoint was quadratic: 10,000 steps in one
  // invocation made the model take a second).
  std::unordered_map<std::string, std::vector<BarRef>> op_bars_this_invocation;
  int lane = 0;

  // The compact replay entry being expanded (a run of 39,000 replayed operations is more than a slice):
  // its operations and the next one to add. The views point into the execution and the trace, which the
  // caller keeps unchanged between slices.
  std::vector<engine::ReplayedOperation> replay;
  size_t replay_next = 0;
  bool in_replay = false;

  BarInstance& bar(BarRef r) { return layers[r.layer].bars[r.index]; }
  BarInfo& info(BarRef r) { return layers[r.layer].infos[r.index]; }

  BarRef add(double start, double end, int bar_lane, float flags, ImVec4 color, BarInfo info) {
    BarRef r{layer_of(flags, info), 0};
    r.index = layers[r.layer].bars.size();
    push(layers[r.layer], start, end, bar_lane, flags, color, std::move(info));
    return r;
  }

  void close_op(double at, int64_t at_ms) {
    if (!open_op)
      return;
    bar(open_op->bar).end = static_cast<float>(std::max(at, open_op->start + 1.0));
    info(open_op->bar).end_ms = at_ms;
    open_op.reset();
  }

  // An operation bar in the current invocation's lane (and, for a new wait or callback, its span on the
  // service lane).
  void add_operation(const engine::Execution& execution, bool replayed, const std::string& op_id,
                     const std::string& name, std::string text, int64_t time_ms) {
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
        model.lanes[lane].replayed++;
      else
        model.lanes[lane].executed++;
    }
    std::string label = name.empty() ? std::string(known ? engine::to_string(type) : "op") : name;
    if (replayed)
      text += " — returned from the checkpoint, its body did not run";
    const BarRef r = add(display, display + 1.0, lane, replayed ? kBarReplayed : 0.0f, color,
                         BarInfo{op_id, name, std::move(label), std::move(text), time_ms, time_ms, lane});
    open_op = OpenBar{display, time_ms, r};
    op_bars_this_invocation[op_id].push_back(r);
    // Waits and callbacks also get a span on the service lane until the service completes them.
    if (!replayed && (type == engine::OperationType::Wait || type == engine::OperationType::Callback)) {
      const bool wait = type == engine::OperationType::Wait;
      const BarRef span =
          add(display, display + 1.0, 0, 0.0f, with_alpha(wait ? palette.wait : palette.callback, 0.9f),
              BarInfo{op_id, name, name.empty() ? (wait ? "wait" : "callback") : name,
                      wait ? "Wait running on the service timer"
                           : "Callback pending: waiting for an external system",
                      time_ms, time_ms, 0});
      open_service[op_id] = OpenBar{display, time_ms, span};
    }
  }

  // Places entry `t` on the axis (the first part of every entry).
  void begin_entry(const TraceEvent& t) {
    traced = true;
    display = axis.place(t.time_ms, !invocation_running);
    last_ms = t.time_ms;
    model.marks.push_back(TimeMark{display, t.time_ms});
    if (t.kind == TraceKind::InvocationStarted)
      invocation_running = true;
    if (t.kind == TraceKind::InvocationEnded || t.kind == TraceKind::ExecutionCompleted)
      invocation_running = false;
  }

  // Instant events (replays) stand side by side.
  void end_entry(const TraceEvent& t) {
    if (takes_room(t.kind))
      axis.took_room();
  }

  // Every kind but OperationReplayed, which advance() expands a slice at a time.
  void add_entry(const engine::Execution& execution, const TraceEvent& t) {
    switch (t.kind) {
    case TraceKind::InvocationStarted: {
      if (hibernation) {
        bar(hibernation->bar).end = static_cast<float>(display);
        info(hibernation->bar).end_ms = t.time_ms;
        info(hibernation->bar).detail = "Hibernating between invocations for " +
                                        format_duration_ms(t.time_ms - hibernation->start_ms) +
                                        ": no compute runs and none is billed.";
        hibernation.reset();
      }
      lane = static_cast<int>(model.lanes.size());
      // The service's invocation index (a trace restored after a reload may start at a later invocation).
      const int index = t.invocation > 0 ? t.invocation : lane;
      model.lanes.push_back(LaneInfo{"invocation " + std::to_string(index), "running", 0, 0});
      failed_ops.clear();
      op_bars_this_invocation.clear();
      const BarRef r = add(display, display + 1.0, lane, 0.0f, with_alpha(palette.context, 0.22f),
                           BarInfo{"", "", "",
                                   "Invocation " + std::to_string(index) +
                                       ": the handler runs from the top, replaying "
                                       "what is checkpointed.",
                                   t.time_ms, t.time_ms, lane});
      invocation_bar = OpenBar{display, t.time_ms, r};
      break;
    }
    case TraceKind::OperationExecuted:
      add_operation(execution, false, t.operation_id, t.name, t.text, t.time_ms);
      break;
    case TraceKind::StepBodyRan: {
      const Json* attempt = t.data.is_object() ? find_member(t.data, "Attempt") : nullptr;
      const int n = attempt && attempt->is_number_integer() ? attempt->get<int>() : 1;
      if (open_op)
        info(open_op->bar).detail += "; body ran (attempt " + std::to_string(n) + ")";
      if (n > 1) {
        add(display, display, lane, kBarMarker, palette.retry_marker,
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
        for (const BarRef r : bars->second) {
          BarInstance& b = bar(r);
          if (b.flags != 0.0f)
            continue;
          b.r = palette.failed.x;
          b.g = palette.failed.y;
          b.b = palette.failed.z;
          if (info(r).detail.find("failed") == std::string::npos)
            info(r).detail += "; failed";
        }
      }
      break;
    }
    case TraceKind::Crash:
    case TraceKind::NonDeterminism:
      close_op(display, t.time_ms);
      add(display, display, lane, kBarMarker, palette.crash,
          BarInfo{t.operation_id, t.name, "", t.text, t.time_ms, t.time_ms, lane});
      if (lane > 0)
        model.lanes[lane].outcome = t.kind == TraceKind::Crash ? "crashed" : "non-deterministic";
      break;
    case TraceKind::TimerFired:
    case TraceKind::CallbackReceived: {
      auto it = open_service.find(t.operation_id);
      if (it != open_service.end() && t.text.find("heartbeat") == std::string::npos) {
        bar(it->second.bar).end = static_cast<float>(display);
        info(it->second.bar).end_ms = t.time_ms;
        info(it->second.bar).detail +=
            " — " + t.text + " after " + format_duration_ms(t.time_ms - it->second.start_ms);
        open_service.erase(it);
      }
      break;
    }
    case TraceKind::InvocationEnded: {
      close_op(display, t.time_ms);
      if (invocation_bar) {
        bar(invocation_bar->bar).end = static_cast<float>(std::max(display, invocation_bar->start + 1.0));
        info(invocation_bar->bar).end_ms = t.time_ms;
        invocation_bar.reset();
      }
      const Json* status = t.data.is_object() ? find_member(t.data, "Status") : nullptr;
      if (lane > 0 && model.lanes[lane].outcome == "running")
        model.lanes[lane].outcome =
            status && status->is_string() ? outcome_words(status->get<std::string>()) : "ended";
      const BarRef r = add(display, display, 0, 0.0f, palette.hibernation,
                           BarInfo{"", "", "", "Hibernating between invocations.", t.time_ms, t.time_ms, 0});
      hibernation = OpenBar{display, t.time_ms, r};
      lane = 0;
      break;
    }
    case TraceKind::ExecutionCompleted:
      if (hibernation) {
        // The execution ended while no invocation ran (stopped, timed out): the span ends here.
        bar(hibernation->bar).end = static_cast<float>(display);
        info(hibernation->bar).end_ms = t.time_ms;
        hibernation.reset();
      }
      add(display, display, 0, kBarMarker, palette.selection,
          BarInfo{"", execution.name, "", t.text, t.time_ms, t.time_ms, 0});
      break;
    default:
      break;
    }
  }

  // Spans still open run to the end of the data (a pending callback, the current hibernation); then the
  // layers are put together in draw order.
  void finish(const engine::Execution& execution) {
    if (!traced) {
      model = TimelineModel::build_from_records(execution, palette, compress_idle);
      return;
    }
    const double end = axis.end(std::max(now_ms, last_ms), !invocation_running);
    for (auto& [id, open] : open_service)
      bar(open.bar).end = static_cast<float>(end);
    if (hibernation) {
      bar(hibernation->bar).end = static_cast<float>(end);
      info(hibernation->bar).detail =
          execution.terminal() ? "The execution is over." : "Hibernating: waiting for a timer or a callback.";
    }
    if (invocation_bar)
      bar(invocation_bar->bar).end = static_cast<float>(end);
    close_op(end, last_ms);
    model.display_end = end;
    size_t count = 0;
    for (const TimelineModel& l : layers)
      count += l.bars.size();
    model.bars.reserve(count);
    model.infos.reserve(count);
    for (TimelineModel& l : layers) {
      model.bars.insert(model.bars.end(), l.bars.begin(), l.bars.end());
      model.infos.insert(model.infos.end(), std::make_move_iterator(l.infos.begin()),
                         std::make_move_iterator(l.infos.end()));
      l = TimelineModel{};
    }
  }
};

TimelineBuilder::TimelineBuilder(const TimelinePalette& palette, size_t entries, size_t replayed_in_last,
                                 bool compress_idle, int64_t now_ms)
    : m_state(std::make_unique<State>(palette, entries, replayed_in_last, compress_idle, now_ms)) {}
TimelineBuilder::~TimelineBuilder() = default;

bool TimelineBuilder::advance(const engine::Execution& execution, const std::vector<TraceEvent>& trace,
                              const std::function<bool()>& out_of_time) {
  State& s = *m_state;
  if (s.done)
    return true;
  s.last_entry = std::min(s.entries, trace.size());
  // The clock is asked every kBarsPerAsk bars: a replayed operation's bar costs a few microseconds.
  constexpr size_t kBarsPerAsk = 256;
  size_t added = 0;
  auto stop = [&] { return ++added % kBarsPerAsk == 0 && out_of_time(); };
  while (s.next_entry < s.last_entry) {
    const TraceEvent& t = trace[s.next_entry];
    if (t.execution_arn != execution.arn) {
      ++s.next_entry;
      continue;
    }
    if (t.kind != TraceKind::OperationReplayed) {
      s.begin_entry(t);
      s.add_entry(execution, t);
      s.end_entry(t);
      ++s.next_entry;
      if (stop())
        return false;
      continue;
    }
    // One bar per replayed operation, as if each had its own trace entry (a compact entry stands for a
    // run of them, engine/trace.hpp): each takes one event's units at the entry's time.
    if (!s.in_replay) {
      s.begin_entry(t);
      s.replay = engine::replayed_operations(t, execution);
      if (s.next_entry + 1 == s.last_entry && s.replayed_in_last > 0 && s.replayed_in_last < s.replay.size())
        s.replay.resize(s.replayed_in_last); // time travel: the point is inside this run
      s.replay_next = 0;
      s.in_replay = true;
    }
    while (s.replay_next < s.replay.size()) {
      const engine::ReplayedOperation& op = s.replay[s.replay_next];
      if (s.replay_next > 0) {
        s.display = s.axis.next_instant();
        s.model.marks.push_back(TimeMark{s.display, t.time_ms});
      }
      std::string text = "replayed ";
      text += op.what;
      s.add_operation(execution, true, std::string(op.operation_id), std::string(op.name), std::move(text),
                      t.time_ms);
      ++s.replay_next;
      if (stop())
        return false;
    }
    s.in_replay = false;
    s.replay.clear();
    s.end_entry(t);
    ++s.next_entry;
  }
  s.finish(execution);
  s.done = true;
  return true;
}

TimelineModel TimelineBuilder::take() {
  return std::move(m_state->model);
}

size_t TimelineBuilder::entries_added() const {
  return m_state->next_entry;
}

size_t TimelineBuilder::entries_total() const {
  return m_state->last_entry;
}

TimelineModel TimelineModel::build(const engine::Execution& execution, const std::vector<TraceEvent>& trace,
                                   const TimelinePalette& palette, size_t entries, size_t replayed_in_last,
                                   bool compress_idle, int64_t now_ms) {
  TimelineBuilder builder(palette, entries, replayed_in_last, compress_idle, now_ms);
  builder.advance(execution, trace, [] { return false; });
  return builder.take();
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
