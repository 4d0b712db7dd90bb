// The stable serializer of workflow documents: fixed field order, defaults left out, so that
// load -> save -> load -> save is a fixed point (tests/unit/workflow/serializer_test.cpp).
#include "workflow/loader.hpp"

namespace dp::workflow {
namespace {

const char* jitter_name(Jitter j) {
  return j == Jitter::Full ? "full" : j == Jitter::Half ? "half" : "none";
}

Json name_json(const std::optional<std::string>& name) {
  return name ? Json(*name) : Json(nullptr);
}

Json error_json(const ErrorSpec& e) {
  Json j = Json::object();
  j["type"] = e.type;
  if (!e.message.empty())
    j["message"] = e.message;
  if (e.data)
    j["data"] = *e.data;
  return j;
}

void put_step_body(Json& j, const StepBody& b) {
  if (b.has_returns)
    j["returns"] = b.returns;
  if (b.duration_ms)
    j["duration_ms"] = b.duration_ms;
  if (!b.throws.empty()) {
    Json list = Json::array();
    for (const auto& t : b.throws) {
      Json item = Json::object();
      item["attempts"] = t.all_attempts ? Json("all") : Json(t.attempts);
      item["error"] = error_json(t.error);
      list.push_back(item);
    }
    j["throws"] = list;
  }
}

void put_retry(Json& j, const Statement& s) {
  if (s.retry_mode == RetryMode::None) {
    j["retry"] = "none";
  } else if (s.retry_mode == RetryMode::Custom) {
    Json r = Json::object();
    const RetryConfig& c = s.retry;
    if (c.max_attempts)
      r["max_attempts"] = *c.max_attempts;
    if (c.initial_delay_seconds)
      r["initial_delay_seconds"] = *c.initial_delay_seconds;
    if (c.max_delay_seconds)
      r["max_delay_seconds"] = *c.max_delay_seconds;
    if (c.backoff_rate)
      r["backoff_rate"] = *c.backoff_rate;
    if (c.jitter)
      r["jitter"] = jitter_name(*c.jitter);
    if (!c.retryable_error_types.empty())
      r["retryable_error_types"] = c.retryable_error_types;
    j["retry"] = r;
  }
}

void put_completion(Json& j, const Statement& s) {
  if (s.max_concurrency)
    j["max_concurrency"] = *s.max_concurrency;
  if (s.flat_nesting)
    j["nesting"] = "flat";
  if (s.completion == Completion{})
    return;
  Json c = Json::object();
  if (s.completion.min_successful)
    c["min_successful"] = *s.completion.min_successful;
  if (s.completion.tolerated_failure_count)
    c["tolerated_failure_count"] = *s.completion.tolerated_failure_count;
  if (s.completion.tolerated_failure_percentage)
    c["tolerated_failure_percentage"] = *s.completion.tolerated_failure_percentage;
  j["completion"] = c;
}

void put_timeouts(Json& j, const Statement& s) {
  if (s.timeout_seconds)
    j["timeout_seconds"] = s.timeout_seconds;
  if (s.heartbeat_timeout_seconds)
    j["heartbeat_timeout_seconds"] = s.heartbeat_timeout_seconds;
}

Json statement_json(const Statement& s) {
  Json j = Json::object();
  const char* key = statement_keyword(s.kind);
  switch (s.kind) {
  case StatementKind::Step:
    j[key] = name_json(s.name);
    put_step_body(j, s.body);
    put_retry(j, s);
    if (s.semantics == StepSemantics::AtMostOncePerRetry)
      j["semantics"] = "at_most_once_per_retry";
    if (!s.side_effect.empty())
      j["side_effect"] = s.side_effect;
    break;
  case StatementKind::Wait:
    j[key] = name_json(s.name);
    j["seconds"] = s.wait_seconds;
    break;
  case StatementKind::CreateCallback:
    j[key] = name_json(s.name);
    put_timeouts(j, s);
    break;
  case StatementKind::AwaitCallback:
    j[key] = s.callback_var;
    if (s.parse_json)
      j["parse_json"] = true;
    break;
  case StatementKind::WaitForCallback: {
    j[key] = name_json(s.name);
    Json sub = Json::object();
    put_step_body(sub, s.body);
    if (!sub.empty())
      j["submitter"] = sub;
    put_timeouts(j, s);
    put_retry(j, s);
    if (s.parse_json)
      j["parse_json"] = true;
    break;
  }
  case StatementKind::WaitForCondition: {
    j[key] = name_json(s.name);
    if (!s.initial_state.is_null())
      j["initial_state"] = s.initial_state;
    Json check = Json::object();
    check["returns"] = s.check_returns;
    Json done_when = Json::object();
    if (s.done_when_attempt > 0)
      done_when["attempt"] = s.done_when_attempt;
    if (!s.done_when_condition.is_null())
      done_when["condition"] = s.done_when_condition;
    check["done_when"] = done_when;
    if (!s.check_throws.empty()) {
      StepBody thrower;
      thrower.throws = s.check_throws;
      put_step_body(check, thrower);
    }
    j["check"] = check;
    Json w = Json::object();
    const WaitStrategy& ws = s.wait_strategy;
    if (ws.initial_delay_seconds)
      w["initial_delay_seconds"] = *ws.initial_delay_seconds;
    if (ws.max_delay_seconds)
      w["max_delay_seconds"] = *ws.max_delay_seconds;
    if (ws.backoff_rate)
      w["backoff_rate"] = *ws.backoff_rate;
    if (ws.max_attempts)
      w["max_attempts"] = *ws.max_attempts;
    if (ws.jitter)
      w["jitter"] = jitter_name(*ws.jitter);
    if (!w.empty())
      j["wait_strategy"] = w;
    break;
  }
  case StatementKind::ChildContext:
    j[key] = name_json(s.name);
    j["body"] = save_body(s.children);
    break;
  case StatementKind::Parallel: {
    j[key] = name_json(s.name);
    Json branches = Json::array();
    for (const auto& b : s.branches) {
      Json bj = Json::object();
      if (b.name)
        bj["name"] = *b.name;
      bj["body"] = save_body(b.body);
      branches.push_back(bj);
    }
    j["branches"] = branches;
    put_completion(j, s);
    break;
  }
  case StatementKind::Map:
    j[key] = name_json(s.name);
    j["items"] = s.items;
    j["item_as"] = s.item_as;
    if (!s.index_as.empty())
      j["index_as"] = s.index_as;
    j["body"] = save_body(s.children);
    put_completion(j, s);
    break;
  case StatementKind::Invoke:
    j[key] = name_json(s.name);
    j["function"] = s.function;
    if (!s.payload.is_null())
      j["payload"] = s.payload;
    if (!s.tenant_id.empty())
      j["tenant_id"] = s.tenant_id;
    break;
  case StatementKind::Try:
    j[key] = save_body(s.children);
    j["catch"] = save_body(s.catch_body);
    if (!s.error_as.empty())
      j["error_as"] = s.error_as;
    break;
  case StatementKind::If:
    j[key] = s.condition;
    j["then"] = save_body(s.children);
    if (!s.else_body.empty())
      j["else"] = save_body(s.else_body);
    break;
  case StatementKind::Log:
  case StatementKind::Return:
    j[key] = s.value;
    break;
  case StatementKind::Raise:
    j[key] = error_json(s.error);
    break;
  case StatementKind::Let:
    j[key] = s.as; // the variable is the statement's head, not an "as" field
    j["value"] = s.value;
    return j;
  }
  if (!s.as.empty())
    j["as"] = s.as;
  return j;
}

const char* when_name(FaultWhen w) {
  return w == FaultWhen::BeforeBody  ? "before_body"
         : w == FaultWhen::AfterBody ? "after_body"
                                     : "after_checkpoint";
}

} // namespace

Json save_body(const Body& body) {
  Json list = Json::array();
  for (const auto& s : body)
    list.push_back(statement_json(s));
  return list;
}

Json save_document(const Document& doc) {
  Json j = Json::object();
  j["format"] = doc.format;
  if (!doc.name.empty())
    j["name"] = doc.name;
  if (!doc.description.empty())
    j["description"] = doc.description;
  const FunctionConfig& f = doc.function;
  Json fj = Json::object();
  fj["name"] = f.name;
  fj["runtime"] = f.runtime;
  fj["handler"] = f.handler;
  fj["memory_size"] = f.memory_size;
  fj["timeout"] = f.timeout;
  fj["region"] = f.region;
  fj["alias"] = f.alias;
  fj["durable_config"] = {{"execution_timeout", f.execution_timeout},
                          {"retention_period", f.retention_period}};
  j["function"] = fj;
  j["input"] = doc.input;
  j["handler"] = save_body(doc.handler);
  if (!doc.functions.empty()) {
    Json fns = Json::object();
    for (const auto& [name, t] : doc.functions) {
      Json tj = Json::object();
      if (t.workflow) {
        tj["workflow"] = save_document(*t.workflow);
      } else {
        if (!t.returns.is_null())
          tj["returns"] = t.returns;
        if (t.duration_seconds)
          tj["duration_seconds"] = t.duration_seconds;
        if (t.throws)
          tj["throws"] = error_json(*t.throws);
      }
      fns[name] = tj;
    }
    j["functions"] = fns;
  }
  const Simulation& sim = doc.simulation;
  Json sj = Json::object();
  sj["seed"] = sim.seed;
  if (!sim.faults.empty()) {
    Json list = Json::array();
    for (const auto& fault : sim.faults) {
      Json fj2 = Json::object();
      if (fault.invocation) {
        fj2["invocation"] = *fault.invocation;
        if (fault.after_ms)
          fj2["after_ms"] = fault.after_ms;
      } else {
        fj2["at"] = fault.at;
        if (fault.occurrence != 1)
          fj2["occurrence"] = fault.occurrence;
        if (fault.attempt != 1)
          fj2["attempt"] = fault.attempt;
        fj2["when"] = when_name(fault.when);
      }
      fj2["kind"] = fault.kind == FaultKind::Crash ? "crash" : "timeout";
      list.push_back(fj2);
    }
    sj["faults"] = list;
  }
  if (!sim.callbacks.empty()) {
    Json list = Json::array();
    for (const auto& a : sim.callbacks) {
      Json aj = Json::object();
      aj["callback"] = a.callback;
      if (a.after_seconds)
        aj["after_seconds"] = a.after_seconds;
      if (a.succeed)
        aj["succeed"] = *a.succeed;
      if (a.fail)
        aj["fail"] = error_json(*a.fail);
      if (a.heartbeat_every_seconds) {
        aj["heartbeat_every_seconds"] = a.heartbeat_every_seconds;
        aj["count"] = a.heartbeat_count;
      }
      list.push_back(aj);
    }
    sj["callbacks"] = list;
  }
  if (sim.stop_after_seconds)
    sj["stop_after_seconds"] = *sim.stop_after_seconds;
  if (sim.lift_quotas)
    sj["lift_quotas"] = true;
  if (!sim.edits.empty()) {
    Json list = Json::array();
    for (const auto& e : sim.edits)
      list.push_back({{"before_invocation", e.before_invocation}, {"handler", save_body(e.handler)}});
    sj["edits"] = list;
  }
  j["simulation"] = sj;
  return j;
}

} // namespace dp::workflow
