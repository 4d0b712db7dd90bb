// From a history that was read (history_reader.hpp) to an execution the playground's views show (issue 13):
// the operations with their parents, attempts, results and errors, the invocations (from the
// InvocationCompleted events), and a trace for the timeline, built only from what the events show. The
// trace's inferences are labelled as such: the SDK replays every operation recorded before an
// invocation starts, so those are drawn as replayed; no step body or checkpoint call is invented.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "engine/service.hpp"
#include "engine/trace.hpp"
#include "importer/history_reader.hpp"

namespace dp::importer {

struct ImportedExecution {
  engine::Execution execution;           // document: a placeholder with no handler (imported_from is set)
  std::vector<engine::TraceEvent> trace; // seq from 1; the store renumbers
};

// `origin` says where the history came from ("aws-history: order.json"); it becomes imported_from.
Result<ImportedExecution> build_execution(const History& history, const std::string& origin);

} // namespace dp::importer
