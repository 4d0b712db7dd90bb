// Playing a demo script step by step, going back by playing it again from its opening state, and verifying
// that both reach the same state (see script.hpp).
#include "lessons/script.hpp"

namespace dp::lessons {

const std::string& ScriptRun::caption() const {
  static const std::string none;
  return m_position == 0 ? none : m_script->steps[m_position - 1].action.caption;
}

Status ScriptRun::open(Playground& pg) {
  m_position = 0;
  m_player.reset();
  if (auto st = pg.clear_executions(); !st.ok())
    return st;
  if (auto st = pg.set_document(m_script->workflow); !st.ok())
    return st;
  if (m_script->terraform)
    return pg.set_terraform(*m_script->terraform);
  return ok_status();
}

Status ScriptRun::next(Playground& pg) {
  if (done())
    return ok_status();
  if (auto st = m_player.perform(m_script->steps[m_position].action, pg); !st.ok())
    return st;
  ++m_position;
  return ok_status();
}

Status ScriptRun::go_to(size_t position, Playground& pg) {
  if (auto st = open(pg); !st.ok())
    return st;
  while (m_position < position && !done())
    if (auto st = next(pg); !st.ok())
      return st;
  return ok_status();
}

namespace {

// What the audience sees of the engine: every execution's name, status, result or error, invocations,
// history length and the operations' statuses, and the clock. Equal fingerprints, same story on screen.
std::string fingerprint(const Playground& pg) {
  const engine::Engine* engine = pg.subject().engine;
  if (engine == nullptr)
    return "no engine";
  std::string out = "clock " + std::to_string(engine->now()) + "\n";
  for (const std::string& arn : engine->service().execution_order()) {
    const engine::Execution* e = engine->execution(arn);
    if (e == nullptr)
      continue;
    out += e->name + " " + engine::to_string(e->status) + " invocations " +
           std::to_string(e->invocations.size()) + " events " + std::to_string(e->events.size()) +
           " result " + e->result.value_or("-") + " error " +
           (e->error ? e->error->error_type.value_or("") : std::string("-")) + "\n";
    for (const std::string& id : e->op_order)
      if (const engine::Operation* op = e->op(id))
        out += "  " + op->name.value_or(id) + " " + engine::to_string(op->status) + "\n";
  }
  return out;
}

} // namespace

ScriptVerdict verify_script(const Script& script) {
  ScriptVerdict v;
  EnginePlayground pg;
  ScriptRun run(script);
  std::vector<std::string> forward; // the state after each position, played forward
  if (auto st = run.open(pg); !st.ok()) {
    v.error = st.error().text();
    return v;
  }
  forward.push_back(fingerprint(pg));
  while (!run.done()) {
    const ScriptStep& step = script.steps[run.position()];
    if (auto st = run.next(pg); !st.ok()) {
      v.error = st.error().text();
      return v;
    }
    v.steps_performed = run.position();
    if (step.expect) {
      const Report report = evaluate(*step.expect, pg.subject());
      if (!report.passed) {
        v.error = step.action.path + ".expect: after this step " + report.missing();
        return v;
      }
    }
    forward.push_back(fingerprint(pg));
  }
  // Going back: every position played again from the opening state shows what playing forward showed.
  for (size_t k = forward.size(); k-- > 0;) {
    EnginePlayground again;
    ScriptRun replay(script);
    if (auto st = replay.go_to(k, again); !st.ok()) {
      v.error = "going back to step " + std::to_string(k) + ": " + st.error().text();
      return v;
    }
    if (fingerprint(again) != forward[k]) {
      v.error = "going back to step " + std::to_string(k) +
                " does not reach the state playing forward reached (is the workflow deterministic?)";
      return v;
    }
  }
  return v;
}

} // namespace dp::lessons
