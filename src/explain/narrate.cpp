// [SECTION] index: narrator state · invocations · operations started · checkpoints · timers and callbacks ·
// crashes and replays · the walk · public functions
//
// The narration: one pass over the trace entries of one execution, keeping what the sentences need that
// no single entry holds (attempts so far, what is pending, what woke the execution, which bodies are in
// flight). Words come from words.cpp only.
#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/json_text.hpp"
#include "engine/limits.hpp"
#include "engine/replay_trace.hpp"
#include "engine/runtime/retry.hpp"
#include "engine/runtime/serdes.hpp"
#include "engine/value_trace.hpp"
#include "explain/explain.hpp"
#include "explain/facts.hpp"
#include "workflow/value_template.hpp"

namespace dp::explain {

namespace {

using engine::TraceEvent;
using engine::TraceKind;

// [SECTION] narrator state

struct OpState {
  int attempts = 0;          // outcomes checkpointed so far (SUCCEED, FAIL, RETRY)
  int64_t started_ms = -1;   // when its body (or check) last started
  bool in_flight = false;    // the body started and has not finished
  bool start_queued = false; // its START was queued (not awaited) and no call has carried it yet
  size_t start_sentence = 0; // the sentence told when it started (links to the call that carries it)
  int64_t timeout_s = 0;     // callback: its timeout
  int64_t heartbeat_s = 0;   // callback: its heartbeat timeout
};

// Something the execution waits for (for "Invocation N ends with PENDING: it waits for ...").
struct Pending {
  Phrase phrase;
  int64_t until = 0;
};

class Narrator {
public:
  Narrator(const std::vector<TraceEvent>& trace, const engine::Execution& ex, workflow::Flavor wording)
      : m_trace(trace), m_ex(ex), m_words(english()), m_wording(wording),
        m_sdk(wording == workflow::Flavor::Python ? m_words.python : m_words.javascript),
        m_stored(ex.document->function.flavor()), m_statements(*ex.document), m_history(ex),
        m_ledger(side_effects(trace, ex)) {
    for (size_t i = 0; i < m_ledger.runs.size(); ++i)
      m_run_at[m_ledger.runs[i].trace_index] = i;
    for (auto& c : engine::value_changes(trace, ex.arn))
      if (c.changed)
        m_value_changes.emplace(c.event, std::move(c));
  }

  std::vector<Sentence> run();

private:
  // [SECTION] helpers
  const engine::Operation* op(const std::string& id) const { return id.empty() ? nullptr : m_ex.op(id); }
  std::string label(const std::string& id, const std::string& name) const {
    return operation_label(m_words, op(id), name);
  }
  std::string clock(int64_t at_ms) const { return offset_text(at_ms, m_ex.start_ms); }
  std::string duration(int64_t ms) const { return duration_text(m_words, ms); }
  const char* ph(Phrase p) const { return phrase(m_words, p); }
  std::string value(const Json& v) const { return value_text(v, m_wording); }
  std::string payload(const std::optional<std::string>& p) const {
    return payload_text(p, m_stored, m_wording);
  }
  bool at_most_once(const std::string& name) const {
    const workflow::Statement* s = m_statements.find(name);
    return s && s->semantics == workflow::StepSemantics::AtMostOncePerRetry;
  }
  std::string statement_effect(const std::string& name) const {
    const workflow::Statement* s = m_statements.find(name);
    return s ? s->side_effect : std::string();
  }

  // A sentence for the entry at m_pos (the walk's position), with its template filled.
  Sentence& say(SentenceKind kind,
                std::initializer_list<std::pair<std::string_view, std::string_view>> values);
  Sentence& say_text(SentenceKind kind, std::string text);

  // [SECTION] per entry kind
  void execution_started(const TraceEvent& t);
  void invocation_started(const TraceEvent& t);
  void invocation_ended(const TraceEvent& t);
  void execution_completed(const TraceEvent& t);
  void checkpoint(const TraceEvent& t);
  bool started(const TraceEvent& t, const std::string& what, const Json* update);
  void outcome(const TraceEvent& t, const UpdateView& u);
  void body_ran(const TraceEvent& t);
  void timer(const TraceEvent& t);
  void callback(const TraceEvent& t);
  void crash(const TraceEvent& t);
  void non_determinism(const TraceEvent& t);
  void replayed(const std::vector<engine::ReplayedOperation>& ops);
  void value_changed(const TraceEvent& t, const engine::ValueChange& c);
  void trigger(std::string text, bool during_invocation);
  std::string strategy(const std::string& name, const std::string& error_type, bool retried) const;

  const std::vector<TraceEvent>& m_trace;
  const engine::Execution& m_ex;
  const Words& m_words;
  workflow::Flavor m_wording;
  const SdkWords& m_sdk;
  workflow::Flavor m_stored; // how the execution's payloads are serialized
  Statements m_statements;
  HistoryIndex m_history;
  Ledger m_ledger;
  std::unordered_map<size_t, size_t> m_run_at;                     // trace index -> ledger run
  std::unordered_map<size_t, engine::ValueChange> m_value_changes; // trace index -> a value that changed

  std::vector<size_t> m_entries; // this execution's trace indexes
  size_t m_at = 0;               // position in m_entries
  size_t m_pos = 0;              // trace index being narrated
  size_t m_last = 0;             // last trace index the current sentence covers
  std::vector<Sentence> m_out;

