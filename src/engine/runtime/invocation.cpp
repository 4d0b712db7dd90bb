// [SECTION] index: construction · scheduler · ids and identity · checkpoints · faults · awaitables
#include "engine/runtime/invocation.hpp"

#include <algorithm>
#include <cstdio>

#include "base/hash.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine::runtime {

[[gnu::noinline]] void resume_out_of_line(co::coroutine_handle<> h) {
  h.resume();
}

// [SECTION] construction

Invocation::Invocation(InvocationHost& host, const Execution& execution, const workflow::Body& handler,
                       Service::InvocationInput input, std::set<std::string>& fired_faults,
                       InvocationOptions options)
    : m_host(host), m_execution(execution), m_handler(handler),
      m_flavor(execution.document->function.flavor()), m_options(options), m_arn(input.arn),
      m_token(input.checkpoint_token), m_index(input.index), m_start(host.now()),
      m_fired_faults(fired_faults), m_batching(batching_of(m_flavor, options.legacy_python_replay)) {
  m_counts.index = m_index;
  m_counts.start_ms = m_start;
  m_input = std::move(input.operations);
  m_ops.reserve(m_input.size() * 2 + 16);
  for (const auto& op : m_input)
    m_ops[op->id] = op.get();
  m_initial.reserve(m_input.size() + 16);
  for (const auto& op : m_input)
    m_initial[op->id] = true;
  // The user's event is the EXECUTION operation's InputPayload (3.1); empty means {}.
  const Operation* exec_op = find(m_execution.id);
  std::string payload =
      exec_op && exec_op->execution_details ? exec_op->execution_details->input_payload : "";
  auto input_value = parse_json(payload.empty() ? "{}" : payload);
  m_root_scope.bind("input", input_value.ok() ? *input_value : Json::object());
  spawn(run_handler(), 0);
}

Invocation::~Invocation() {
  // Destroy suspended frames children-first: a branch fiber's frame refers to its parent's.
  for (auto it = m_fibers.rbegin(); it != m_fibers.rend(); ++it)
    (*it)->task.reset();
}

Task<Flow> Invocation::run_handler() {
  co_return co_await run_body(m_handler, m_root, m_root_scope);
}

// [SECTION] scheduler

int Invocation::spawn(Task<Flow> task, int owner_group) {
  auto fiber = std::make_unique<Fiber>();
  fiber->id = static_cast<int>(m_fibers.size());
  fiber->group = owner_group;
  fiber->task = std::make_unique<Task<Flow>>(std::move(task));
  fiber->resume_point = fiber->task->handle();
  m_group_fibers[owner_group].push_back(fiber->id);
  m_fibers.push_back(std::move(fiber));
  m_run_queue.push_back(m_fibers.back()->id);
  return m_fibers.back()->id;
}

int Invocation::fiber_finish_order(int fiber) const {
  return m_fibers[static_cast<size_t>(fiber)]->finished_seq;
}

bool Invocation::fiber_done(int fiber) const {
  return m_fibers[static_cast<size_t>(fiber)]->state == Fiber::State::Done;
}
Flow& Invocation::fiber_result(int fiber) {
  return m_fibers[static_cast<size_t>(fiber)]->task->result();
}

void Invocation::cancel_group(int group) {
  bool cancelled = false;
  for (int id : m_group_fibers[group]) {
    Fiber& f = *m_fibers[static_cast<size_t>(id)];
    if (f.state == Fiber::State::Done || f.state == Fiber::State::Cancelled)
      continue;
    if (f.state == Fiber::State::Sleeping)
      --m_sleeping;
    f.state = Fiber::State::Cancelled;
    cancelled = true;
  }
  if (!cancelled)
    return;
  m_run_queue.erase(std::remove_if(m_run_queue.begin(), m_run_queue.end(),
                                   [&](int id) {
                                     return m_fibers[static_cast<size_t>(id)]->state ==
                                            Fiber::State::Cancelled;
                                   }),
                    m_run_queue.end());
}

Invocation::Fiber* Invocation::current() {
  return m_current < 0 ? nullptr : m_fibers[static_cast<size_t>(m_current)].get();
}

