// The page's single keys (a presenter's clicker sends PageDown/PageUp, Right/Left and Space; the others are
// R, F, N, P, Home, End, + and -), read once per frame so that none is ever lost. They belong to the page
// unless a text field is being typed in, a menu or dialog is open, a widget is being worked from the
// keyboard, or Ctrl, Alt or Cmd is held. In particular a mouse press held on a control, a click just
// made or a menu just closed never takes them.
//
// Two ImGui behaviours used to lose or double them:
// - ImGui's keyboard navigation also moves on PageUp/PageDown, Home/End and the arrows whenever no one
//   owns them. It did in the frames where time travel stood aside (a mouse press held on a control), and
//   its move turned the navigation highlight on, after which time travel stood aside for every key until
//   the next click. The keys are now owned in every frame a text field does not have them.
// - ImGui repeats a key by its own clock: on a busy machine a release that reached the page a few frames
//   late (over 275 ms) counted as a second press. A press now counts once, and a held key repeats with the
//   browser's own auto-repeat (platform::take_key_repeats).
#pragma once

#include "imgui.h"

namespace dp::ui {

class PageKeys {
public:
  // Call once per frame, after the menu bar is drawn (a menu opened in this frame then counts) and before
  // anything reads the keys.
  void frame();
  // The keys are the page's in this frame.
  bool available() const { return m_available; }
  // How many times `key` was pressed in this frame, the browser's repeats of a held Left, Right, PageUp,
  // PageDown, Home or End included; 0 when the keys are not the page's.
  int presses(ImGuiKey key) const;
  bool pressed(ImGuiKey key) const { return presses(key) > 0; }

private:
  bool m_available = false;
  int m_repeats[6] = {}; // the browser's repeats, in the order of kRepeatingKeys (page_keys.cpp)
};

} // namespace dp::ui