  int m_invocation = 0;
  bool m_active = false;
  int64_t m_last_end_ms = 0;
  int64_t m_calls = 0; // checkpoint calls so far (accepted and rejected): the next one's seq - 1
  std::vector<std::string> m_between, m_during; // triggers since the last invocation ended / while active
  std::unordered_map<std::string, OpState> m_ops;
  std::vector<std::pair<std::string, Pending>> m_pending; // in the order they began
};

Sentence& Narrator::say(SentenceKind kind,
                        std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  const KindWords& kw = words_for(m_words, kind);
  Sentence& s = say_text(kind, fill(kw.text, values));
  return s;
}

Sentence& Narrator::say_text(SentenceKind kind, std::string text) {
  const TraceEvent& t = m_trace[m_pos];
  // "the unnamed wait ..." opens a sentence with a capital; names are never changed.
  std::string_view unnamed = ph(Phrase::Unnamed);
  unnamed = unnamed.substr(0, unnamed.find('{'));
  if (!unnamed.empty() && text.compare(0, unnamed.size(), unnamed) == 0 && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  Sentence s;
  s.at_ms = t.time_ms;
  s.invocation = t.invocation;
  s.kind = kind;
  s.text = std::move(text);
  s.why = words_for(m_words, kind).why;
  s.execution_arn = m_ex.arn;
  if (!t.operation_id.empty() && t.operation_id != m_ex.id) {
    s.operation_id = t.operation_id;
    s.operation_name = t.name;
  }
  s.trace_index = m_pos;
  s.trace_last = std::max(m_pos, m_last);
  m_out.push_back(std::move(s));
  return m_out.back();
}

void Narrator::trigger(std::string text, bool during_invocation) {
  auto& list = during_invocation ? m_during : m_between;
  if (std::find(list.begin(), list.end(), text) == list.end())
    list.push_back(std::move(text));
}

// [SECTION] invocations and the execution

void Narrator::execution_started(const TraceEvent& t) {
  std::string input = member_text(t.data, "Input");
  auto parsed = parse_json(input);
  Sentence& s = say(SentenceKind::ExecutionStarted, {{"input", parsed.ok() ? value(*parsed) : input}});
  s.history_event_id = m_history.take("", "ExecutionStarted");
}

void Narrator::invocation_started(const TraceEvent& t) {
  m_invocation = static_cast<int>(member_int(t.data, "Index", m_invocation + 1));
  m_active = true;
  for (auto& [id, o] : m_ops)
    o.in_flight = false;
  if (m_invocation <= 1) {
    say(SentenceKind::InvocationFirst, {});
  } else {
    std::vector<std::string> triggers = !m_between.empty() ? m_between : m_during;
    if (triggers.empty()) {
      for (const auto& id : m_history.invokes_completed(m_last_end_ms, t.time_ms)) {
        const engine::Operation* o = op(id);
        triggers.push_back(fill(ph(Phrase::TriggerInvokeReturned),
                                {{"op", operation_label(m_words, o, o && o->name ? *o->name : "")}}));
        m_pending.erase(
            std::remove_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; }),
            m_pending.end());
      }
    }
    if (triggers.empty())
      triggers.push_back(ph(Phrase::TriggerChangedMeanwhile));
    std::string joined;
    for (const auto& tr : triggers)
      joined += (joined.empty() ? "" : ph(Phrase::TriggerJoin)) + tr;
    say(SentenceKind::InvocationAgain, {{"n", std::to_string(m_invocation)}, {"trigger", joined}});
  }
  m_between.clear();
  m_during.clear();
}

void Narrator::invocation_ended(const TraceEvent& t) {
  m_active = false;
  m_last_end_ms = t.time_ms;
  std::string status = member_text(t.data, "Status");
  std::string n = std::to_string(m_invocation);
  const Json* error = t.data.is_object() ? find_member(t.data, "Error") : nullptr;
  std::string err = error ? error_text(*error) : std::string();
  Sentence* s = nullptr;
  if (status == "PENDING") {
    std::string list;
    size_t shown = 0;
    for (const auto& [id, p] : m_pending) {
      const engine::Operation* o = op(id);
      if (++shown > 3)
        continue;
      list += (list.empty() ? "" : ph(Phrase::ListJoin)) +
              fill(ph(p.phrase), {{"op", operation_label(m_words, o, o && o->name ? *o->name : "")},
                                  {"until", clock(p.until)}});
    }
    if (shown > 3)
      list += fill(ph(Phrase::AndMore), {{"count", std::to_string(shown - 3)}});
    std::string waiting = list.empty() ? "" : fill(ph(Phrase::PendingWaitingFor), {{"list", list}});
    s = &say(SentenceKind::InvocationPending, {{"n", n}, {"waiting", waiting}});
  } else if (status == "SUCCEEDED") {
    std::string result = m_ex.status == engine::ExecutionStatus::Succeeded
                             ? payload(m_ex.result)
                             : std::string(ph(Phrase::ResultNone));
    s = &say(SentenceKind::InvocationSucceeded, {{"n", n}, {"result", result}});
  } else {
    std::string detail = status == "FAILED"      ? fill(ph(Phrase::FailedRaised), {{"error", err}})
                         : status == "CRASHED"   ? std::string(ph(Phrase::FailedCrashed))
                         : status == "TIMED_OUT" ? std::string(ph(Phrase::FailedTimedOut))
                                                 : fill(ph(Phrase::FailedRejected), {{"error", err}});
    if (status != "FAILED") {
      // What the service does next: look ahead for its re-invocation timer or the execution's end.
      for (size_t k = m_at + 1; k < m_entries.size(); ++k) {
        const TraceEvent& next = m_trace[m_entries[k]];
        if (next.kind == TraceKind::ExecutionCompleted) {
          detail += ph(Phrase::FailedThenGiveUp);
          break;
        }
        if (next.kind == TraceKind::TimerFired && next.text.rfind("re-invoking", 0) == 0) {
          detail += fill(ph(Phrase::FailedThenRetry), {{"duration", duration(next.time_ms - t.time_ms)}});
          break;
        }
        if (next.kind == TraceKind::InvocationStarted)
          break;
      }
    }
    s = &say(SentenceKind::InvocationFailed, {{"n", n}, {"outcome", status}, {"detail", detail}});
  }
  s->invocation = m_invocation;
  s->history_event_id = m_history.take("", "InvocationCompleted");
}

void Narrator::execution_completed(const TraceEvent& t) {
  std::string status = member_text(t.data, "Status");
  std::string err = m_ex.error ? error_text(engine::to_json(*m_ex.error)) : std::string();
  Sentence* s = nullptr;
  const char* type = "ExecutionSucceeded";
  if (status == "SUCCEEDED") {
    s = &say(SentenceKind::ExecutionSucceeded, {{"result", payload(m_ex.result)}});
  } else if (status == "FAILED") {
    const Json* cut = t.data.is_object() ? find_member(t.data, "ErrorTruncated") : nullptr;
    if (cut && cut->is_boolean() && cut->get<bool>())
      err = fill(ph(Phrase::ExecutionErrorCut),
                 {{"error", err}, {"cap", std::to_string(engine::limits::kMaxExecutionErrorBytes)}});
    s = &say(SentenceKind::ExecutionFailed, {{"error", err}});
    type = "ExecutionFailed";
  } else if (status == "TIMED_OUT") {
    s = &say(SentenceKind::ExecutionTimedOut,
             {{"duration", duration(m_ex.document->function.execution_timeout * 1000)}});
    type = "ExecutionTimedOut";
  } else {
    s = &say(SentenceKind::ExecutionStopped, {});
    type = "ExecutionStopped";
  }
  s->history_event_id = m_history.take("", type);
}

// [SECTION] operations started (a START checkpoint and the SDK's "executed ..." entry)

// Narrates an operation the SDK starts running; `update` is the START it checkpointed, if any.
bool Narrator::started(const TraceEvent& t, const std::string& what, const Json* update) {
  const std::string& id = t.operation_id;
  const std::string name = t.name;
  OpState& o = m_ops[id];
  std::string op_label = label(id, name);
  Json none = Json::object();
  const Json& u = update ? *update : none;
  // Told without its update: the SDK queued the START without awaiting it (a later call carries it). A
  // step re-run after an interruption sends no START at all (the operation is STARTED already).
  o.start_queued = update == nullptr && what != "step (re-run after interruption)";
  if (what == "step" || what == "step (re-run after interruption)") {
    o.started_ms = t.time_ms;
    o.in_flight = true;
    std::string attempt = std::to_string(o.attempts + 1);
    m_pending.erase(
        std::remove_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; }),
        m_pending.end());
    std::string start = ph(update ? Phrase::StartSent : Phrase::StartQueued);
    if (what != "step") {
      std::string effect = statement_effect(name);
      say(SentenceKind::StepRunsAgain,
          {{"op", op_label},
           {"attempt", attempt},
           {"effect", effect.empty() ? "" : fill(ph(Phrase::StepRunsAgainEffect), {{"effect", effect}})}});
    } else if (o.attempts > 0) {
      Sentence& s =
          say_text(SentenceKind::StepRuns, fill(ph(Phrase::StepRunsRetry),
                                                {{"op", op_label}, {"attempt", attempt}, {"start", start}}));
      s.why = ph(Phrase::StepRunsRetryWhy);
    } else {
      say(SentenceKind::StepRuns,
          {{"op", op_label}, {"call", m_sdk.step}, {"attempt", attempt}, {"start", start}});
    }
    return true;
  }
  if (what == "wait") {
    int64_t seconds = 0;
    if (const Json* w = find_member(u, "WaitOptions"))
      seconds = member_int(*w, "WaitSeconds", 0);
    int64_t until = t.time_ms + seconds * 1000;
    m_pending.push_back({id, {Phrase::PendingWait, until}});
    say(SentenceKind::WaitStarted, {{"op", op_label},
                                    {"call", m_sdk.wait},
                                    {"duration", duration(seconds * 1000)},
                                    {"until", clock(until)}});
    return true;
  }
  if (what == "create_callback") {
    if (const Json* c = find_member(u, "CallbackOptions")) {
      o.timeout_s = member_int(*c, "TimeoutSeconds", 0);
      o.heartbeat_s = member_int(*c, "HeartbeatTimeoutSeconds", 0);
    }
    std::string timeout;
    if (o.timeout_s > 0)
      timeout += fill(ph(Phrase::CallbackTimeoutNote), {{"duration", duration(o.timeout_s * 1000)}});
    if (o.heartbeat_s > 0)
      timeout += fill(ph(Phrase::CallbackHeartbeatNote), {{"duration", duration(o.heartbeat_s * 1000)}});
    const engine::Operation* cb = op(id);
    std::string callback_id = cb && cb->callback_details ? cb->callback_details->callback_id : "?";
    // wait_for_callback's inner callback is named after its context.
    std::string shown = op_label;
    if (name.empty() && cb && cb->parent_id)
      if (const engine::Operation* parent = op(*cb->parent_id); parent && parent->name)
        shown = *parent->name;
    m_pending.push_back({id, {Phrase::PendingCallback, 0}});
    say(SentenceKind::CallbackCreated, {{"op", shown},
                                        {"call", m_sdk.create_callback},
                                        {"callback_id", callback_id},
                                        {"timeout", timeout},
                                        {"api", m_sdk.callback_success_api}});
    return true;
  }
  if (what == "wait_for_callback" || what == "child context") {
    bool wfc = what == "wait_for_callback";
    say(SentenceKind::ContextStarted, {{"op", op_label},
                                       {"call", wfc ? m_sdk.wait_for_callback : m_sdk.child_context},
                                       {"note", wfc ? ph(Phrase::ContextWaitForCallback) : ""}});
    return true;
  }
  if (what == "parallel" || what == "map") {
    say(SentenceKind::BatchStarted, {{"op", op_label},
                                     {"call", what == "map" ? m_sdk.map : m_sdk.parallel},
                                     {"note", ph(Phrase::BatchStartedNote)}});
    return true;
  }
  if (what == "branch") {
    const engine::Operation* b = op(id);
    const engine::Operation* parent = b && b->parent_id ? op(*b->parent_id) : nullptr;
    bool item = b && b->sub_type == std::string(engine::subtype::kMapIteration);
    std::string of =
        fill(ph(item ? Phrase::ItemOf : Phrase::BranchOf),
             {{"parent", operation_label(m_words, parent, parent && parent->name ? *parent->name : "")}});
    say(SentenceKind::BranchStarted, {{"op", op_label}, {"of", of}});
    return true;
  }
  if (what == "invoke") {
    std::string function;
    if (const Json* c = find_member(u, "ChainedInvokeOptions"))
      function = member_text(*c, "FunctionName");
    m_pending.push_back({id, {Phrase::PendingInvoke, 0}});
    say(SentenceKind::InvokeStarted, {{"op", op_label}, {"call", m_sdk.invoke}, {"function", function}});
    return true;
  }
  if (what == "wait_for_condition check") {
    o.started_ms = t.time_ms;
    m_pending.erase(
        std::remove_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; }),
        m_pending.end());
    say(SentenceKind::ConditionChecked,
        {{"op", op_label},
         {"call", m_sdk.wait_for_condition},
         {"outcome", fill(ph(Phrase::ConditionStarted), {{"attempt", std::to_string(o.attempts + 1)}})}});
    return true;
  }
  return false;
}