Invocation::Progress Invocation::step() {
  if (m_finished)
    return Progress::Finished;
  if (m_hung)
    return Progress::NeedsTime;
  wake_blocked();
  if (m_run_queue.empty()) {
    // Nothing can run at this instant: the queued batch goes now if it closes now (JavaScript: the turn
    // ends), or if nothing else will happen in this invocation before it would (the SDKs send their queue
    // before the invocation returns).
    if (!m_queued.empty() &&
        (batch_closes_at() <= now() || (next_fiber_time() == INT64_MAX && m_batch_waiters.empty()))) {
      (void)send_batches({});
      return m_finished ? Progress::Finished : Progress::Ran;
    }
    return next_time() == INT64_MAX
               ? (finish({InvocationOutcome::Pending, std::nullopt, std::nullopt}), Progress::Finished)
               : Progress::NeedsTime;
  }
  int id = m_run_queue.front();
  m_run_queue.pop_front();
  Fiber& f = *m_fibers[static_cast<size_t>(id)];
  if (f.state == Fiber::State::Cancelled || f.state == Fiber::State::Done)
    return Progress::Ran;
  f.state = Fiber::State::Runnable;
  m_current = id;
  f.resume_point.resume();
  m_current = -1;
  if (m_finished)
    return Progress::Finished;
  if (f.task->done()) {
    f.state = Fiber::State::Done;
    f.finished_seq = ++m_finished_fibers;
    m_group_finished[f.group].push_back(id);
    if (auto w = m_condition_waiters.find(f.group); w != m_condition_waiters.end()) {
      m_to_check.insert(m_to_check.end(), w->second.begin(), w->second.end());
      w->second.clear();
    }
    if (id == 0) { // the handler returned or raised
      if (!m_queued.empty() && !send_batches({}))
        return Progress::Finished;
      Flow& flow = f.task->result();
      if (flow.is_raise()) {
        finish({InvocationOutcome::Failed, std::nullopt, flow.error.to_error_object()});
        return Progress::Finished;
      }
      Json value = flow.kind == Flow::Kind::Return ? flow.value : Json(nullptr);
      if (value.is_discarded()) { // JS undefined: JSON.stringify gives nothing, so the output has no Result
        finish({InvocationOutcome::Succeeded, std::nullopt, std::nullopt});
        return Progress::Finished;
      }
      std::string result = serialize_execution_result(m_flavor, value);
      // A result too big for the invocation response (6 MB - 50 B) is checkpointed on the EXECUTION
      // operation first; the response then carries an empty Result (durable-semantics.md 3.2).
      constexpr size_t kResponseLimit = 6 * 1024 * 1024 - 50;
      if (result.size() > kResponseLimit) {
        OperationUpdate u;
        u.id = "execution-result-" + std::to_string(now());
        u.type = OperationType::Execution;
        u.action = OperationAction::Succeed;
        u.payload = result;
        if (!checkpoint({u}))
          return Progress::Finished;
        result.clear();
      }
      finish({InvocationOutcome::Succeeded, result, std::nullopt});
      return Progress::Finished;
    }
  } else if (f.state == Fiber::State::Runnable) {
    m_run_queue.push_back(id); // yielded without blocking
  }
  return Progress::Ran;
}

// Wakes the blocked fibers an event touched (an operation that changed, a fiber of the group that
// finished), in fiber id order: the order a scan of every fiber gave, so histories stay the same.
void Invocation::wake_blocked() {
  if (m_to_check.empty())
    return;
  std::vector<int> check;
  check.swap(m_to_check);
  std::sort(check.begin(), check.end());
  check.erase(std::unique(check.begin(), check.end()), check.end());
  for (int id : check) {
    Fiber& f = *m_fibers[static_cast<size_t>(id)];
    if (f.state == Fiber::State::AwaitCondition) {
      if (f.condition()) {
        f.state = Fiber::State::Runnable;
        m_run_queue.push_back(f.id);
      } else {
        m_condition_waiters[f.condition_group].push_back(f.id);
      }
    } else if (f.state == Fiber::State::AwaitOperation) {
      const Operation* op = find(f.op_id);
      bool still = op && (f.waiting_statuses & status_bit(op->status)) != 0;
      if (!still) {
        f.state = Fiber::State::Runnable;
        m_run_queue.push_back(f.id);
      } else {
        m_operation_waiters[f.op_id].push_back(f.id);
      }
    }
  }
}

