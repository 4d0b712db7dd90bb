// From a history that was read (history_reader.hpp) to an execution the playground's views show (issue 13):
// the operations with their parents, attempts, results and errors, the invocations (from the
// InvocationCompleted events), and a trace for the timeline, built only from what the events show. The
// trace's inferences are labelled as such: the SDK replays every operation recorded before an
// invocation starts, so those are drawn as replayed; no step body or checkpoint call is invented.
#pragma once

#include <functional>
#include <memory>
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

// The same building in slices (the page builds a 100 MB history across frames); build_execution runs one
// to the end. The history's events move into the execution as they are added.
class ExecutionBuilder {
public:
  ExecutionBuilder(History history, std::string origin);
  ~ExecutionBuilder();
  ExecutionBuilder(const ExecutionBuilder&) = delete;
  ExecutionBuilder& operator=(const ExecutionBuilder&) = delete;

  // Adds events until `out_of_time()` returns true (asked every few dozen events) or all are added and
  // the execution is finished. Returns the error that ended it, if any (then done()).
  Status advance(const std::function<bool()>& out_of_time);
  bool done() const;
  size_t events_added() const;
  size_t events_total() const;
  // The execution (or the error) once done(); call once.
  Result<ImportedExecution> take();

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace dp::importer
