// The English words of the story (see words.hpp). Kept in one place for translators: the texts name the
// AWS concepts by AWS's own words (checkpoint, replay, PENDING, CheckpointDurableExecution ...).
#include "explain/words.hpp"

namespace dp::explain {

namespace {

// Indexed by SentenceKind: keep the order of the enum (a static_assert below counts them).
constexpr KindWords kEnglishKinds[] = {
    // ExecutionStarted
    {"The execution starts with input {input}.",
     "StartDurableExecution: the service records the input and invokes the function."},
    // InvocationFirst
    {"Invocation 1 starts: Lambda runs the handler from the top for the first time.",
     "invocation: one run of the function; the checkpoint log is still empty, so there is nothing to "
     "replay."},
    // InvocationAgain
    {"Invocation {n} starts because {trigger}: the handler runs again from the top.",
     "re-invocation: a durable function resumes by running the whole handler again; the SDK replays what "
     "the checkpoints hold."},
    // Replayed
    {"Replayed {count} from checkpoints: {names}.",
     "replay: their code does not run again; the SDK returns the stored results, so the handler reaches the "
     "point where it stopped."},
    // StepRuns
    {"{op} ({call}) has no stored result, so the SDK {start} and runs its body (attempt {attempt}).",
     "first run: a step's body runs until a checkpoint records its outcome."},
    // StepRunsAgain
    {"{op} was started by an earlier invocation but no outcome was recorded, so its body runs again "
     "(attempt {attempt}){effect}.",
     "at-least-once: without a checkpoint of the outcome the SDK cannot know whether the body finished, so "
     "it "
     "runs it again."},
    // StepBodyRan
    {"{op}'s body finished after {duration} (attempt {attempt}).",
     "the step's code ran; its result is not durable until the SDK checkpoints it."},
    // StepSucceeded
    {"Checkpoint: {op} SUCCEEDED with {result}.",
     "checkpoint: from now on a replay returns this stored result instead of running the body again."},
    // RetryScheduled
    {"{op} failed on attempt {attempt} with {error}; {strategy} retries it: the SDK checkpoints RETRY and "
     "the step waits {delay} (until {until}).",
     "retry: the delay is a timer in the service, not a sleep in Lambda; the invocation can end meanwhile."},
    // StepFailed
    {"{op} failed on attempt {attempt} with {error}; {strategy} allows no further attempt, so the SDK "
     "checkpoints FAIL and the error reaches the handler.",
     "a FAIL checkpoint is final: a replay raises the same stored error without running the body."},
    // StepInterrupted
    {"{op} was started by an earlier invocation but never finished, and it is at-most-once: the SDK does not "
     "run the body again and the step fails with StepInterruptedError{effect}.",
     "at-most-once per retry: the SDK never risks running the body twice; the retry strategy or a catch "
     "decides what happens next."},
    // WaitStarted
    {"{op} ({call}) waits {duration}: the SDK checkpoints a WAIT and the service sets a timer for {until}.",
     "durable wait: the timer lives in the service, so the function does not have to keep running."},
    // WaitEnded
    {"{op} is over after {duration}: the service marks the wait SUCCEEDED.",
     "timer: waking a suspended execution is the service's job."},
    // RetryReady
    {"The retry delay of {op} is over: the step is READY for attempt {attempt}.",
     "retry: the service wakes the execution; the next invocation runs the step again."},
    // CallbackCreated
    {"{op} ({call}) creates a callback: the service records it with the id {callback_id}{timeout}; an "
     "outside system answers it with {api}.",
     "callback: the execution can suspend until someone answers; the id is what you hand to the outside "
     "system."},
    // CallbackHeartbeat
    {"A heartbeat for callback {op} arrives: its heartbeat timeout starts again.",
     "heartbeat: the outside system says it is still working on the answer."},
    // CallbackAnswered
    {"Callback {op} is answered with {result}: the service stores the answer and wakes the execution.",
     "callback: the answer is stored like a checkpoint; the waiting code receives it when the handler "
     "replays."},
    // CallbackFailed
    {"Callback {op} is failed from outside with {error}: the waiting code will raise it.",
     "callback: a failure is stored like a checkpoint and raised where the code waits."},
    // CallbackTimedOut
    {"Callback {op} timed out: {detail}; the waiting code will raise a timeout error.",
     "callback timeout: the service gives up waiting on behalf of the function; no compute ran meanwhile."},
    // ContextStarted
    {"{op} ({call}) starts a child context: the SDK queues its START and the operations inside get "
     "ids of their own.{note}",
     "child context: a group of operations checkpointed as one; once it completes, replays return its "
     "result without entering it."},
    // ContextFinished
    {"Checkpoint: child context {op} {outcome}.",
     "checkpoint: a replay returns the context's stored outcome without running what is inside."},
    // BatchStarted
    {"{op} ({call}) starts: the SDK checkpoints a CONTEXT for the batch{note}.",
     "parallel and map: each branch or item runs in a child context of its own, checkpointed separately."},
    // BranchStarted
    {"{op} ({of}) starts in its own child context.",
     "branch: its operations are checkpointed on their own, so a replay resumes each branch where it "
     "stopped."},
    // BranchFinished
    {"Checkpoint: {op} ({of}) {outcome}.",
     "branch: its outcome is stored; the batch counts it towards its completion policy."},
    // BatchCompleted
    {"{op} completes: {succeeded} succeeded, {failed} failed{started}; {reason}.",
     "completion policy: a batch SUCCEEDS with a BatchResult; the failures are inside it for the code to "
     "inspect."},
    // ConditionChecked
    {"{op} ({call}) {outcome}",
     "wait_for_condition: between checks the execution is suspended by a service timer, not a loop in "
     "Lambda."},
    // InvokeStarted
    {"{op} ({call}) invokes the function {function}: the SDK checkpoints a CHAINED_INVOKE and waits for its "
     "result.",
     "chained invoke: the service runs the other function; this execution can suspend until it returns."},
    // CheckpointSent
    {"The SDK sends a checkpoint: {what}.",
     "checkpoint: CheckpointDurableExecution records progress, so a later invocation can replay it."},
    // CheckpointRejected
    {"The service rejects a checkpoint call: {error}.",
     "checkpoint token: every call must carry the latest token and valid updates; a refused call ends the "
     "invocation."},
    // Crash
    {"{detail}",
     "crash: work that no checkpoint recorded is lost; the service invokes the function again and replay "
     "resumes from the last checkpoint."},
    // NonDeterminism
    {"Replay found a different operation than the checkpoints record: at step {step} the {what} was "
     "\"{expected}\", the code now asks for \"{got}\". The invocation fails with "
     "NonDeterministicExecutionError.",
     "determinism: on every replay the handler must make the same durable calls in the same order; changed "
     "code cannot reuse the old checkpoints."},
    // InvocationPending
    {"Invocation {n} ends with PENDING{waiting}. The function is no longer running: no compute is billed "
     "while the execution waits.",
     "suspension: the invocation returns PENDING; the service invokes the function again when a timer fires "
     "or an answer arrives."},
    // InvocationSucceeded
    {"Invocation {n} ends: the handler returned {result}.",
     "the handler's return value becomes the execution's result."},
    // InvocationFailed
    {"Invocation {n} ends with {outcome}: {detail}",
     "a failed invocation: only what the checkpoints recorded survives it."},
    // ExecutionSucceeded
    {"The execution SUCCEEDED with result {result}.",
     "the service records the result and closes the history; nothing runs any more."},
    // ExecutionFailed
    {"The execution FAILED with {error}.",
     "the service records the error and closes the history; nothing runs any more."},
    // ExecutionTimedOut
    {"The execution TIMED_OUT: it did not finish within its execution timeout of {duration}.",
     "execution timeout: it bounds the whole durable execution, waits included, not one invocation."},
    // ExecutionStopped
    {"The execution was STOPPED (StopDurableExecution).",
     "stop: the service ends the execution; waiting operations never complete."},
    // ExecutionTimeoutFired
    {"The execution timeout of {duration} is reached: the service ends the execution whatever it was "
     "doing.",
     "execution timeout: set in the function's durable config; it counts waiting time too."},
    // StopRequested
    {"StopDurableExecution is called (simulation plan): the service stops the execution.",
     "stop: anyone with permission can end an execution from outside."},
    // Log
    {"The handler logs \"{message}\".",
     "replay-aware logger: lines of code that is only being replayed are not printed again."},
    // HandlerReplaced
    {"The handler's code is replaced (simulation only): the next invocation replays the recorded checkpoints "
     "against the new code.",
     "determinism: new code must make the same durable calls in the same order as the recorded ones."},
    // ValueChanged
    {"{detail}",
     "determinism: code outside a step runs again on every invocation, so random numbers, UUIDs and the "
     "clock change on replay; computed inside a step, they are checkpointed and every replay gets the stored "
     "value."},
};
static_assert(std::size(kEnglishKinds) == static_cast<size_t>(SentenceKind::Count),
              "one KindWords per SentenceKind, in the enum's order");

// Indexed by Phrase: keep the order of the enum.
constexpr const char* kEnglishPhrases[] = {
    // triggers
    "{op} ended",
    "the retry of {op} is due",
    "the next check of {op} is due",
    "callback {op} was answered",
    "callback {op} was failed from outside",
    "callback {op} timed out",
    "the previous invocation failed and the service tries again",
    "the invoked function {op} returned",
    "what the last invocation waited for changed while it was ending",
    "the code was replaced",
    " and ",
    // lists
    "1 operation",
    "{count} operations",
    " and {count} more",
    ", ",
    " (in {parent})",
    "the unnamed {what}",
    "an unnamed {what}",
    " (its stored error)",
    " (still waiting)",
    " (still running)",
    // steps
    "{op}'s body ran (attempt {attempt}): {effect}{repeat}.",
    "side effect: this happened in the outside world just now; only a checkpoint of the outcome keeps a "
    "replay from doing it again.",
    " (×{times} in this execution: {cause})",
    "{op} is READY again, so the SDK {start} and runs its body (attempt {attempt}).",
    "retry: each attempt runs the body from its start; the earlier attempt's failure is in the checkpoints.",
    ": \"{effect}\" will happen again",
    " (\"{effect}\" is not repeated)",
    "the default retry strategy (at most {max} attempts)",
    "the step's retry strategy ({call}, at most {max} attempts)",
    "its retry strategy ({call})",
    "its retry strategy (it retries only {types})",
    "the retry strategy",
    // crashes
    "The invocation crashes (injected fault) at {op}, before its body ran: only its START is recorded. "
    "{then}",
    "The invocation crashes (injected fault) right after {op}'s body, before its checkpoint: the body "
    "finished but no checkpoint recorded it. {then}",
    "The invocation crashes (injected fault) right after {op}'s body, before its checkpoint: \"{effect}\" "
    "already happened but no checkpoint recorded it. {then}",
    "The invocation crashes (injected fault) right after {op}'s checkpoint: its outcome is safe and the next "
    "invocation replays it.",
    "{op} hangs (injected fault): the invocation keeps running until Lambda's timeout ends it.",
    "The invocation crashes (injected fault){inflight}.",
    "The invocation hangs (injected fault) until Lambda's timeout ends it{inflight}.",
    "The invocation runs past the function's timeout of {duration}: Lambda stops it{inflight}.",
    " while {op} was in the middle of its body",
    "The next invocation will run the body again (at-least-once).",
    "The step is at-most-once: the next invocation will not run the body again; the step fails with "
    "StepInterruptedError instead.",
    // callbacks
    ", which times out after {duration}",
    ", which needs a heartbeat every {duration}",
    "no heartbeat arrived within {duration}",
    "nobody answered within {duration}",
    // contexts and batches
    " It creates a callback and runs the submitter step inside.",
    "SUCCEEDED with {result}",
    "FAILED with {error}",
    "branch of {parent}",
    "item of {parent}",
    "SUCCEEDED with {result}",
    "FAILED with {error}",
    "every branch finished",
    "min_successful was reached, so the rest is not waited for",
    "more failures than the batch tolerates",
    "; each branch or item becomes a child context",
    // wait_for_condition
    "runs its check {attempt}: the SDK queues its START and evaluates the condition.",
    "check {attempt}: not yet; the SDK checkpoints the state and the next check is in {delay} (at "
    "{until}).",
    "check {attempt}: the condition holds; the SDK checkpoints the final state {result}.",
    "check {attempt}: no attempts left; the SDK checkpoints FAIL with {error}.",
    "The next check of {op} is due: check {attempt} will run in the next invocation.",
    // invocations
    ": it waits for {list}",
    "{op} (until {until})",
    "callback {op}",
    "the retry of {op} (at {until})",
    "the next check of {op} (at {until})",
    "the invoked function {op}",
    "",
    "the handler raised {error}.",
    "the invocation crashed before the handler returned.",
    "the invocation ran out of time (the function's timeout).",
    "the service refused its answer: {error}.",
    " The service will invoke the function again in {duration}.",
    " No failed invocation is retried after this one: the execution fails.",
    "{error}, cut by the service to {cap} bytes (an execution error keeps at most 256 KB)",
    "nothing",
    // checkpoints
    " One CheckpointDurableExecution call carried these {count} updates: {list}.",
    "the execution's result itself (too large for the invocation's response)",
    "checkpoints START",
    "queues its START (not awaited: it goes with the next checkpoint call)",
    // ledger
    "a retry after a failed attempt",
    "a crash after the body, before its checkpoint",
    "an earlier start that recorded no outcome",
    "\"{effect}\" ×{times} ({op}: {causes})",
    "\"{effect}\" ran once and was not run again ({op} is at-most-once)",
    "Side effects that really ran (replays never run a body):",
    "{op}, attempt {attempt}: {effect}{recorded}",
    " (no checkpoint recorded it)",
    " (checkpoint: {action})",
    "no trace is stored for execution {name} (a database written before schema 2 kept none): its story and "
    "side-effect ledger cannot be rebuilt; its operations and history events are intact (durable-sim "
    "history).",
    // values computed outside a step
    "{var} is a new value on this replay: {cause} ({old} in invocation {before}, {new} now).{used}",
    "The if at {statement} goes the other way on this replay: its condition was {old} in invocation "
    "{before} and is {new} now: {cause}.",
    "The code at {statement} computes a new value on this replay: {cause} ({old} in invocation {before}, "
    "{new} now).",
    "{calls} ran again outside a step",
    "it is computed outside a step from values that changed",
    "it reads values computed again outside a step",
    " {ops} used the old one: the checkpoint keeps it.",
    " and ",
    // time
    "{n} ms",
    "{n} s",
    "{n} min",
    "{n} h",
    "{n} d",
};
static_assert(std::size(kEnglishPhrases) == static_cast<size_t>(Phrase::Count),
              "one phrase per Phrase, in the enum's order");

const Words kEnglish = [] {
  Words w{};
  for (size_t i = 0; i < std::size(kEnglishKinds); ++i)
    w.kinds[i] = kEnglishKinds[i];
  for (size_t i = 0; i < std::size(kEnglishPhrases); ++i)
    w.phrases[i] = kEnglishPhrases[i];
  w.python = SdkWords{"context.step",
                      "context.wait",
                      "context.create_callback",
                      "context.wait_for_callback",
                      "context.run_in_child_context",
                      "context.parallel",
                      "context.map",
                      "context.invoke",
                      "context.wait_for_condition",
                      "create_retry_strategy",
                      "RetryPresets.none()",
                      "SendDurableExecutionCallbackSuccess"};
  w.javascript = SdkWords{"context.step",
                          "context.wait",
                          "context.createCallback",
                          "context.waitForCallback",
                          "context.runInChildContext",
                          "context.parallel",
                          "context.map",
                          "context.invoke",
                          "context.waitForCondition",
                          "createRetryStrategy",
                          "retryPresets.noRetry",
                          "SendDurableExecutionCallbackSuccess"};
  w.step_word = "step";
  w.wait_word = "wait";
  w.callback_word = "callback";
  w.child_context_word = "child context";
  w.wait_for_callback_word = "wait_for_callback";
  w.parallel_word = "parallel";
  w.branch_word = "parallel branch";
  w.map_word = "map";
  w.item_word = "map item";
  w.invoke_word = "invoke";
  w.condition_word = "wait_for_condition";
  w.operation_word = "operation";
  return w;
}();

} // namespace

const Words& english() {
  return kEnglish;
}

std::string fill(std::string_view templ,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  out.reserve(templ.size() + 32);
  size_t i = 0;
  while (i < templ.size()) {
    size_t open = templ.find('{', i);
    if (open == std::string_view::npos) {
      out.append(templ.substr(i));
      break;
    }
    out.append(templ.substr(i, open - i));
    size_t close = templ.find('}', open);
    if (close == std::string_view::npos) {
      out.append(templ.substr(open));
      break;
    }
    std::string_view key = templ.substr(open + 1, close - open - 1);
    bool found = false;
    for (const auto& [k, v] : values)
      if (k == key) {
        out.append(v);
        found = true;
        break;
      }
    if (!found)
      out.append(templ.substr(open, close - open + 1));
    i = close + 1;
  }
  return out;
}

} // namespace dp::explain
