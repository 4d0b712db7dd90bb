#include "cli/run_report.hpp"

#include "engine/limits.hpp"
#include "engine/runtime/checkpoint_batching.hpp"
#include "explain/explain.hpp"

namespace dp::cli {

Json run_report(const engine::Engine& engine, const std::string& arn,
                const Result<cost::PriceTable>& prices) {
  const engine::Execution* e = engine.execution(arn);
  Json out = Json::object();
  if (!e)
    return out;
  out["executionArn"] = e->arn;
  // Which SDK behaviour ran (durable-semantics.md 10: say which one runs).
  bool python = e->document->function.flavor() == workflow::Flavor::Python;
  out["sdk"] =
      python ? (engine.options().legacy_python_replay ? "python 1.x (positional replay, no identity check)"
                                                      : "python 2.x (replay validates operation identity)")
             : "javascript (replay validates operation identity)";
  // The release whose checkpoint batching and replay the run follows
  // (engine/runtime/checkpoint_batching.hpp).
  out["sdkVersion"] = engine::runtime::sdk_modelled(e->document->function.flavor(),
                                                    python && engine.options().legacy_python_replay);
  out["status"] = to_string(e->status);
  out["result"] = nullptr;
  if (e->result) {
    auto parsed = parse_json(*e->result);
    out["result"] = parsed.ok() ? *parsed : Json(*e->result);
  }
  out["error"] = e->error ? to_json(*e->error) : Json(nullptr);
  Json invocations = Json::array();
  for (const auto& inv : e->invocations) {
    Json j{{"index", inv.index},
           {"outcome", to_string(inv.outcome)},
           {"replayed", inv.replayed},
           {"executed", inv.executed},
           {"checkpoints", inv.checkpoints}};
    if (inv.error)
      j["error"] = to_json(*inv.error);
    invocations.push_back(j);
  }
  out["invocations"] = invocations;
  Json ops = Json::array();
  for (const auto& op : engine.operations(arn))
    ops.push_back(to_json(*op));
  out["operations"] = ops;
  Json events = Json::array();
  for (const auto& ev : e->events)
    events.push_back(to_json(ev));
  out["events"] = events;
  // The replay-aware logger's output (printed once, not on replays): what CloudWatch would show.
  Json logs = Json::array();
  for (const auto& t : engine.trace())
    if (t.kind == engine::TraceKind::Log && t.execution_arn == arn)
      logs.push_back(
          Json{{"time", engine::iso8601(t.time_ms)}, {"invocation", t.invocation}, {"message", t.text}});
  out["logs"] = logs;
  // The values ${random()}, ${uuid()} and ${now()} took, in the order the handler computed them (issue 10):
  // the differential gives the exported code the same ones, so a branch on a random value goes the same way.
  Json computed = Json::array();
  for (const auto& t : engine.trace()) {
    if (t.execution_arn != arn ||
        (t.kind != engine::TraceKind::ValueComputed && t.kind != engine::TraceKind::StepBodyRan))
      continue;
    if (const Json* calls = t.data.is_object() ? find_member(t.data, "Calls") : nullptr;
        calls && calls->is_array())
      for (const auto& c : *calls) {
        const Json* f = find_member(c, "Function");
        const Json* v = find_member(c, "Value");
        computed.push_back(Json{{"invocation", t.invocation},
                                {"function", f ? *f : Json("")},
                                {"value", v ? *v : Json(nullptr)}});
      }
  }
  out["computed_values"] = computed;
  // What happened, in words (issue 9), and the side effects that really ran.
  Json narration = Json::array();
  for (const auto& s : explain::narrate(engine, arn))
    narration.push_back(explain::to_json(s));
  out["narration"] = narration;
  Json effects = Json::array();
  for (const auto& r : explain::side_effects(engine, arn).runs)
    effects.push_back(explain::to_json(r));
  out["side_effects"] = effects;
  // What the execution used of its documented limits (docs/limits.md).
  out["usage"] = engine::limits::to_json(engine::limits::measure(*e));
  // What it would cost on AWS (an estimate: list prices, no free tier).
  out["cost"] = cost::to_json(cost::estimate(*e, prices));
  return out;
}

} // namespace dp::cli