// [SECTION] checkpoints

std::string Narrator::strategy(const std::string& name, const std::string& error_type, bool retried) const {
  const workflow::Statement* s = m_statements.find(name);
  if (!s)
    return ph(Phrase::StrategyUnknown);
  auto effective = engine::runtime::effective_retry(*s);
  std::string max = std::to_string(effective.max_attempts);
  switch (s->retry_mode) {
  case workflow::RetryMode::Default:
    return fill(ph(Phrase::StrategyDefault), {{"max", max}});
  case workflow::RetryMode::None:
    return fill(ph(Phrase::StrategyNone), {{"call", m_sdk.no_retry}});
  case workflow::RetryMode::Custom: {
    const auto& types = s->retry.retryable_error_types;
    if (!retried && !types.empty() && std::find(types.begin(), types.end(), error_type) == types.end()) {
      std::string list;
      for (const auto& ty : types)
        list += (list.empty() ? "" : ph(Phrase::ListJoin)) + ty;
      return fill(ph(Phrase::StrategyNotRetryable), {{"types", list}});
    }
    return fill(ph(Phrase::StrategyCustom), {{"call", m_sdk.custom_retry}, {"max", max}});
  }
  }
  return ph(Phrase::StrategyUnknown);
}

// The outcome an update checkpoints (SUCCEED, FAIL, RETRY of a step, a context's end ...).
void Narrator::outcome(const TraceEvent& t, const UpdateView& u) {
  const std::string id(u.id), name(u.name), type(u.type), action(u.action), sub(u.sub_type);
  std::string op_label = label(id, name);
  OpState& o = m_ops[id];
  const Json* error = u.error;
  std::string err = error ? error_text(*error) : std::string();
  std::optional<std::string> pay;
  if (u.payload && u.payload->is_string())
    pay = u.payload->get<std::string>();
  const char* event = nullptr;
  if (type == "STEP") {
    std::string attempt = std::to_string(o.attempts + 1);
    o.attempts++;
    o.in_flight = false;
    int64_t delay = 0;
    if (u.step_options)
      delay = member_int(*u.step_options, "NextAttemptDelaySeconds", 0);
    int64_t until = t.time_ms + delay * 1000;
    if (sub == engine::subtype::kWaitForCondition) {
      std::string text;
      if (action == "RETRY") {
        m_pending.push_back({id, {Phrase::PendingCondition, until}});
        text = fill(ph(Phrase::ConditionNotYet),
                    {{"attempt", attempt}, {"delay", duration(delay * 1000)}, {"until", clock(until)}});
        event = error ? "StepFailed" : "StepSucceeded";
      } else if (action == "SUCCEED") {
        text = fill(ph(Phrase::ConditionDone), {{"attempt", attempt}, {"result", payload(pay)}});
        event = "StepSucceeded";
      } else {
        text = fill(ph(Phrase::ConditionGaveUp), {{"attempt", attempt}, {"error", err}});
        event = "StepFailed";
      }
      say(SentenceKind::ConditionChecked,
          {{"op", op_label}, {"call", m_sdk.wait_for_condition}, {"outcome", text}});
    } else if (action == "SUCCEED") {
      say(SentenceKind::StepSucceeded, {{"op", op_label}, {"result", payload(pay)}});
      event = "StepSucceeded";
    } else if (action == "RETRY") {
      std::string error_type = error ? member_text(*error, "ErrorType") : "";
      m_pending.push_back({id, {Phrase::PendingRetry, until}});
      say(SentenceKind::RetryScheduled, {{"op", op_label},
                                         {"attempt", attempt},
                                         {"error", err},
                                         {"strategy", strategy(name, error_type, true)},
                                         {"delay", duration(delay * 1000)},
                                         {"until", clock(until)}});
      event = error ? "StepFailed" : "StepSucceeded";
    } else {
      std::string error_type = error ? member_text(*error, "ErrorType") : "";
      say(SentenceKind::StepFailed, {{"op", op_label},
                                     {"attempt", attempt},
                                     {"error", err},
                                     {"strategy", strategy(name, error_type, false)}});
      event = "StepFailed";
    }
  } else if (type == "CONTEXT") {
    bool ok = action == "SUCCEED";
    event = ok ? "ContextSucceeded" : "ContextFailed";
    std::string result = ok ? fill(ph(Phrase::ContextSucceeded), {{"result", payload(pay)}})
                            : fill(ph(Phrase::ContextFailed), {{"error", err}});
    if (ok && (sub == engine::subtype::kParallel || sub == engine::subtype::kMap)) {
      // The BatchResult (or the SDK's summary of it, for a large one) says how the batch ended.
      auto batch = engine::runtime::deserialize_result(m_stored, pay);
      int64_t succeeded = 0, failed = 0, running = 0;
      std::string reason;
      if (batch.ok() && batch->is_object()) {
        reason = member_text(*batch, "completionReason");
        if (const Json* all = find_member(*batch, "all"); all && all->is_array()) {
          for (const Json& item : *all) {
            std::string st = member_text(item, "status");
            succeeded += st == "SUCCEEDED";
            failed += st == "FAILED";
            running += st == "STARTED";
          }
        } else {
          succeeded = member_int(*batch, "successCount", 0);
          failed = member_int(*batch, "failureCount", 0);
          running = member_int(*batch, "startedCount", 0);
        }
      }
      Phrase why = reason == "MIN_SUCCESSFUL_REACHED"       ? Phrase::ReasonMinSuccessful
                   : reason == "FAILURE_TOLERANCE_EXCEEDED" ? Phrase::ReasonToleranceExceeded
                                                            : Phrase::ReasonAllCompleted;
      std::string started = running > 0 ? ", " + std::to_string(running) + " still running" : "";
      say(SentenceKind::BatchCompleted, {{"op", op_label},
                                         {"succeeded", std::to_string(succeeded)},
                                         {"failed", std::to_string(failed)},
                                         {"started", started},
                                         {"reason", ph(why)}});
    } else if (sub == engine::subtype::kParallelBranch || sub == engine::subtype::kMapIteration) {
      const engine::Operation* b = op(id);
      const engine::Operation* parent = b && b->parent_id ? op(*b->parent_id) : nullptr;
      std::string of =
          fill(ph(sub == engine::subtype::kMapIteration ? Phrase::ItemOf : Phrase::BranchOf),
               {{"parent", operation_label(m_words, parent, parent && parent->name ? *parent->name : "")}});
      std::string branch_outcome = ok ? fill(ph(Phrase::BranchSucceeded), {{"result", payload(pay)}})
                                      : fill(ph(Phrase::BranchFailed), {{"error", err}});
      say(SentenceKind::BranchFinished, {{"op", op_label}, {"of", of}, {"outcome", branch_outcome}});
    } else {
      say(SentenceKind::ContextFinished, {{"op", op_label}, {"outcome", result}});
    }
  } else if (type == "EXECUTION") {
    say(SentenceKind::CheckpointSent, {{"what", ph(Phrase::CheckpointExecutionResult)}});
  } else {
    say(SentenceKind::CheckpointSent, {{"what", type + " " + action + " " + op_label}});
    event = type == "WAIT" && action == "CANCEL" ? "WaitCancelled" : nullptr;
  }
  if (event && !m_out.empty())
    m_out.back().history_event_id = m_history.take(id, event);
}

