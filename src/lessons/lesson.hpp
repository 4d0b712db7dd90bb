// Lessons (DESIGN.md "The teaching layer"): the lesson format of docs/lessons-format.md as values, and the
// loader that checks lesson files. A lesson is data: a goal, a starting workflow (and Terraform text), short
// instructions, a check over engine state (check.hpp), hints, a solution the page can play (solution.hpp)
// and what the learner learned. UI-free: the page's lesson strip and `durable-sim lessons` read the same.
//
//   auto index = lessons::load_index(read_file);            // lessons/index.json, in order
//   auto lesson = lessons::load_lesson("lessons/wait-costs-nothing.json", read_file);
//   if (!lesson.ok()) show(lesson.error().text());          // "lessons/x.json: $.check.all[1]: ..."
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "lessons/listed.hpp"
#include "workflow/document.hpp"

namespace dp::lessons {

// Reads a file by its path relative to the repository root ("examples/order.json"). Natively a file read;
// in the page the files embedded in the module.
using FileReader = std::function<Result<std::string>(const std::string& path)>;

// [SECTION] Checks

// A predicate of the check language (docs/lessons-format.md "Checks"). The loader validated `args`
// against the predicate's table entry, so evaluation reads them without checking again.
struct Predicate {
  std::string name;                // "all", "operation", "execution_status" ...
  Json args;                       // the predicate's value: an object, a list (all/any), a string ...
  std::vector<Predicate> children; // all, any: the list; not, some_execution, latest_execution: one
  std::string say;                 // the lesson's own words for the goal ("make it run once"); "" = generated
  std::string path;                // JSON path in the lesson file, for error messages
};

// [SECTION] Solutions

// One step of a solution ("show me"), performed by solution.hpp on a Playground. `args` holds the
// action's value as written (validated by the loader); the fields below are resolved from it.
struct Action {
  std::string name;    // "set_workflow", "edit", "start", "run", "callback", "advance", "fault", ...
  Json args;           // the action's value
  std::string caption; // optional words the page shows while it performs the action
  std::string path;    // JSON path in the lesson file
  // set_workflow: the document it sets (loaded and validated by the loader).
  std::optional<workflow::Document> document;
  // terraform: the text it sets.
  std::string text;
};

// [SECTION] Lessons

struct Link {
  std::string title;
  std::string url;
};

struct Lesson {
  std::string file; // "lessons/wait-costs-nothing.json"
  std::string id;
  std::string title;
  std::string goal;                      // one sentence
  workflow::Document workflow;           // the starting workflow (after workflow_edit)
  std::string workflow_source;           // "examples/order.json" or "inline"
  std::optional<std::string> terraform;  // the starting Terraform text, for Terraform lessons
  std::vector<std::string> panels;       // the page's panel ids the lesson uses, in the order it uses them
  std::vector<std::string> instructions; // short paragraphs
  std::vector<std::string> hints;        // progressive: show the first, then the next ...
  Predicate check;
  std::vector<Action> solution;
  std::string learned; // the "what you learned" summary
  std::vector<Link> links;
};

// Loads one lesson file and checks it: unknown fields, wrong types, unknown predicates or actions, a
// starting workflow that does not load. Errors name the file and the JSON path.
Result<Lesson> load_lesson(const std::string& path, const FileReader& read);
// The same from text already read (`path` names it in errors).
Result<Lesson> parse_lesson(const std::string& path, std::string_view text, const FileReader& read);

// lessons/index.json: the lesson files in teaching order ("lessons/<id>.json" for each id).
inline constexpr const char* kIndexPath = "lessons/index.json";
Result<std::vector<std::string>> load_index(const FileReader& read);

// Every lesson of the index, in order: those that load, and an error for each that does not.
Listed<Lesson> load_lessons(const FileReader& read);
// The same, all or nothing: the first error if any file does not load.
Result<std::vector<Lesson>> load_all(const FileReader& read);

// A FileReader over a folder of the native file system (the repository root).
FileReader directory_reader(const std::string& root);

// [SECTION] Shared with demo scripts (script.hpp)

// 1-64 of a-z, 0-9 and '-': a lesson's or script's id (part of links and file names).
bool valid_id(const std::string& id);
// The starting workflow of a lesson or script file: its "workflow" (a path from the repository root or a
// document inline), then its optional "workflow_edit" patch. `source` receives the path or "inline".
Result<workflow::Document> parse_start_workflow(const Json& file, const std::string& root,
                                                const FileReader& read, std::string& source);
// A "panels" list names only the page's panels.
Status check_panels(const std::vector<std::string>& panels, const std::string& path);

// Applies a JSON Patch subset (RFC 6902 "add", "remove", "replace", "move", "copy") to a copy of `target`.
// Errors name the operation's index and the pointer that does not resolve.
Result<Json> apply_patch(const Json& target, const Json& patch);

} // namespace dp::lessons