// Whether an m_timed entry still stands for a sleeping fiber's end or an awaiting fiber's poll.
bool Invocation::timed_entry_live(int64_t due, int fiber) const {
  const Fiber& f = *m_fibers[static_cast<size_t>(fiber)];
  return (f.state == Fiber::State::Sleeping && f.wake_at == due) ||
         (f.state == Fiber::State::AwaitOperation && f.poll_at && *f.poll_at == due);
}

int64_t Invocation::next_time() const {
  if (m_hung)
    return m_start + static_cast<int64_t>(document().function.timeout) * 1000;
  return std::min(next_fiber_time(), batch_closes_at());
}

int64_t Invocation::batch_closes_at() const {
  if (m_queued.empty())
    return INT64_MAX;
  // A batch that a fiber awaits leaves once no fiber can run at this instant: JavaScript's turn ends;
  // Python 2.0.x waits 1 ms after an awaited update, time in which the other threads of this instant add
  // theirs (calls and code take no virtual time here). Python 1.x waits out the window regardless.
  if (m_batching == CheckpointBatching::NextTurn ||
      (m_batching == CheckpointBatching::IdleWindow && !m_batch_waiters.empty()))
    return now();
  return std::min(m_queue_last_ms + kBatchIdleMs, m_queue_opened_ms + kBatchWindowMs);
}

int64_t Invocation::next_fiber_time() const {
  // Timed waits resume in-process only while another fiber is busy running a body; when every fiber
  // waits on the service the invocation suspends (durable-semantics.md 4.3).
  if (m_sleeping == 0)
    return INT64_MAX;
  while (!m_timed.empty() && !timed_entry_live(m_timed.begin()->first, m_timed.begin()->second))
    m_timed.erase(m_timed.begin());
  return m_timed.empty() ? INT64_MAX : m_timed.begin()->first;
}

void Invocation::time_reached() {
  int64_t now = m_host.now();
  bool need_poll = false;
  std::vector<int> woken;
  while (!m_timed.empty() && m_timed.begin()->first <= now) {
    auto [due, id] = *m_timed.begin();
    m_timed.erase(m_timed.begin());
    if (!timed_entry_live(due, id))
      continue;
    Fiber& f = *m_fibers[static_cast<size_t>(id)];
    if (f.state == Fiber::State::Sleeping) {
      woken.push_back(id);
    } else {
      need_poll = true;
      f.poll_at.reset();
    }
  }
  std::sort(woken.begin(), woken.end()); // id order, as a scan of every fiber woke them
  for (int id : woken) {
    m_fibers[static_cast<size_t>(id)]->state = Fiber::State::Runnable;
    --m_sleeping;
    m_run_queue.push_back(id);
  }
  if (need_poll)
    poll();
}

void Invocation::poll() {
  // An empty checkpoint returns a fresh token and whatever the service changed (3.3 "Empty checkpoints").
  (void)checkpoint({});
}

void Invocation::finish(InvocationOutput output) {
  if (m_finished)
    return;
  m_finished = true;
  m_output = std::move(output);
  m_counts.outcome = m_output.outcome;
  m_counts.error = m_output.error;
  m_counts.end_ms = m_host.now();
}

void Invocation::terminate(InvocationOutcome outcome, ErrorObject error) {
  m_hung = false;
  m_queued.clear(); // the process ended under them
  m_batch_waiters.clear();
  finish({outcome, std::nullopt, std::move(error)});
}

void Invocation::apply_delta(const std::vector<OperationPtr>& ops) {
  for (const auto& op : ops) {
    m_received.push_back(op);
    m_ops.erase(op->id); // re-key on the new record's id string (the old one may be the only other owner)
    m_ops[op->id] = op.get();
    if (auto w = m_operation_waiters.find(op->id); w != m_operation_waiters.end()) {
      m_to_check.insert(m_to_check.end(), w->second.begin(), w->second.end());
      w->second.clear();
    }
  }
}

// [SECTION] ids and identity (durable-semantics.md 2.7)

