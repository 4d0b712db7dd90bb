// One handler invocation as the SDK runs it: the operations it received, replay from the top, operation
// ids per SDK flavour, checkpointing through the service API, suspension, non-determinism detection and
// injected faults. Handler code runs as coroutines ("fibers") on a deterministic scheduler driven by the
// virtual clock: step bodies take simulated time, parallel branches interleave, and the invocation ends
// (PENDING) when every fiber waits on the service.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/runtime/checkpoint_batching.hpp"
#include "engine/runtime/flow.hpp"
#include "engine/runtime/task.hpp"
#include "engine/service.hpp"
#include "workflow/document.hpp"
#include "workflow/value_template.hpp"

namespace dp::engine::runtime {

inline constexpr unsigned status_bit(OperationStatus s) {
  return 1u << static_cast<unsigned>(s);
}

// What the invocation needs from the engine that hosts it.
class InvocationHost {
public:
  virtual ~InvocationHost() = default;
  virtual int64_t now() const = 0;
  virtual Result<Service::CheckpointResponse> checkpoint(const std::vector<OperationUpdate>& updates) = 0;
  virtual void trace(TraceKind kind, const std::string& op_id, const std::string& name, std::string text,
                     Json data) = 0;
  // An operation replayed from the checkpoint log; `what` is a string literal ("step (stored result)").
  virtual void replayed(const std::string& op_id, const std::string& name, const char* what) = 0;
};

// A durable context: the id namespace and parent of the operations created in it.
struct ContextFrame {
  std::string python_prefix;            // hashed id of the owning operation ("" at the root)
  std::string js_prefix;                // logical id of the owning operation ("" at the root)
  std::optional<std::string> parent_id; // ParentId for operations created here
  int counter = 0;
  bool replay_children = false; // a SUCCEEDED context re-run for its ReplayChildren result
};

struct OperationIdentity {
  std::string id;         // wire Id
  std::string js_logical; // "1-2-3" (JavaScript only)
};

struct InvocationOptions {
  bool legacy_python_replay = false; // Python SDK 1.x: positional replay, no identity check
  // Digests of id keys already computed (ids are pure functions of their key; replays recompute them all).
  std::unordered_map<std::string, std::string>* id_cache = nullptr;
  // Stored results already deserialized (text -> value); replays read the same results again and again.
  std::unordered_map<std::string, Json>* result_cache[2] = {nullptr, nullptr}; // per flavour
};

class Invocation {
public:
  Invocation(InvocationHost& host, const Execution& execution, const workflow::Body& handler,
             Service::InvocationInput input, std::set<std::string>& fired_faults, InvocationOptions options);
  ~Invocation();

  enum class Progress { Ran, NeedsTime, Finished };
  // Runs one scheduling slice: one fiber up to its next suspension point.
  Progress step();
  // When step() said NeedsTime: the time the next sleeper wakes or poll is due.
  int64_t next_time() const;
  // The engine moved the clock to next_time() (service timers already fired): wake and poll.
  void time_reached();
  // Ends the invocation from outside (an invocation-level fault or the Lambda timeout).
  void terminate(InvocationOutcome outcome, ErrorObject error);

  bool finished() const { return m_finished; }
  const InvocationOutput& output() const { return m_output; }
  const InvocationRecord& counts() const { return m_counts; }
  int64_t start_ms() const { return m_start; }
  int index() const { return m_index; }
  bool hung() const { return m_hung; }

  // [SECTION] For operation handlers (handlers/*.cpp)
  workflow::Flavor flavor() const { return m_flavor; }
  const workflow::Document& document() const { return *m_execution.document; }
  const Execution& execution() const { return m_execution; }
  uint64_t seed() const { return m_execution.document->simulation.seed; }
  int64_t now() const { return m_host.now(); }

  OperationIdentity next_id(ContextFrame& frame);
  std::string digest(const std::string& key); // the wire id for an id key (MD5 or BLAKE2b per flavour)
  OperationIdentity branch_id(const OperationIdentity& parent, ContextFrame& parent_frame, int index);
  ContextFrame child_frame(const OperationIdentity& op) const;
  const Operation* find(const std::string& id) const;
  // A stored result as a value (deserialized once per engine for small results).
  Result<Json> stored_value(const std::optional<std::string>& text);

  // Replay validation (4.2): nullopt when the stored operation matches the call, else the error text.
  bool check_identity(const OperationIdentity& id, OperationType type, const char* sub_type,
                      const std::optional<std::string>& name, const ContextFrame& frame);
  struct IdentityDifference {
    std::string step, what, expected, got;
  };
  static IdentityDifference first_difference(const OperationIdentity& identity, const Operation& stored,
                                             OperationType type, const std::optional<std::string>& sub_type,
                                             const std::optional<std::string>& name,
                                             const std::optional<std::string>& parent_id);
  // The NonDeterministicExecutionError message of each flavour's SDK for a call that does not match the
  // stored operation `stored` (JS: the first field that differs; Python 2.0: every one).
  static std::string js_identity_message(const OperationIdentity& identity, const Operation& stored,
                                         OperationType type, const std::optional<std::string>& sub_type,
                                         const std::optional<std::string>& name,
                                         const std::optional<std::string>& parent_id);
  static std::string python_identity_message(const std::string& id, const Operation& stored,
                                             OperationType type, const std::optional<std::string>& sub_type,
                                             const std::optional<std::string>& name,
                                             const std::optional<std::string>& parent_id);

