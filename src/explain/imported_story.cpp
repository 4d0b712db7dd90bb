// The story and the ledger of an imported execution (issue 13), told from its history events alone. A
// history shows what the service recorded (operations started and ended, invocations with their times)
// but not why: no sentence here gives a cause the events do not show. The one inference, said as such,
// is what the SDK always does: an invocation replays every operation recorded before it began.
#include <cstdio>
#include <map>
#include <set>

#include "engine/limits.hpp"
#include "engine/replay_trace.hpp"
#include "explain/explain.hpp"
#include "explain/words.hpp"
#include <cctype>

namespace dp::explain {
namespace {

using engine::HistoryEvent;
using engine::TraceEvent;
using engine::TraceKind;

const Json& details_of(const HistoryEvent& e) {
  static const Json kEmpty = Json::object();
  if (!e.details.is_object())
    return kEmpty;
  const Json* d = find_member(e.details, (e.event_type + "Details").c_str());
  return d && d->is_object() ? *d : kEmpty;
}

// A payload as a short line of JSON ("{"ok": true}"), or "no value".
std::string short_payload(const Json& details, const char* key) {
  const Json* p = find_member(details, key);
  const Json* text = p && p->is_object() ? find_member(*p, "Payload") : nullptr;
  if (!text || !text->is_string() || text->get_ref<const std::string&>().empty())
    return "no value";
  std::string s = text->get<std::string>();
  auto parsed = parse_json(s);
  if (parsed.ok())
    s = parsed->dump();
  return s.size() > 80 ? s.substr(0, 77) + "…" : s;
}

std::string error_words(const Json& details) {
  const Json* e = find_member(details, "Error");
  const Json* p = e && e->is_object() ? find_member(*e, "Payload") : nullptr;
  const Json& obj = p && p->is_object() ? *p : (e && e->is_object() ? *e : Json::object());
  const Json* type = find_member(obj, "ErrorType");
  const Json* message = find_member(obj, "ErrorMessage");
  std::string out = type && type->is_string() ? type->get<std::string>() : "an error";
  if (message && message->is_string() && !message->get_ref<const std::string&>().empty())
    out += ": " + message->get<std::string>();
  return out.size() > 120 ? out.substr(0, 117) + "…" : out;
}

std::string seconds_words(int64_t ms) {
  char buf[48];
  if (ms < 1000)
    std::snprintf(buf, sizeof buf, "%lld ms", static_cast<long long>(ms));
  else if (ms < 120'000)
    std::snprintf(buf, sizeof buf, "%.3g s", static_cast<double>(ms) / 1000.0);
  else
    std::snprintf(buf, sizeof buf, "%lld min %lld s", static_cast<long long>(ms / 60'000),
                  static_cast<long long>(ms / 1000 % 60));
  return buf;
}

std::string op_words(const HistoryEvent& e) {
  std::string kind = e.sub_type.value_or("operation");
  for (char& c : kind)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e.name ? kind + " '" + *e.name + "'" : "unnamed " + kind + " " + e.id.value_or("?");
}

int64_t event_id_of(const TraceEvent& t) {
  const Json* id = t.data.is_object() ? find_member(t.data, "EventId") : nullptr;
  return id && id->is_number_integer() ? id->get<int64_t>() : 0;
}

} // namespace

std::vector<Sentence> narrate_events(const std::vector<TraceEvent>& trace, const engine::Execution& ex) {
  std::vector<Sentence> out;
  // Where each event and invocation is in the trace (the page's position and highlights use it).
  std::map<int64_t, size_t> by_event;
  std::map<int, size_t> invocation_start, invocation_end;
  std::map<int, std::vector<size_t>> replays;
  for (size_t i = 0; i < trace.size(); ++i) {
    const TraceEvent& t = trace[i];
    if (t.execution_arn != ex.arn)
      continue;
    if (int64_t id = event_id_of(t); id > 0 && !by_event.count(id))
      by_event[id] = i;
    if (t.kind == TraceKind::InvocationStarted)
      invocation_start[t.invocation] = i;
    if (t.kind == TraceKind::InvocationEnded)
      invocation_end[t.invocation] = i;
    if (t.kind == TraceKind::OperationReplayed)
      replays[t.invocation].push_back(i);
  }
  size_t position = 0;
  int invocation = 0;
  auto say = [&](int64_t at, SentenceKind kind, std::string text, std::string why,
                 const HistoryEvent* ev) -> Sentence& {
    Sentence s;
    s.at_ms = at;
    s.invocation = invocation;
    s.kind = kind;
    s.text = std::move(text);
    s.why = std::move(why);
    s.execution_arn = ex.arn;
    if (ev) {
      s.history_event_id = ev->event_id;
      if (ev->id && *ev->id != ex.id)
        s.operation_id = *ev->id;
      s.operation_name = ev->name.value_or("");
      if (auto it = by_event.find(ev->event_id); it != by_event.end())
        position = it->second;
    }
    s.trace_index = s.trace_last = position;
    out.push_back(std::move(s));
    return out.back();
  };
  std::map<std::string, int> starts;      // op id -> StepStarted events so far
  std::map<std::string, bool> open_start; // op id -> started, no outcome yet
  size_t next_invocation = 0;
  for (const HistoryEvent& ev : ex.events) {
    const Json& d = details_of(ev);
    const std::string n = "event " + std::to_string(ev.event_id);
    // An invocation begins before its first event (its StartTimestamp, from InvocationCompleted).
    while (next_invocation < ex.invocations.size() && ev.event_type != "ExecutionStarted" &&
           ex.invocations[next_invocation].start_ms <= ev.event_timestamp) {
      const engine::InvocationRecord& rec = ex.invocations[next_invocation++];
      invocation = rec.index;
      if (auto it = invocation_start.find(rec.index); it != invocation_start.end())
        position = it->second;
      say(rec.start_ms, rec.index == 1 ? SentenceKind::InvocationFirst : SentenceKind::InvocationAgain,
          "Invocation " + std::to_string(rec.index) + " starts.",
          "its InvocationCompleted event gives the start time; the history does not say what triggered it",
          nullptr);
      if (auto r = replays.find(rec.index); r != replays.end() && !r->second.empty()) {
        // Either form of replay entry (engine/trace.hpp): one per operation, or a compact run.
        size_t count = 0;
        std::string names;
        for (size_t at : r->second)
          for (const engine::ReplayedOperation& op : engine::replayed_operations(trace[at], ex)) {
            if (++count <= 4)
              names += (names.empty() ? "" : ", ") + std::string(op.name.empty() ? op.operation_id : op.name);
          }
        if (count > 4)
          names += " and " + std::to_string(count - 4) + " more";
        position = r->second.back();
        if (count > 0)
          say(rec.start_ms, SentenceKind::Replayed,
              "The SDK replays the " + std::to_string(count) + " operation" + (count == 1 ? "" : "s") +
                  " recorded before this invocation: " + names + ".",
              "replay: the SDK always receives what was recorded and returns the stored results; the "
              "history itself records no replays",
              nullptr);
      }
    }
    const std::string& type = ev.event_type;
    if (type == "ExecutionStarted") {
      say(ev.event_timestamp, SentenceKind::ExecutionStarted,
          "The execution starts with input " + short_payload(d, "Input") + ".",
          "ExecutionStarted (" + n + ")", &ev);
    } else if (type == "InvocationCompleted") {
      const engine::InvocationRecord* rec = nullptr;
      for (const auto& r : ex.invocations)
        if (r.end_ms >= ev.event_timestamp - 1 && !rec && r.index >= invocation)
          rec = &r;
      if (rec)
        if (auto it = invocation_end.find(rec->index); it != invocation_end.end())
          position = it->second;
      std::string took = rec ? " after " + seconds_words(rec->end_ms - rec->start_ms) : "";
      bool error = find_member(d, "Error") && error_words(d) != "an error";
      const bool returned = rec && rec->outcome == engine::InvocationOutcome::Succeeded;
      Sentence& s = say(ev.event_timestamp,
                        error      ? SentenceKind::InvocationFailed
                        : returned ? SentenceKind::InvocationSucceeded
                                   : SentenceKind::InvocationPending,
                        "Invocation " + std::to_string(rec ? rec->index : invocation) + " ends" + took +
                            (error ? " with " + error_words(d) : "") + ".",
                        "InvocationCompleted (" + n + ")", &ev);
      s.invocation = rec ? rec->index : invocation;
      invocation = 0;
    } else if (type == "ExecutionSucceeded") {
      say(ev.event_timestamp, SentenceKind::ExecutionSucceeded,
          "The execution SUCCEEDED with result " + short_payload(d, "Result") + ".",
          "ExecutionSucceeded (" + n + ")", &ev);
    } else if (type == "ExecutionFailed" || type == "ExecutionTimedOut" || type == "ExecutionStopped") {
      SentenceKind k = type == "ExecutionFailed"     ? SentenceKind::ExecutionFailed
                       : type == "ExecutionTimedOut" ? SentenceKind::ExecutionTimedOut
                                                     : SentenceKind::ExecutionStopped;
      std::string status = type == "ExecutionFailed"     ? "FAILED"
                           : type == "ExecutionTimedOut" ? "TIMED_OUT"
                                                         : "STOPPED";
      std::string error = error_words(d);
      const Json* e = find_member(d, "Error");
      const Json* cut = e && e->is_object() ? find_member(*e, "Truncated") : nullptr;
      if (cut && cut->is_boolean() && cut->get<bool>()) // the service kept 256 KB of it (docs/limits.md)
        error = fill(phrase(english(), Phrase::ExecutionErrorCut),
                     {{"error", error}, {"cap", std::to_string(engine::limits::kMaxExecutionErrorBytes)}});
      say(ev.event_timestamp, k, "The execution " + status + " with " + error + ".", type + " (" + n + ")",
          &ev);
    } else if (type == "StepStarted") {
      const std::string id = ev.id.value_or("");
      int k = ++starts[id];
      if (k > 1 && open_start[id])
        say(ev.event_timestamp, SentenceKind::StepRunsAgain,
            "The " + op_words(ev) +
                " starts again; its previous start recorded no outcome, so its body may "
                "have run twice.",
            "at-least-once: a START without an outcome is run again (" + n + ")", &ev);
      else
        say(ev.event_timestamp, SentenceKind::StepRuns,
            "The " + op_words(ev) + " starts" + (k > 1 ? " (attempt " + std::to_string(k) + ")" : "") + ".",
            "StepStarted (" + n + ")", &ev);
      open_start[id] = true;
    } else if (type == "StepSucceeded" || type == "StepFailed") {
      open_start[ev.id.value_or("")] = false;
      const Json* retry = find_member(d, "RetryDetails");
      const Json* delay = retry ? find_member(*retry, "NextAttemptDelaySeconds") : nullptr;
      if (delay && delay->is_number_integer())
        say(ev.event_timestamp, SentenceKind::RetryScheduled,
            "The " + op_words(ev) + " " +
                (type == "StepFailed" ? "failed with " + error_words(d) : "asked to retry") +
                "; the next attempt is due in " + seconds_words(delay->get<int64_t>() * 1000) + ".",
            type + " with RetryDetails (" + n + ")", &ev);
      else if (type == "StepSucceeded")
        say(ev.event_timestamp, SentenceKind::StepSucceeded,
            "The " + op_words(ev) + " succeeded with " + short_payload(d, "Result") + ".",
            "StepSucceeded (" + n + ")", &ev);
      else
        say(ev.event_timestamp, SentenceKind::StepFailed,
            "The " + op_words(ev) + " failed with " + error_words(d) + "; no retry is recorded.",
            "StepFailed (" + n + ")", &ev);
    } else if (type == "WaitStarted") {
      const Json* seconds = find_member(d, "Duration");
      say(ev.event_timestamp, SentenceKind::WaitStarted,
          "The " + op_words(ev) + " starts" +
              (seconds && seconds->is_number_integer()
                   ? " for " + seconds_words(seconds->get<int64_t>() * 1000)
                   : "") +
              ".",
          "WaitStarted (" + n + ")", &ev);
    } else if (type == "WaitSucceeded" || type == "WaitCancelled") {
      say(ev.event_timestamp, SentenceKind::WaitEnded,
          "The " + op_words(ev) + (type == "WaitSucceeded" ? " ended." : " was cancelled."),
          type + " (" + n + ")", &ev);
    } else if (type == "CallbackStarted") {
      const Json* id = find_member(d, "CallbackId");
      say(ev.event_timestamp, SentenceKind::CallbackCreated,
          "The " + op_words(ev) + " is created" +
              (id && id->is_string() ? " with callback id " + id->get<std::string>() : "") + ".",
          "CallbackStarted (" + n + ")", &ev);
    } else if (type == "CallbackSucceeded") {
      say(ev.event_timestamp, SentenceKind::CallbackAnswered,
          "The " + op_words(ev) + " succeeded with " + short_payload(d, "Result") + ".",
          "CallbackSucceeded (" + n + ")", &ev);
    } else if (type == "CallbackFailed" || type == "CallbackTimedOut") {
      say(ev.event_timestamp,
          type == "CallbackFailed" ? SentenceKind::CallbackFailed : SentenceKind::CallbackTimedOut,
          "The " + op_words(ev) + (type == "CallbackFailed" ? " failed with " : " timed out with ") +
              error_words(d) + ".",
          type + " (" + n + ")", &ev);
    } else if (type == "ContextStarted") {
      bool batch = ev.sub_type == std::string("Parallel") || ev.sub_type == std::string("Map");
      bool branch =
          ev.sub_type == std::string("ParallelBranch") || ev.sub_type == std::string("MapIteration");
      say(ev.event_timestamp,
          batch    ? SentenceKind::BatchStarted
          : branch ? SentenceKind::BranchStarted
                   : SentenceKind::ContextStarted,
          "The " + op_words(ev) + " starts.", "ContextStarted (" + n + ")", &ev);
    } else if (type == "ContextSucceeded" || type == "ContextFailed") {
      bool batch = ev.sub_type == std::string("Parallel") || ev.sub_type == std::string("Map");
      bool branch =
          ev.sub_type == std::string("ParallelBranch") || ev.sub_type == std::string("MapIteration");
      say(ev.event_timestamp,
          batch    ? SentenceKind::BatchCompleted
          : branch ? SentenceKind::BranchFinished
                   : SentenceKind::ContextFinished,
          "The " + op_words(ev) +
              (type == "ContextSucceeded" ? " succeeded with " + short_payload(d, "Result")
                                          : " failed with " + error_words(d)) +
              ".",
          type + " (" + n + ")", &ev);
    } else if (type == "ChainedInvokeStarted") {
      const Json* fn = find_member(d, "FunctionName");
      say(ev.event_timestamp, SentenceKind::InvokeStarted,
          "The " + op_words(ev) + " invokes " +
              (fn && fn->is_string() ? fn->get<std::string>() : "a function") + ".",
          "ChainedInvokeStarted (" + n + ")", &ev);
    } else if (type.rfind("ChainedInvoke", 0) == 0) {
      std::string outcome = type.substr(13);
      say(ev.event_timestamp, SentenceKind::CheckpointSent,
          "The " + op_words(ev) + " " + outcome +
              (outcome == "Succeeded"    ? " with " + short_payload(d, "Result")
               : find_member(d, "Error") ? " with " + error_words(d)
                                         : "") +
              ".",
          type + " (" + n + ")", &ev);
    } else {
      say(ev.event_timestamp, SentenceKind::Log,
          "Event " + std::to_string(ev.event_id) + " has a type this playground does not know: " + type +
              ". It is kept as it is.",
          "a newer API may add event types; none is dropped", &ev);
    }
  }
  return out;
}

Ledger side_effects_from_events(const std::vector<TraceEvent>& trace, const engine::Execution& ex) {
  Ledger ledger;
  std::map<std::string, size_t> open; // op id -> its run with no outcome yet
  std::map<std::string, size_t> last; // op id -> its latest run
  std::map<int64_t, size_t> by_event;
  for (size_t i = 0; i < trace.size(); ++i)
    if (trace[i].execution_arn == ex.arn)
      if (int64_t id = event_id_of(trace[i]); id > 0 && !by_event.count(id))
        by_event[id] = i;
  int invocation = 0;
  size_t next_invocation = 0;
  for (const HistoryEvent& ev : ex.events) {
    while (next_invocation < ex.invocations.size() &&
           ex.invocations[next_invocation].start_ms <= ev.event_timestamp &&
           ev.event_type != "ExecutionStarted")
      invocation = ex.invocations[next_invocation++].index;
    if (!ev.id)
      continue;
    const std::string& id = *ev.id;
    if (ev.event_type == "StepStarted") {
      SideEffectRun r;
      r.execution_arn = ex.arn;
      r.operation_id = id;
      r.operation_name = ev.name.value_or("");
      r.effect = "the body of step " + (ev.name ? "'" + *ev.name + "'" : id);
      r.invocation = invocation;
      r.at_ms = ev.event_timestamp;
      r.trace_index = by_event.count(ev.event_id) ? by_event[ev.event_id] : 0;
      if (auto p = last.find(id); p != last.end()) {
        const SideEffectRun& prev = ledger.runs[p->second];
        r.run = prev.run + 1;
        r.attempt = prev.recorded == "RETRY" ? prev.attempt + 1 : prev.attempt;
        r.cause = prev.recorded.empty() ? RunCause::NoOutcomeRecorded : RunCause::RetryAfterFailure;
      }
      ledger.runs.push_back(r);
      last[id] = open[id] = ledger.runs.size() - 1;
    } else if (ev.event_type == "StepSucceeded" || ev.event_type == "StepFailed") {
      auto it = open.find(id);
      if (it == open.end())
        continue;
      const Json& d = details_of(ev);
      const Json* retry = find_member(d, "RetryDetails");
      bool retried = retry && find_member(*retry, "NextAttemptDelaySeconds");
      ledger.runs[it->second].recorded = retried                            ? "RETRY"
                                         : ev.event_type == "StepSucceeded" ? "SUCCEED"
                                                                            : "FAIL";
      open.erase(it);
    }
  }
  std::map<std::string, int> times;
  for (const auto& r : ledger.runs)
    ++times[r.operation_id];
  for (auto& r : ledger.runs)
    r.times = times[r.operation_id];
  return ledger;
}

} // namespace dp::explain
