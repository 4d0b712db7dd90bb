// Branching by re-simulation (see branch.hpp).
#include "engine/branch.hpp"

#include <algorithm>

#include "engine/replay_trace.hpp"

namespace dp::engine {
namespace {

// True when the private engine will not produce `next` by itself: it came from outside the execution (a
// callback answered in the Callbacks panel or the CLI, a stop, a replaced handler). Scripted answers and
// the plan's stop are timers of the document's simulation and happen again on their own.
bool from_outside(const Engine& sim, const std::string& arn, const TraceEvent& next) {
  auto scripted = [&](TimerKind a, TimerKind b) {
    for (const auto& [due, t] : sim.service().timers())
      if ((t.kind == a || t.kind == b) && t.arn == arn && due <= next.time_ms &&
          (t.op_id == next.operation_id || t.kind == TimerKind::StopExecution))
        return true;
    return false;
  };
  switch (next.kind) {
  case TraceKind::CallbackReceived:
    return !scripted(TimerKind::ScriptedCallback, TimerKind::ScriptedHeartbeat);
  case TraceKind::ExecutionCompleted:
    return next.data.value("Status", "") == "STOPPED" &&
           !scripted(TimerKind::StopExecution, TimerKind::StopExecution);
  case TraceKind::HandlerReplaced:
    return true;
  default:
    return false;
  }
}

// Does in the private engine what `next` says came from outside.
Status redo(Engine& sim, const std::string& arn, const TraceEvent& next, const Engine& original,
            const std::string& original_arn) {
  if (next.kind == TraceKind::HandlerReplaced) {
    auto handler = original.replaced_handler(original_arn);
    if (!handler)
      return Error{"branch", "the handler that replaced this execution's code is no longer known"};
    return sim.replace_handler(arn, *handler);
  }
  if (next.kind == TraceKind::ExecutionCompleted)
    return sim.stop_execution(arn);
  const Execution* e = sim.execution(arn);
  const Operation* op = e ? e->op(next.operation_id) : nullptr;
  if (op == nullptr || !op->callback_details)
    return Error{"branch", "callback operation " + next.operation_id + " does not exist at this point"};
  const std::string& id = op->callback_details->callback_id;
  if (next.text == "callback succeeded")
    return sim.send_callback_success(id, next.data.value("Result", ""));
  if (next.text == "callback failed") {
    ErrorObject error;
    if (const Json* v = find_member(next.data, "ErrorType"); v && v->is_string())
      error.error_type = v->get<std::string>();
    if (const Json* v = find_member(next.data, "ErrorMessage"); v && v->is_string())
      error.error_message = v->get<std::string>();
    if (const Json* v = find_member(next.data, "ErrorData"); v && v->is_string())
      error.error_data = v->get<std::string>();
    return sim.send_callback_failure(id, error);
  }
  return sim.send_callback_heartbeat(id);
}

// `text` with every `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to)
    return text;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Two entries say the same thing (the private execution may have another name and id).
bool same_entry(const TraceEvent& a, const Execution& a_exec, const TraceEvent& b, const Execution& b_exec) {
  if (a.kind != b.kind ||
      replaced(replaced(a.text, a_exec.name, b_exec.name), a_exec.id, b_exec.id) != b.text)
    return false;
  const bool a_is_exec = a.operation_id == a_exec.id, b_is_exec = b.operation_id == b_exec.id;
  return a_is_exec == b_is_exec && (a_is_exec || a.operation_id == b.operation_id);
}

std::string point_name(size_t k) {
  return "entry " + std::to_string(k + 1);
}

} // namespace

Result<std::unique_ptr<Resimulation>> Resimulation::run(const Engine& engine, const std::string& arn,
                                                        std::optional<TracePoint> point,
                                                        const std::string& name, const std::string& id) {
  const Execution* original = engine.execution(arn);
  if (original == nullptr)
    return Error{"branch", "no execution with ARN " + arn};
  if (!original->parent_arn.empty())
    return Error{"branch", "execution " + original->name +
                               " was started by another execution's invoke; branch that execution instead"};
  const std::vector<TraceEvent>& trace = engine.trace();
  std::vector<size_t> wanted;
  const size_t last = point ? std::min(point->entry + 1, trace.size()) : trace.size();
  for (size_t i = 0; i < last; ++i)
    if (trace[i].execution_arn == arn)
      wanted.push_back(i);
  if (wanted.empty())
    return Error{"branch", "nothing of execution " + original->name + " was recorded to re-simulate"};
  // How many operations of the last entry count, when it is a run of replays (a point inside the run).
  const TraceEvent& final_entry = trace[wanted.back()];
  const size_t final_replays = final_entry.kind != TraceKind::OperationReplayed ? 0
                               : point && point->replayed > 0                   ? point->replayed
                                                                                : replayed_count(final_entry);

  std::unique_ptr<Resimulation> sim(new Resimulation());
  EngineOptions options = engine.options();
  options.start_time_ms = original->start_ms;
  sim->m_engine = std::make_unique<Engine>(options);
  sim->m_recording.attach(*sim->m_engine);
  Engine& mine = *sim->m_engine;
  Result<std::string> started = mine.service_mut().start_execution(
      original->document, original->input_payload, name.empty() ? original->name : name, original->start_ms,
      "", "", id.empty() ? original->id : id);
  if (!started.ok())
    return started.error();
  sim->m_arn = *started;
  const Execution& copy = *mine.execution(sim->m_arn);

  size_t seen = 0;
  for (int64_t guard = 0; guard < 50'000'000; ++guard) {
    const std::vector<TraceEvent>& produced = mine.trace();
    for (; seen < produced.size(); ++seen) {
      if (produced[seen].execution_arn != sim->m_arn)
        continue;
      const size_t k = sim->m_entries.size();
      if (k < wanted.size() && !same_entry(trace[wanted[k]], *original, produced[seen], copy))
        return Error{"branch", "re-simulating " + original->name + " did not reproduce its " + point_name(k) +
                                   ": it had \"" + trace[wanted[k]].text + "\", the re-simulation \"" +
                                   produced[seen].text + "\""};
      sim->m_entries.push_back(seen);
      if (k < wanted.size())
        sim->m_original_entries.push_back(wanted[k]);
    }
    const size_t k = sim->m_entries.size();
    if (k > wanted.size()) // one engine event went past the point: the branch starts at its end
      break;
    if (k == wanted.size()) {
      const TraceEvent& at = produced[sim->m_entries.back()];
      if (at.kind != TraceKind::OperationReplayed || replayed_count(at) >= final_replays)
        break;
    } else {
      const TraceEvent& next = trace[wanted[k]];
      // Between invocations the clock moves as it did for the original (the page's clock may have
      // jumped past a timer; the events keep their times).
      if (!mine.invocation_active() && mine.now() < next.time_ms) {
        mine.advance_clock(next.time_ms - mine.now());
        continue;
      }
      if (from_outside(mine, sim->m_arn, next)) {
        Status done = redo(mine, sim->m_arn, next, engine, arn);
        if (!done.ok())
          return Error{"branch", "re-simulating " + original->name + " at its " + point_name(k) + ": " +
                                     done.error().message};
        continue;
      }
    }
    if (!mine.step(Engine::Clock::Hold))
      return Error{"branch", "re-simulating " + original->name + " stopped before its " +
                                 point_name(sim->m_entries.size()) + " (" +
                                 (k < wanted.size() ? trace[wanted[k]].text : std::string("replays")) +
                                 "): nothing more could happen"};
  }
  if (mine.service().execution_order().size() > 1)
    return Error{"branch", "execution " + original->name +
                               " invokes another durable execution; branching it is not supported"};
  return sim;
}

BranchSituation situation(const Resimulation& sim) {
  BranchSituation here;
  const Execution* e = sim.engine().execution(sim.arn());
  if (e == nullptr)
    return here;
  if (e->terminal()) {
    here.nothing_differs = std::string("the execution had already ended (") + to_string(e->status) +
                           ") at this point: nothing runs after it, so a branch from here could not differ. "
                           "Pick an earlier point.";
    return here;
  }
  here.callbacks = sim.engine().pending_callbacks(sim.arn());
  here.invocation_running = sim.engine().active_execution() == sim.arn();
  here.runs_again = true;
  const auto& faults = e->document->simulation.faults;
  for (size_t i = 0; i < faults.size(); ++i) {
    if (e->fired_faults.count(std::to_string(i)))
      continue;
    const workflow::Fault& f = faults[i];
    const char* what = f.kind == workflow::FaultKind::Timeout ? "a timeout" : "a crash";
    if (f.invocation)
      here.crashes_ahead.push_back(std::string(what) + " of invocation " + std::to_string(*f.invocation) +
                                   " after " + std::to_string(f.after_ms) + " ms");
    else
      here.crashes_ahead.push_back(std::string(what) +
                                   (f.when == workflow::FaultWhen::BeforeBody ? " before the body of "
                                    : f.when == workflow::FaultWhen::AfterBody
                                        ? " after the body of "
                                        : " after the checkpoint of ") +
                                   "'" + f.at + "' (attempt " + std::to_string(f.attempt) + ")");
  }
  return here;
}

std::string describe(const BranchChoice& choice, const Resimulation& sim) {
  switch (choice.kind) {
  case BranchChoice::Kind::AnswerCallback: {
    std::string name = choice.callback_operation_id;
    for (const PendingCallback& p : sim.engine().pending_callbacks(sim.arn()))
      if (p.operation_id == choice.callback_operation_id && !p.name.empty())
        name = p.name;
    if (choice.callback_succeeds)
      return "the callback '" + name + "' succeeded with " + choice.callback_result;
    return "the callback '" + name + "' failed with " + choice.callback_error.error_type.value_or("an error");
  }
  case BranchChoice::Kind::InjectCrash:
    return "the invocation crashed here";
  case BranchChoice::Kind::RemoveCrashes:
    return "the planned crashes did not happen";
  case BranchChoice::Kind::EditHandler:
    return "the edited workflow ran from the next invocation";
  case BranchChoice::Kind::ChangeInput:
    return "the input was " + choice.input_json + " from the next invocation";
  }
  return {};
}

Status diverge(Resimulation& sim, const BranchChoice& choice, Execution::BranchOrigin origin,
               int64_t max_steps) {
  const BranchSituation here = situation(sim);
  if (!here.nothing_differs.empty())
    return Error{"branch", "Nothing can differ here: " + here.nothing_differs};
  Engine& engine = sim.engine();
  Execution* e = engine.service_mut().execution_mut(sim.arn());
  origin.what = describe(choice, sim);
  Status applied = ok_status();
  switch (choice.kind) {
  case BranchChoice::Kind::AnswerCallback: {
    auto it = std::find_if(here.callbacks.begin(), here.callbacks.end(), [&](const PendingCallback& p) {
      return p.operation_id == choice.callback_operation_id;
    });
    if (it == here.callbacks.end())
      return Error{"branch", "no callback waits for an answer at this point"};
    applied = choice.callback_succeeds ? engine.send_callback_success(it->callback_id, choice.callback_result)
                                       : engine.send_callback_failure(it->callback_id, choice.callback_error);
    break;
  }
  case BranchChoice::Kind::InjectCrash:
    applied = engine.crash_invocation(
        sim.arn(), "injected crash (branch): the invocation crashed at this point (simulation only)");
    break;
  case BranchChoice::Kind::RemoveCrashes:
    if (here.crashes_ahead.empty())
      return Error{"branch", "no crash is planned after this point: there is none to remove"};
    for (size_t i = 0; i < e->document->simulation.faults.size(); ++i)
      e->fired_faults.insert(std::to_string(i));
    break;
  case BranchChoice::Kind::EditHandler:
    if (!choice.handler)
      return Error{"branch", "no edited workflow was given"};
    applied = engine.replace_handler(sim.arn(), *choice.handler);
    break;
  case BranchChoice::Kind::ChangeInput:
    if (choice.input_json == e->input_payload)
      return Error{"branch", "the input is the same as the execution's: change it first"};
    applied = engine.service_mut().replace_input(sim.arn(), choice.input_json);
    break;
  }
  if (!applied.ok())
    return applied;
  e = engine.service_mut().execution_mut(sim.arn());
  e->branched_from = std::move(origin);
  // On until it ends or waits for the learner (a callback with no scripted answer), like "To end".
  for (int64_t steps = 0; steps < max_steps; ++steps) {
    const Execution* now = engine.execution(sim.arn());
    if (now == nullptr || (now->terminal() && !engine.invocation_active()))
      break;
    if (!engine.step(Engine::Clock::UntilInput))
      break;
  }
  if (engine.invocation_active())
    return Error{"branch", "the branch was still running after " + std::to_string(max_steps) +
                               " engine events; it was not kept"};
  if (engine.service().execution_order().size() > 1)
    return Error{"branch", "the branch invokes another durable execution; branching it is not supported"};
  return ok_status();
}

} // namespace dp::engine
