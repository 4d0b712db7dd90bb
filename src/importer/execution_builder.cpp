#include "importer/execution_builder.hpp"

#include <algorithm>
#include <map>

#include "workflow/document.hpp"

namespace dp::importer {
namespace {

using engine::Operation;
using engine::OperationStatus;
using engine::OperationType;
using engine::TraceEvent;
using engine::TraceKind;

// "StepSucceeded" -> (STEP, "Succeeded"); the execution's own events and unknown ones give nullopt.
std::optional<std::pair<OperationType, std::string>> split_type(const std::string& type) {
  static const std::pair<const char*, OperationType> kPrefixes[] = {
      {"ChainedInvoke", OperationType::ChainedInvoke},
      {"Callback", OperationType::Callback},
      {"Context", OperationType::Context},
      {"Step", OperationType::Step},
      {"Wait", OperationType::Wait}};
  for (const auto& [prefix, t] : kPrefixes) {
    std::string p = prefix;
    if (type.size() > p.size() && type.compare(0, p.size(), p) == 0)
      return std::make_pair(t, type.substr(p.size()));
  }
  return std::nullopt;
}

const Json& details_of(const engine::HistoryEvent& e) {
  static const Json kEmpty = Json::object();
  if (!e.details.is_object())
    return kEmpty;
  const Json* d = find_member(e.details, (e.event_type + "Details").c_str());
  return d && d->is_object() ? *d : kEmpty;
}

std::optional<int64_t> int_member(const Json& j, const char* key) {
  const Json* v = find_member(j, key);
  return v && v->is_number_integer() ? std::optional<int64_t>(v->get<int64_t>()) : std::nullopt;
}

// `ev` is the event `r` was read as (it moves into the execution as it is added).
std::string where(const ReadEvent& r, const engine::HistoryEvent& ev) {
  return r.file + ": event " + std::to_string(r.index) + " (EventId " + std::to_string(ev.event_id) + ", " +
         ev.event_type + ")";
}

// Last two segments of ".../durable-execution/NAME/ID" (our engine's and the service's ARNs).
std::pair<std::string, std::string> name_and_id(const std::string& arn) {
  size_t at = arn.find("/durable-execution/");
  if (at == std::string::npos)
    return {"", ""};
  std::string rest = arn.substr(at + 19);
  size_t slash = rest.find('/');
  if (slash == std::string::npos)
    return {"", rest};
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

struct InvocationWindow {
  int index = 0;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  size_t event_position = 0; // the InvocationCompleted event's position in history.events
};

} // namespace

struct ExecutionBuilder::State {
  History history;
  std::string origin;
  ImportedExecution out;
  engine::Execution& e = out.execution;
  std::map<std::string, Operation> ops;
  std::vector<InvocationWindow> windows;
  size_t next = 0; // the next event to add
  std::optional<Error> failure;
  bool done = false;
  // The trace, in event order; `invocation` is the window the next InvocationCompleted closes, once the
  // events reach its start.
  int64_t seq = 0;
  size_t next_window = 0;
  bool in_invocation = false;
  // Operations recorded before the current invocation began: a prefix of op_order (start order).
  size_t recorded_before = 0;
  std::map<std::string, int> outcomes;        // step id -> outcome events so far (its attempt number)
  std::map<int, std::pair<int, int>> counted; // invocation -> (executed, replayed) operations

