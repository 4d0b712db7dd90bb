// The replay check (issue 13): would a workflow document, deployed now, replay an execution that is in
// flight? The document's handler runs once more, as the SDK runs it on a re-invocation, against the
// recorded operations; the engine's replay validation (the SDK's: same id -> same Type, SubType, Name, and
// for Python 2.x ParentId) finds the first operation that differs, with the SDK's non-determinism message.
// The check stops at the first operation the history does not have (new code past the recorded point), or
// when the handler suspends or returns. Nothing is stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "engine/service.hpp"
#include "workflow/document.hpp"

namespace dp::importer {

struct ReplayReport {
  bool clean = true;
  std::string flavour;                     // "javascript" or "python"
  std::string message;                     // the SDK's non-determinism message, or "replays cleanly"
  std::optional<std::string> operation_id; // the first operation that differs
  std::optional<std::string> expected_type, expected_name; // as recorded
  std::string got;                      // what the handler called there (the engine's words)
  int matched = 0;                      // recorded operations the handler reached and matched
  std::vector<std::string> not_reached; // top-level recorded operations it never reached
  std::string stopped;                  // why the check stopped, in words
};

// `recorded` is an imported (or simulated) execution; `doc` the workflow to check (its runtime chooses the
// flavour unless `flavour` is "js" or "python").
Result<ReplayReport> replay_check(const workflow::Document& doc, const engine::Execution& recorded,
                                  const std::string& flavour = "");

Json to_json(const ReplayReport& r);

} // namespace dp::importer
