// What every panel shares: the context it draws with, and the base that owns the tab chrome and the help
// text (like ImHex's View::drawContent/drawHelpText). One panel per file, each a struct of its own UI state.
#pragma once

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
  // Adds what e2e tests may assert about this panel to the test API's state object.
  virtual void test_state(Json& out) const { (void)out; }
};

// Shared little widgets.
// A greyed, wrapped paragraph centred in the remaining space: the empty state of a panel.
void empty_state(const char* title, const char* text);
// "(?)" marker with a tooltip.
void help_marker(const char* text);
// Text in the code font.
void code_text(const Fonts& fonts, const char* text);
// For derived data that costs O(execution size) to rebuild (timeline bars, the operation tree, history
// filters): true at most every `interval_ms` while the source keeps changing (a long run), so the page keeps
// drawing; when it says "not yet" it asks for more frames, so the last change is always picked up.
bool rebuild_due(double& last_built_ms, double interval_ms = 250.0);
// Seconds of virtual time as "1d 02:03:04.005" / "12.345 s".
std::string format_duration_ms(long long ms);
// Virtual epoch ms as "HH:MM:SS.mmm" (UTC) with a day count when beyond the first day.
std::string format_clock_ms(long long epoch_ms);

} // namespace dp::ui
