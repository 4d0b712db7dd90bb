// The engine: one object the UI and the CLI drive, with no threads. It owns the virtual clock, the
// simulated service and the invocation in flight (the simulated SDK), and records the trace.
//
//   Engine engine;
//   auto arn = engine.start_execution(doc);          // ExecutionStarted, first invocation requested
//   engine.step();                                   // one event (an operation replayed, a checkpoint ...)
//   engine.run_until_suspended(*arn);                // until the invocation returns PENDING
//   engine.advance_to_next_timer();                  // the 10-second wait ends
//   engine.run_to_end(*arn);                         // SUCCEEDED
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/replay_trace.hpp"
#include "engine/service.hpp"
#include "engine/trace.hpp"
#include "workflow/document.hpp"

namespace dp::engine {

namespace runtime {
class Invocation;
}

struct EngineOptions {
  int64_t start_time_ms = 1764666000000; // 2025-12-02T09:00:00Z, the virtual clock's origin
  ServiceOptions service;
  bool legacy_python_replay = false; // imitate Python SDK 1.x (positional replay, no identity check)
  bool trace_replays = true;         // trace replayed operations (off for huge benchmarks)
  bool compact_replays = true;       // one trace entry per run of replays (trace.hpp); false: one per op
};

struct PendingCallback {
  std::string execution_arn;
  std::string operation_id;
  std::string name; // the callback's name, or its wait_for_callback's name
  std::string callback_id;
  int64_t started_ms = 0;
};

class Engine {
public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // [SECTION] Executions
  // Starts an execution of the document with its input (or `input` when given).
  Result<std::string> start_execution(const workflow::Document& doc,
                                      const std::optional<Json>& input = std::nullopt,
                                      const std::string& name = "");
  Status stop_execution(const std::string& arn);
  // Replaces the handler code used by the next invocations of an execution (simulation only).
  Status replace_handler(const std::string& arn, workflow::Body handler);
  // The handler replace_handler() gave the execution (nullptr: none).
  std::shared_ptr<const workflow::Body> replaced_handler(const std::string& arn) const;
  // Ends the execution's running invocation now as a crashed one (a branch that injects a crash:
  // engine/branch.hpp; simulation only). Refused when none of its invocations is running.
  Status crash_invocation(const std::string& arn, const std::string& why);

  // [SECTION] Stepping (the UI's controls)
  // How far step() may move the clock when nothing else can happen.
  enum class Clock {
    Hold,       // never: the UI moves it explicitly
    UntilInput, // to the next timer, but not to a timeout while a callback waits for an unscripted answer
    LetTimeoutsFire, // to every next timer: nobody answers (scenario tests, "advance to the end")
  };
  // Runs one event. Returns false when nothing can happen (waiting for a callback, or everything ended).
  bool step(Clock clock = Clock::Hold);
  bool step(bool allow_clock) { return step(allow_clock ? Clock::UntilInput : Clock::Hold); }
  // Until the execution's current invocation ends (suspended or done) and no other is due now.
  void run_until_suspended(const std::string& arn);
  // Until the execution ends or waits for input from outside (a callback with no scripted answer).
  void run_to_end(const std::string& arn, Clock clock = Clock::UntilInput);
  // Advances the clock and fires the timers due (waits end, retries become READY, callbacks time out).
  void advance_clock(int64_t ms);
  bool advance_to_next_timer();

  // [SECTION] Callbacks from outside (SendDurableExecutionCallback*)
  Status send_callback_success(const std::string& callback_id, const std::string& result);
  Status send_callback_failure(const std::string& callback_id, const ErrorObject& error);
  Status send_callback_heartbeat(const std::string& callback_id);
  std::vector<PendingCallback> pending_callbacks(const std::string& arn = "") const;

  // [SECTION] Reading
  int64_t now() const { return m_now; }
  const EngineOptions& options() const { return m_options; }
  const Service& service() const { return m_service; }
  Service& service_mut() { return m_service; }
  const Execution* execution(const std::string& arn) const { return m_service.execution(arn); }
  const std::vector<TraceEvent>& trace() const { return m_trace; }
  void restore_trace(std::vector<TraceEvent> trace);
  bool invocation_active() const { return m_active != nullptr; }
  std::string active_execution() const;
  // Operations in start order (the EXECUTION operation first), as GetDurableExecution would list them.
  std::vector<OperationPtr> operations(const std::string& arn) const;

  // [SECTION] Persistence (the store restores a service and the clock)
  void set_clock(int64_t now_ms) { m_now = now_ms; }
  void set_change_listener(ChangeListener listener) { m_service.set_change_listener(std::move(listener)); }
  // Observers for time travel (engine/recording.hpp): every trace entry as it is recorded (not when a
  // compact replay entry grows), every operation version as the service publishes it.
  using RecordObserver = std::function<void(const TraceEvent&)>;
  void set_record_observer(RecordObserver observer) { m_record_observer = std::move(observer); }
  void set_publish_observer(PublishObserver observer) { m_service.set_publish_observer(std::move(observer)); }
  // After a restore, by the one process that writes (not by readers): ends every invocation a stopped
  // process left running as a crashed one (Service::recover_interrupted_invocation). Returns one
  // "execution name: invocation N" line per invocation recovered.
  std::vector<std::string> recover_interrupted_invocations();
  // Moves execution `arn` of `from` (a private engine that built a branch: engine/branch.hpp) into this
  // one: its state and timers, its replaced handler and its trace entries, appended in order (the clock
  // does not move: its timers fire when this engine's clock reaches them). The store attached here
  // receives it as one batch. Returns the adopted entries' indexes in from.trace() and in trace().
  struct Adopted {
    std::vector<size_t> from_entries;
    std::vector<size_t> entries;
  };
  Result<Adopted> adopt_execution(const Engine& from, const std::string& arn);

private:
  class Host;
  friend class Host;
  void begin_invocation(const std::string& arn);
  void finish_invocation();
  void move_clock_to(int64_t t);
  void record(TraceEvent e);
  bool waiting_for_outside(int64_t next_due) const;
  bool callback_unanswered(const Execution& e, const std::string& op_id) const;
  std::optional<size_t> due_invocation_fault(int64_t t) const;
  void kill_invocation(InvocationOutcome outcome, const std::string& why);
  std::shared_ptr<const workflow::Body> handler_for(const Execution& e, int invocation_index);

  EngineOptions m_options;
  int64_t m_now;
  std::vector<TraceEvent> m_trace;
  RecordObserver m_record_observer;
  Service m_service;
  std::unique_ptr<Host> m_host;
  std::unique_ptr<runtime::Invocation> m_active;
  std::string m_active_arn;
  std::shared_ptr<const workflow::Body> m_active_handler;
  std::map<std::string, std::shared_ptr<const workflow::Body>> m_replaced_handlers;
  std::unordered_map<std::string, std::string> m_id_cache[2]; // per flavour: id key -> wire id
  std::unordered_map<std::string, Json> m_result_cache[2];    // per flavour: stored result -> value
};

} // namespace dp::engine
