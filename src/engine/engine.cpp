#include "engine/engine.hpp"

#include <algorithm>
#include <optional>

#include "base/json_text.hpp"
#include "engine/runtime/invocation.hpp"

namespace dp::engine {

Json to_json(const TraceEvent& e) {
  Json j{{"Seq", e.seq},
         {"Time", iso8601(e.time_ms)},
         {"Kind", to_string(e.kind)},
         {"Invocation", e.invocation}};
  if (!e.operation_id.empty())
    j["OperationId"] = e.operation_id;
  if (!e.name.empty())
    j["Name"] = e.name;
  j["Text"] = e.text;
  if (!e.data.is_null())
    j["Data"] = e.data;
  return j;
}

// The engine as the invocation's host: the clock, the checkpoint API (keeping the token current) and the
// trace.
class Engine::Host : public runtime::InvocationHost {
public:
  explicit Host(Engine& engine) : m_engine(engine) {}
  int64_t now() const override { return m_engine.m_now; }
  Result<Service::CheckpointResponse> checkpoint(const std::vector<OperationUpdate>& updates) override {
    auto r = m_engine.m_service.checkpoint(m_engine.m_active_arn, token, updates, m_engine.m_now);
    if (r.ok() && r->checkpoint_token)
      token = *r->checkpoint_token;
    return r;
  }
  void trace(TraceKind kind, const std::string& op_id, const std::string& name, std::string text,
             Json data) override {
    if (kind == TraceKind::OperationReplayed && !m_engine.m_options.trace_replays)
      return;
    TraceEvent e;
    e.time_ms = m_engine.m_now;
    e.execution_arn = m_engine.m_active_arn;
    const Execution* ex = m_engine.m_service.execution(m_engine.m_active_arn);
    e.invocation = ex ? static_cast<int>(ex->invocations.size()) : 0;
    e.kind = kind;
    e.operation_id = op_id;
    e.name = name;
    e.text = std::move(text);
    e.data = std::move(data);
    m_engine.record(std::move(e));
  }
  void replayed(const std::string& op_id, const std::string& name, const char* what) override {
    if (!m_engine.m_options.trace_replays)
      return;
    const Execution* ex = m_engine.m_service.execution(m_engine.m_active_arn);
    if (m_engine.m_options.compact_replays && ex &&
        m_runs.add(m_engine.m_trace, *ex, m_engine.m_now, op_id, name, what,
                   [this](TraceEvent e) { m_engine.record(std::move(e)); }))
      return;
    trace(TraceKind::OperationReplayed, op_id, name, std::string("replayed ") + what, Json());
  }
  // The trace was replaced (restored from a store): no entry is being extended.
  void forget_run() { m_runs.forget(); }
  std::string token;

private:
  Engine& m_engine;
  ReplayRunRecorder m_runs;
};

Engine::Engine(EngineOptions options)
    : m_options(std::move(options)), m_now(m_options.start_time_ms),
      m_service(m_options.service, [this](TraceEvent e) { record(std::move(e)); }),
      m_host(std::make_unique<Host>(*this)) {}

Engine::~Engine() = default;

void Engine::restore_trace(std::vector<TraceEvent> trace) {
  m_trace = std::move(trace);
  m_host->forget_run();
}

void Engine::record(TraceEvent e) {
  e.seq = static_cast<int64_t>(m_trace.size()) + 1;
  m_trace.push_back(std::move(e));
  if (m_record_observer)
    m_record_observer(m_trace.back());
}

std::string Engine::active_execution() const {
  return m_active ? m_active_arn : "";
}

Result<std::string> Engine::start_execution(const workflow::Document& doc, const std::optional<Json>& input,
                                            const std::string& name) {
  auto shared = std::make_shared<const workflow::Document>(doc);
  const Json& value = input ? *input : doc.input;
  std::string text =
      doc.function.flavor() == workflow::Flavor::Python ? to_python_json(value) : to_js_json(value);
  return m_service.start_execution(shared, text, name, m_now);
}

Status Engine::stop_execution(const std::string& arn) {
  return m_service.stop_execution(arn, std::nullopt, m_now);
}

Status Engine::replace_handler(const std::string& arn, workflow::Body handler) {
  const Execution* e = m_service.execution(arn);
  if (!e)
    return Error{"execution", "no execution with ARN " + arn};
  if (e->terminal())
    return Error{"execution", "execution " + e->name + " has ended; its code can no longer change"};
  m_replaced_handlers[arn] = std::make_shared<const workflow::Body>(std::move(handler));
  TraceEvent t;
  t.time_ms = m_now;
  t.execution_arn = arn;
  t.kind = TraceKind::HandlerReplaced;
  t.text = "handler code replaced; the next invocation replays the history against it (simulation only)";
  record(std::move(t));
  return ok_status();
}

std::shared_ptr<const workflow::Body> Engine::replaced_handler(const std::string& arn) const {
  auto it = m_replaced_handlers.find(arn);
  return it == m_replaced_handlers.end() ? nullptr : it->second;
}

Status Engine::crash_invocation(const std::string& arn, const std::string& why) {
  if (!m_active || m_active_arn != arn)
    return Error{"invocation", "no invocation of this execution is running: a crash needs one"};
  kill_invocation(InvocationOutcome::Crashed, why);
  return ok_status();
}

Result<Engine::Adopted> Engine::adopt_execution(const Engine& from, const std::string& arn) {
  const Execution* source = from.execution(arn);
  if (source == nullptr)
    return Error{"execution", "no execution with ARN " + arn + " to adopt"};
  if (from.m_active && from.m_active_arn == arn)
    return Error{"execution", "execution " + source->name + " is in the middle of an invocation"};
  Status restored = m_service.restore_execution(*source, from.m_service.internal_state(*source));
  if (!restored.ok())
    return restored.error();
  if (auto handler = from.replaced_handler(arn))
    m_replaced_handlers[arn] = handler;
  Adopted adopted;
  for (size_t i = 0; i < from.m_trace.size(); ++i)
    if (from.m_trace[i].execution_arn == arn) {
      adopted.from_entries.push_back(i);
      adopted.entries.push_back(m_trace.size());
      record(from.m_trace[i]);
    }
  m_host->forget_run(); // the last entry may be another execution's replay run: never extend it
  m_service.announce_execution(arn);
  return adopted;
}

std::shared_ptr<const workflow::Body> Engine::handler_for(const Execution& e, int invocation_index) {
  auto replaced = m_replaced_handlers.find(e.arn);
  if (replaced != m_replaced_handlers.end())
    return replaced->second;
  // simulation.edits: the code as changed before invocation K (the latest edit that applies).
  const workflow::Edit* edit = nullptr;
  for (const auto& ed : e.document->simulation.edits)
    if (ed.before_invocation <= invocation_index &&
        (!edit || ed.before_invocation >= edit->before_invocation))
      edit = &ed;
  if (edit)
    return std::shared_ptr<const workflow::Body>(e.document, &edit->handler);
  return std::shared_ptr<const workflow::Body>(e.document, &e.document->handler);
}

void Engine::begin_invocation(const std::string& arn) {
  auto input = m_service.begin_invocation(arn, m_now);
  if (!input.ok())
    return;
  Execution* e = m_service.execution_mut(arn);
  m_active_arn = arn;
  m_active_handler = handler_for(*e, input->index);
  m_host->token = input->checkpoint_token;
  runtime::InvocationOptions options{
      m_options.legacy_python_replay,
      &m_id_cache[e->document->function.flavor() == workflow::Flavor::Python ? 0 : 1],
      {&m_result_cache[0], &m_result_cache[1]}};
  m_active = std::make_unique<runtime::Invocation>(*m_host, *e, *m_active_handler, std::move(*input),
                                                   e->fired_faults, options);
}

void Engine::finish_invocation() {
  InvocationOutput output = m_active->output();
  InvocationRecord counts = m_active->counts();
  std::string arn = m_active_arn;
  m_active.reset();
  m_active_handler.reset();
  m_service.end_invocation(arn, output, m_now, counts);
  m_active_arn.clear();
}

void Engine::move_clock_to(int64_t t) {
  if (t > m_now)
    m_now = t;
  m_service.fire_due_timers(m_now);
}

// An invocation-level fault from simulation.faults ({"invocation": K, "after_ms": T}) due at or before `t`.
std::optional<size_t> Engine::due_invocation_fault(int64_t t) const {
  const Execution* e = m_service.execution(m_active_arn);
  std::optional<size_t> found;
  int64_t best = INT64_MAX;
  const auto& faults = e->document->simulation.faults;
  for (size_t i = 0; i < faults.size(); ++i) {
    int64_t at = m_active->start_ms() + faults[i].after_ms;
    if (faults[i].invocation && *faults[i].invocation == m_active->index() &&
        !e->fired_faults.count(std::to_string(i)) && at <= t && at < best) {
      best = at;
      found = i;
    }
  }
  return found;
}

void Engine::kill_invocation(InvocationOutcome outcome, const std::string& why) {
  const Execution* e = m_service.execution(m_active_arn);
  if (outcome == InvocationOutcome::TimedOut)
    m_active->terminate(
        outcome,
        ErrorObject{"Sandbox.Timedout",
                    "Task timed out after " + std::to_string(e->document->function.timeout) + ".00 seconds",
                    {},
                    {}});
  else
    m_active->terminate(
        outcome, ErrorObject{"Runtime.ExitError", "Runtime exited with error: signal: killed", {}, {}});
  m_host->trace(TraceKind::Crash, "", "", why, Json());
  finish_invocation();
}

bool Engine::step(Clock clock) {
  bool allow_clock = clock != Clock::Hold;
  if (m_active) {
    const Execution* e = m_service.execution(m_active_arn);
    int64_t deadline = m_active->start_ms() + static_cast<int64_t>(e->document->function.timeout) * 1000;
    auto fire_fault = [&](size_t index) {
      const auto& fault = e->document->simulation.faults[index];
      m_service.execution_mut(m_active_arn)->fired_faults.insert(std::to_string(index));
      move_clock_to(m_active->start_ms() + fault.after_ms);
      if (fault.kind == workflow::FaultKind::Timeout) {
        move_clock_to(deadline);
        kill_invocation(InvocationOutcome::TimedOut,
                        "injected fault: the invocation hangs until Lambda times it out");
      } else {
        kill_invocation(InvocationOutcome::Crashed, "injected fault: the invocation crashed");
      }
      return true;
    };
    if (auto fault = due_invocation_fault(m_now))
      return fire_fault(*fault);
    auto progress = m_active->step();
    if (progress == runtime::Invocation::Progress::Ran)
      return true;
    if (progress == runtime::Invocation::Progress::Finished) {
      finish_invocation();
      return true;
    }
    // NeedsTime: the clock moves while the invocation runs (step bodies take simulated time).
    int64_t want = m_active->next_time();
    if (auto fault = due_invocation_fault(std::min(want, deadline)))
      return fire_fault(*fault);
    if (want >= deadline) { // Lambda's per-invocation timeout (function.timeout)
      move_clock_to(deadline);
      kill_invocation(InvocationOutcome::TimedOut, "the invocation ran past the function's timeout");
      return true;
    }
    move_clock_to(want);
    if (m_active)
      m_active->time_reached();
    return true;
  }
  auto runnable = m_service.runnable_executions(m_now);
  if (!runnable.empty()) {
    begin_invocation(runnable.front());
    return true;
  }
  auto due = m_service.next_timer_due();
  if (due && *due <= m_now) {
    m_service.fire_due_timers(m_now);
    return true;
  }
  if (due && clock == Clock::UntilInput &&
      waiting_for_outside(*due)) // an open callback: ask the user rather than time out
    return false;
  if (due && allow_clock) {
    TraceEvent t;
    t.time_ms = *due;
    t.kind = TraceKind::ClockAdvanced;
    t.text = "clock advanced " + std::to_string((*due - m_now) / 1000) + " s to the next timer";
    record(std::move(t));
    move_clock_to(*due);
    return true;
  }
  return false;
}

bool Engine::callback_unanswered(const Execution& e, const std::string& op_id) const {
  for (const auto& [due, t] : m_service.timers())
    if (t.kind == TimerKind::ScriptedCallback && t.arn == e.arn && t.op_id == op_id)
      return false;
  return true;
}

bool Engine::waiting_for_outside(int64_t next_due) const {
  // The playground asks the user instead of letting a timeout fire while a callback waits for an answer
  // that nothing scripted: a timeout is then only one click away ("advance to the next timer").
  bool timeout_next = false;
  for (const auto& [due, t] : m_service.timers()) {
    if (due != next_due)
      break;
    timeout_next = timeout_next || t.kind == TimerKind::ExecutionTimeout ||
                   t.kind == TimerKind::CallbackTimeout || t.kind == TimerKind::CallbackHeartbeat;
  }
  if (!timeout_next)
    return false;
  for (const auto& p : pending_callbacks())
    if (callback_unanswered(*m_service.execution(p.execution_arn), p.operation_id))
      return true;
  return false;
}

void Engine::run_until_suspended(const std::string& arn) {
  size_t seen = m_trace.size();
  for (int64_t guard = 0; guard < 50'000'000; ++guard) {
    const Execution* e = m_service.execution(arn);
    if (!e || e->terminal())
      return;
    if (!step(Clock::Hold))
      return;
    for (; seen < m_trace.size(); ++seen)
      if (m_trace[seen].kind == TraceKind::InvocationEnded && m_trace[seen].execution_arn == arn &&
          !m_active && m_service.runnable_executions(m_now).empty())
        return;
  }
}

void Engine::run_to_end(const std::string& arn, Clock clock) {
  for (int64_t guard = 0; guard < 50'000'000; ++guard) {
    const Execution* e = m_service.execution(arn);
    if (!e || (e->terminal() && !m_active))
      return;
    if (!step(clock))
      return;
  }
}

void Engine::advance_clock(int64_t ms) {
  if (ms <= 0)
    return;
  TraceEvent t;
  t.time_ms = m_now + ms;
  t.kind = TraceKind::ClockAdvanced;
  t.text = "clock advanced " + std::to_string(ms / 1000) + " s";
  record(std::move(t));
  move_clock_to(m_now + ms);
}

bool Engine::advance_to_next_timer() {
  auto due = m_service.next_timer_due();
  if (!due)
    return false;
  advance_clock(std::max<int64_t>(0, *due - m_now));
  m_service.fire_due_timers(m_now);
  return true;
}

Status Engine::send_callback_success(const std::string& callback_id, const std::string& result) {
  return m_service.send_callback_success(callback_id, result, m_now);
}
Status Engine::send_callback_failure(const std::string& callback_id, const ErrorObject& error) {
  return m_service.send_callback_failure(callback_id, error, m_now);
}
Status Engine::send_callback_heartbeat(const std::string& callback_id) {
  return m_service.send_callback_heartbeat(callback_id, m_now);
}

std::vector<std::string> Engine::recover_interrupted_invocations() {
  std::vector<std::string> recovered;
  if (m_active)
    return recovered; // this process's own invocation is alive
  for (const auto& arn : m_service.execution_order())
    if (int index = m_service.recover_interrupted_invocation(arn, m_now))
      recovered.push_back(m_service.execution(arn)->name + ": invocation " + std::to_string(index));
  return recovered;
}

std::vector<PendingCallback> Engine::pending_callbacks(const std::string& arn) const {
  std::vector<PendingCallback> out;
  for (const auto& a : m_service.execution_order()) {
    if (!arn.empty() && a != arn)
      continue;
    const Execution* e = m_service.execution(a);
    if (e->terminal())
      continue;
    for (const auto& id : e->op_order) {
      const Operation& op = *e->ops.at(id);
      if (op.type != OperationType::Callback || op.status != OperationStatus::Started)
        continue;
      std::string name = op.name.value_or("");
      if (name.empty() && op.parent_id)
        if (const Operation* parent = e->op(*op.parent_id))
          name = parent->name.value_or("");
      out.push_back({e->arn, op.id, name, op.callback_details->callback_id, op.start_timestamp});
    }
  }
  return out;
}

std::vector<OperationPtr> Engine::operations(const std::string& arn) const {
  std::vector<OperationPtr> out;
  const Execution* e = m_service.execution(arn);
  if (!e)
    return out;
  for (const auto& id : e->op_order)
    out.push_back(e->ops.at(id));
  return out;
}

} // namespace dp::engine