void Narrator::checkpoint(const TraceEvent& t) {
  int64_t seq = ++m_calls;
  const Json* updates = t.data.is_object() ? find_member(t.data, "Updates") : nullptr;
  size_t before = m_out.size();
  if (!updates || !updates->is_array() || updates->empty()) {
    say(SentenceKind::CheckpointSent, {{"what", t.text}});
  } else {
    // Parallel branches often run operations of the same name, and their updates share a call: those
    // labels say which branch each belongs to.
    std::unordered_map<std::string, std::set<std::string_view>> ids_of_label;
    for (const Json& u : *updates) {
      UpdateView view = read_update(u);
      ids_of_label[label(std::string(view.id), std::string(view.name))].insert(view.id);
    }
    std::string list;
    for (const Json& u : *updates) {
      UpdateView view = read_update(u);
      const std::string id(view.id);
      const std::string_view type = view.type, action = view.action;
      std::string name = label(id, std::string(view.name));
      const engine::Operation* operation = op(id);
      if (ids_of_label[name].size() > 1 && operation && operation->parent_id)
        if (const engine::Operation* parent = op(*operation->parent_id))
          name += fill(ph(Phrase::InParent), {{"parent", label(parent->id, parent->name.value_or(""))}});
      list += (list.empty() ? "" : ph(Phrase::ListJoin)) + std::string(type) + " " + std::string(action) +
              " " + name;
      if (action != "START") {
        outcome(t, view);
        continue;
      }
      static const std::unordered_map<std::string, const char*> kStarted = {
          {"STEP", "StepStarted"},
          {"CONTEXT", "ContextStarted"},
          {"WAIT", "WaitStarted"},
          {"CALLBACK", "CallbackStarted"},
          {"CHAINED_INVOKE", "ChainedInvokeStarted"}};
      auto ev = kStarted.find(std::string(type));
      OpState& o = m_ops[id];
      if (o.start_queued) {
        // A START the SDK queued without awaiting it: its sentence was told when the code ran; it reaches
        // the service only now, with this call.
        o.start_queued = false;
        std::optional<int64_t> event;
        if (ev != kStarted.end())
          event = m_history.take(id, ev->second);
        if (o.start_sentence < m_out.size()) {
          Sentence& told = m_out[o.start_sentence];
          if (!told.history_event_id)
            told.history_event_id = event;
          if (!told.checkpoint_call)
            told.checkpoint_call = seq;
        }
        continue;
      }
      bool told = false;
      // An awaited START: joined with the SDK's "executed ..." entry right after the call, one sentence.
      if (m_at + 1 < m_entries.size()) {
        const TraceEvent& next = m_trace[m_entries[m_at + 1]];
        if (next.kind == TraceKind::OperationExecuted && next.operation_id == id) {
          m_last = m_entries[m_at + 1];
          std::string what = next.text.substr(next.text.rfind("executed ", 0) == 0 ? 9 : 0);
          told = started(next, what, &u);
          if (told)
            ++m_at; // the executed entry is narrated
          else
            m_last = m_pos;
        }
      }
      if (told) {
        if (ev != kStarted.end())
          m_out.back().history_event_id = m_history.take(id, ev->second);
      } else {
        say(SentenceKind::CheckpointSent, {{"what", std::string(type) + " START " + label(id, t.name)}});
      }
    }
    if (m_out.size() == before) // only STARTs told when the code ran: the call that carries them
      say(SentenceKind::CheckpointSent, {{"what", list}});
    else if (updates->size() > 1)
      m_out.back().text +=
          fill(ph(Phrase::CheckpointMore), {{"count", std::to_string(updates->size())}, {"list", list}});
  }
  for (size_t i = before; i < m_out.size(); ++i)
    m_out[i].checkpoint_call = seq;
}

