// What every panel shares: the context it draws with, and the base that owns the tab chrome and the help
// text (like ImHex's View::drawContent/drawHelpText). One panel per file, each a struct of its own UI state.
#pragma once

#include <functional>
#include <string>

#include "base/json.hpp"
#include "ui/selection.hpp"
#include "ui/theme.hpp"

namespace dp::ui {

class Session;

struct PanelContext {
  Session& session;
  Selection& selection;
  const Fonts& fonts;
  Theme theme;
  float scale; // device pixels per UI unit (devicePixelRatio x UI scale)
  // Selects a panel's tab in the layout shown (a branch opens Compare); empty in contexts without one.
  std::function<void(const std::string&)> focus_panel;
  // Presenter mode: the audience reads the page from afar (the timeline keeps every lane in view).
  bool presenter = false;
};

class Panel {
public:
  virtual ~Panel() = default;
  // Stable id (layout persistence, control names) and the tab title.
  virtual const char* id() const = 0;
  virtual const char* title() const = 0;
  // One or two short paragraphs: what the panel shows and what one can do in it.
  virtual const char* help() const = 0;
  virtual void draw(PanelContext& context) = 0;
  // Called every frame for every panel, drawn or not, before the layout: work that must go on while the
  // panel's tab is hidden (a run to the end continuing once its callback is answered elsewhere).
  virtual void update(PanelContext& context) { (void)context; }
  // Adds what e2e tests may assert about this panel to the test API's state object.
  virtual void test_state(Json& out) const { (void)out; }
};

// The work a job sliced across frames does in one frame (a history import, the first timeline of a large
// execution), so that the page draws in the rest of it. Measured on a 100 MB history
// (docs/import-history.md).
inline constexpr double kFrameSliceMs = 30.0;
// kFrameSliceMs, or the page address's "slice_ms" (5 to 200) when another value is being measured.
double frame_slice_ms();

// Shared little widgets.
// A greyed, wrapped paragraph centred in the remaining space: the empty state of a panel.
void empty_state(const char* title, const char* text);
// "(?)" marker with a tooltip.
void help_marker(const char* text);
// A tooltip wrapped at 30 ems: a long sentence on one line runs off the screen. The caller checks hover.
void wrapped_tooltip(const char* text);
// Text in the code font.
void code_text(const Fonts& fonts, const char* text);
// Paces derived data that costs O(execution size) to rebuild (timeline bars, the operation tree, history
// filters) while the source keeps changing (a long run): a rebuild is due at most every 250 ms, and no
// sooner than kCostFactor times its own last duration after the previous one started, so rebuilds take at
// most about 1/kCostFactor of the page's time however large the execution grows (the 28,000-bar timeline
// of a 10,000-step run takes ~70 ms to rebuild in the page; every 250 ms was a quarter of the run). When it
// says "not yet" it asks for more frames, so the last change is always picked up; `now` (the run has stopped:
// the execution finished) makes it due at once, so the final state shows without a delay.
// A due rebuild still waits for a frame with heavy work to spare (the frame budget below), at most
// kMaxWaitFrames frames (then one such rebuild per frame goes ahead), so that one change to a large
// execution is not rebuilt by every panel in one frame.
// Usage: if (pacer.due(finished)) { rebuild...; pacer.built(); }
class RebuildPacer {
public:
  static constexpr double kMinIntervalMs = 250.0;
  static constexpr double kCostFactor = 10.0;
  static constexpr int kMaxWaitFrames = 4;
  bool due(bool now = false);
  void built(); // the rebuild that due() allowed has finished: measures its cost
  double last_cost_ms() const { return m_cost_ms; }

private:
  double m_started_ms = -1e9;
  double m_cost_ms = 0.0;
  int m_waiting_since_frame = -1; // due, but waiting for a frame with budget left
};
// The frame budget: the heavy work done in the current frame. The last slice of a 100 MB import, then the
// Operations tree, the usage meter, the history's event types and the first timeline slice of the
// imported execution each take tens of milliseconds: in one frame they made a 300-400 ms one. App::frame
// starts each frame's count with the work done before the panels (the import slice); RebuildPacer spends
// from it and waits when it is used up (kFrameSliceMs, the same share an import or timeline slice takes).
void start_frame_budget(double spent_ms);
void spend_frame_budget(double ms);
bool frame_budget_left();
// Stored results and payloads as the SDKs write them: the Python SDK wraps everything but primitives in a
// typed envelope ({"t":"m","v":{"orderId":{"t":"s","v":"o-1"}}}), the JavaScript SDK stores JSON text.
// decoded_payload: the plain value as compact JSON when `stored` is such an envelope, else "" (show it as
// it is). decode_payloads: a copy of a stored record (an operation, a history event, checkpoint updates)
// with every envelope string in it replaced by its decoded value.
std::string decoded_payload(const std::string& stored);
Json decode_payloads(const Json& record);
// Seconds of virtual time as "1d 02:03:04.005" / "12.345 s".
std::string format_duration_ms(long long ms);
// Virtual epoch ms as "HH:MM:SS.mmm" (UTC) with a day count when beyond the first day.
std::string format_clock_ms(long long epoch_ms);

} // namespace dp::ui
