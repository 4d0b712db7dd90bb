// Lessons in the page (issue 10): the lesson files embedded in the module, the learner's progress (kept in
// IndexedDB), the lesson that is open with its check evaluated on the engine's state whenever the session
// changes, its hints and its "show me" (a lessons::SolutionRun played one action per click). The Learn
// menu (learn_menu.cpp) and the lesson strip (lesson_strip.cpp) draw it; the UI-free half is src/lessons.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "lessons/check.hpp"
#include "lessons/lesson.hpp"
#include "lessons/playground.hpp"
#include "lessons/solution.hpp"
#include "platform/platform.hpp"
#include "ui/panel.hpp"
#include "ui/selection.hpp"
#include "ui/session.hpp"

namespace dp::ui {

class ScriptPlayer;

// The session seen as a lesson playground: every call is a session command the panels issue.
class SessionPlayground final : public lessons::Playground {
public:
  SessionPlayground(Session& session, Selection& selection, size_t& first_execution,
                    std::function<void(const std::string&)> focus_panel)
      : m_session(session), m_selection(selection), m_first_execution(first_execution),
        m_focus_panel(std::move(focus_panel)) {}

  lessons::Subject subject() const override;
  const workflow::Document& document() const override { return m_session.document(); }
  Status set_document(workflow::Document document) override;
  Status set_terraform(std::string text) override;
  Result<std::string> start_execution(const std::optional<Json>& input) override;
  Status run_to_suspension(const std::string& arn) override;
  Status run_to_end(const std::string& arn, bool let_timeouts_fire) override;
  Status advance_clock(int64_t ms) override;
  Status advance_to_next_timer() override;
  Status send_callback_success(const std::string& callback_id, const std::string& result) override;
  Status send_callback_failure(const std::string& callback_id, const engine::ErrorObject& error) override;
  Status send_callback_heartbeat(const std::string& callback_id) override;
  Status export_project() override;
  Status clear_executions() override;

private:
  Session& m_session;
  Selection& m_selection;
  size_t& m_first_execution;
  std::function<void(const std::string&)> m_focus_panel;
};

// The embedded files lessons and scripts name ("lessons/x.json", "lessons/scripts/y.json",
// "examples/order.json", "lessons/terraform/a.tf").
lessons::FileReader embedded_lesson_reader();

// The step of a story link ("&step=3"): a number from 0 to `last`. An error says what is wrong in words for
// the notice ("step \"x\" is not a number"); a step beyond `last` is `last` with a note.
struct LinkStep {
  size_t step = 0;
  std::string problem; // "" when the step was fine (or absent)
};
LinkStep parse_link_step(const std::string& text, size_t last);

class Learn {
public:
  enum class Mode { Closed, List, Lesson };

  // Loads the lessons and the progress; opens the lesson of a `#lesson=ID` (`&step=N`) link, or the one
  // open before the reload. `focus_panel` selects a panel's tab (the lesson's panels, the Export panel);
  // `on_open` is called when a lesson opens (the page closes a demo script then).
  void init(Session& session, Selection& selection, std::function<void(const std::string&)> focus_panel,
            std::function<void()> on_open);
  // Re-evaluates the check when the session changed; marks the lesson done when it passes.
  void update();

  void open_lesson(size_t index); // the lesson's starting state, a fresh check and hints
  void reopen(size_t index);      // the strip for the lesson, the session left as it is
  void open_list() { m_mode = Mode::List; }
  void close();
  void show_hint();
  void show_me(); // the next solution action
  // N/PageDown and P/PageUp: the next solution action (none after the last), or back one: the lesson
  // opened again and its solution played to the step before.
  void step_forward();
  void step_back();
  // The lesson's start, then its first `step` solution actions.
  void go_to_step(size_t step);
  void open_link(const std::string& url);
  // A `#lesson=ID&step=N` link: the lesson at that step (or reopened as it was, when it is `current_id`
  // without a step: its executions began at `first_execution`); an unknown id opens the list.
  void open_story_link(const platform::StoryLink& link, const std::string& current_id = "",
                       size_t first_execution = 0);

  bool lesson_open() const { return m_mode == Mode::Lesson; }
  // The panels the open lesson uses (nullptr when none is open): presenter mode shows only these.
  const std::vector<std::string>* panels() const {
    return lesson_open() ? &m_lessons[m_current].panels : nullptr;
  }

  // Drawing (learn_menu.cpp, lesson_strip.cpp).
  void draw_menu(ScriptPlayer& scripts); // the Learn menu, with the demo scripts' submenu
  // Draws the strip at `origin` across `width`; returns its height (0 when closed).
  float draw_strip(PanelContext& ctx, ImVec2 origin, float width, float max_height);
  void test_state(Json& out) const;

private:
  void save_progress();
  void evaluate();
  void perform_next_action(); // the next action of m_solution, its caption and the link's step
  void update_link();
  const lessons::Lesson* current() const { return m_mode == Mode::Lesson ? &m_lessons[m_current] : nullptr; }
  void draw_list(PanelContext& ctx);
  void draw_lesson(PanelContext& ctx);

  Session* m_session = nullptr;
  Selection* m_selection = nullptr;
  std::function<void(const std::string&)> m_focus_panel;
  std::function<void()> m_on_open;
  std::optional<SessionPlayground> m_playground;
  std::vector<lessons::Lesson> m_lessons;
  std::string m_load_error; // the file that did not load, where and what
  std::set<std::string> m_done;
  Mode m_mode = Mode::Closed;
  size_t m_current = 0;
  size_t m_first_execution = 0; // where the open lesson's executions begin
  size_t m_hints_shown = 0;
  std::optional<lessons::SolutionRun> m_solution;
  std::string m_caption; // the caption of the last "show me" action
  std::string m_solution_error;
  lessons::Report m_report;
  uint64_t m_seen[3] = {~0ull, ~0ull, ~0ull}; // engine, document and Terraform revisions last evaluated
  std::string m_link_shown;                   // a documentation link shown as text (no link opener)
};

} // namespace dp::ui