// [SECTION] bodies, timers and callbacks

void Narrator::body_ran(const TraceEvent& t) {
  OpState& o = m_ops[t.operation_id];
  o.in_flight = false;
  std::string op_label = label(t.operation_id, t.name);
  std::string attempt = std::to_string(member_int(t.data, "Attempt", 1));
  auto run = m_run_at.find(m_pos);
  if (run == m_run_at.end()) {
    int64_t took = o.started_ms >= 0 ? t.time_ms - o.started_ms : 0;
    say(SentenceKind::StepBodyRan, {{"op", op_label}, {"duration", duration(took)}, {"attempt", attempt}});
    return;
  }
  const SideEffectRun& r = m_ledger.runs[run->second];
  std::string repeat;
  if (r.run > 1)
    repeat = fill(
        ph(Phrase::RepeatNote),
        {{"times", std::to_string(r.run)},
         {"cause", ph(r.cause == RunCause::RetryAfterFailure ? Phrase::CauseRetry : Phrase::CauseCrash)}});
  Sentence& s =
      say_text(SentenceKind::StepBodyRan,
               fill(ph(Phrase::StepBodyRanEffect),
                    {{"op", op_label}, {"attempt", attempt}, {"effect", r.effect}, {"repeat", repeat}}));
  s.why = ph(Phrase::StepBodyRanEffectWhy);
}

