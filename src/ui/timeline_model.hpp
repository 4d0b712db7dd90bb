// The timeline's data: one execution's trace turned into flat bar records (Tracy's "preprocess, then draw
// records" split). Lane 0 is the service (hibernation between invocations, waits, pending callbacks);
// lane k is invocation k. The x axis ("display units") is virtual time in milliseconds since the
// execution's first event, linear; events at the same instant (a replay returns stored results in no
// time) stand kInstantMs apart so that zooming in separates them, without shifting what comes later.
// With idle-gap compression on, every gap longer than kIdleGapMs during which no invocation runs is
// replaced by a break kBreakMs wide that remembers the time it hides (drawn as a break, labelled).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/service.hpp"
#include "engine/trace.hpp"
#include "ui/theme.hpp"
#include "ui/timeline_renderer.hpp"

namespace dp::ui {

// What a bar stands for (hover text, selection).
struct BarInfo {
  std::string operation_id; // "" for invocation and hibernation bars
  std::string name;
  std::string label;    // short text drawn inside the bar when it fits
  std::string detail;   // tooltip: what happened, in words
  int64_t start_ms = 0; // virtual time
  int64_t end_ms = 0;
  int lane = 0;
};

struct LaneInfo {
  std::string title;   // "invocation 2"
  std::string outcome; // "PENDING (suspended)", "crashed", ...
  int replayed = 0;
  int executed = 0;
};

// A mapping between display units and virtual time, for the axis labels.
struct TimeMark {
  double display = 0.0;
  int64_t time_ms = 0;
};

// A hidden idle gap (compression on): display [start, end) stands for virtual time [from_ms, to_ms).
struct TimeBreak {
  double start = 0.0;
  double end = 0.0;
  int64_t from_ms = 0;
  int64_t to_ms = 0;
};

inline constexpr double kInstantMs = 1.0;   // display units between events at the same instant
inline constexpr int64_t kIdleGapMs = 1500; // idle gaps at least this long are compressed ...
inline constexpr double kBreakMs = 400.0;   // ... into a break this wide (display units)

struct TimelineModel {
  std::vector<BarInstance> bars;
  std::vector<BarInfo> infos; // parallel to bars
  std::vector<LaneInfo> lanes;
  std::vector<TimeMark> marks;   // one per trace event, increasing
  std::vector<TimeBreak> breaks; // compressed idle gaps, in order (empty when compression is off)
  int64_t start_ms = 0;          // virtual time at display 0
  double display_end = 0.0;      // where the data ends (open spans run to here)

  // Builds the model of execution `arn` from the trace, or from its first `entries` entries (time travel:
  // the last one, a replay run, cut after `replayed_in_last` operations when not 0); `compress_idle` turns
  // idle gaps into breaks; spans still open (a wait, the hibernation) run to `now_ms`, the virtual clock.
  static TimelineModel build(const engine::Execution& execution, const std::vector<engine::TraceEvent>& trace,
                             const TimelinePalette& palette, size_t entries = SIZE_MAX,
                             size_t replayed_in_last = 0, bool compress_idle = false, int64_t now_ms = 0);
  static TimelineModel build_from_records(const engine::Execution& execution, const TimelinePalette& palette,
                                          bool compress_idle = false);
  // Virtual time at a display position (interpolated between marks).
  int64_t time_at(double display) const;
  // Display position of a virtual time (the first mark at or after it; inside a break, its start); for
  // the axis ticks, which are placed at round times.
  double display_at(int64_t time_ms) const;
  // The break hiding `time_ms`, if any.
  const TimeBreak* break_at(int64_t time_ms) const;
};

// Builds the same model as TimelineModel::build a slice at a time: the replays of a 40,000-step history in
// 40 invocations are 820,000 bars, seconds of the page's time in one piece. The execution and the trace
// must stay the same and unchanged from the first advance() to the last (the panel starts over when they
// change).
class TimelineBuilder {
public:
  TimelineBuilder(const TimelinePalette& palette, size_t entries = SIZE_MAX, size_t replayed_in_last = 0,
                  bool compress_idle = false, int64_t now_ms = 0);
  ~TimelineBuilder();
  TimelineBuilder(const TimelineBuilder&) = delete;
  TimelineBuilder& operator=(const TimelineBuilder&) = delete;
  // Adds trace entries until `out_of_time()` says stop; true once the model is complete (then take()).
  bool advance(const engine::Execution& execution, const std::vector<engine::TraceEvent>& trace,
               const std::function<bool()>& out_of_time);
  TimelineModel take();
  size_t entries_added() const; // of entries_total(), for a progress line
  size_t entries_total() const;

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace dp::ui
