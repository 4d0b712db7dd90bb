// The timeline's data: one execution's trace turned into flat bar records (Tracy's "preprocess, then draw
// records" split). Lane 0 is the service (hibernation between invocations, waits, pending callbacks);
// lane k is invocation k. The x axis is compressed virtual time: every trace event takes one unit, and
// real gaps are added on a log scale beyond a second, so a workflow that sleeps a day stays readable.
#pragma once

#include <cstdint>
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

struct TimelineModel {
  std::vector<BarInstance> bars;
  std::vector<BarInfo> infos; // parallel to bars
  std::vector<LaneInfo> lanes;
  std::vector<TimeMark> marks; // one per trace event, increasing
  double display_end = 0.0;

  // Builds the model of execution `arn` from the trace, or from its first `entries` entries (time travel:
  // the last one, a replay run, cut after `replayed_in_last` operations when not 0).
  static TimelineModel build(const engine::Execution& execution, const std::vector<engine::TraceEvent>& trace,
                             const TimelinePalette& palette, size_t entries = SIZE_MAX,
                             size_t replayed_in_last = 0);
  static TimelineModel build_from_records(const engine::Execution& execution, const TimelinePalette& palette);
  // Virtual time at a display position (interpolated between marks).
  int64_t time_at(double display) const;
};

} // namespace dp::ui