std::string Invocation::digest(const std::string& key) {
  auto compute = [&] {
    return m_flavor == workflow::Flavor::Python ? blake2b_512_hex(key).substr(0, 64)
                                                : md5_hex(key).substr(0, 16);
  };
  if (!m_options.id_cache)
    return compute();
  auto it = m_options.id_cache->find(key);
  if (it == m_options.id_cache->end())
    it = m_options.id_cache->emplace(key, compute()).first;
  return it->second;
}

OperationIdentity Invocation::next_id(ContextFrame& frame) {
  int n = ++frame.counter;
  const std::string& prefix = m_flavor == workflow::Flavor::Python ? frame.python_prefix : frame.js_prefix;
  std::string key = prefix.empty() ? std::to_string(n) : prefix + "-" + std::to_string(n);
  std::string id = digest(key);
  return {std::move(id), m_flavor == workflow::Flavor::Python ? std::string() : std::move(key)};
}

OperationIdentity Invocation::branch_id(const OperationIdentity& parent, ContextFrame& parent_frame,
                                        int index) {
  if (m_flavor == workflow::Flavor::Python) // branch i hashes "<parent id>-<i>", 0-based
    return {digest(parent.id + "-" + std::to_string(index)), ""};
  return next_id(parent_frame); // JS: ordinary child contexts of the parallel/map context, 1-based
}

ContextFrame Invocation::child_frame(const OperationIdentity& op) const {
  ContextFrame f;
  f.python_prefix = op.id;
  f.js_prefix = op.js_logical;
  f.parent_id = op.id;
  return f;
}

Result<Json> Invocation::stored_value(const std::optional<std::string>& text) {
  auto* cache = m_options.result_cache[m_flavor == workflow::Flavor::Python ? 0 : 1];
  if (!cache || !text || text->size() > 4096)
    return deserialize_result(m_flavor, text);
  auto it = cache->find(*text);
  if (it != cache->end())
    return it->second;
  auto value = deserialize_result(m_flavor, text);
  if (value.ok())
    cache->emplace(*text, *value);
  return value;
}

const Operation* Invocation::find(const std::string& id) const {
  auto it = m_ops.find(id);
  return it == m_ops.end() ? nullptr : it->second;
}

bool Invocation::check_identity(const OperationIdentity& identity, OperationType type, const char* sub_type,
                                const std::optional<std::string>& name, const ContextFrame& frame) {
  const std::string& id = identity.id;
  const Operation* op = find(id);
  if (!op)
    return true;
  if (m_flavor == workflow::Flavor::Python && m_options.legacy_python_replay)
    return true; // Python SDK 1.x replays positionally (4.2)
  std::optional<std::string> st = sub_type ? std::optional<std::string>(sub_type) : std::nullopt;
  bool parent_mismatch = m_flavor == workflow::Flavor::Python && op->parent_id != frame.parent_id;
  if (op->type == type && op->sub_type == st && op->name == name && !parent_mismatch)
    return true;
  std::string message = m_flavor == workflow::Flavor::Python
                            ? python_identity_message(id, *op, type, st, name, frame.parent_id)
                            : js_identity_message(identity, *op, type, st, name, frame.parent_id);
  // The first difference as data, so that the story need not read it back out of either SDK's wording.
  const IdentityDifference d = first_difference(identity, *op, type, st, name, frame.parent_id);
  m_host.trace(TraceKind::NonDeterminism, id, name.value_or(""), message,
               Json{{"Step", d.step}, {"What", d.what}, {"Expected", d.expected}, {"Got", d.got}});
  finish({InvocationOutcome::Failed, std::nullopt,
          ErrorObject{"NonDeterministicExecutionError", message, {}, {}}});
  return false;
}

// The first field that differs, in the JavaScript SDK's order (type, name, subtype; then the parent, which
// only Python compares), and the step named by its logical id ("1", "2-1"; Python has none: its wire id).
Invocation::IdentityDifference Invocation::first_difference(const OperationIdentity& identity,
                                                            const Operation& stored, OperationType type,
                                                            const std::optional<std::string>& st,
                                                            const std::optional<std::string>& name,
                                                            const std::optional<std::string>& parent_id) {
  auto text = [](const std::optional<std::string>& v) { return v.value_or("undefined"); };
  IdentityDifference d;
  d.step = identity.js_logical.empty() ? identity.id : identity.js_logical;
  if (stored.type != type)
    d = {d.step, "type", to_string(stored.type), to_string(type)};
  else if (stored.name != name)
    d = {d.step, "name", text(stored.name), text(name)};
  else if (stored.sub_type != st)
    d = {d.step, "subtype", text(stored.sub_type), text(st)};
  else
    d = {d.step, "parent", text(stored.parent_id), text(parent_id)};
  return d;
}