void Narrator::timer(const TraceEvent& t) {
  const std::string& text = t.text;
  const std::string& id = t.operation_id;
  std::string op_label = label(id, t.name);
  auto drop_pending = [&] {
    m_pending.erase(
        std::remove_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; }),
        m_pending.end());
  };
  if (text == "wait ended") {
    const engine::Operation* w = op(id);
    int64_t took = w ? t.time_ms - w->start_timestamp : 0;
    drop_pending();
    trigger(fill(ph(Phrase::TriggerWaitEnded), {{"op", op_label}}), m_active);
    Sentence& s = say(SentenceKind::WaitEnded, {{"op", op_label}, {"duration", duration(took)}});
    s.history_event_id = m_history.take(id, "WaitSucceeded");
  } else if (text.rfind("retry time reached", 0) == 0) {
    drop_pending();
    const engine::Operation* step = op(id);
    bool condition = step && step->sub_type == std::string(engine::subtype::kWaitForCondition);
    std::string attempt = std::to_string(m_ops[id].attempts + 1);
    trigger(fill(ph(condition ? Phrase::TriggerConditionDue : Phrase::TriggerRetryDue), {{"op", op_label}}),
            m_active);
    if (condition)
      say_text(SentenceKind::RetryReady,
               fill(ph(Phrase::RetryReadyCondition), {{"op", op_label}, {"attempt", attempt}}));
    else
      say(SentenceKind::RetryReady, {{"op", op_label}, {"attempt", attempt}});
  } else if (text == "callback timed out" || text == "callback heartbeat timed out") {
    drop_pending();
    const OpState& o = m_ops[id];
    bool heartbeat = text != "callback timed out";
    std::string detail = fill(ph(heartbeat ? Phrase::CallbackHeartbeatTimedOut : Phrase::CallbackNoAnswer),
                              {{"duration", duration((heartbeat ? o.heartbeat_s : o.timeout_s) * 1000)}});
    trigger(fill(ph(Phrase::TriggerCallbackTimedOut), {{"op", op_label}}), m_active);
    Sentence& s = say(SentenceKind::CallbackTimedOut, {{"op", op_label}, {"detail", detail}});
    s.history_event_id = m_history.take(id, "CallbackTimedOut");
  } else if (text == "execution timeout reached") {
    say(SentenceKind::ExecutionTimeoutFired,
        {{"duration", duration(m_ex.document->function.execution_timeout * 1000)}});
  } else if (text.rfind("StopDurableExecution", 0) == 0) {
    say(SentenceKind::StopRequested, {});
  } else if (text.rfind("re-invoking", 0) == 0) {
    trigger(ph(Phrase::TriggerFailedInvocation), false); // told by the failed invocation's sentence
  }
}

void Narrator::callback(const TraceEvent& t) {
  const std::string& id = t.operation_id;
  std::string op_label = label(id, t.name);
  const engine::Operation* cb = op(id);
  if (t.name.empty() && cb && cb->parent_id)
    if (const engine::Operation* parent = op(*cb->parent_id); parent && parent->name)
      op_label = *parent->name;
  auto drop_pending = [&] {
    m_pending.erase(
        std::remove_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; }),
        m_pending.end());
  };
  if (t.text == "callback succeeded") {
    drop_pending();
    std::string raw = member_text(t.data, "Result");
    auto parsed = parse_json(raw);
    trigger(fill(ph(Phrase::TriggerCallbackAnswered), {{"op", op_label}}), m_active);
    Sentence& s = say(SentenceKind::CallbackAnswered,
                      {{"op", op_label}, {"result", parsed.ok() ? value(*parsed) : raw}});
    s.history_event_id = m_history.take(id, "CallbackSucceeded");
  } else if (t.text == "callback failed") {
    drop_pending();
    trigger(fill(ph(Phrase::TriggerCallbackFailed), {{"op", op_label}}), m_active);
    Sentence& s = say(SentenceKind::CallbackFailed, {{"op", op_label}, {"error", error_text(t.data)}});
    s.history_event_id = m_history.take(id, "CallbackFailed");
  } else {
    say(SentenceKind::CallbackHeartbeat, {{"op", op_label}});
  }
}

// [SECTION] crashes, non-determinism and replays

void Narrator::crash(const TraceEvent& t) {
  const std::string& text = t.text;
  std::string op_label = label(t.operation_id, t.name);
  std::string inflight;
  for (const auto& [id, o] : m_ops)
    if (o.in_flight && id != t.operation_id) {
      const engine::Operation* x = op(id);
      inflight = fill(ph(Phrase::CrashInFlight),
                      {{"op", operation_label(m_words, x, x && x->name ? *x->name : "")}});
      break;
    }
  std::string then = ph(at_most_once(t.name) ? Phrase::ThenAtMostOnce : Phrase::ThenAtLeastOnce);
  std::string detail;
  if (text.rfind("injected crash before the body", 0) == 0) {
    detail = fill(ph(Phrase::CrashBeforeBody), {{"op", op_label}, {"then", then}});
  } else if (text.rfind("injected crash after the body", 0) == 0) {
    std::string effect = statement_effect(t.name);
    detail = effect.empty() ? fill(ph(Phrase::CrashAfterBody), {{"op", op_label}, {"then", then}})
                            : fill(ph(Phrase::CrashAfterBodyEffect),
                                   {{"op", op_label}, {"effect", effect}, {"then", then}});
  } else if (text.rfind("injected crash after the checkpoint", 0) == 0) {
    detail = fill(ph(Phrase::CrashAfterCheckpoint), {{"op", op_label}});
  } else if (text.rfind("injected hang", 0) == 0) {
    detail = fill(ph(Phrase::CrashHang), {{"op", op_label}});
  } else if (text.rfind("injected fault: the invocation crashed", 0) == 0) {
    detail = fill(ph(Phrase::CrashInvocationFault), {{"inflight", inflight}});
  } else if (text.rfind("injected fault: the invocation hangs", 0) == 0) {
    detail = fill(ph(Phrase::CrashInvocationHang), {{"inflight", inflight}});
  } else if (text.rfind("the invocation ran past", 0) == 0) {
    detail = fill(
        ph(Phrase::CrashTimeout),
        {{"duration", duration(int64_t{m_ex.document->function.timeout} * 1000)}, {"inflight", inflight}});
  } else {
    detail = text;
  }
  say(SentenceKind::Crash, {{"detail", detail}});
}