  // Updates sent now, outside handler code (a poll, the execution's own result), with the updates queued
  // before them; false when the invocation must stop (rejected).
  bool checkpoint(std::vector<OperationUpdate> updates);
  // An update the SDK queues without awaiting it (the START of an at-least-once step, of a child context,
  // of a wait_for_condition): it travels with the next call, or alone when the batch closes first
  // (checkpoint_batching.hpp says when, per SDK).
  void checkpoint_later(OperationUpdate update);
  // Updates queued and not yet sent (a crash loses them: they never left the process).
  size_t queued_updates() const { return m_queued.size(); }
  OperationUpdate make_update(const OperationIdentity& id, const ContextFrame& frame, OperationType type,
                              const char* sub_type, const std::optional<std::string>& name,
                              OperationAction action);

  // Injected faults at an operation; true when the invocation died here (the caller must stop).
  bool fault_point(const std::string& op_id, const std::optional<std::string>& name, int attempt,
                   workflow::FaultWhen when);

  void note_replayed(const std::string& op_id, const std::optional<std::string>& name, const char* what);
  void note_executed(const std::string& op_id, const std::optional<std::string>& name, const char* what);
  void log_line(const std::string& text, ContextFrame& frame);
  void emit(TraceKind kind, const std::string& op_id, const std::string& name, std::string text, Json data) {
    m_host.trace(kind, op_id, name, std::move(text), std::move(data));
  }
  // create_callback binds {"callback_id": ...}; await_callback finds the operation through it.
  std::unordered_map<std::string, std::string> callback_ops; // callback id -> operation id
  // Variables a `let` bound in this invocation: an `if` that reads one records its outcome in the trace, so
  // a branch that flips on replay can be explained (draws.hpp).
  std::set<std::string> let_names;

  // [SECTION] Awaitables: every suspension goes through the scheduler.
  struct Sleep {
    Invocation& inv;
    int64_t until;
    bool await_ready() const noexcept { return until <= inv.now(); }
    void await_suspend(co::coroutine_handle<> h);
    void await_resume() const noexcept {}
  };
  // Waits until the operation leaves the given statuses (via a checkpoint delta or a poll at poll_at).
  // Awaiters hold only trivially destructible members: g++ 12 double-destroys non-trivial members of
  // temporary awaiters in co_await expressions (seen here with ASan).
  struct AwaitOperation {
    Invocation& inv;
    const std::string* op_id;
    unsigned waiting_statuses; // a mask of status_bit(...)
    int64_t poll_at;           // INT64_MAX: no poll
    bool await_ready() const;
    void await_suspend(co::coroutine_handle<> h);
    void await_resume() const noexcept {}
  };
  // Waits until a predicate about the fibers of `group` holds (branch completion); re-checked whenever one
  // of them finishes, the only change such a predicate can see (checking every waiter at every step made a
  // map over n items quadratic: issue 14).
  struct AwaitCondition {
    Invocation& inv;
    const std::function<bool()>* ready;
    int group;
    bool await_ready() const { return (*ready)(); }
    void await_suspend(co::coroutine_handle<> h);
    void await_resume() const noexcept {}
  };
  // Gives the scheduler a turn after each durable call, so stepping is one operation at a time.
  struct Yield {
    Invocation& inv;
    bool await_ready() const noexcept { return false; }
    void await_suspend(co::coroutine_handle<> h) noexcept;
    void await_resume() const noexcept {}
  };
  // An update the SDK awaits (a WAIT START, a step's SUCCEED, FAIL or RETRY ...): it joins the queue and
  // the fiber waits until its batch has left, so every fiber that runs at this instant adds its updates to
  // the same CheckpointDurableExecution call (checkpoint_batching.hpp). Resumes with false when the
  // invocation must stop (the call was rejected).
  struct Checkpoint {
    Invocation& inv;
    OperationUpdate* update;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(co::coroutine_handle<> h);
    bool await_resume() const noexcept { return !inv.m_finished; }
  };
  // Never resumes: the fiber stops here (the invocation ended under it).
  struct Halt {
    Invocation& inv;
    bool await_ready() const noexcept { return false; }
    void await_suspend(co::coroutine_handle<>) noexcept {}
    void await_resume() const noexcept {}
  };

