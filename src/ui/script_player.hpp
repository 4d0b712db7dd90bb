// Demo scripts in the page (issue 10, docs/script-format.md): the script files embedded in the module, the
// one that is open, its position, and its caption strip. N/PageDown plays the next step, P/PageUp goes
// back one (the script played again from its clean opening state up to the step before: the same state
// every time). Opening a script forgets the executions, so when there are executions the script did not
// make the page asks first. A `#script=ID&step=N` link opens a script at a step; the address follows the
// position, so a reload or a copied address comes back to it. The UI-free half is lessons/script.hpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "lessons/script.hpp"
#include "ui/learn.hpp"
#include "ui/panel.hpp"
#include "ui/selection.hpp"
#include "ui/session.hpp"

namespace dp::ui {

class ScriptPlayer {
public:
  // Loads the scripts (a file that does not load is named in a notice and left out) and opens the one of a
  // `#script=ID` link. `focus_panel` selects a panel's tab (the script's panels); `on_open` is called when
  // a script opens (the page closes an open lesson then).
  void init(Session& session, Selection& selection, std::function<void(const std::string&)> focus_panel,
            std::function<void()> on_open);

  bool is_open() const { return m_open.has_value(); }
  // The panels the open script uses (nullptr when none is open): presenter mode shows only these.
  const std::vector<std::string>* panels() const { return is_open() ? &m_scripts[*m_open].panels : nullptr; }

  // Opens script `index` at `step`; asks first when executions would be forgotten that the script did
  // not make.
  void request_open(size_t index, size_t step);
  // A `#script=ID&step=N` link: the script at that step (asking first as above); an unknown id is named.
  void open_story_link(const platform::StoryLink& link);
  void next();
  void previous();
  void close();
  // A file the user opened or dropped: when it is a demo script (a JSON object with "steps" and no
  // "handler"), it is loaded, kept in this browser and opened, or its error (file, JSON path, what) is
  // shown and nothing changes; true when it was a script. Other files are left to the caller.
  bool take_file(const std::string& name, const std::string& text);

  // The Learn menu's "Demo scripts" submenu, the caption strip, the confirmation.
  void draw_menu();
  // The caption strip (its height); `compact` in presenter mode: one row of controls, the caption in the
  // body font, so that the panels below keep their room.
  float draw_strip(PanelContext& ctx, ImVec2 origin, float width, float max_height, bool compact);
  void draw_modals();
  void test_state(Json& out) const;

private:
  void open_now(size_t index, size_t step);
  // The user's script (`text` of file `name`), checked; the error names the file, the JSON path and what.
  Result<lessons::Script> parse_user_script(const std::string& name, const std::string& text) const;
  // Adds it in place of the user's earlier one (closing the open script); returns its index.
  size_t add_user_script(lessons::Script script);
  void go_to(size_t step);
  void after_move(); // the address, the saved script, the step's expectation

  Session* m_session = nullptr;
  Selection* m_selection = nullptr;
  std::function<void(const std::string&)> m_focus_panel;
  std::function<void()> m_on_open;
  std::optional<SessionPlayground> m_playground;
  size_t m_first_execution = 0; // the playground's; a script's executions begin at 0 (it clears them)
  std::vector<lessons::Script> m_scripts;
  std::string m_load_error;   // the file that did not load, where and what
  size_t m_builtin_count = 0; // scripts after these came from the user's files
  std::optional<size_t> m_open;
  std::optional<lessons::ScriptRun> m_run;
  std::string m_step_error;     // the step that could not be performed
  std::string m_expect_missing; // the step's expectation that does not hold (the workflow was changed?)
  float m_strip_height = 0.0f;  // the caption strip's height in the last frame (test API)
  // What the strip's content measured when last drawn, and for what (draw_strip).
  struct StripMeasure {
    float width = 0.0f;
    size_t position = 0;
    size_t problem_length = 0;
    bool compact = false;
    bool operator==(const StripMeasure&) const = default;
  };
  struct {
    StripMeasure key;
    float height = 0.0f;
  } m_strip_measure;
  bool m_title_cut = false; // the compact strip cut the title
  struct Pending {
    size_t index = 0;
    size_t step = 0;
  };
  std::optional<Pending> m_confirm; // waiting for "Open script" in the confirmation
  bool m_confirm_popup = false;     // open the popup next frame
};

} // namespace dp::ui
