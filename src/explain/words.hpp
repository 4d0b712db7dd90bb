// Every English word the story uses, in one table (words.cpp), so that a translation is a second table and
// no change to the logic. Templates name their blanks ("{op} waits {duration}"); fill() fills them.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "explain/explain.hpp"

namespace dp::explain {

// A sentence's two templates.
struct KindWords {
  const char* text;
  const char* why;
};

// Fragments that vary inside a sentence: triggers, outcomes, crash points, strategy names ...
enum class Phrase {
  // what woke an execution (InvocationAgain's {trigger})
  TriggerWaitEnded,
  TriggerRetryDue,
  TriggerConditionDue,
  TriggerCallbackAnswered,
  TriggerCallbackFailed,
  TriggerCallbackTimedOut,
  TriggerFailedInvocation,
  TriggerInvokeReturned,
  TriggerChangedMeanwhile,
  TriggerCodeReplaced,
  TriggerJoin, // between two triggers
  // lists
  OneOperation,
  ManyOperations,
  AndMore,
  ListJoin,
  InParent, // " (in {parent})": tells apart operations of the same name in one list
  Unnamed,  // "the unnamed {what}"
  UnnamedInList,
  StoredErrorNote,
  StillWaitingNote,
  StillRunningNote,
  // steps
  StepBodyRanEffect, // StepBodyRan's text when the step declares a side effect
  StepBodyRanEffectWhy,
  RepeatNote, // " (×{times} in this execution: {cause})"
  StepRunsRetry,
  StepRunsRetryWhy,
  StepRunsAgainEffect,
  StepInterruptedEffect,
  StrategyDefault,
  StrategyCustom,
  StrategyNone,
  StrategyNotRetryable,
  StrategyUnknown,
  // crashes
  CrashBeforeBody,
  CrashAfterBody,
  CrashAfterBodyEffect,
  CrashAfterCheckpoint,
  CrashHang,
  CrashInvocationFault,
  CrashInvocationHang,
  CrashTimeout,
  CrashInFlight, // "{op} was in the middle of its body"
  ThenAtLeastOnce,
  ThenAtMostOnce,
  // callbacks
  CallbackTimeoutNote,
  CallbackHeartbeatNote,
  CallbackHeartbeatTimedOut,
  CallbackNoAnswer,
  // contexts and batches
  ContextWaitForCallback,
  ContextSucceeded,
  ContextFailed,
  BranchOf,
  ItemOf,
  BranchSucceeded,
  BranchFailed,
  ReasonAllCompleted,
  ReasonMinSuccessful,
  ReasonToleranceExceeded,
  BatchStartedNote,
  // wait_for_condition
  ConditionStarted,
  ConditionNotYet,
  ConditionDone,
  ConditionGaveUp,
  RetryReadyCondition,
  // invocations
  PendingWaitingFor,
  PendingWait,
  PendingCallback,
  PendingRetry,
  PendingCondition,
  PendingInvoke,
  PendingNothingKnown,
  FailedRaised,
  FailedCrashed,
  FailedTimedOut,
  FailedRejected,
  FailedThenRetry,
  FailedThenGiveUp,
  ExecutionErrorCut, // the service cut an execution error over 256 KB (ExecutionFailed's {error})
  ResultNone,
  // checkpoints
  CheckpointMore,
  CheckpointExecutionResult,
  StartSent,   // an awaited START (a step's body waits for it)
  StartQueued, // a START the SDK queues without awaiting it
  // ledger
  CauseRetry,
  CauseCrash,
  CauseNoOutcome, // imported histories: a start with no outcome event before the next start
  LedgerFlag,
  LedgerSkipped,
  LedgerHeading,
  LedgerRun,
  LedgerNotRecorded,
  LedgerRecorded,
  MissingTrace,
  // values computed outside a step (ValueChanged's {detail})
  ValueChangedLet,
  ValueChangedIf,
  ValueChangedOther,
  ValueCauseCalls,
  ValueCauseDerived,
  ValueCauseReads,
  ValueUsedBefore,
  ValueCallJoin,
  // time
  Milliseconds,
  Seconds,
  Minutes,
  Hours,
  Days,
  Count
};

// The SDK's names for the calls, per flavour.
struct SdkWords {
  const char* step;
  const char* wait;
  const char* create_callback;
  const char* wait_for_callback;
  const char* child_context;
  const char* parallel;
  const char* map;
  const char* invoke;
  const char* wait_for_condition;
  const char* custom_retry;
  const char* no_retry;
  const char* callback_success_api;
};

// One language's table.
struct Words {
  KindWords kinds[static_cast<size_t>(SentenceKind::Count)];
  const char* phrases[static_cast<size_t>(Phrase::Count)];
  SdkWords python;
  SdkWords javascript;
  // Operation kinds as a learner reads them ("step", "wait", "parallel branch"), by what the engine
  // calls them (OperationType + SubType): see kind_word() in narrate.cpp.
  const char* step_word;
  const char* wait_word;
  const char* callback_word;
  const char* child_context_word;
  const char* wait_for_callback_word;
  const char* parallel_word;
  const char* branch_word;
  const char* map_word;
  const char* item_word;
  const char* invoke_word;
  const char* condition_word;
  const char* operation_word;
};

// The English table (the only one so far).
const Words& english();

inline const KindWords& words_for(const Words& w, SentenceKind k) {
  return w.kinds[static_cast<size_t>(k)];
}
inline const char* phrase(const Words& w, Phrase p) {
  return w.phrases[static_cast<size_t>(p)];
}

// Fills "{name}" blanks of a template; unknown blanks stay as written (a test catches them).
std::string fill(std::string_view templ,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values);

} // namespace dp::explain
