// Branch and compare (issue 9), simulation only: Lambda has no in-place redrive. A branch is a new
// execution that shares another one's history up to a point of its past and then differs. The engine is
// deterministic, so it is built by re-simulating the original in a private engine (same document, input,
// start time and options), feeding it what came from outside (callback answers, a stop, a replaced
// handler) where the original's trace has them, until the point; then the choice is applied, the branch
// runs on until it ends or waits for the learner, and the engine showing it adopts it
// (Engine::adopt_execution, Recording::adopt).
//
//   auto sim = Resimulation::run(engine, arn, point, "order-3");   // the private engine at the point
//   BranchSituation here = situation(**sim);                       // what can differ there
//   Status done = diverge(**sim, choice, origin);                  // apply the choice, run on
//   Result<Engine::Adopted> a = engine.adopt_execution((*sim)->engine(), (*sim)->arn());
//
// The same re-simulation of a whole execution rebuilds the recording of one restored from a store, which
// had none (time travel after a reload).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "engine/engine.hpp"
#include "engine/recording.hpp"

namespace dp::engine {

class Resimulation {
public:
  // Re-simulates execution `arn` of `engine` up to trace point `point` (to its last entry when none) in
  // a private engine whose recording is attached. The execution there is named `name` with id `id` (the
  // original's when empty). Fails, saying where, when the private run does not reproduce the original's
  // trace (an execution that invokes other durable executions, an external action it cannot redo).
  static Result<std::unique_ptr<Resimulation>> run(const Engine& engine, const std::string& arn,
                                                   std::optional<TracePoint> point,
                                                   const std::string& name = "", const std::string& id = "");

  Engine& engine() { return *m_engine; }
  const Engine& engine() const { return *m_engine; }
  const Recording& recording() const { return m_recording; }
  // The execution's ARN in the private engine.
  const std::string& arn() const { return m_arn; }
  // The original's entries reproduced, and the private engine's entries that reproduce them, pairwise.
  const std::vector<size_t>& original_entries() const { return m_original_entries; }
  const std::vector<size_t>& entries() const { return m_entries; }

private:
  Resimulation() = default;
  std::unique_ptr<Engine> m_engine;
  Recording m_recording;
  std::string m_arn;
  std::vector<size_t> m_original_entries;
  std::vector<size_t> m_entries;
};

// What a branch at the re-simulated point can do differently.
struct BranchSituation {
  std::string nothing_differs;            // why no choice can change anything here ("" = some can)
  std::vector<PendingCallback> callbacks; // callbacks waiting for an answer: answer one differently
  bool invocation_running = false;        // an invocation runs: crash it here
  std::vector<std::string> crashes_ahead; // planned crashes (simulation.faults) not fired yet: remove
  bool runs_again = false;                // another invocation can still start: an edit or input shows
};
BranchSituation situation(const Resimulation& sim);

struct BranchChoice {
  enum class Kind {
    AnswerCallback, // answer a waiting callback (success with a result, or failure)
    InjectCrash,    // crash the running invocation here
    RemoveCrashes,  // the planned crashes not fired yet never happen
    EditHandler,    // the invocations from the next one run `handler` (replayed against the checkpoints)
    ChangeInput,    // the invocations from the next one receive `input_json`
  };
  Kind kind = Kind::AnswerCallback;
  std::string callback_operation_id;
  bool callback_succeeds = true;
  std::string callback_result; // JSON text
  ErrorObject callback_error;
  std::shared_ptr<const workflow::Body> handler;
  std::string input_json; // in the flavour's JSON text, as the execution's input is stored
};
// One line for people: what the branch does differently ("the callback 'approval' failed").
std::string describe(const BranchChoice& choice, const Resimulation& sim);

// Applies the choice at the re-simulated point, marks the execution as a branch of `origin`, and runs it
// on until it ends or waits for the learner (a callback, at most `max_steps` engine events). Refuses a
// choice the situation does not allow, saying why.
Status diverge(Resimulation& sim, const BranchChoice& choice, Execution::BranchOrigin origin,
               int64_t max_steps = 5'000'000);

} // namespace dp::engine