void Narrator::non_determinism(const TraceEvent& t) {
  // The engine gives the first difference as data ({"Step", "What", "Expected", "Got"}); traces stored
  // before it did carry only the message, worded as the JS SDK does: 'Operation <what> mismatch for step
  // "<step>". Expected <what> "<expected>", but got "<got>".'
  if (const Json* what = find_member(t.data, "What"); what && what->is_string()) {
    say(SentenceKind::NonDeterminism, {{"step", member_text(t.data, "Step")},
                                       {"what", what->get<std::string>()},
                                       {"expected", member_text(t.data, "Expected")},
                                       {"got", member_text(t.data, "Got")}});
    return;
  }
  const std::string& m = t.text;
  auto between = [&](size_t from, std::string_view open, std::string_view close, size_t* end) {
    size_t a = m.find(open, from);
    if (a == std::string::npos)
      return std::string();
    a += open.size();
    size_t b = m.find(close, a);
    if (b == std::string::npos)
      return std::string();
    *end = b + close.size();
    return m.substr(a, b - a);
  };
  size_t at = 0;
  std::string what = between(0, "Operation ", " mismatch", &at);
  std::string step = between(at, "for step \"", "\"", &at);
  std::string expected = between(at, " \"", "\"", &at);
  std::string got = between(at, "but got \"", "\"", &at);
  if (what.empty() || step.empty()) {
    say_text(SentenceKind::NonDeterminism, m);
    return;
  }
  say(SentenceKind::NonDeterminism, {{"step", step}, {"what", what}, {"expected", expected}, {"got", got}});
}

// A value plain code outside a step computed differently than in the previous invocation (the determinism
// lab, issue 10): which variable or statement, what made it change, and which steps still hold the old one.
void Narrator::value_changed(const TraceEvent& t, const engine::ValueChange& c) {
  std::string calls;
  if (const Json* list = find_member(t.data, "Calls"); list && list->is_array())
    for (const Json& call : *list) {
      std::string name = member_text(call, "Function") + "()";
      if (calls.find(name) == std::string::npos)
        calls += (calls.empty() ? "" : ph(Phrase::ValueCallJoin)) + name;
    }
  std::string cause = calls.empty() ? std::string(ph(Phrase::ValueCauseDerived))
                                    : fill(ph(Phrase::ValueCauseCalls), {{"calls", calls}});
  std::string before = std::to_string(c.previous_invocation);
  if (!c.variable.empty()) {
    // Steps whose body ran in an earlier invocation with this variable in its result: their checkpoints
    // hold the old value (the confirmation id that differs from the one charged).
    std::vector<std::string> users;
    for (size_t k = 0; k < m_pos; ++k) {
      const TraceEvent& e = m_trace[k];
      if (e.kind != TraceKind::StepBodyRan || e.execution_arn != m_ex.arn || e.invocation >= t.invocation ||
          std::find(users.begin(), users.end(), e.name) != users.end())
        continue;
      const workflow::Statement* s = m_statements.find(e.name);
      if (!s)
        continue;
      auto roots = workflow::referenced_roots(s->body.returns);
      if (roots.ok() && std::find(roots->begin(), roots->end(), c.variable) != roots->end())
        users.push_back(e.name);
    }
    std::string ops;
    for (size_t i = 0; i < users.size(); ++i)
      ops += (i ? ph(Phrase::ListJoin) : "") + operation_label(m_words, nullptr, users[i]);
    std::string used = users.empty() ? "" : fill(ph(Phrase::ValueUsedBefore), {{"ops", ops}});
    say(SentenceKind::ValueChanged, {{"detail", fill(ph(Phrase::ValueChangedLet), {{"var", c.variable},
                                                                                   {"cause", cause},
                                                                                   {"old", value(c.previous)},
                                                                                   {"before", before},
                                                                                   {"new", value(c.value)},
                                                                                   {"used", used}})}});
    return;
  }
  const Json* old_condition = find_member(c.previous, "Condition");
  const Json* new_condition = find_member(c.value, "Condition");
  if (old_condition && new_condition && *old_condition != *new_condition) {
    say(SentenceKind::ValueChanged,
        {{"detail", fill(ph(Phrase::ValueChangedIf),
                         {{"statement", c.statement},
                          {"old", value(*old_condition)},
                          {"before", before},
                          {"new", value(*new_condition)},
                          {"cause", calls.empty() ? std::string(ph(Phrase::ValueCauseReads)) : cause}})}});
    return;
  }
  if (calls.empty())
    return; // an if that reads a changed let but still goes the same way: nothing new to tell
  const Json* old_calls = find_member(c.previous, "Calls");
  const Json* new_calls = find_member(c.value, "Calls");
  say(SentenceKind::ValueChanged,
      {{"detail",
        fill(ph(Phrase::ValueChangedOther), {{"statement", c.statement},
                                             {"cause", cause},
                                             {"old", old_calls ? value(*old_calls) : std::string()},
                                             {"before", before},
                                             {"new", new_calls ? value(*new_calls) : std::string()}})}});
}

// `ops`: a run of replays (one compact entry, or consecutive per-operation entries of older traces).
void Narrator::replayed(const std::vector<engine::ReplayedOperation>& ops) {
  constexpr std::string_view kInterrupted = "step interrupted";
  constexpr size_t kShown = 6;
  std::vector<std::string> names;
  std::string first_id, first_name;
  size_t count = 0;
  auto flush = [&] {
    if (count == 0)
      return;
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
      list += (i ? ph(Phrase::ListJoin) : "") + names[i];
    if (count > names.size())
      list += fill(ph(Phrase::AndMore), {{"count", std::to_string(count - names.size())}});
    std::string counted = count == 1 ? std::string(ph(Phrase::OneOperation))
                                     : fill(ph(Phrase::ManyOperations), {{"count", std::to_string(count)}});
    Sentence& s = say(SentenceKind::Replayed, {{"count", counted}, {"names", list}});
    if (count == 1) { // a sentence about several operations links none of them
      s.operation_id = first_id;
      s.operation_name = first_name;
    } else {
      s.operation_id.reset();
      s.operation_name.clear();
    }
    names.clear();
    count = 0;
  };
  for (const auto& r : ops) {
    if (r.what.substr(0, kInterrupted.size()) == kInterrupted) {
      flush();
      std::string id(r.operation_id), name(r.name);
      std::string effect = statement_effect(name);
      Sentence& s = say(
          SentenceKind::StepInterrupted,
          {{"op", operation_label(m_words, op(id), name)},
           {"effect", effect.empty() ? "" : fill(ph(Phrase::StepInterruptedEffect), {{"effect", effect}})}});
      s.operation_id = id;
      s.operation_name = name;
      continue;
    }
    bool keep_pending = r.what.find("still") != std::string_view::npos;
    if (!keep_pending && !m_pending.empty())
      m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(),
                                     [&](const auto& p) { return p.first == r.operation_id; }),
                      m_pending.end());
    if (count == 0) {
      first_id = r.operation_id;
      first_name = r.name;
    }
    if (++count <= kShown) {
      std::string note =
          r.what.find("stored error") != std::string_view::npos    ? ph(Phrase::StoredErrorNote)
          : r.what.find("still waiting") != std::string_view::npos ? ph(Phrase::StillWaitingNote)
          : r.what.find("still running") != std::string_view::npos ? ph(Phrase::StillRunningNote)
                                                                   : "";
      names.push_back(
          list_label(m_words, r.name.empty() ? op(std::string(r.operation_id)) : nullptr, r.name) + note);
    }
  }
  flush();
}