// Worded like the JavaScript SDK's replay validation (utils/replay-validation/replay-validation.ts): the
// first field that differs.
std::string Invocation::js_identity_message(const OperationIdentity& identity, const Operation& stored,
                                            OperationType type, const std::optional<std::string>& st,
                                            const std::optional<std::string>& name,
                                            const std::optional<std::string>& parent_id) {
  const IdentityDifference d = first_difference(identity, stored, type, st, name, parent_id);
  return "[Unrecoverable Execution] Non-deterministic execution detected: Operation " + d.what +
         " mismatch for step \"" + d.step + "\". Expected " + d.what + " \"" + d.expected + "\", but got \"" +
         d.got + "\". This indicates non-deterministic control flow in your workflow code.";
}

namespace {
// A string as Python's repr() writes it ('x', or "x" when it holds a ' and no "), None for no value.
std::string python_repr(const std::optional<std::string>& value) {
  if (!value)
    return "None";
  const std::string& v = *value;
  const char quote = v.find('\'') != std::string::npos && v.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + quote;
}
} // namespace

// Python SDK 2.0's replay validation: docs/migration-1.x-to-2.0.md in aws/aws-durable-execution-sdk-python
// ("Replay validates operation identity") confirms the checks (type, sub_type, name, parent_id) and the
// error (NonDeterministicExecutionError). The wording below (every field that differs, in that order, as
// "FIELD checkpoint=STORED current=NOW" with Python's repr, and the wire id) follows a copy of
// identifier.py's validate_checkpoint found by search; the official package has identifier.py (its
// context.py imports it) but the index stores no version of it: unconfirmed, see docs/import-history.md.
std::string Invocation::python_identity_message(const std::string& id, const Operation& stored,
                                                OperationType type, const std::optional<std::string>& st,
                                                const std::optional<std::string>& name,
                                                const std::optional<std::string>& parent_id) {
  auto or_none = [](const std::optional<std::string>& v) {
    return v && !v->empty() ? v : std::nullopt; // Python compares `name or None`
  };
  std::vector<std::string> mismatches;
  if (stored.type != type)
    mismatches.push_back("type checkpoint=" + python_repr(std::string(to_string(stored.type))) +
                         " current=" + python_repr(std::string(to_string(type))));
  if (stored.sub_type != st)
    mismatches.push_back("subtype checkpoint=" + python_repr(stored.sub_type) +
                         " current=" + python_repr(st));
  if (or_none(stored.name) != or_none(name))
    mismatches.push_back("name checkpoint=" + python_repr(or_none(stored.name)) +
                         " current=" + python_repr(or_none(name)));
  if (or_none(stored.parent_id) != or_none(parent_id))
    mismatches.push_back("parent_id checkpoint=" + python_repr(or_none(stored.parent_id)) +
                         " current=" + python_repr(or_none(parent_id)));
  std::string details;
  for (const std::string& m : mismatches)
    details += (details.empty() ? "" : ", ") + m;
  return "Non-deterministic operation identity at id=" + python_repr(id) + ": " + details;
}

// [SECTION] checkpoints

Json Invocation::queued_summary() const {
  Json list = Json::array();
  for (const auto& u : m_queued)
    list.push_back(Json{{"Id", u.id}, {"Type", to_string(u.type)}, {"Action", to_string(u.action)}});
  return list;
}

OperationUpdate Invocation::make_update(const OperationIdentity& id, const ContextFrame& frame,
                                        OperationType type, const char* sub_type,
                                        const std::optional<std::string>& name, OperationAction action) {
  OperationUpdate u;
  u.id = id.id;
  u.parent_id = frame.parent_id;
  u.name = name;
  u.type = type;
  if (sub_type)
    u.sub_type = sub_type;
  u.action = action;
  return u;
}

bool Invocation::checkpoint(std::vector<OperationUpdate> updates) {
  if (m_finished)
    return false;
  return send_batches(std::move(updates));
}

