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
#include "ui/panel.hpp"
#include "ui/selection.hpp"
#include "ui/session.hpp"

namespace dp::ui {

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

// The embedded files lessons name ("lessons/x.json", "examples/order.json", "lessons/terraform/a.tf").
lessons::FileReader embedded_lesson_reader();

class Learn {
public:
  enum class Mode { Closed, List, Lesson };

  // Loads the lessons and the progress; opens the lesson of a `#lesson=ID` link, or the one open before
  // the reload. `focus_panel` selects a panel's tab (the lesson's panels, the Export panel).
  void init(Session& session, Selection& selection, std::function<void(const std::string&)> focus_panel);
  // Re-evaluates the check when the session changed; marks the lesson done when it passes.
  void update();

  void open_lesson(size_t index); // the lesson's starting state, a fresh check and hints
  void reopen(size_t index);      // the strip for the lesson, the session left as it is
  void open_list() { m_mode = Mode::List; }
  void close();
  void show_hint();
  void show_me(); // the next solution action
  void open_link(const std::string& url);

  // Drawing (learn_menu.cpp, lesson_strip.cpp).
  void draw_menu();
  // Draws the strip at `origin` across `width`; returns its height (0 when closed).
  float draw_strip(PanelContext& ctx, ImVec2 origin, float width, float max_height);
  void test_state(Json& out) const;

private:
  void save_progress();
  void evaluate();
  const lessons::Lesson* current() const { return m_mode == Mode::Lesson ? &m_lessons[m_current] : nullptr; }
  void draw_list(PanelContext& ctx);
  void draw_lesson(PanelContext& ctx);

  Session* m_session = nullptr;
  Selection* m_selection = nullptr;
  std::function<void(const std::string&)> m_focus_panel;
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
