// Demo scripts (docs/script-format.md): a story for a presenter, told one caption per key press. A script
// is a starting workflow and a list of steps; each step has a caption, at most one action of the lesson
// format (solution.hpp: start, run, callback, edit, fault ...) and optionally what must hold after it (a
// check of the lesson format). Played from a clean slate (no executions, the clock at its start), a script
// reaches the same state at every step however often it is played, so "previous" plays it again up to the
// step before. UI-free: the page's script strip and `durable-sim scripts` read the same.
//
//   auto script = lessons::load_script("lessons/scripts/order-replay.json", read);
//   lessons::ScriptRun run(*script);
//   run.go_to(3, playground);                 // the state after the first three steps, from scratch
//   run.next(playground);                     // step 4; run.caption() is what the presenter says
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "lessons/check.hpp"
#include "lessons/lesson.hpp"
#include "lessons/playground.hpp"
#include "lessons/solution.hpp"

namespace dp::lessons {

struct ScriptStep {
  Action action;                   // action.caption is the step's caption; action.name "" = words only
  std::optional<Predicate> expect; // what holds after the step (verify checks it; the page shows it)
};

struct Script {
  std::string file; // "lessons/scripts/order-replay.json"
  std::string id;
  std::string title;
  std::string summary;                  // one or two sentences: what the audience will see
  workflow::Document workflow;          // the starting workflow (after workflow_edit)
  std::string workflow_source;          // "examples/order.json" or "inline"
  std::optional<std::string> terraform; // the Terraform panel's starting text
  std::vector<std::string> panels;      // the page's panels the story uses, the first ones first
  std::vector<ScriptStep> steps;
};

// lessons/scripts/index.json: the script files in menu order ("lessons/scripts/<id>.json").
inline constexpr const char* kScriptIndexPath = "lessons/scripts/index.json";

// Loads one script file and checks it; errors name the file and the JSON path ("lessons/scripts/x.json:
// $.steps[2].run: expected ..."). A script that does not load changes nothing.
Result<Script> parse_script(const std::string& path, std::string_view text, const FileReader& read);
Result<Script> load_script(const std::string& path, const FileReader& read);
Result<std::vector<std::string>> load_script_index(const FileReader& read);
// Every script of the index, in order: those that load, and an error for each that does not.
Listed<Script> load_scripts(const FileReader& read);
// The same, all or nothing: the first error if any file does not load.
Result<std::vector<Script>> load_all_scripts(const FileReader& read);

// Plays a script. Position k means the first k steps were performed (0: the opening state, before step 1).
class ScriptRun {
public:
  explicit ScriptRun(const Script& script) : m_script(&script) {}
  size_t position() const { return m_position; }
  size_t size() const { return m_script->steps.size(); }
  bool done() const { return m_position >= size(); }
  // The caption of the step last performed ("" at position 0).
  const std::string& caption() const;

  // The opening state: executions cleared, the clock at its start, the script's workflow (and Terraform).
  Status open(Playground& playground);
  // Performs the next step. On an error (which names the step's JSON path) the position stays.
  Status next(Playground& playground);
  // The state after the first `position` steps, played again from the opening state: the same state
  // every time (the engine is deterministic from the document's seed and the clock's start).
  Status go_to(size_t position, Playground& playground);

private:
  const Script* m_script;
  size_t m_position = 0;
  ActionPlayer m_player;
};

// `durable-sim scripts verify` and the tests: every step's action applies, every `expect` holds after its
// step, and going back (go_to) reaches the same state as playing forward.
struct ScriptVerdict {
  size_t steps_performed = 0;
  std::string error; // the first step that failed: its path and what went wrong ("" when none)
  bool ok() const { return error.empty(); }
};
ScriptVerdict verify_script(const Script& script);

} // namespace dp::lessons