void Invocation::checkpoint_later(OperationUpdate update) {
  if (m_finished)
    return;
  if (m_queued.empty())
    m_queue_opened_ms = now();
  m_queue_last_ms = now();
  m_queued.push_back(std::move(update));
}

bool Invocation::send_batches(std::vector<OperationUpdate> updates) {
  if (!send_calls(std::move(updates)))
    return false;
  // The fibers that awaited these updates go on, in the order they queued them.
  for (int id : m_batch_waiters) {
    Fiber& f = *m_fibers[static_cast<size_t>(id)];
    if (f.state != Fiber::State::AwaitBatch)
      continue; // cancelled meanwhile
    f.state = Fiber::State::Runnable;
    m_run_queue.push_back(id);
  }
  m_batch_waiters.clear();
  return true;
}

bool Invocation::send_calls(std::vector<OperationUpdate> updates) {
  std::vector<OperationUpdate> all = std::move(m_queued);
  m_queued.clear();
  all.insert(all.end(), std::make_move_iterator(updates.begin()), std::make_move_iterator(updates.end()));
  if (all.size() <= 1)
    return send_call(std::move(all));
  // Both SDKs close a call at 250 updates or 750 KB of updates and send the rest in the next one, in order.
  std::vector<OperationUpdate> call;
  size_t bytes = m_token.size() + 100; // the request around the updates, as checkpoint-manager.ts counts it
  for (auto& u : all) {
    size_t size = json_text(to_json(u)).size();
    if (!call.empty() && (call.size() >= kBatchMaxUpdates || bytes + size > kBatchMaxBytes)) {
      if (!send_call(std::move(call)))
        return false;
      call.clear();
      bytes = m_token.size() + 100;
    }
    call.push_back(std::move(u));
    bytes += size;
  }
  return send_call(std::move(call));
}

bool Invocation::send_call(std::vector<OperationUpdate> updates) {
  if (m_finished)
    return false;
  m_counts.checkpoints++;
  auto response = m_host.checkpoint(updates);
  if (!response.ok()) {
    // A 4xx the SDK cannot retry: the invocation fails (4.4). A stale token (the execution was stopped) too.
    finish({InvocationOutcome::Failed, std::nullopt,
            ErrorObject{"CheckpointError", response.error().message, {}, {}}});
    return false;
  }
  if (response->checkpoint_token)
    m_token = *response->checkpoint_token;
  apply_delta(response->operations);
  return true;
}

// [SECTION] faults (simulation only)

bool Invocation::fault_point(const std::string& op_id, const std::optional<std::string>& name, int attempt,
                             workflow::FaultWhen when) {
  if (!name || m_finished)
    return false;
  auto occ = m_occurrence_of.find(op_id);
  if (occ == m_occurrence_of.end())
    occ = m_occurrence_of.emplace(op_id, ++m_name_occurrences[*name]).first;
  const auto& faults = document().simulation.faults;
  for (size_t i = 0; i < faults.size(); ++i) {
    const workflow::Fault& f = faults[i];
    std::string key = std::to_string(i);
    if (f.invocation || f.at != *name || f.occurrence != occ->second || f.attempt != attempt ||
        f.when != when || m_fired_faults.count(key))
      continue;
    m_fired_faults.insert(key);
    // "After the checkpoint" means after it reached the service: a START still queued goes first.
    if (when == workflow::FaultWhen::AfterCheckpoint && !m_queued.empty() && !send_batches({}))
      return true;
    const char* point = when == workflow::FaultWhen::BeforeBody  ? "before the body"
                        : when == workflow::FaultWhen::AfterBody ? "after the body, before its checkpoint"
                                                                 : "after the checkpoint";
    if (f.kind == workflow::FaultKind::Crash) {
      // Updates still queued in the process die with it: they never reached the service.
      Json data{{"Fault", i}};
      std::string text = std::string("injected crash ") + point;
      if (!m_queued.empty()) {
        data["LostUpdates"] = queued_summary();
        text += "; " + std::to_string(m_queued.size()) +
                (m_queued.size() == 1 ? " queued update was" : " queued updates were") + " never sent";
        m_queued.clear();
        m_batch_waiters.clear();
      }
      m_host.trace(TraceKind::Crash, op_id, *name, std::move(text), std::move(data));
      finish({InvocationOutcome::Crashed, std::nullopt,
              ErrorObject{"Runtime.ExitError",
                          "RequestId: " + m_token + " Error: Runtime exited with error: signal: killed",
                          {},
                          {}}});
    } else {
      // A hung body leaves the SDK running: its queue is still sent.
      if (!m_queued.empty() && !send_batches({}))
        return true;
      m_host.trace(TraceKind::Crash, op_id, *name,
                   std::string("injected hang ") + point + ": the invocation will time out",
                   Json{{"Fault", i}});
      m_hung = true;
    }
    return true;
  }
  return false;
}

