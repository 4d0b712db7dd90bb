#include "importer/replay_check.hpp"

#include <set>

#include "engine/engine.hpp"
#include "engine/replay_trace.hpp"

namespace dp::importer {

Result<ReplayReport> replay_check(const workflow::Document& doc, const engine::Execution& recorded,
                                  const std::string& flavour) {
  auto checked = std::make_shared<workflow::Document>(doc);
  if (flavour == "js" || flavour == "javascript")
    checked->function.runtime = "nodejs22.x";
  else if (flavour == "python")
    checked->function.runtime = "python3.14";
  else if (!flavour.empty())
    return Error{"--flavour", "expected js or python, got '" + flavour + "'"};
  // No scripted callbacks, faults or edits: the recorded history is the only input.
  checked->simulation = workflow::Simulation{};
  checked->simulation.seed = doc.simulation.seed;

  // The recorded execution as the service holds it before one more invocation.
  engine::Execution e;
  e.arn = recorded.arn;
  e.id = recorded.id;
  e.name = recorded.name;
  e.document = checked;
  e.start_ms = recorded.start_ms;
  e.input_payload = recorded.input_payload;
  e.op_order = recorded.op_order;
  e.ops = recorded.ops;
  e.events = recorded.events;
  e.invocations = recorded.invocations;
  if (auto it = e.ops.find(e.id); it != e.ops.end()) {
    engine::Operation exec_op = *it->second;
    exec_op.status = engine::OperationStatus::Started;
    exec_op.end_timestamp.reset();
    it->second = std::make_shared<const engine::Operation>(exec_op);
  }
  int64_t last = recorded.start_ms;
  for (const auto& ev : recorded.events)
    last = std::max(last, ev.event_timestamp);
  for (const auto& inv : recorded.invocations)
    last = std::max(last, inv.end_ms);

  engine::EngineOptions options;
  options.start_time_ms = last + 1;
  options.compact_replays = false; // one entry per replayed operation: each is matched by id
  engine::Engine engine(options);
  engine.set_clock(last + 1);
  if (auto st = engine.service_mut().restore_execution(std::move(e), Json{{"needs_invocation", true}});
      !st.ok())
    return st.error();

  ReplayReport report;
  report.flavour = checked->function.flavor() == workflow::Flavor::Python ? "python" : "javascript";
  std::set<std::string> reached;
  size_t seen = 0;
  bool done = false;
  for (int guard = 0; !done && guard < 1'000'000; ++guard) {
    bool moved = engine.step(engine::Engine::Clock::Hold);
    const auto& trace = engine.trace();
    const engine::Execution& now = *engine.execution(recorded.arn);
    for (; seen < trace.size() && !done; ++seen) {
      const engine::TraceEvent& t = trace[seen];
      if (t.kind == engine::TraceKind::OperationReplayed) {
        for (const auto& r : engine::replayed_operations(t, now))
          reached.insert(std::string(r.operation_id));
      } else if (t.kind == engine::TraceKind::NonDeterminism) {
        report.clean = false;
        report.message = t.text;
        report.operation_id = t.operation_id;
        if (const engine::Operation* op = recorded.op(t.operation_id)) {
          report.expected_type = to_string(op->type);
          report.expected_name = op->name;
        }
        report.got = t.name;
        report.stopped =
            "the handler called something else where the history has operation " + t.operation_id;
        done = true;
      } else if (t.kind == engine::TraceKind::OperationExecuted) {
        if (!recorded.op(t.operation_id)) {
          done = true;
          // New work is fine after the recorded point; before it, the recorded operations there are
          // never replayed: the position differs (the SDK raises nothing: it runs the call as new work).
          const engine::Operation* skipped = nullptr;
          for (const std::string& id : recorded.op_order)
            if (const engine::Operation* op = recorded.op(id);
                op && op->type != engine::OperationType::Execution && !op->parent_id && !reached.count(id)) {
              skipped = op;
              break;
            }
          if (!skipped) {
            report.stopped = "the handler went past the recorded history: its next call (" + t.text +
                             ") is new, so the check ends there";
            continue;
          }
          report.clean = false;
          report.operation_id = skipped->id;
          report.expected_type = to_string(skipped->type);
          report.expected_name = skipped->name;
          report.got = t.name;
          report.message = "Operation position mismatch: the handler's next call (" + t.text + " '" + t.name +
                           "', id " + t.operation_id + ") is not in the history, which recorded " +
                           to_string(skipped->type) + " '" + skipped->name.value_or("") + "' (id " +
                           skipped->id +
                           ") before it. The SDK raises no error here: it would run the call as new work and "
                           "never replay the recorded operation.";
          report.stopped = "the handler's calls no longer line up with the recorded ids";
        } else {
          reached.insert(t.operation_id);
        }
      } else if (t.kind == engine::TraceKind::InvocationEnded) {
        const Json* status = t.data.is_object() ? find_member(t.data, "Status") : nullptr;
        std::string s = status && status->is_string() ? status->get<std::string>() : "";
        report.stopped = s == "PENDING"     ? "the handler suspended (PENDING) at the recorded point"
                         : s == "SUCCEEDED" ? "the handler returned"
                                            : "the invocation ended " + s;
        if (s != "PENDING" && s != "SUCCEEDED") {
          const Json* err = t.data.is_object() ? find_member(t.data, "Error") : nullptr;
          if (err)
            report.stopped += ": " + err->dump();
        }
        done = true;
      }
    }
    if (!moved)
      break;
  }
  if (report.stopped.empty())
    report.stopped = "the handler stopped";
  for (const std::string& id : recorded.op_order) {
    const engine::Operation* op = recorded.op(id);
    if (!op || op->type == engine::OperationType::Execution)
      continue;
    if (reached.count(id))
      ++report.matched;
    else if (!op->parent_id && id != report.operation_id.value_or(""))
      report.not_reached.push_back(op->name ? *op->name + " (" + id + ")" : id);
  }
  if (report.clean)
    report.message = "replays cleanly";
  return report;
}

Json to_json(const ReplayReport& r) {
  Json j{{"clean", r.clean},     {"flavour", r.flavour}, {"message", r.message},
         {"matched", r.matched}, {"stopped", r.stopped}, {"not_reached", r.not_reached}};
  if (r.operation_id) {
    j["operation_id"] = *r.operation_id;
    j["expected"] = {{"Type", r.expected_type.value_or("")},
                     {"Name", r.expected_name ? Json(*r.expected_name) : Json(nullptr)}};
    j["got"] = r.got;
  }
  return j;
}

} // namespace dp::importer
