// Explain (DESIGN.md "The teaching layer"): the engine's trace told as plain sentences for a learner, and
// the ledger of side effects that really ran. UI-free: the CLI (`run --explain`, `explain --db`) and the
// page's Story and Ledger panels call the same functions. Depends on engine, workflow and store; nothing
// below them depends on it.
//
//   auto story = explain::narrate(engine, arn);          // one Sentence per thing that happened
//   for (const auto& s : story) print(s.at_ms, s.invocation, s.text, s.why);
//   auto ledger = explain::side_effects(engine, arn);    // every run of a body with a side_effect
//   if (ledger.repeated()) ...                           // "charge the customer's card ×2"
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/engine.hpp"
#include "workflow/document.hpp"

namespace dp::explain {

// [SECTION] Sentences

// What a sentence is about. The names (kSentenceKindNames) are the stable strings of the JSON output and
// of the page: never rename one, add new kinds at the end of a group.
enum class SentenceKind {
  ExecutionStarted,    // StartDurableExecution
  InvocationFirst,     // Lambda runs the handler for the first time
  InvocationAgain,     // a re-invocation (and what triggered it)
  Replayed,            // a run of operations answered from checkpoints (their code does not run)
  StepRuns,            // a step has no stored result: START, then its body runs
  StepRunsAgain,       // a step whose START was recorded but no outcome: its body runs again
  StepBodyRan,         // a step body finished (and its side effect happened)
  StepSucceeded,       // checkpoint: SUCCEED with the result
  RetryScheduled,      // checkpoint: RETRY (attempt, delay, which strategy decided)
  StepFailed,          // checkpoint: FAIL (no retry left)
  StepInterrupted,     // at-most-once: START recorded, no outcome, the body is not run again
  WaitStarted,         // checkpoint: WAIT START
  WaitEnded,           // the wait's timer fired
  RetryReady,          // the retry's timer fired: the step is READY
  CallbackCreated,     // checkpoint: CALLBACK START (a callback id exists)
  CallbackHeartbeat,   // SendDurableExecutionCallbackHeartbeat
  CallbackAnswered,    // SendDurableExecutionCallbackSuccess
  CallbackFailed,      // SendDurableExecutionCallbackFailure
  CallbackTimedOut,    // the callback's timeout or heartbeat timeout fired
  ContextStarted,      // a child context (or wait_for_callback) starts
  ContextFinished,     // a child context succeeded or failed
  BatchStarted,        // parallel or map starts
  BranchStarted,       // a parallel branch or map item starts
  BranchFinished,      // a branch or item succeeded or failed
  BatchCompleted,      // the batch completed, and why (all done, min_successful, tolerance exceeded)
  ConditionChecked,    // wait_for_condition ran its check (and the next check's delay)
  InvokeStarted,       // a chained invoke starts
  CheckpointSent,      // any other checkpoint call (what it carries)
  CheckpointRejected,  // the service refused a checkpoint call
  Crash,               // an injected fault or a timeout ended the invocation
  NonDeterminism,      // replay found a different operation than the one recorded
  InvocationPending,   // the invocation ends with PENDING: nothing billed while it waits
  InvocationSucceeded, // the handler returned
  InvocationFailed,    // the handler raised, or the invocation crashed or timed out
  ExecutionSucceeded,
  ExecutionFailed,
  ExecutionTimedOut,
  ExecutionStopped,
  ExecutionTimeoutFired, // the execution timeout's timer
  StopRequested,         // StopDurableExecution (simulation plan)
  Log,                   // a replay-aware log line
  HandlerReplaced,       // the code changed between invocations (simulation only)
  ValueChanged,          // code outside a step computed a different value than in the previous invocation
  Count
};
inline constexpr const char* kSentenceKindNames[] = {"ExecutionStarted",
                                                     "InvocationFirst",
                                                     "InvocationAgain",
                                                     "Replayed",
                                                     "StepRuns",
                                                     "StepRunsAgain",
                                                     "StepBodyRan",
                                                     "StepSucceeded",
                                                     "RetryScheduled",
                                                     "StepFailed",
                                                     "StepInterrupted",
                                                     "WaitStarted",
                                                     "WaitEnded",
                                                     "RetryReady",
                                                     "CallbackCreated",
                                                     "CallbackHeartbeat",
                                                     "CallbackAnswered",
                                                     "CallbackFailed",
                                                     "CallbackTimedOut",
                                                     "ContextStarted",
                                                     "ContextFinished",
                                                     "BatchStarted",
                                                     "BranchStarted",
                                                     "BranchFinished",
                                                     "BatchCompleted",
                                                     "ConditionChecked",
                                                     "InvokeStarted",
                                                     "CheckpointSent",
                                                     "CheckpointRejected",
                                                     "Crash",
                                                     "NonDeterminism",
                                                     "InvocationPending",
                                                     "InvocationSucceeded",
                                                     "InvocationFailed",
                                                     "ExecutionSucceeded",
                                                     "ExecutionFailed",
                                                     "ExecutionTimedOut",
                                                     "ExecutionStopped",
                                                     "ExecutionTimeoutFired",
                                                     "StopRequested",
                                                     "Log",
                                                     "HandlerReplaced",
                                                     "ValueChanged"};
static_assert(std::size(kSentenceKindNames) == static_cast<size_t>(SentenceKind::Count));
inline const char* to_string(SentenceKind k) {
  return kSentenceKindNames[static_cast<size_t>(k)];
}

// One thing that happened, told for a learner who has just read the AWS blog post.
struct Sentence {
  int64_t at_ms = 0;  // virtual time (engine clock, ms since the epoch)
  int invocation = 0; // 1-based invocation it happened in; 0: between invocations (a timer, a callback)
  SentenceKind kind = SentenceKind::ExecutionStarted;
  std::string text; // one plain sentence
  std::string why;  // short; names the concept (replay, checkpoint, suspension, at-least-once ...)
  // Links, so the page can select what the sentence is about everywhere.
  std::string execution_arn;
  std::optional<std::string> operation_id;
  std::string operation_name;              // "" for unnamed operations and execution-level sentences
  std::optional<int64_t> checkpoint_call;  // CheckpointCallRecord::seq (1-based) of the call it narrates
  std::optional<int64_t> history_event_id; // HistoryEvent::event_id of the event it narrates
  // The engine trace entries it narrates: [trace_index, trace_last], indexes into Engine::trace(). The
  // page highlights the last sentence whose trace_index <= the current position; "Step" moves to the next
  // sentence's trace_last. Several sentences may share one entry (a run of replays split around an
  // interrupted step).
  size_t trace_index = 0;
  size_t trace_last = 0;
};

// Which SDK's words to use (function names differ: context.wait_for_callback vs context.waitForCallback).
// nullopt: the execution's own runtime.
using Wording = std::optional<workflow::Flavor>;

// The story of one execution, ordered by trace position. Cheap enough to recompute on every change
// (a 1,000-operation execution: see bench/ and the report in the commit that added it).
std::vector<Sentence> narrate(const engine::Engine& engine, const std::string& execution_arn,
                              Wording wording = std::nullopt);
// The same from a trace and an execution (a store opened elsewhere, a prefix of the trace for time
// travel: pass the entries up to the position).
std::vector<Sentence> narrate(const std::vector<engine::TraceEvent>& trace,
                              const engine::Execution& execution, Wording wording = std::nullopt);

// Why a story cannot be told, or "" when it can: an execution stored by a version that kept no trace
// (schema 1) says so instead of showing an empty story.
std::string missing_story(const std::vector<engine::TraceEvent>& trace, const engine::Execution& execution);

// An imported execution (Execution::imported_from, issue 13) is told from its history events only, by
// narrate_events and side_effects_from_events (imported_story.cpp); narrate and side_effects call them for
// such an execution. Nothing is said that the events do not show; what the SDK is known to do (replay
// what was recorded before an invocation) is said as such.
std::vector<Sentence> narrate_events(const std::vector<engine::TraceEvent>& trace,
                                     const engine::Execution& execution);

// {"at_ms", "invocation", "kind", "text", "why", "operation_id"?} (the CLI's JSON "narration").
Json to_json(const Sentence& s);

// [SECTION] Side-effect ledger

// Why a body ran again.
enum class RunCause {
  First,                 // the first time
  RetryAfterFailure,     // the previous attempt failed and the retry strategy allowed another
  CrashBeforeCheckpoint, // the previous run finished but the invocation died before its checkpoint
  NoOutcomeRecorded,     // imported history: the previous start has no outcome event (the events do not
                         // say whether its body finished)
};
inline constexpr const char* kRunCauseNames[] = {"first", "retry_after_failure", "crash_before_checkpoint",
                                                 "no_outcome_recorded"};
static_assert(std::size(kRunCauseNames) == static_cast<size_t>(RunCause::NoOutcomeRecorded) + 1);

// One run of a step body that declares a side_effect (never a replay).
struct SideEffectRun {
  std::string execution_arn;
  std::string operation_id;
  std::string operation_name;
  std::string effect; // the step's side_effect text ("charge the customer's card")
  int invocation = 0;
  int attempt = 1;   // the step attempt (1-based) the body ran in
  int64_t at_ms = 0; // when the body finished (virtual time)
  size_t trace_index = 0;
  // The checkpoint that recorded this run's outcome ("SUCCEED", "FAIL", "RETRY"), or "" when no
  // checkpoint did: the work happened but the service never heard of it.
  std::string recorded;
  RunCause cause = RunCause::First;
  int run = 1;   // 1-based: this is the n-th run of this operation's body
  int times = 1; // how many times this operation's body ran in the execution (the ×N)
  // At-most-once: a later invocation found the step interrupted and did not run the body again.
  bool rerun_skipped = false;
};

// The ledger of one execution: every run of a body that declares a side effect, in trace order.
struct Ledger {
  std::vector<SideEffectRun> runs;