  // Starts a fiber running `task`; returns its id. `owner` groups branch fibers for cancellation.
  int spawn(Task<Flow> task, int owner_group);
  bool fiber_done(int fiber) const;
  int fiber_finish_order(int fiber) const; // 1, 2, ... in the order fibers finished
  // The fibers of a group that have finished, in the order they finished.
  const std::vector<int>& finished_in_group(int group) { return m_group_finished[group]; }
  Flow& fiber_result(int fiber);
  void cancel_group(int group); // abandoned branches: their checkpoints would be refused (orphans)
  int new_group() { return ++m_groups; }

  // Statement execution (statements.cpp)
  Task<Flow> run_body(const workflow::Body& body, ContextFrame& frame, workflow::Scope& scope);

private:
  struct Fiber {
    int id = 0;
    int group = 0;
    std::unique_ptr<Task<Flow>> task;
    enum class State {
      Runnable,
      Sleeping,
      AwaitOperation,
      AwaitCondition,
      AwaitBatch, // its awaited update is queued: it resumes when the batch has left
      Done,
      Cancelled
    } state = State::Runnable;
    co::coroutine_handle<> resume_point;
    int64_t wake_at = 0;
    std::string op_id;
    unsigned waiting_statuses = 0;
    std::optional<int64_t> poll_at;
    std::function<bool()> condition;
    int condition_group = 0; // AwaitCondition: the group whose finishing fibers re-check it
    bool started = false;
    int finished_seq = 0;
  };

  Task<Flow> run_handler();
  Fiber* current();
  void finish(InvocationOutput output);
  void apply_delta(const std::vector<OperationPtr>& ops);
  void wake_blocked();
  void poll();
  bool timed_entry_live(int64_t due, int fiber) const;
  // Sends the queued updates (and `updates` after them) in as many calls as the SDK's batch limits need.
  // Then wakes the fibers that awaited them.
  bool send_batches(std::vector<OperationUpdate> updates);
  bool send_calls(std::vector<OperationUpdate> updates);
  bool send_call(std::vector<OperationUpdate> updates);
  // The virtual time the queued batch closes on its own (INT64_MAX: nothing queued).
  int64_t batch_closes_at() const;
  int64_t next_fiber_time() const; // the next sleeper's end or poll (INT64_MAX: none)
  Json queued_summary() const;     // [{"Id", "Type", "Action"}] of the queued updates

  InvocationHost& m_host;
  const Execution& m_execution;
  const workflow::Body& m_handler;
  workflow::Flavor m_flavor;
  InvocationOptions m_options;
  std::string m_arn;
  std::string m_token;
  int m_index = 0;
  int64_t m_start = 0;
  // The operations as this invocation knows them. Keys view the ids of operations kept alive by m_input
  // and m_received, so building the index for a 10,000-operation replay allocates no strings.
  std::vector<OperationPtr> m_input;    // the state the invocation began with
  std::vector<OperationPtr> m_received; // newer versions from checkpoint responses
  std::unordered_map<std::string_view, const Operation*> m_ops;
  size_t m_initial_count = 0;
  std::unordered_map<std::string_view, bool> m_initial; // ids present when the invocation began (logging)
  std::set<std::string>& m_fired_faults;
  std::unordered_map<std::string, int> m_name_occurrences; // name -> distinct ids seen
  std::unordered_map<std::string, int> m_occurrence_of;    // op id -> occurrence of its name

  std::vector<std::unique_ptr<Fiber>> m_fibers;
  std::deque<int> m_run_queue;
  // The scheduler's indexes: each step looks only at the fibers an event may have woken, never at all of
  // them (a map over 40,000 items took 16.7 s when every step scanned every fiber: issue 14).
  std::vector<int>
      m_to_check; // blocked fibers whose wait may be over (checked at the next step, in id order)
  std::unordered_map<std::string, std::vector<int>> m_operation_waiters; // op id -> fibers awaiting it
  std::unordered_map<int, std::vector<int>> m_condition_waiters;         // group -> AwaitCondition fibers
  std::unordered_map<int, std::vector<int>> m_group_fibers;              // group -> its fibers
  std::unordered_map<int, std::vector<int>> m_group_finished;            // group -> finished, in order
  mutable std::multimap<int64_t, int> m_timed; // sleep ends and poll times -> fiber (stale entries skipped)
  int m_sleeping = 0;                          // fibers in Fiber::State::Sleeping
  int m_current = -1;
  int m_groups = 0;
  int m_finished_fibers = 0;
  bool m_finished = false;
  bool m_hung = false;
  InvocationOutput m_output;
  InvocationRecord m_counts;
  CheckpointBatching m_batching;
  std::vector<OperationUpdate> m_queued; // updates not sent yet, oldest first
  std::vector<int> m_batch_waiters;      // fibers whose awaited update is in m_queued, in queue order
  int64_t m_queue_opened_ms = 0;         // when the first of them was queued
  int64_t m_queue_last_ms = 0;           // when the last of them was queued
  ContextFrame m_root;
  workflow::Scope m_root_scope;
};

} // namespace dp::engine::runtime
