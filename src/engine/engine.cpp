#include "engine/engine.hpp"

#include <algorithm>
#include <cstring>
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

namespace {
// A non-negative integer of a compact replay entry (built: signed; parsed back from text: unsigned).
std::optional<size_t> index_value(const Json& v) {
  if (v.is_number_unsigned())
    return v.get<size_t>();
  if (v.is_number_integer() && v.get<int64_t>() >= 0)
    return static_cast<size_t>(v.get<int64_t>());
  return std::nullopt;
}
} // namespace

std::vector<ReplayedOperation> replayed_operations(const TraceEvent& t, const Execution& execution) {
  std::vector<ReplayedOperation> out;
  if (t.kind != TraceKind::OperationReplayed)
    return out;
  const Json* ranges = t.data.is_object() ? find_member(t.data, "Replayed") : nullptr;
  if (!ranges || !ranges->is_array()) {
    // One operation per entry (the form traces stored before had).
    if (!t.operation_id.empty()) {
      std::string_view what = t.text;
      constexpr std::string_view kPrefix = "replayed ";
      if (what.substr(0, kPrefix.size()) == kPrefix)
        what.remove_prefix(kPrefix.size());
      out.push_back(ReplayedOperation{t.operation_id, t.name, what});
    }
    return out;
  }
  const Json* whats = find_member(t.data, "What");
  const Json* names = find_member(t.data, "Names");
  if (names && (!names->is_object() || names->empty()))
    names = nullptr;
  const size_t size = execution.op_order.size();
  out.reserve(std::min(replayed_count(t), size));
  for (const Json& r : *ranges) {
    if (!r.is_array() || r.size() < 2)
      continue;
    const std::optional<size_t> first = index_value(r[0]), count = index_value(r[1]);
    if (!first || !count || *first >= size)
      continue;
    const size_t end = *first + std::min(*count, size - *first);
    std::string_view what;
    const std::optional<size_t> w = r.size() > 2 ? index_value(r[2]) : std::nullopt;
    if (w && whats && whats->is_array() && *w < whats->size() && (*whats)[*w].is_string())
      what = (*whats)[*w].get_ref<const std::string&>();
    for (size_t i = *first; i < end; ++i) {
      const std::string& id = execution.op_order[i];
      const Operation* op = execution.op(id);
      std::string_view name = op && op->name ? std::string_view(*op->name) : std::string_view();
      if (names)
        if (const Json* n = find_member(*names, std::to_string(i)); n && n->is_string())
          name = n->get_ref<const std::string&>();
      out.push_back(ReplayedOperation{id, name, what});
    }
  }
  return out;
}

size_t replayed_count(const TraceEvent& t) {
  if (t.kind != TraceKind::OperationReplayed)
    return 0;
  const Json* ranges = t.data.is_object() ? find_member(t.data, "Replayed") : nullptr;
  if (!ranges || !ranges->is_array())
    return t.operation_id.empty() ? 0 : 1;
  size_t n = 0;
  for (const Json& r : *ranges)
    if (r.is_array() && r.size() >= 2)
      n += index_value(r[1]).value_or(0);
  return n;
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
    if (m_engine.m_options.compact_replays && add_to_run(op_id, name, what))
      return;
    trace(TraceKind::OperationReplayed, op_id, name, std::string("replayed ") + what, Json());
  }
  // The trace was replaced (restored from a store): no entry is being extended.
  void forget_run() { m_run = Run{}; }
  std::string token;

private:
  // The compact OperationReplayed entry being extended (trace.hpp): the last entry of the trace, as long as
  // nothing else is recorded, the clock holds and the invocation is the same.
  struct Run {
    int64_t seq = 0; // the entry's seq; 0: none
    size_t invocation = 0;
    size_t next_index = 0; // the op_order index right after the last range
    int64_t last_what = -1;
    std::vector<const char*> whats; // the entry's "What", as the literals the handlers passed
  };
  // Operation ids -> op_order indexes of one execution, extended as op_order grows (it only grows).
  struct Index {
    std::unordered_map<std::string, size_t> of;
    size_t indexed = 0;
  };

  std::optional<size_t> index_of(const Execution& ex, const std::string& op_id) {
    Index& index = m_indexes[ex.arn];
    if (index.indexed > ex.op_order.size())
      index = Index{};
    for (; index.indexed < ex.op_order.size(); ++index.indexed)
      index.of.emplace(ex.op_order[index.indexed], index.indexed);
    auto it = index.of.find(op_id);
    if (it == index.of.end())
      return std::nullopt;
    return it->second;
  }

  bool add_to_run(const std::string& op_id, const std::string& name, const char* what) {
    Engine& engine = m_engine;
    const Execution* ex = engine.m_service.execution(engine.m_active_arn);
    if (!ex)
      return false;
    const TraceEvent* last = engine.m_trace.empty() ? nullptr : &engine.m_trace.back();
    const bool continuing = m_run.seq != 0 && last && last->seq == m_run.seq &&
                            last->kind == TraceKind::OperationReplayed && last->time_ms == engine.m_now &&
                            m_run.invocation == ex->invocations.size() && last->execution_arn == ex->arn;
    // Replays mostly follow the start order: try the index after the last one before hashing.
    std::optional<size_t> index;
    if (continuing && m_run.next_index < ex->op_order.size() && ex->op_order[m_run.next_index] == op_id)
      index = m_run.next_index;
    else
      index = index_of(*ex, op_id);
    if (!index)
      return false; // not a stored operation (cannot happen for a replay): the per-operation form
    if (!continuing) {
      TraceEvent e;
      e.time_ms = engine.m_now;
      e.execution_arn = ex->arn;
      e.invocation = static_cast<int>(ex->invocations.size());
      e.kind = TraceKind::OperationReplayed;
      e.text = "replayed operations from the checkpoint log";
      e.data = Json{{"Replayed", Json::array()}, {"What", Json::array()}};
      engine.record(std::move(e));
      m_run = Run{engine.m_trace.back().seq, ex->invocations.size(), 0, -1, {}};
    }
    Json& data = engine.m_trace.back().data;
    int64_t w = 0;
    while (w < static_cast<int64_t>(m_run.whats.size()) && m_run.whats[static_cast<size_t>(w)] != what &&
           std::strcmp(m_run.whats[static_cast<size_t>(w)], what) != 0)
      ++w;
    if (w == static_cast<int64_t>(m_run.whats.size())) {
      m_run.whats.push_back(what);
      data["What"].push_back(what);
    }
    Json& ranges = data["Replayed"];
    if (continuing && *index == m_run.next_index && w == m_run.last_what) {
      Json& range = ranges.back();
      range[1] = range[1].get<int64_t>() + 1;
    } else {
      ranges.push_back(Json::array({static_cast<int64_t>(*index), int64_t{1}, w}));
    }
    m_run.next_index = *index + 1;
    m_run.last_what = w;
    // The name is looked up in the operation when the entry is read: kept only where it differs.
    const Operation* op = ex->op(op_id);
    if (op && op->name.value_or(std::string()) != name)
      data["Names"][std::to_string(*index)] = name;
    return true;
  }

  Engine& m_engine;
  Run m_run;
  std::unordered_map<std::string, Index> m_indexes; // by execution ARN
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