  // True when some effect happened more than once in the execution.
  bool repeated() const;
  // How many times the body of `operation_id` ran (0: never, or it declares no side effect).
  int times(const std::string& operation_id) const;
  // One line per operation whose effect happened more than once ("\"charge the customer's card\" ×2
  // (process_payment: a crash after the body, before its checkpoint)") or whose re-run at-most-once
  // semantics skipped.
  std::vector<std::string> flags() const;
};

// The ledger of one execution, derived from the trace (both the engine's and one restored from a store).
Ledger side_effects(const std::vector<engine::TraceEvent>& trace, const engine::Execution& execution);
Ledger side_effects(const engine::Engine& engine, const std::string& execution_arn);
// An imported execution's ledger (see narrate_events): every StepStarted event is a run of that step's
// body (the SDK checkpoints START before it runs the body); its outcome is the StepSucceeded or StepFailed
// that follows, if any. The effect is "the body of step NAME": a history does not say what a body does.
Ledger side_effects_from_events(const std::vector<engine::TraceEvent>& trace,
                                const engine::Execution& execution);

// {"at_ms", "invocation", "operation_id", "name", "attempt", "effect", "recorded", "run", "times",
//  "cause", "rerun_skipped"} (the CLI's JSON "side_effects").
Json to_json(const SideEffectRun& r);

// A virtual time as the story prints it: "+00:10.570" from the execution's start.
std::string offset_text(int64_t at_ms, int64_t start_ms);

} // namespace dp::explain