void Invocation::note_replayed(const std::string& op_id, const std::optional<std::string>& name,
                               const char* what) {
  static const std::string kNoName;
  m_counts.replayed++;
  m_host.replayed(op_id, name ? *name : kNoName, what);
}

void Invocation::note_executed(const std::string& op_id, const std::optional<std::string>& name,
                               const char* what) {
  m_counts.executed++;
  m_host.trace(TraceKind::OperationExecuted, op_id, name.value_or(""), std::string("executed ") + what,
               Json());
}

void Invocation::log_line(const std::string& text, ContextFrame& frame) {
  // Replay-aware (4.9): while the next operation of this context was already checkpointed when the
  // invocation began, the line was printed by an earlier invocation.
  ContextFrame peek = frame;
  OperationIdentity next = next_id(peek);
  if (m_initial.count(next.id))
    return;
  m_host.trace(TraceKind::Log, "", "", text, Json{{"Message", text}});
}

// [SECTION] awaitables

void Invocation::Sleep::await_suspend(co::coroutine_handle<> h) {
  Fiber* f = inv.current();
  f->state = Fiber::State::Sleeping;
  f->wake_at = until;
  f->resume_point = h;
  inv.m_timed.emplace(until, f->id);
  ++inv.m_sleeping;
}

bool Invocation::AwaitOperation::await_ready() const {
  const Operation* op = inv.find(*op_id);
  return !op || (waiting_statuses & status_bit(op->status)) == 0;
}

void Invocation::AwaitOperation::await_suspend(co::coroutine_handle<> h) {
  Fiber* f = inv.current();
  f->state = Fiber::State::AwaitOperation;
  f->op_id = *op_id;
  f->waiting_statuses = waiting_statuses;
  f->poll_at = poll_at == INT64_MAX ? std::nullopt : std::optional<int64_t>(poll_at);
  f->resume_point = h;
  inv.m_operation_waiters[f->op_id].push_back(f->id);
  if (f->poll_at)
    inv.m_timed.emplace(*f->poll_at, f->id);
}

bool Invocation::Checkpoint::await_suspend(co::coroutine_handle<> h) {
  if (inv.m_finished)
    return false;
  Fiber* f = inv.current();
  if (inv.m_queued.empty())
    inv.m_queue_opened_ms = inv.now();
  inv.m_queue_last_ms = inv.now();
  inv.m_queued.push_back(std::move(*update));
  // No other fiber can run at this instant or awaits this batch, so nothing could join it: it leaves now
  // and this fiber goes on in the same scheduling slice (sequential code steps as it did before batching).
  // With other awaiting fibers it waits too, so they all resume in the order they queued.
  if (inv.m_batching != CheckpointBatching::IdleWindowBlocking && inv.m_run_queue.empty() &&
      inv.m_to_check.empty() && inv.m_batch_waiters.empty()) {
    (void)inv.send_batches({});
    return false;
  }
  f->state = Fiber::State::AwaitBatch;
  f->resume_point = h;
  inv.m_batch_waiters.push_back(f->id);
  return true;
}

void Invocation::Yield::await_suspend(co::coroutine_handle<> h) noexcept {
  Fiber* f = inv.current();
  f->state = Fiber::State::Runnable; // step() puts it back at the end of the run queue
  f->resume_point = h;
}

void Invocation::AwaitCondition::await_suspend(co::coroutine_handle<> h) {
  Fiber* f = inv.current();
  f->state = Fiber::State::AwaitCondition;
  f->condition = *ready;
  f->condition_group = group;
  f->resume_point = h;
  inv.m_condition_waiters[group].push_back(f->id);
}

} // namespace dp::engine::runtime
