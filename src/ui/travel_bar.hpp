// The time-travel bar (issue 9): a strip along the bottom of the page with a scrubber over the selected
// execution's past (every trace entry, every replayed operation), buttons to step back and forth, and the
// keys Left/Right, PageUp/PageDown (presenters' clickers), Home/End. Moving it shows the execution as it
// was at that point in every panel (Session::travel_to); the engine is never touched.
#pragma once

#include <cstdint>
#include <string>

#include "base/json.hpp"
#include "ui/page_keys.hpp"
#include "ui/panel.hpp"

namespace dp::ui {

class TravelBar {
public:
  // Height of the strip at the current style for a page `width` pixels wide: one row of controls, or two
  // when one would cut what the view shows (the status line goes below the controls then).
  static float height(float width);
  // Keys: called before the panels draw, so that they show the new point in the same frame. PageUp and
  // PageDown are time travel only with `page_keys` (a demo script or a lesson steps with them otherwise).
  void handle_keys(PanelContext& ctx, const PageKeys& keys, bool page_keys);
  void draw(PanelContext& ctx, ImVec2 pos, ImVec2 size);
  void test_state(const PanelContext& ctx, Json& out) const;

private:
  // Moves to point `index` of the selected execution (the last one is the present) and asks a playing
  // run to pause (scrubbing takes over).
  void go(PanelContext& ctx, long long index);

  // Branch from the point shown (issue 9): the dialog that says what can differ there and makes the
  // branch (Session::prepare_branch / branch).
  void draw_branch_dialog(PanelContext& ctx);

  long long m_dragged = -1; // slider value while the mouse holds it
  struct BranchForm {
    std::string arn;
    size_t index = 0;
    int kind = 0;         // engine::BranchChoice::Kind
    int callback = 0;     // which waiting callback
    bool succeed = false; // answer with success (else failure)
    std::string result = "{\"approved\": false}";
    std::string error_type = "Rejected";
    std::string error_message = "the manager said no";
    std::string input;
    std::string error; // why the last Branch press was refused
  };
  BranchForm m_form;
  uint64_t m_handlers_revision = ~0ull; // the document revision m_same_handler was computed at
  bool m_same_handler = false;          // the editor's handler is the branched execution's
  bool m_open_dialog = false;
  std::string m_refusal;      // why the dialog last shown allows no branch ("" = it allows one)
  std::string m_empty_reason; // what the empty slider track says when there is nothing to step through
};

} // namespace dp::ui
