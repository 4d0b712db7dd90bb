// [SECTION] index: lookups · execution predicates · operation predicates · trace predicates · dispatch
// Predicates over the engine's state: one execution (the latest of the lesson's, or the one some_execution
// tries), its invocations, operations, history and trace. The words are for a learner who just read the
// AWS blog post: operation names in quotes, AWS status names as the console shows them.
#include <algorithm>
#include <functional>

#include "engine/replay_trace.hpp"
#include "engine/runtime/serdes.hpp"
#include "explain/explain.hpp"
#include "lessons/check_impl.hpp"

namespace dp::lessons::detail {
namespace {

using engine::Execution;
using engine::Operation;
using engine::TraceKind;

// [SECTION] lookups

std::string in_quotes(const std::string& name) {
  return "'" + name + "'";
}

std::vector<std::string> strings_of(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string())
    out.push_back(v.get<std::string>());
  else
    for (const auto& s : v)
      out.push_back(s.get<std::string>());
  return out;
}

// "SUCCEEDED", "SUCCEEDED or FAILED".
std::string either(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i)
    out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  return out;
}

bool one_of(const std::string& word, const std::vector<std::string>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Operations of the execution with this name, in start order.
std::vector<const Operation*> operations_named(const Execution& e, const std::string& name) {
  std::vector<const Operation*> out;
  for (const auto& id : e.op_order)
    if (const Operation* op = e.op(id); op && op->name && *op->name == name)
      out.push_back(op);
  return out;
}

// The trace entries of one execution, filtered by kind.
void for_trace(const Context& c, const Execution& e, TraceKind kind,
               const std::function<void(const engine::TraceEvent&)>& visit) {
  for (const auto& t : c.subject.engine->trace())
    if (t.kind == kind && t.execution_arn == e.arn)
      visit(t);
}

// A stored payload as a JSON value, decoded the way the execution's SDK stored it.
std::optional<Json> payload_value(const Execution& e, const std::optional<std::string>& payload) {
  if (!payload)
    return std::nullopt;
  auto v = engine::runtime::deserialize_result(e.document->function.flavor(), payload);
  if (v.ok())
    return *v;
  auto plain = parse_json(*payload);
  return plain.ok() ? std::optional<Json>(*plain) : std::optional<Json>(Json(*payload));
}

std::optional<std::string> operation_payload(const Operation& op) {
  if (op.step_details)
    return op.step_details->result;
  if (op.context_details)
    return op.context_details->result;
  if (op.callback_details)
    return op.callback_details->result;
  if (op.chained_invoke_details)
    return op.chained_invoke_details->result;
  return std::nullopt;
}

// A path into a value: "status", "steps[1].amount", "" (the whole value).
const Json* at_path(const Json& root, const std::string& path) {
  const Json* cur = &root;
  size_t i = 0;
  while (i < path.size() && cur) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string::npos || !cur->is_array())
        return nullptr;
      size_t index = static_cast<size_t>(std::atoll(path.substr(i + 1, close - i - 1).c_str()));
      cur = index < cur->size() ? &(*cur)[index] : nullptr;
      i = close + 1;
      continue;
    }
    size_t end = path.find_first_of(".[", i);
    std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    cur = cur->is_object() ? find_member(*cur, key) : nullptr;
    i = end == std::string::npos ? path.size() : end;
  }
  return cur;
}