  void trace(int64_t at, int invocation, TraceKind kind, const std::string& op_id, const std::string& name,
             std::string text, Json data) {
    TraceEvent t;
    t.seq = ++seq;
    t.time_ms = at;
    t.execution_arn = e.arn;
    t.invocation = invocation;
    t.kind = kind;
    t.operation_id = op_id;
    t.name = name;
    t.text = std::move(text);
    t.data = std::move(data);
    out.trace.push_back(std::move(t));
  }
  Status start();
  void begin_invocation(const InvocationWindow& w);
  Status add(size_t i);
  Status finish();
};

Status ExecutionBuilder::State::start() {
  const ReadEvent& first = history.events.front();
  e.events.reserve(history.events.size());
  const ExecutionDescription& d = history.description;
  auto [arn_name, arn_id] = d.arn ? name_and_id(*d.arn) : std::pair<std::string, std::string>{};
  e.id = !arn_id.empty() ? arn_id : first.event.id.value_or("");
  if (e.id.empty())
    e.id = "imported-" + std::to_string(first.event.event_timestamp);
  e.name = d.name ? *d.name : !arn_name.empty() ? arn_name : e.id;
  e.arn = d.arn ? *d.arn : e.name == e.id ? "imported:" + e.id : "imported:" + e.name + "/" + e.id;
  e.imported_from = origin;
  e.start_ms = first.event.event_timestamp;
  e.input_payload = event_payload(details_of(first.event), "Input").value_or(d.input.value_or(""));
  e.needs_invocation = false;

  // A placeholder document: it names the function; its handler is empty (no simulation behind it).
  auto doc = std::make_shared<workflow::Document>();
  doc->name = e.name;
  doc->description = "Imported from " + origin + "; no workflow document stands behind it.";
  if (d.function_arn) {
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    std::vector<std::string> parts;
    size_t from = 0;
    for (size_t colon; (colon = d.function_arn->find(':', from)) != std::string::npos; from = colon + 1)
      parts.push_back(d.function_arn->substr(from, colon - from));
    parts.push_back(d.function_arn->substr(from));
    if (parts.size() >= 7) {
      doc->function.region = parts[3];
      doc->function.name = parts[6];
    }
  }
  if (const Json* timeout = find_member(details_of(first.event), "ExecutionTimeout");
      timeout && timeout->is_number_integer())
    doc->function.execution_timeout = timeout->get<int64_t>();
  if (doc->function.execution_timeout <= 0)
    doc->function.execution_timeout = 86400;
  if (auto input = parse_json(e.input_payload); input.ok())
    doc->input = *input;
  e.document = doc;

  // The EXECUTION operation.
  Operation exec_op;
  exec_op.id = e.id;
  exec_op.type = OperationType::Execution;
  exec_op.status = OperationStatus::Started;
  exec_op.start_timestamp = e.start_ms;
  exec_op.execution_details = engine::ExecutionDetails{e.input_payload};
  ops[e.id] = exec_op;
  e.op_order.push_back(e.id);

  // Invocations: each InvocationCompleted event closes one.
  for (size_t i = 0; i < history.events.size(); ++i) {
    const ReadEvent& r = history.events[i];
    if (r.event.event_type != "InvocationCompleted")
      continue;
    const Json& det = details_of(r.event);
    InvocationWindow w;
    w.index = static_cast<int>(windows.size()) + 1;
    const Json* s = find_member(det, "StartTimestamp");
    const Json* t = find_member(det, "EndTimestamp");
    w.start_ms = s ? parse_timestamp(*s).value_or(r.event.event_timestamp) : r.event.event_timestamp;
    w.end_ms = t ? parse_timestamp(*t).value_or(r.event.event_timestamp) : r.event.event_timestamp;
    if (w.end_ms < w.start_ms)
      return Error{where(r, r.event), "the invocation ends (EndTimestamp) before it starts (StartTimestamp)"};
    w.event_position = i;
    windows.push_back(w);
  }

  trace(e.start_ms, 0, TraceKind::ExecutionStarted, e.id, e.name, "execution " + e.name + " started",
        Json{{"Input", e.input_payload}, {"EventId", first.event.event_id}});
  return ok_status();
}

void ExecutionBuilder::State::begin_invocation(const InvocationWindow& w) {
  in_invocation = true;
  trace(w.start_ms, w.index, TraceKind::InvocationStarted, "", e.name,
        "invocation " + std::to_string(w.index) + " started", Json{{"Inferred", "InvocationCompleted"}});
  // The SDK replays what it receives: every operation recorded before the invocation began, except the
  // children of a context that had already completed (GetDurableExecutionState omits them). One compact
  // entry for them all (engine/trace.hpp), as the engine records replays: a long execution's trace would
  // otherwise hold one entry per operation per invocation (40 invocations of 40,000 steps: 780,000).
  // This runs over every operation recorded so far, in one slice (an invocation of a 40,000-step history
  // replays 39,000): no text or JSON per operation, only at the end.
  struct Range {
    size_t first = 0, count = 0, what = 0;
  };
  std::vector<Range> runs;
  std::vector<std::string> whats;
  std::map<OperationType, size_t> what_of; // the operation type's index in `whats`
  auto what_index = [&](OperationType type) {
    auto [it, added] = what_of.try_emplace(type, whats.size());
    if (added)
      whats.push_back(std::string(to_string(type)) + " (recorded before this invocation)");
    return it->second;
  };
  size_t replayed = 0;
  for (size_t k = 0; k < recorded_before && k < e.op_order.size(); ++k) {
    const Operation& op = ops[e.op_order[k]];
    if (op.type == OperationType::Execution)
      continue;
    if (op.parent_id)
      if (auto p = ops.find(*op.parent_id);
          p != ops.end() && p->second.end_timestamp && *p->second.end_timestamp <= w.start_ms)
        continue;
    const size_t what = what_index(op.type);
    ++replayed;
    if (!runs.empty() && runs.back().first + runs.back().count == k && runs.back().what == what) {
      ++runs.back().count;
      continue;
    }
    runs.push_back(Range{k, 1, what});
  }
  if (replayed == 0)
    return;
  Json ranges = Json::array();
  for (const Range& r : runs)
    ranges.push_back(Json::array({r.first, r.count, r.what}));
  trace(w.start_ms, w.index, TraceKind::OperationReplayed, "", "",
        "replayed " + std::to_string(replayed) + " operations (recorded before this invocation)",
        Json{{"Replayed", std::move(ranges)},
             {"What", whats},
             {"Inferred", "the SDK replays every operation recorded before an invocation"}});
  counted[w.index].second += static_cast<int>(replayed);
}

Status ExecutionBuilder::State::add(size_t i) {
  const ReadEvent& r = history.events[i];
  // The event moves into the execution (a 100 MB history is not copied); `ev` is the moved one.
  e.events.push_back(std::move(history.events[i].event));
  const engine::HistoryEvent& ev = e.events.back();
  const Json& det = details_of(ev);
  // Which invocation this event happened in (0: between invocations).
  if (!in_invocation && next_window < windows.size() && ev.event_timestamp >= windows[next_window].start_ms &&
      i <= windows[next_window].event_position)
    begin_invocation(windows[next_window]);
  int inv = in_invocation ? windows[next_window].index : 0;
  Json tag{{"EventId", ev.event_id}};

  if (!r.known) {
    trace(ev.event_timestamp, inv, TraceKind::Log, ev.id.value_or(""), ev.name.value_or(""),
          "event " + std::to_string(ev.event_id) +
              " has a type this playground does not know: " + ev.event_type + " (kept as it is)",
          Json{{"EventId", ev.event_id}, {"UnknownEventType", ev.event_type}});
    return ok_status();
  }
  if (ev.event_type == "InvocationCompleted") {
    const InvocationWindow& w = windows[next_window];
    if (!in_invocation)
      begin_invocation(w);
    engine::InvocationRecord rec;
    rec.index = w.index;
    rec.start_ms = w.start_ms;
    rec.end_ms = std::max(w.end_ms, w.start_ms);
    rec.error = event_error(det);
    rec.outcome = rec.error ? engine::InvocationOutcome::Failed : engine::InvocationOutcome::Pending;
    rec.executed = counted[w.index].first;
    rec.replayed = counted[w.index].second;
    e.invocations.push_back(rec);
    in_invocation = false;
    ++next_window;
    recorded_before = e.op_order.size();
    return ok_status(); // its InvocationEnded is traced once the outcome is known (below)
  }
  if (ev.event_type.rfind("Execution", 0) == 0) {
    if (ev.event_type == "ExecutionStarted") {
      if (i != 0)
        return Error{where(r, ev), "a second ExecutionStarted: the history holds one execution"};
      return ok_status();
    }
    auto status = ev.event_type == "ExecutionSucceeded"  ? engine::ExecutionStatus::Succeeded
                  : ev.event_type == "ExecutionFailed"   ? engine::ExecutionStatus::Failed
                  : ev.event_type == "ExecutionTimedOut" ? engine::ExecutionStatus::TimedOut
                                                         : engine::ExecutionStatus::Stopped;
    if (e.terminal())
      return Error{where(r, ev),
                   "the execution had already ended (" + std::string(to_string(e.status)) + ")"};
    e.status = status;
    e.end_ms = ev.event_timestamp;
    e.result = event_payload(det, "Result");
    e.error = event_error(det);
    return ok_status(); // traced after the last invocation's end
  }
  auto split = split_type(ev.event_type);
  if (!split || !ev.id)
    return ok_status(); // known types all split; Id was checked by the reader
  const std::string& id = *ev.id;
  const OperationType type = split->first;
  const std::string what = split->second;
  auto found = ops.find(id);
  bool fresh = found == ops.end();
  Operation& op = ops[id];
  if (fresh) {
    op.id = id;
    op.parent_id = ev.parent_id;
    op.name = ev.name;
    op.type = type;
    op.sub_type = ev.sub_type;
    op.start_timestamp = ev.event_timestamp;
    e.op_order.push_back(id);
  } else if (op.type != type) {
    return Error{where(r, ev), "operation " + id + " is a " + to_string(op.type) +
                                   " in an earlier event, a " + to_string(type) + " here"};
  }
  if (op.end_timestamp && what != "Started")
    return Error{where(r, ev), "operation " + id + " had already ended (" + to_string(op.status) + ")"};
  const std::string label = op.name.value_or(id);
  std::string kind_word = ev.sub_type.value_or(to_string(type));
  auto end = [&](OperationStatus s) {
    op.status = s;
    op.end_timestamp = ev.event_timestamp;
  };
  auto checkpoint = [&](const char* action, Json extra) {
    Json u{{"Id", id}, {"Type", to_string(type)}, {"Action", action}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
      u[it.key()] = it.value();
    trace(ev.event_timestamp, inv, TraceKind::CheckpointCall, id, label,
          std::string("checkpoint ") + action + " " + label + " (inferred from event " +
              std::to_string(ev.event_id) + ", " + ev.event_type + ")",
          Json{{"Updates", Json::array({u})}, {"EventId", ev.event_id}, {"Inferred", true}});
  };
  if (what == "Started") {
    op.status = OperationStatus::Started;
    op.end_timestamp.reset();
    if (inv > 0) {
      trace(ev.event_timestamp, inv, TraceKind::OperationExecuted, id, label,
            "executed " + kind_word + " (event " + std::to_string(ev.event_id) + ")", tag);
      ++counted[inv].first;
    }
  }
  switch (type) {
  case OperationType::Step: {
    if (!op.step_details)
      op.step_details = engine::StepDetails{};
    engine::StepDetails& s = *op.step_details;
    if (what == "Started") {
      s.next_attempt_timestamp.reset();
      break;
    }
    if (what != "Succeeded" && what != "Failed")
      return Error{where(r, ev), "not a STEP event type"};
    const Json* retry = find_member(det, "RetryDetails");
    // The attempt is the number of outcome events so far. RetryDetails.CurrentAttempt is not used alone:
    // the JS local runner writes 1, 1, 2 for a step that ran three times (its operation says 3).
    int attempt = ++outcomes[id];
    if (retry && int_member(*retry, "CurrentAttempt"))
      attempt = std::max(attempt, static_cast<int>(*int_member(*retry, "CurrentAttempt")));
    s.attempt = attempt;
    std::optional<int64_t> delay = retry ? int_member(*retry, "NextAttemptDelaySeconds") : std::nullopt;
    auto error = event_error(det);
    auto result = event_payload(det, "Result");
    if (delay) {
      op.status = OperationStatus::Pending;
      s.next_attempt_timestamp = ev.event_timestamp + *delay * 1000;
      s.error = error;
      if (result)
        s.result = result;
      Json extra{{"StepOptions", {{"NextAttemptDelaySeconds", *delay}}}};
      if (error)
        extra["Error"] = engine::to_json(*error);
      checkpoint("RETRY", extra);
    } else if (what == "Succeeded") {
      end(OperationStatus::Succeeded);
      s.result = result;
      s.error.reset();
      checkpoint("SUCCEED", Json::object());
    } else {
      end(OperationStatus::Failed);
      s.result.reset();
      s.error = error;
      checkpoint("FAIL", error ? Json{{"Error", engine::to_json(*error)}} : Json::object());
    }
    break;
  }
  case OperationType::Wait:
    if (what == "Started") {
      const Json* t = find_member(det, "ScheduledEndTimestamp");
      std::optional<int64_t> at = t ? parse_timestamp(*t) : std::nullopt;
      if (!at)
        if (auto seconds = int_member(det, "Duration"))
          at = ev.event_timestamp + *seconds * 1000;
      op.wait_details = engine::WaitDetails{at.value_or(ev.event_timestamp)};
    } else if (what == "Succeeded") {
      end(OperationStatus::Succeeded);
      trace(ev.event_timestamp, inv, TraceKind::TimerFired, id, label, "wait " + label + " ended", tag);
    } else if (what == "Cancelled") {
      end(OperationStatus::Cancelled);
    } else {
      return Error{where(r, ev), "not a WAIT event type"};
    }
    break;
  case OperationType::Context:
    if (!op.context_details)
      op.context_details = engine::ContextDetails{};
    if (what == "Succeeded") {
      end(OperationStatus::Succeeded);
      op.context_details->result = event_payload(det, "Result");
      checkpoint("SUCCEED", Json::object());
    } else if (what == "Failed") {
      end(OperationStatus::Failed);
      op.context_details->error = event_error(det);
      checkpoint("FAIL",
                 Json{{"Error", op.context_details->error ? engine::to_json(*op.context_details->error)
                                                          : Json::object()}});
    } else if (what != "Started") {
      return Error{where(r, ev), "not a CONTEXT event type"};
    }
    break;
  case OperationType::Callback:
    if (!op.callback_details)
      op.callback_details = engine::CallbackDetails{};
    if (what == "Started") {
      if (const Json* cb = find_member(det, "CallbackId"); cb && cb->is_string())
        op.callback_details->callback_id = cb->get<std::string>();
    } else if (what == "Succeeded" || what == "Failed" || what == "TimedOut") {
      end(what == "Succeeded" ? OperationStatus::Succeeded
          : what == "Failed"  ? OperationStatus::Failed
                              : OperationStatus::TimedOut);
      op.callback_details->result = event_payload(det, "Result");
      op.callback_details->error = event_error(det);
      trace(ev.event_timestamp, inv, what == "TimedOut" ? TraceKind::TimerFired : TraceKind::CallbackReceived,
            id, label,
            what == "TimedOut" ? "callback " + label + " timed out"
                               : "callback " + label + (what == "Succeeded" ? " succeeded" : " failed"),
            tag);
    } else {
      return Error{where(r, ev), "not a CALLBACK event type"};
    }
    break;
  case OperationType::ChainedInvoke:
    if (!op.chained_invoke_details)
      op.chained_invoke_details = engine::ChainedInvokeDetails{};
    if (what != "Started") {
      OperationStatus s = what == "Succeeded"  ? OperationStatus::Succeeded
                          : what == "Failed"   ? OperationStatus::Failed
                          : what == "TimedOut" ? OperationStatus::TimedOut
                          : what == "Stopped"  ? OperationStatus::Stopped
                                               : OperationStatus::Cancelled;
      end(s);
      op.chained_invoke_details->result = event_payload(det, "Result");
      op.chained_invoke_details->error = event_error(det);
      trace(ev.event_timestamp, inv, TraceKind::CallbackReceived, id, label,
            "invoke " + label + " " + to_string(s), tag);
    }
    break;
  case OperationType::Execution:
    break;
  }
  return ok_status();
}

Status ExecutionBuilder::State::finish() {
  const ExecutionDescription& d = history.description;
  // The execution's outcome: its own event, or what get-durable-execution says.
  if (!e.terminal() && d.status && *d.status != "RUNNING") {
    e.status = *engine::parse_execution_status(*d.status);
    e.end_ms = d.end_ms.value_or(e.events.back().event_timestamp);
    e.result = d.result;
    e.error = d.error;
  }
  if (e.terminal() && d.result && !e.result)
    e.result = d.result; // the event's Result may be truncated or left out; the description has it
  // Invocation outcomes: the last one before a successful end returned the result.
  for (size_t k = 0; k < e.invocations.size(); ++k) {
    engine::InvocationRecord& rec = e.invocations[k];
    bool last = k + 1 == e.invocations.size();
    if (last && e.status == engine::ExecutionStatus::Succeeded && !rec.error)
      rec.outcome = engine::InvocationOutcome::Succeeded;
    if (last && e.status == engine::ExecutionStatus::Failed && !rec.error) {
      rec.outcome = engine::InvocationOutcome::Failed;
      rec.error = e.error;
    }
  }
  // InvocationEnded entries, each right after the last entry of its invocation (one pass: inserting them
  // one by one moved the whole trace once per invocation).
  std::map<int, size_t> last_entry; // invocation -> position after its last entry
  for (size_t k = 0; k < out.trace.size(); ++k)
    if (out.trace[k].invocation > 0)
      last_entry[out.trace[k].invocation] = k + 1;
  std::map<size_t, std::vector<TraceEvent>> ends; // position -> the entries inserted before it
  for (const engine::InvocationRecord& rec : e.invocations) {
    Json data{{"Status", to_string(rec.outcome)}, {"Inferred", "InvocationCompleted"}};
    if (rec.error)
      data["Error"] = engine::to_json(*rec.error);
    TraceEvent t;
    t.time_ms = rec.end_ms;
    t.execution_arn = e.arn;
    t.invocation = rec.index;
    t.kind = TraceKind::InvocationEnded;
    t.name = e.name;
    t.text = "invocation " + std::to_string(rec.index) + " ended: " + to_string(rec.outcome);
    t.data = data;
    auto at = last_entry.find(rec.index);
    ends[at == last_entry.end() ? 0 : at->second].push_back(std::move(t));
  }
  if (!ends.empty()) {
    std::vector<TraceEvent> merged;
    merged.reserve(out.trace.size() + e.invocations.size() + 1);
    auto next_end = ends.begin();
    for (size_t k = 0; k <= out.trace.size(); ++k) {
      for (; next_end != ends.end() && next_end->first == k; ++next_end)
        for (TraceEvent& t : next_end->second)
          merged.push_back(std::move(t));
      if (k < out.trace.size())
        merged.push_back(std::move(out.trace[k]));
    }
    out.trace = std::move(merged);
  }
  if (e.terminal()) {
    TraceEvent t;
    t.time_ms = *e.end_ms;
    t.execution_arn = e.arn;
    t.kind = TraceKind::ExecutionCompleted;
    t.operation_id = e.id;
    t.name = e.name;
    t.text = std::string("execution ") + to_string(e.status);
    t.data = Json{{"Status", to_string(e.status)}};
    // The service cut the execution's error to 256 KB (EventError.Truncated): the story says so.
    for (auto ev = e.events.rbegin(); ev != e.events.rend(); ++ev) {
      if (ev->event_type != "ExecutionFailed" && ev->event_type != "ExecutionTimedOut" &&
          ev->event_type != "ExecutionStopped")
        continue;
      const Json* error = find_member(details_of(*ev), "Error");
      const Json* cut = error && error->is_object() ? find_member(*error, "Truncated") : nullptr;
      if (cut && cut->is_boolean() && cut->get<bool>())
        t.data["ErrorTruncated"] = true;
      break;
    }
    out.trace.push_back(t);
    Operation& x = ops[e.id];
    x.status = e.status == engine::ExecutionStatus::Succeeded  ? OperationStatus::Succeeded
               : e.status == engine::ExecutionStatus::Failed   ? OperationStatus::Failed
               : e.status == engine::ExecutionStatus::TimedOut ? OperationStatus::TimedOut
                                                               : OperationStatus::Stopped;
    x.end_timestamp = e.end_ms;
  }
  for (size_t k = 0; k < out.trace.size(); ++k)
    out.trace[k].seq = static_cast<int64_t>(k) + 1;
  for (const std::string& id : e.op_order)
    e.ops[id] = std::make_shared<const Operation>(ops[id]);
  return ok_status();
}

ExecutionBuilder::ExecutionBuilder(History history, std::string origin) : m_state(std::make_unique<State>()) {
  m_state->history = std::move(history);
  m_state->origin = std::move(origin);
  if (m_state->history.events.empty()) {
    m_state->failure = Error{"import", "no events: the history is empty"};
    m_state->done = true;
  } else if (Status st = m_state->start(); !st.ok()) {
    m_state->failure = st.error();
    m_state->done = true;
  }
}
ExecutionBuilder::~ExecutionBuilder() = default;

Status ExecutionBuilder::advance(const std::function<bool()>& out_of_time) {
  State& st = *m_state;
  constexpr size_t kEventsPerAsk = 64; // events added between two asks of the clock
  while (!st.done && !out_of_time()) {
    for (size_t n = 0; n < kEventsPerAsk && st.next < st.history.events.size(); ++n)
      if (Status s = st.add(st.next++); !s.ok()) {
        st.failure = s.error();
        st.done = true;
        return s;
      }
    if (st.next == st.history.events.size()) {
      if (Status s = st.finish(); !s.ok())
        st.failure = s.error();
      st.done = true;
    }
  }
  return st.failure ? Status(*st.failure) : ok_status();
}

bool ExecutionBuilder::done() const {
  return m_state->done;
}
size_t ExecutionBuilder::events_added() const {
  return m_state->next;
}
size_t ExecutionBuilder::events_total() const {
  return m_state->history.events.size();
}

Result<ImportedExecution> ExecutionBuilder::take() {
  if (m_state->failure)
    return *m_state->failure;
  return std::move(m_state->out);
}

Result<ImportedExecution> build_execution(const History& history, const std::string& origin) {
  ExecutionBuilder builder(history, origin);
  (void)builder.advance([] { return false; }); // the error, if any, is take()'s
  return builder.take();
}

} // namespace dp::importer
