// A lesson's starting state and its solution ("show me"): the actions of docs/lessons-format.md
// "Solutions", performed on a Playground one at a time so the page can show each with its caption.
//
//   lessons::open_lesson(lesson, playground);            // the starting workflow and Terraform text
//   lessons::SolutionRun run(lesson);
//   while (!run.done()) if (auto st = run.next(playground); !st.ok()) show(st.error().text());
#pragma once

#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "lessons/lesson.hpp"
#include "lessons/playground.hpp"

namespace dp::lessons {

// Puts the lesson's starting workflow (and Terraform text) into the playground.
Status open_lesson(const Lesson& lesson, Playground& playground);

// Performs actions one at a time on a playground. The execution actions act on the execution the last
// `start` began. An action with no name (a demo script's words-only step) does nothing.
class ActionPlayer {
public:
  // An error names the action's JSON path and what went wrong.
  Status perform(const Action& action, Playground& playground);
  // Forgets the execution (after the playground's executions were cleared).
  void reset() { m_arn.clear(); }

private:
  std::string m_arn; // the execution the last `start` began
};

// Plays a solution action by action.
class SolutionRun {
public:
  explicit SolutionRun(const Lesson& lesson) : m_lesson(&lesson) {}
  bool done() const { return m_next >= m_lesson->solution.size(); }
  size_t position() const { return m_next; }
  // The next action, performed. An error names the action's JSON path and what went wrong; the run stops
  // there (done() stays false, the same action fails again).
  Status next(Playground& playground);
  // Every remaining action.
  Status finish(Playground& playground);

private:
  const Lesson* m_lesson;
  size_t m_next = 0;
  ActionPlayer m_player;
};

// Reads one action of a solution from a lesson file (the loader's half): `resolve` loads the files an
// action names (set_workflow and terraform paths).
Result<Action> parse_action(const Json& json, const std::string& path, const FileReader& read);

// A short description of an action for logs ("start", "callback 'approval': succeed").
std::string describe(const Action& action);

// Every action name, for the documentation test.
std::vector<std::string> action_names();

} // namespace dp::lessons