std::string short_json(const Json& v) {
  std::string s = json_text(v);
  return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

// A result test ({"path", "equals" | "exists" | "equals_path"}) on a value; `what` names the value.
Outcome result_test(const Json& test, const std::optional<Json>& value, const std::string& what) {
  std::string path = str(test, "path");
  std::string label = path.empty() ? what : what + "'s " + path;
  if (const Json* other = opt(test, "equals_path")) {
    std::string label2 = what + "'s " + other->get<std::string>();
    std::string want = label + " should equal " + label2;
    if (!value)
      return fail(what + " has no value yet", want);
    const Json* a = at_path(*value, path);
    const Json* b = at_path(*value, other->get<std::string>());
    if (!a || !b)
      return fail(what + " has no " + (!a ? (path.empty() ? "value" : path) : other->get<std::string>()),
                  want);
    if (*a == *b)
      return pass(label + " equals " + label2 + " (" + short_json(*a) + ")", want);
    return fail(label + " is " + short_json(*a) + " but " + label2 + " is " + short_json(*b), want);
  }
  if (const Json* exists = opt(test, "exists")) {
    bool want_it = exists->get<bool>();
    std::string want = label + (want_it ? " should exist" : " should not exist");
    bool has = value && at_path(*value, path);
    std::string now = label + (has ? " exists" : " does not exist");
    return has == want_it ? pass(now, want) : fail(now, want);
  }
  const Json& expected = *opt(test, "equals");
  std::string want = label + " should be " + short_json(expected);
  if (!value)
    return fail(what + " has no value yet", want);
  const Json* v = at_path(*value, path);
  if (!v)
    return fail(label + " does not exist", want);
  if (*v == expected)
    return pass(label + " is " + short_json(*v), want);
  return fail(label + " is " + short_json(*v), want);
}

Outcome no_execution(const std::string& want) {
  return fail("no execution has started yet (press Start in the Run panel)", want);
}

double seconds(int64_t ms) {
  return static_cast<double>(ms) / 1000.0;
}

// [SECTION] execution predicates

Outcome execution_status(const Predicate& p, const Context& c) {
  auto statuses = strings_of(p.args);
  std::string want = "the execution should end " + either(statuses);
  if (one_of("RUNNING", statuses))
    want = "the execution should be " + either(statuses);
  if (!c.execution)
    return no_execution(want);
  std::string now = to_string(c.execution->status);
  std::string sentence =
      c.execution->terminal() ? "the execution ended " + now : "the execution is still RUNNING";
  return one_of(now, statuses) ? pass(sentence, want) : fail(sentence, want);
}

Outcome execution_error(const Predicate& p, const Context& c) {
  std::string type = str(p.args, "type");
  std::string contains = str(p.args, "message_contains");
  std::string want = "the execution should fail with " + type;
  if (!c.execution)
    return no_execution(want);
  const auto& err = c.execution->error;
  if (!c.execution->terminal() || !err)
    return fail(c.execution->terminal() ? "the execution ended " + std::string(to_string(c.execution->status))
                                        : "the execution is still RUNNING",
                want);
  std::string got = err->error_type.value_or("an error without a type");
  std::string message = err->error_message.value_or("");
  std::string now = "the execution failed with " + got + (message.empty() ? "" : " (" + message + ")");
  bool ok = got == type && (contains.empty() || message.find(contains) != std::string::npos);
  return ok ? pass(now, want) : fail(now, want);
}

Outcome execution_result(const Predicate& p, const Context& c) {
  if (!c.execution)
    return no_execution("the execution should return a result");
  std::optional<Json> value;
  if (c.execution->result) {
    auto parsed = parse_json(*c.execution->result);
    value = parsed.ok() ? *parsed : Json(*c.execution->result);
  }
  if (!value && !opt(p.args, "exists")) {
    std::string state =
        c.execution->terminal()
            ? "the execution ended " + std::string(to_string(c.execution->status)) + " without a result"
            : "the execution is still RUNNING (no result yet)";
    return fail(state, result_test(p.args, value, "the result").want);
  }
  return result_test(p.args, value, "the result");
}

Outcome executions_count(const Predicate& p, const Context& c) {
  Range r = range_of(p.args["count"]);
  double n = static_cast<double>(lesson_executions(c.subject).size());
  std::string now = "the lesson has " + count_text(n, "execution", "executions");
  std::string want = "start " + range_text(r, "executions");
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

Outcome invocations_count(const Predicate& p, const Context& c) {
  Range r = range_of(p.args["count"]);
  std::string want = "the execution should take " + range_text(r, "invocations");
  if (!c.execution)
    return no_execution(want);
  double n = static_cast<double>(c.execution->invocations.size());
  std::string now = "the execution has had " + count_text(n, "invocation", "invocations");
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

// An invocation's end as the service saw it; "RUNNING" while it runs.
std::string invocation_status(const Execution& e, size_t i) {
  const auto& rec = e.invocations[i];
  if (i + 1 == e.invocations.size() && e.invocation_active)
    return "RUNNING";
  return to_string(rec.outcome);
}

Outcome invocation(const Predicate& p, const Context& c) {
  auto statuses = strings_of(p.args["status"]);
  const Json* index = opt(p.args, "index");
  std::string which = !index || index->is_string() ? (index ? index->get<std::string>() : "any") : "";
  std::string label = which == "any"    ? "an invocation"
                      : which == "last" ? "the last invocation"
                                        : "invocation " + number_text(index->get<double>());
  std::string want = label + " should end " + either(statuses);
  if (!c.execution)
    return no_execution(want);
  const Execution& e = *c.execution;
  if (e.invocations.empty())
    return fail("the execution has not been invoked yet", want);
  if (which == "any") {
    std::vector<std::string> seen;
    for (size_t i = 0; i < e.invocations.size(); ++i) {
      std::string s = invocation_status(e, i);
      if (one_of(s, statuses))
        return pass("invocation " + std::to_string(i + 1) + " ended " + s, want);
      seen.push_back(s);
    }
    return fail("the invocations ended " + either(seen), want);
  }
  size_t i = which == "last" ? e.invocations.size() - 1 : static_cast<size_t>(index->get<int64_t>() - 1);
  if (i >= e.invocations.size())
    return fail("the execution has had " +
                    count_text(static_cast<double>(e.invocations.size()), "invocation", "invocations"),
                want);
  std::string s = invocation_status(e, i);
  std::string now = s == "RUNNING" ? label + " is still running" : label + " ended " + s;
  return one_of(s, statuses) ? pass(now, want) : fail(now, want);
}

Outcome billing(const Predicate& p, const Context& c) {
  std::string want;
  const Json* idle_arg = opt(p.args, "idle_seconds");
  const Json* billed_arg = opt(p.args, "billed_seconds");
  if (idle_arg)
    want = "the execution should spend " + range_text(range_of(*idle_arg), "seconds") +
           " with no invocation running";
  if (billed_arg)
    want += (want.empty() ? "the invocations should run " : ", and its invocations run ") +
            range_text(range_of(*billed_arg), "seconds") + " in all";
  if (!c.execution)
    return no_execution(want);
  const Execution& e = *c.execution;
  int64_t now_ms = c.subject.engine->now();
  int64_t billed = 0;
  for (size_t i = 0; i < e.invocations.size(); ++i) {
    const auto& rec = e.invocations[i];
    bool running = i + 1 == e.invocations.size() && e.invocation_active;
    billed += (running ? now_ms : rec.end_ms) - rec.start_ms;
  }
  int64_t total = e.end_ms.value_or(now_ms) - e.start_ms;
  double idle_s = seconds(total - billed), billed_s = seconds(billed);
  std::string now = "its invocations ran " + number_text(billed_s) + " s in all and it waited " +
                    number_text(idle_s) + " s with none running";
  bool ok = (!idle_arg || range_of(*idle_arg).contains(idle_s)) &&
            (!billed_arg || range_of(*billed_arg).contains(billed_s));
  return ok ? pass(now, want) : fail(now, want);
}

// [SECTION] operation predicates

// Invocations (1-based) in which an operation was replayed.
std::vector<int> replayed_invocations(const Context& c, const Execution& e, const std::string& name) {
  std::vector<int> out;
  for_trace(c, e, TraceKind::OperationReplayed, [&](const engine::TraceEvent& t) {
    for (const auto& r : engine::replayed_operations(t, e))
      if (r.name == name && (out.empty() || out.back() != t.invocation))
        out.push_back(t.invocation);
  });
  return out;
}

std::vector<int> executed_invocations(const Context& c, const Execution& e, const std::string& name) {
  std::vector<int> out;
  for_trace(c, e, TraceKind::OperationExecuted, [&](const engine::TraceEvent& t) {
    if (t.name == name && (out.empty() || out.back() != t.invocation))
      out.push_back(t.invocation);
  });
  return out;
}

int body_runs(const Context& c, const Execution& e, const std::string& name) {
  int n = 0;
  for_trace(c, e, TraceKind::StepBodyRan, [&](const engine::TraceEvent& t) { n += t.name == name; });
  return n;
}

std::string list_text(const std::vector<int>& v) {
  std::vector<std::string> words;
  for (int i : v)
    words.push_back(std::to_string(i));
  return either(words);
}

bool within(const Execution& e, const Operation& op, const std::string& ancestor) {
  const Operation* cur = &op;
  for (int guard = 0; cur && cur->parent_id && guard < 1000; ++guard) {
    cur = e.op(*cur->parent_id);
    if (cur && cur->name && *cur->name == ancestor)
      return true;
  }
  return false;
}

Outcome operation(const Predicate& p, const Context& c) {
  std::string name = str(p.args, "name");
  std::string q = in_quotes(name);
  // The goal in words, from the constraints the lesson gave.
  std::vector<std::string> parts;
  if (const Json* t = opt(p.args, "type"))
    parts.push_back("be a " + t->get<std::string>());
  if (const Json* s = opt(p.args, "status"))
    parts.push_back("end " + either(strings_of(*s)));
  if (const Json* a = opt(p.args, "attempts"))
    parts.push_back("take " + range_text(range_of(*a), "attempts"));
  if (const Json* b = opt(p.args, "body_runs"))
    parts.push_back("run its body " + range_text(range_of(*b), "times"));
  if (const Json* r = opt(p.args, "replayed_in"))
    parts.push_back("be replayed in invocation " + range_text(range_of(*r), "").substr(0));
  if (const Json* x = opt(p.args, "executed_in"))
    parts.push_back("run in invocation " + range_text(range_of(*x), ""));
  if (const Json* w = opt(p.args, "within"))
    parts.push_back("run inside " + in_quotes(w->get<std::string>()));
  if (const Json* d = opt(p.args, "duration_seconds"))
    parts.push_back("last " + range_text(range_of(*d), "seconds"));
  std::string want = q + " should " + (parts.empty() ? "exist" : either(parts));
  if (const Json* res = opt(p.args, "result"))
    want = (parts.empty() ? "" : want + ", and ") + result_test(*res, std::nullopt, q + "'s result").want;
  if (!c.execution)
    return no_execution(want);
  const Execution& e = *c.execution;
  auto ops = operations_named(e, name);
  if (ops.empty())
    return fail("the execution has no operation named " + q, want);
  const Operation& op = *ops.front();

  if (const Json* t = opt(p.args, "type"); t && to_string(op.type) != t->get<std::string>())
    return fail(q + " is a " + std::string(to_string(op.type)), want);
  if (const Json* s = opt(p.args, "status")) {
    std::string status = to_string(op.status);
    if (!one_of(status, strings_of(*s)))
      return fail(q + " is " + status, want);
  }
  if (const Json* a = opt(p.args, "attempts")) {
    double attempts = op.step_details ? op.step_details->attempt : 0;
    if (!range_of(*a).contains(attempts))
      return fail(q + " took " + count_text(attempts, "attempt", "attempts"), want);
  }
  if (const Json* b = opt(p.args, "body_runs")) {
    double runs = body_runs(c, e, name);
    if (!range_of(*b).contains(runs))
      return fail(q + "'s body ran " + count_text(runs, "time", "times"), want);
  }
  if (const Json* r = opt(p.args, "replayed_in")) {
    auto inv = replayed_invocations(c, e, name);
    Range range = range_of(*r);
    if (std::none_of(inv.begin(), inv.end(), [&](int i) { return range.contains(i); }))
      return fail(inv.empty() ? q + " has not been replayed"
                              : q + " was replayed in invocation " + list_text(inv),
                  want);
  }
  if (const Json* x = opt(p.args, "executed_in")) {
    auto inv = executed_invocations(c, e, name);
    Range range = range_of(*x);
    if (std::none_of(inv.begin(), inv.end(), [&](int i) { return range.contains(i); }))
      return fail(inv.empty() ? q + " has not run" : q + " ran in invocation " + list_text(inv), want);
  }
  if (const Json* w = opt(p.args, "within"); w && !within(e, op, w->get<std::string>()))
    return fail(q + " does not run inside " + in_quotes(w->get<std::string>()), want);
  if (const Json* d = opt(p.args, "duration_seconds")) {
    double s = seconds(op.end_timestamp.value_or(c.subject.engine->now()) - op.start_timestamp);
    if (!range_of(*d).contains(s))
      return fail(q + " lasted " + number_text(s) + " s", want);
  }
  if (const Json* res = opt(p.args, "result")) {
    Outcome o = result_test(*res, payload_value(e, operation_payload(op)), q + "'s result");
    if (!o.passed)
      return fail(o.now, want);
  }
  return pass(q + " is " + std::string(to_string(op.status)), want);
}

Outcome callback(const Predicate& p, const Context& c) {
  std::string name = str(p.args, "name");
  std::string q = "the callback " + in_quotes(name);
  std::vector<std::string> parts;
  if (const Json* s = opt(p.args, "status"))
    parts.push_back("end " + either(strings_of(*s)));
  if (const Json* h = opt(p.args, "heartbeats"))
    parts.push_back("receive " + range_text(range_of(*h), "heartbeats"));
  if (const Json* o = opt(p.args, "open_seconds"))
    parts.push_back("stay open " + range_text(range_of(*o), "seconds"));
  std::string want = q + " should " + (parts.empty() ? "be created" : either(parts));
  if (!c.execution)
    return no_execution(want);
  const Execution& e = *c.execution;
  // create_callback names the CALLBACK operation; wait_for_callback names the context around it.
  const Operation* op = nullptr;
  for (const auto& id : e.op_order) {
    const Operation* cur = e.op(id);
    if (!cur || cur->type != engine::OperationType::Callback)
      continue;
    const Operation* parent = cur->parent_id ? e.op(*cur->parent_id) : nullptr;
    if ((cur->name && *cur->name == name) || (parent && parent->name && *parent->name == name)) {
      op = cur;
      break;
    }
  }
  if (!op)
    return fail("the execution has not created " + q + " yet", want);
  std::string status = to_string(op->status);
  if (const Json* s = opt(p.args, "status"); s && !one_of(status, strings_of(*s)))
    return fail(q + " is " + status, want);
  if (const Json* h = opt(p.args, "heartbeats")) {
    int beats = 0;
    for_trace(c, e, TraceKind::CallbackReceived, [&](const engine::TraceEvent& t) {
      beats += t.operation_id == op->id && t.text == "callback heartbeat";
    });
    if (!range_of(*h).contains(beats))
      return fail(q + " received " + count_text(beats, "heartbeat", "heartbeats"), want);
  }
  if (const Json* o = opt(p.args, "open_seconds")) {
    double s = seconds(op->end_timestamp.value_or(c.subject.engine->now()) - op->start_timestamp);
    if (!range_of(*o).contains(s))
      return fail(q + " was open " + number_text(s) + " s", want);
  }
  return pass(q + " is " + status, want);
}

Outcome order(const Predicate& p, const Context& c) {
  std::vector<std::string> names = strings_of(p.args);
  std::vector<std::string> quoted_names;
  for (const auto& n : names)
    quoted_names.push_back(in_quotes(n));
  std::string want = "the operations should start in this order: ";
  for (size_t i = 0; i < quoted_names.size(); ++i)
    want += (i ? ", " : "") + quoted_names[i];
  if (!c.execution)
    return no_execution(want);
  const Execution& e = *c.execution;
  size_t last = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    auto it = std::find_if(e.op_order.begin(), e.op_order.end(), [&](const std::string& id) {
      const Operation* op = e.op(id);
      return op && op->name && *op->name == names[i];
    });
    if (it == e.op_order.end())
      return fail("the execution has no operation named " + quoted_names[i], want);
    size_t pos = static_cast<size_t>(it - e.op_order.begin());
    if (i > 0 && pos < last)
      return fail(quoted_names[i] + " started before " + quoted_names[i - 1], want);
    last = pos;
  }
  return pass("they started in that order", want);
}

// [SECTION] trace predicates

Outcome flag(const Predicate& p, const Context& c, const std::string& yes, const std::string& no,
             bool happened) {
  bool wanted = p.args.get<bool>();
  std::string want =
      wanted ? "the execution should show that " + yes : "the execution should not show that " + yes;
  if (!c.execution)
    return no_execution(want);
  std::string now = happened ? yes : no;
  return happened == wanted ? pass(now, want) : fail(now, want);
}

Outcome nondeterminism(const Predicate& p, const Context& c) {
  bool happened = false;
  if (c.execution)
    for_trace(c, *c.execution, TraceKind::NonDeterminism,
              [&](const engine::TraceEvent&) { happened = true; });
  return flag(p, c, "replay found a different operation than the one recorded (non-determinism)",
              "every replay matched the recorded operations", happened);
}

Outcome code_changed(const Predicate& p, const Context& c) {
  bool happened = false;
  if (c.execution) {
    const Execution& e = *c.execution;
    for_trace(c, e, TraceKind::HandlerReplaced, [&](const engine::TraceEvent&) { happened = true; });
    for (const auto& edit : e.document->simulation.edits)
      happened = happened || static_cast<size_t>(edit.before_invocation) <= e.invocations.size();
  }
  return flag(p, c, "the code changed between invocations", "the code did not change between invocations",
              happened);
}

Outcome crash(const Predicate& p, const Context& c) {
  std::string at = str(p.args, "at");
  Range r = range_of(p.args["count"]);
  std::string where = at.empty() ? "" : " at " + in_quotes(at);
  std::string want = "the execution should see " + range_text(r, "injected crashes" + where);
  if (!c.execution)
    return no_execution(want);
  int n = 0;
  for_trace(c, *c.execution, TraceKind::Crash,
            [&](const engine::TraceEvent& t) { n += at.empty() || t.name == at; });
  std::string now = "the execution saw " + count_text(n, "injected crash", "injected crashes") + where;
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

// The side-effect ledger (src/explain): every run of a body that declares a side_effect, with why it ran
// again. The ledger's flag sentence ("... ×2 (process_payment: a crash after the body ...)") is what the
// learner sees when an effect repeated.
Outcome side_effects(const Predicate& p, const Context& c) {
  std::string name = str(p.args, "name");
  Range r = range_of(p.args["runs"]);
  std::string of =
      name.empty() ? "side effects should happen " : in_quotes(name) + "'s side effect should happen ";
  std::string want = of + range_text(r, "times");
  if (!c.execution)
    return no_execution(want);
  explain::Ledger ledger = explain::side_effects(*c.subject.engine, c.execution->arn);
  int n = 0;
  std::string effect;
  for (const auto& run : ledger.runs)
    if (name.empty() || run.operation_name == name) {
      ++n;
      effect = run.effect;
    }
  std::string now = n == 0 ? std::string("no side effect happened")
                           : "\"" + effect + "\" happened " + count_text(n, "time", "times");
  for (const auto& flag : ledger.flags())
    if (n > 1 && (name.empty() || flag.find(name) != std::string::npos)) {
      now = flag;
      break;
    }
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

// The narration (src/explain): how many sentences of a kind the execution's story has ("NonDeterminism",
// "InvocationPending", "StepInterrupted" ...), optionally about one operation.
Outcome story(const Predicate& p, const Context& c) {
  std::string kind = str(p.args, "kind");
  std::string name = str(p.args, "name");
  Range r = opt(p.args, "count") ? range_of(p.args["count"]) : Range{1, std::nullopt};
  std::string about = name.empty() ? "" : " about " + in_quotes(name);
  std::string want = "the story should tell " + range_text(r, kind + " sentences" + about);
  if (!c.execution)
    return no_execution(want);
  int n = 0;
  std::string example;
  for (const auto& sentence : explain::narrate(*c.subject.engine, c.execution->arn)) {
    if (explain::to_string(sentence.kind) != kind || (!name.empty() && sentence.operation_name != name))
      continue;
    ++n;
    if (example.empty())
      example = sentence.text;
  }
  std::string now = "the story tells " + count_text(n, kind + " sentence", kind + " sentences") + about +
                    (example.empty() ? "" : " (\"" + example + "\")");
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

} // namespace

// [SECTION] dispatch

std::optional<Outcome> evaluate_engine(const Predicate& p, const Context& c) {
  const std::string& n = p.name;
  if (n == "executions")
    return executions_count(p, c);
  if (n == "execution_status")
    return execution_status(p, c);
  if (n == "execution_error")
    return execution_error(p, c);
  if (n == "result")
    return execution_result(p, c);
  if (n == "invocations")
    return invocations_count(p, c);
  if (n == "invocation")
    return invocation(p, c);
  if (n == "operation")
    return operation(p, c);
  if (n == "callback")
    return callback(p, c);
  if (n == "order")
    return order(p, c);
  if (n == "billing")
    return billing(p, c);
  if (n == "nondeterminism")
    return nondeterminism(p, c);
  if (n == "code_changed")
    return code_changed(p, c);
  if (n == "crash")
    return crash(p, c);
  if (n == "side_effects")
    return side_effects(p, c);
  if (n == "story")
    return story(p, c);
  return std::nullopt;
}

} // namespace dp::lessons::detail
