// The side-effect ledger, derived from the trace: a StepBodyRan entry whose data names a SideEffect is one
// run of the body (replays never produce one); the CheckpointCall that carries the step's next SUCCEED,
// FAIL or RETRY recorded it; a replay "step interrupted (at-most-once)" skipped its re-run.
#include <unordered_map>

#include "engine/replay_trace.hpp"
#include "explain/explain.hpp"
#include "explain/words.hpp"

namespace dp::explain {

namespace {

std::string string_member(const Json& j, std::string_view key) {
  const Json* v = j.is_object() ? find_member(j, key) : nullptr;
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

constexpr std::string_view kInterrupted = "step interrupted";

} // namespace

Ledger side_effects(const std::vector<engine::TraceEvent>& trace, const engine::Execution& execution) {
  if (!execution.imported_from.empty())
    return side_effects_from_events(trace, execution);
  const std::string& execution_arn = execution.arn;
  Ledger ledger;
  std::unordered_map<std::string, size_t> unrecorded; // op id -> its run not yet checkpointed
  std::unordered_map<std::string, size_t> last_run;   // op id -> its latest run
  for (size_t i = 0; i < trace.size(); ++i) {
    const engine::TraceEvent& t = trace[i];
    if (t.execution_arn != execution_arn)
      continue;
    switch (t.kind) {
    case engine::TraceKind::StepBodyRan: {
      std::string effect = string_member(t.data, "SideEffect");
      if (effect.empty())
        break;
      SideEffectRun r;
      r.execution_arn = t.execution_arn;
      r.operation_id = t.operation_id;
      r.operation_name = t.name;
      r.effect = std::move(effect);
      r.invocation = t.invocation;
      const Json* attempt = t.data.is_object() ? find_member(t.data, "Attempt") : nullptr;
      r.attempt = attempt && attempt->is_number_integer() ? attempt->get<int>() : 1;
      r.at_ms = t.time_ms;
      r.trace_index = i;
      auto previous = last_run.find(t.operation_id);
      if (previous != last_run.end()) {
        const SideEffectRun& p = ledger.runs[previous->second];
        r.run = p.run + 1;
        r.cause = p.recorded == "RETRY" ? RunCause::RetryAfterFailure : RunCause::CrashBeforeCheckpoint;
      }
      last_run[t.operation_id] = ledger.runs.size();
      unrecorded[t.operation_id] = ledger.runs.size();
      ledger.runs.push_back(std::move(r));
      break;
    }
    case engine::TraceKind::CheckpointCall: {
      if (unrecorded.empty())
        break;
      const Json* updates = t.data.is_object() ? find_member(t.data, "Updates") : nullptr;
      if (!updates || !updates->is_array())
        break;
      for (const Json& u : *updates) {
        auto it = unrecorded.find(string_member(u, "Id"));
        std::string action = string_member(u, "Action");
        if (it == unrecorded.end() || (action != "SUCCEED" && action != "FAIL" && action != "RETRY"))
          continue;
        ledger.runs[it->second].recorded = action;
        unrecorded.erase(it);
      }
      break;
    }
    case engine::TraceKind::InvocationEnded:
      unrecorded.clear(); // a checkpoint records a run only in the invocation that ran it
      break;
    case engine::TraceKind::OperationReplayed: {
      if (last_run.empty())
        break;
      // Interrupted at-most-once steps are rare: look at the entry's words before expanding it.
      bool any = t.text.find(kInterrupted) != std::string::npos;
      if (const Json* whats = t.data.is_object() ? find_member(t.data, "What") : nullptr;
          whats && whats->is_array())
        for (const Json& w : *whats)
          any = any || (w.is_string() && w.get_ref<const std::string&>().find(kInterrupted) == 0);
      if (!any)
        break;
      for (const auto& replayed : engine::replayed_operations(t, execution)) {
        if (replayed.what.substr(0, kInterrupted.size()) != kInterrupted)
          continue;
        auto it = last_run.find(std::string(replayed.operation_id));
        if (it != last_run.end())
          ledger.runs[it->second].rerun_skipped = true;
      }
      break;
    }
    default:
      break;
    }
  }
  std::unordered_map<std::string, int> times;
  for (const auto& r : ledger.runs)
    times[r.operation_id]++;
  for (auto& r : ledger.runs)
    r.times = times[r.operation_id];
  return ledger;
}

Ledger side_effects(const engine::Engine& engine, const std::string& execution_arn) {
  const engine::Execution* e = engine.execution(execution_arn);
  return e ? side_effects(engine.trace(), *e) : Ledger{};
}

bool Ledger::repeated() const {
  for (const auto& r : runs)
    if (r.times > 1)
      return true;
  return false;
}

int Ledger::times(const std::string& operation_id) const {
  int n = 0;
  for (const auto& r : runs)
    n += r.operation_id == operation_id;
  return n;
}

std::vector<std::string> Ledger::flags() const {
  const Words& w = english();
  std::vector<std::string> out;
  std::unordered_map<std::string, bool> done;
  for (size_t i = 0; i < runs.size(); ++i) {
    const SideEffectRun& r = runs[i];
    if (done[r.operation_id])
      continue;
    std::string op = r.operation_name.empty() ? r.operation_id : r.operation_name;
    if (r.times > 1) {
      done[r.operation_id] = true;
      std::string causes;
      bool retry = false, crash = false, no_outcome = false;
      for (const auto& other : runs)
        if (other.operation_id == r.operation_id) {
          retry = retry || other.cause == RunCause::RetryAfterFailure;
          crash = crash || other.cause == RunCause::CrashBeforeCheckpoint;
          no_outcome = no_outcome || other.cause == RunCause::NoOutcomeRecorded;
        }
      if (crash)
        causes = phrase(w, Phrase::CauseCrash);
      if (no_outcome)
        causes = phrase(w, Phrase::CauseNoOutcome);
      if (retry)
        causes += (causes.empty() ? "" : phrase(w, Phrase::TriggerJoin)) +
                  std::string(phrase(w, Phrase::CauseRetry));
      out.push_back(
          fill(phrase(w, Phrase::LedgerFlag),
               {{"effect", r.effect}, {"times", std::to_string(r.times)}, {"op", op}, {"causes", causes}}));
    } else if (r.rerun_skipped) {
      done[r.operation_id] = true;
      out.push_back(fill(phrase(w, Phrase::LedgerSkipped), {{"effect", r.effect}, {"op", op}}));
    }
  }
  return out;
}

Json to_json(const SideEffectRun& r) {
  Json j{{"at_ms", r.at_ms},
         {"invocation", r.invocation},
         {"operation_id", r.operation_id},
         {"name", r.operation_name},
         {"attempt", r.attempt},
         {"effect", r.effect},
         {"checkpointed", !r.recorded.empty()},
         {"recorded", r.recorded.empty() ? Json(nullptr) : Json(r.recorded)},
         {"run", r.run},
         {"times", r.times},
         {"cause", kRunCauseNames[static_cast<size_t>(r.cause)]}};
  if (r.rerun_skipped)
    j["rerun_skipped"] = true;
  return j;
}

} // namespace dp::explain
