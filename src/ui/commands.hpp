// Page-wide commands and their keys, for presenters and their clickers: Space plays the open execution to
// its end or pauses it, R restarts (a new execution of the workflow), F toggles full screen, N/P (and
// PageDown/PageUp) step a demo script or lesson, +/- change presenter mode's text size, and "Clear
// executions" (with a confirmation) forgets every execution and resets the virtual clock. Keys act only
// when they are the page's (page_keys.hpp: not while a text field has focus, a menu or dialog is open, or
// Ctrl/Alt/Cmd is held). Left/Right belong to time travel (travel_bar.cpp), PageUp/PageDown too when no
// script or lesson is open.
#pragma once

#include <string>

#include "base/json.hpp"
#include "ui/page_keys.hpp"
#include "ui/selection.hpp"
#include "ui/session.hpp"

namespace dp::ui {

class Commands {
public:
  // N or PageDown, P or PageUp this frame (a clicker sends PageDown/PageUp): the open demo script or lesson
  // steps with them.
  enum class StepKey { None, Next, Previous };
  StepKey step_key(const PageKeys& keys);
  // + (or =) and - this frame: presenter mode's text size, one size up or down (0: neither).
  int text_size_key(const PageKeys& keys);
  // Reads this frame's keys and continues a run started with Space; call before the panels draw.
  void frame(Session& session, Selection& selection, const PageKeys& keys);
  // "To end" for the open execution, or pause when it runs.
  void play_pause(Session& session, const Selection& selection);
  void restart(Session& session, Selection& selection);
  // Opens the confirmation; the modal is drawn by draw_modals().
  void ask_clear_executions() { m_confirm_clear = true; }
  void draw_modals(Session& session, Selection& selection);
  bool playing() const { return m_playing; }
  void test_state(Json& out) const;

private:
  void run_slice(Session& session);

  bool m_playing = false;
  std::string m_playing_arn;
  bool m_confirm_clear = false;
  int m_key_presses = 0; // shortcuts acted on, for tests
};

} // namespace dp::ui