// [SECTION] the walk

std::vector<Sentence> Narrator::run() {
  for (size_t i = 0; i < m_trace.size(); ++i)
    if (m_trace[i].execution_arn == m_ex.arn)
      m_entries.push_back(i);
  for (m_at = 0; m_at < m_entries.size(); ++m_at) {
    m_pos = m_entries[m_at];
    m_last = m_pos;
    const TraceEvent& t = m_trace[m_pos];
    switch (t.kind) {
    case TraceKind::ExecutionStarted:
      execution_started(t);
      break;
    case TraceKind::InvocationStarted:
      invocation_started(t);
      break;
    case TraceKind::OperationReplayed: {
      // Consecutive replay entries (traces stored before replays were compact, or compact_replays off) are
      // one run: one sentence, as for a compact entry.
      auto ops = engine::replayed_operations(t, m_ex);
      while (m_at + 1 < m_entries.size()) {
        const TraceEvent& next = m_trace[m_entries[m_at + 1]];
        if (next.kind != TraceKind::OperationReplayed || next.invocation != t.invocation ||
            next.time_ms != t.time_ms)
          break;
        auto more = engine::replayed_operations(next, m_ex);
        ops.insert(ops.end(), more.begin(), more.end());
        m_last = m_entries[++m_at];
      }
      replayed(ops);
      break;
    }
    case TraceKind::OperationExecuted: {
      std::string what = t.text.substr(t.text.rfind("executed ", 0) == 0 ? 9 : 0);
      size_t before = m_out.size();
      if (started(t, what, nullptr) && m_out.size() > before)
        m_ops[t.operation_id].start_sentence = m_out.size() - 1;
      break;
    }
    case TraceKind::StepBodyRan:
      body_ran(t);
      break;
    case TraceKind::CheckpointCall:
      checkpoint(t);
      break;
    case TraceKind::CheckpointRejected: {
      Sentence& s = say(SentenceKind::CheckpointRejected, {{"error", t.text}});
      s.checkpoint_call = ++m_calls;
      // A documented limit: say which one and where AWS documents it (docs/limits.md).
      if (std::string limit = member_text(t.data, "Limit"); !limit.empty())
        s.why = "limit: this call would cross the " + limit + " limit (" + member_text(t.data, "Source") +
                "); the service refuses it and the SDK fails the execution, as on AWS.";
      break;
    }
    case TraceKind::TimerFired:
      timer(t);
      break;
    case TraceKind::CallbackReceived:
      callback(t);
      break;
    case TraceKind::Crash:
      crash(t);
      break;
    case TraceKind::NonDeterminism:
      non_determinism(t);
      break;
    case TraceKind::InvocationEnded:
      invocation_ended(t);
      break;
    case TraceKind::ExecutionCompleted:
      execution_completed(t);
      break;
    case TraceKind::Log: {
      std::string message = member_text(t.data, "Message");
      say(SentenceKind::Log, {{"message", message.empty() ? t.text : message}});
      break;
    }
    case TraceKind::HandlerReplaced:
      trigger(ph(Phrase::TriggerCodeReplaced), false);
      say(SentenceKind::HandlerReplaced, {});
      break;
    case TraceKind::ClockAdvanced: // not an execution's event: the sentences of what the clock woke tell it
      break;
    case TraceKind::ValueComputed:
      // Told only when it differs from the previous invocation's: that is the lesson.
      if (auto it = m_value_changes.find(m_pos); it != m_value_changes.end())
        value_changed(t, it->second);
      break;
    }
  }
  return std::move(m_out);
}

} // namespace

// [SECTION] public functions

std::vector<Sentence> narrate(const std::vector<engine::TraceEvent>& trace,
                              const engine::Execution& execution, Wording wording) {
  if (!execution.document)
    return {};
  if (!execution.imported_from.empty())
    return narrate_events(trace, execution);
  Narrator n(trace, execution, wording.value_or(execution.document->function.flavor()));
  return n.run();
}

std::vector<Sentence> narrate(const engine::Engine& engine, const std::string& execution_arn,
                              Wording wording) {
  const engine::Execution* e = engine.execution(execution_arn);
  if (!e)
    return {};
  return narrate(engine.trace(), *e, wording);
}

std::string missing_story(const std::vector<engine::TraceEvent>& trace, const engine::Execution& execution) {
  for (const auto& t : trace)
    if (t.execution_arn == execution.arn)
      return "";
  return fill(phrase(english(), Phrase::MissingTrace), {{"name", execution.name}});
}

Json to_json(const Sentence& s) {
  Json j{{"at_ms", s.at_ms},
         {"invocation", s.invocation},
         {"kind", to_string(s.kind)},
         {"text", s.text},
         {"why", s.why}};
  if (s.operation_id)
    j["operation_id"] = *s.operation_id;
  return j;
}

std::string offset_text(int64_t at_ms, int64_t start_ms) {
  int64_t ms = at_ms - start_ms;
  if (ms < 0)
    ms = 0;
  int64_t days = ms / 86'400'000;
  ms %= 86'400'000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", static_cast<int>(ms / 3'600'000),
                static_cast<int>(ms / 60'000 % 60), static_cast<int>(ms / 1000 % 60),
                static_cast<int>(ms % 1000));
  return days > 0 ? std::to_string(days) + "d " + buf : std::string(buf);
}

} // namespace dp::explain
