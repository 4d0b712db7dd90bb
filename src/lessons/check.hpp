// The check language of lessons (docs/lessons-format.md "Checks"): small declarative predicates over the
// state a learner produced — the engine's executions (status, result, invocations, operations, body runs,
// replays, callbacks, side effects, time billed), the workflow document, the Terraform text and the
// exported project — combined with all/any/not. Evaluated on state, never on clicks, by the same code
// natively and in the page. A failed predicate says in one sentence what is missing.
//
//   lessons::Subject s{.engine = &engine, .document = &doc};
//   auto report = lessons::evaluate(lesson.check, s);
//   if (!report.passed) print(report.missing());   // "process_payment's body ran 2 times; make it run once"
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/engine.hpp"
#include "lessons/lesson.hpp"
#include "workflow/document.hpp"

namespace dp::lessons {

// What a check looks at. Any part may be absent; a predicate over an absent part fails and says so.
struct Subject {
  const engine::Engine* engine = nullptr;
  const workflow::Document* document = nullptr; // the document the learner edits
  const std::string* terraform = nullptr;       // the Terraform panel's text (main.tf)
  // Executions started before the lesson opened are not the lesson's: the index into the service's
  // execution order where the lesson's executions begin.
  size_t first_execution = 0;
};

// The verdict of one predicate.
struct Outcome {
  bool passed = false;
  std::string now;  // what is the case ("process_payment's body ran 2 times")
  std::string want; // what the goal asks ("make it run once"): the lesson's `say` or a generated sentence
  // "now; want" — the sentence the lesson strip shows for a predicate that fails.
  std::string missing() const;
};

// A check's verdict, itemised: one item per element of a top-level `all` (the lesson strip's checklist),
// or a single item for any other predicate.
struct Report {
  bool passed = false;
  std::vector<Outcome> items;
  // The failing items' sentences, one per line ("" when the check passes).
  std::string missing() const;
};

Report evaluate(const Predicate& check, const Subject& subject);
Outcome evaluate_one(const Predicate& predicate, const Subject& subject);

// Reads a predicate from a lesson file (the loader's half of the language): the name must be known, and its
// fields present, of the right type and no others. `path` is the predicate's JSON path.
Result<Predicate> parse_predicate(const Json& json, const std::string& path);

// Every predicate name, for the documentation test.
std::vector<std::string> predicate_names();

} // namespace dp::lessons
