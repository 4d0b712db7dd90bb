// [SECTION] index: the predicate table · parsing · helpers · combinators and dispatch
// The check language's front half: which predicates exist and what fields each takes (one table, read by
// the loader and by the documentation test), parsing them from a lesson file, and the combinators.
#include "lessons/check.hpp"

#include <cmath>
#include <cstdio>

#include "explain/explain.hpp"
#include "lessons/check_impl.hpp"

namespace dp::lessons {
namespace {

// [SECTION] the predicate table

enum class FieldType {
  String,
  StringOrList, // "SUCCEEDED" or ["SUCCEEDED", "FAILED"]
  Range,        // 2 or {"min": 1, "max": 3}
  Bool,
  Value,     // any JSON
  IndexWord, // 2, "last" or "any"
  ResultTest // {"path", "equals" | "exists" | "equals_path"}
};

struct Field {
  const char* key;
  FieldType type;
  bool required;
};

// How a predicate's value is shaped.
enum class Shape {
  Object,     // {"field": ...}
  List,       // all, any: [predicate, ...]
  Predicate,  // not, some_execution: a predicate
  StringList, // order: ["a", "b"]
  Status,     // execution_status: "SUCCEEDED" or a list
  Flag        // nondeterminism, code_changed: true or false
};

struct PredicateSpec {
  const char* name;
  Shape shape;
  std::vector<Field> fields; // Shape::Object only
};

const std::vector<PredicateSpec>& specs() {
  using F = FieldType;
  static const std::vector<PredicateSpec> kSpecs = {
      // combinators
      {"all", Shape::List, {}},
      {"any", Shape::List, {}},
      {"not", Shape::Predicate, {}},
      {"some_execution", Shape::Predicate, {}},
      // executions (check_engine.cpp)
      {"executions", Shape::Object, {{"count", F::Range, true}}},
      {"execution_status", Shape::Status, {}},
      {"execution_error", Shape::Object, {{"type", F::String, true}, {"message_contains", F::String, false}}},
      {"result",
       Shape::Object,
       {{"path", F::String, false},
        {"equals", F::Value, false},
        {"exists", F::Bool, false},
        {"equals_path", F::String, false}}},
      {"invocations", Shape::Object, {{"count", F::Range, true}}},
      {"invocation", Shape::Object, {{"index", F::IndexWord, false}, {"status", F::StringOrList, true}}},
      {"operation",
       Shape::Object,
       {{"name", F::String, true},
        {"type", F::String, false},
        {"status", F::StringOrList, false},
        {"attempts", F::Range, false},
        {"body_runs", F::Range, false},
        {"replayed_in", F::Range, false},
        {"executed_in", F::Range, false},
        {"within", F::String, false},
        {"result", F::ResultTest, false},
        {"duration_seconds", F::Range, false}}},
      {"callback",
       Shape::Object,
       {{"name", F::String, true},
        {"status", F::StringOrList, false},
        {"heartbeats", F::Range, false},
        {"open_seconds", F::Range, false}}},
      {"order", Shape::StringList, {}},
      {"billing", Shape::Object, {{"idle_seconds", F::Range, false}, {"billed_seconds", F::Range, false}}},
      {"nondeterminism", Shape::Flag, {}},
      {"code_changed", Shape::Flag, {}},
      {"crash", Shape::Object, {{"at", F::String, false}, {"count", F::Range, true}}},
      {"side_effects", Shape::Object, {{"name", F::String, false}, {"runs", F::Range, true}}},
      {"story",
       Shape::Object,
       {{"kind", F::String, true}, {"name", F::String, false}, {"count", F::Range, false}}},
      // the document (check_static.cpp)
      {"step",
       Shape::Object,
       {{"name", F::String, true},
        {"semantics", F::String, false},
        {"retry", F::String, false},
        {"max_attempts", F::Range, false},
        {"backoff_rate", F::Range, false},
        {"jitter", F::String, false},
        {"returns_contains", F::String, false}}},
      {"in_step", Shape::Object, {{"text", F::String, true}, {"step", F::String, false}}},
      {"outside_steps", Shape::Object, {{"text", F::String, true}}},
      {"statement",
       Shape::Object,
       {{"kind", F::String, true}, {"name", F::String, false}, {"count", F::Range, false}}},
      // Terraform and export (check_static.cpp)
      {"terraform_diagnostics",
       Shape::Object,
       {{"severity", F::String, false}, {"rule", F::String, false}, {"count", F::Range, true}}},
      {"terraform_resource",
       Shape::Object,
       {{"type", F::String, true},
        {"block", F::String, false},
        {"attribute", F::String, false},
        {"count", F::Range, false}}},
      {"export_file", Shape::Object, {{"path", F::String, true}, {"contains", F::String, true}}},
      {"export_terraform", Shape::Object, {{"errors", F::Range, false}, {"warnings", F::Range, false}}},
  };
  return kSpecs;
}

const PredicateSpec* find_spec(std::string_view name) {
  for (const auto& s : specs())
    if (name == s.name)
      return &s;
  return nullptr;
}

// [SECTION] parsing

std::string known_names() {
  std::string out;
  for (const auto& s : specs())
    out += (out.empty() ? "" : ", ") + std::string(s.name);
  return out;
}

Status check_range(const Json& v, const std::string& path) {
  if (v.is_number())
    return ok_status();
  if (!v.is_object() || v.empty())
    return Error{path, "expected a number or {\"min\": N, \"max\": M}"};
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key() != "min" && it.key() != "max")
      return Error{path_key(path, it.key()), "unknown field (a range has min and max)"};
    if (!it.value().is_number())
      return Error{path_key(path, it.key()), "expected a number"};
  }
  return ok_status();
}

Status check_string_or_list(const Json& v, const std::string& path) {
  if (v.is_string())
    return ok_status();
  if (!v.is_array() || v.empty())
    return Error{path, "expected a string or a non-empty list of strings"};
  for (size_t i = 0; i < v.size(); ++i)
    if (!v[i].is_string())
      return Error{path_index(path, i), "expected a string"};
  return ok_status();
}

Status check_result_test(const Json& v, const std::string& path) {
  if (!v.is_object())
    return Error{path, "expected {\"path\": ..., \"equals\": ...} (or \"exists\", \"equals_path\")"};
  int tests = 0;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& k = it.key();
    if (k == "path" || k == "equals_path") {
      if (!it.value().is_string())
        return Error{path_key(path, k), "expected a string"};
      tests += k == "equals_path";
    } else if (k == "exists") {
      if (!it.value().is_boolean())
        return Error{path_key(path, k), "expected true or false"};
      ++tests;
    } else if (k == "equals") {
      ++tests;
    } else {
      return Error{path_key(path, k), "unknown field (expected path, equals, exists or equals_path)"};
    }
  }
  if (tests != 1)
    return Error{path, "needs exactly one of equals, exists or equals_path"};
  return ok_status();
}

Status check_field(const Field& f, const Json& v, const std::string& path) {
  switch (f.type) {
  case FieldType::String:
    return v.is_string() ? ok_status() : Status(Error{path, "expected a string"});
  case FieldType::StringOrList:
    return check_string_or_list(v, path);
  case FieldType::Range:
    return check_range(v, path);
  case FieldType::Bool:
    return v.is_boolean() ? ok_status() : Status(Error{path, "expected true or false"});
  case FieldType::Value:
    return ok_status();
  case FieldType::IndexWord:
    if (v.is_number_integer() && v.get<int64_t>() >= 1)
      return ok_status();
    if (v.is_string() && (v.get<std::string>() == "last" || v.get<std::string>() == "any"))
      return ok_status();
    return Error{path, "expected an invocation number (1, 2 ...), \"last\" or \"any\""};
  case FieldType::ResultTest:
    return check_result_test(v, path);
  }
  return ok_status();
}

} // namespace

Result<Predicate> parse_predicate(const Json& json, const std::string& path) {
  if (!json.is_object())
    return Error{path, "expected a predicate: an object such as {\"execution_status\": \"SUCCEEDED\"}"};
  Predicate p;
  p.path = path;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (it.key() == "say") {
      if (!it.value().is_string())
        return Error{path_key(path, "say"), "expected a string"};
      p.say = it.value().get<std::string>();
    } else if (!p.name.empty()) {
      return Error{path_key(path, it.key()), "a predicate has one name (this one is '" + p.name +
                                                 "'; combine predicates with all/any)"};
    } else {
      p.name = it.key();
      p.args = it.value();
    }
  }
  if (p.name.empty())
    return Error{path, "the predicate has no name (known: " + known_names() + ")"};
  const PredicateSpec* spec = find_spec(p.name);
  std::string at = path_key(path, p.name);
  if (!spec)
    return Error{at, "unknown predicate '" + p.name + "' (known: " + known_names() + ")"};
  switch (spec->shape) {
  case Shape::List:
    if (!p.args.is_array() || p.args.empty())
      return Error{at, "expected a non-empty list of predicates"};
    for (size_t i = 0; i < p.args.size(); ++i) {
      auto child = parse_predicate(p.args[i], path_index(at, i));
      if (!child.ok())
        return child.error();
      p.children.push_back(std::move(*child));
    }
    break;
  case Shape::Predicate: {
    auto child = parse_predicate(p.args, at);
    if (!child.ok())
      return child.error();
    p.children.push_back(std::move(*child));
    break;
  }
  case Shape::StringList:
    if (!p.args.is_array() || p.args.size() < 2)
      return Error{at, "expected a list of at least two operation names"};
    for (size_t i = 0; i < p.args.size(); ++i)
      if (!p.args[i].is_string())
        return Error{path_index(at, i), "expected an operation name"};
    break;
  case Shape::Status:
    if (auto st = check_string_or_list(p.args, at); !st.ok())
      return st.error();
    for (const Json& s : p.args.is_array() ? p.args : Json::array({p.args}))
      if (!engine::parse_execution_status(s.get<std::string>()))
        return Error{at, "unknown execution status '" + s.get<std::string>() +
                             "' (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED)"};
    break;
  case Shape::Flag:
    if (!p.args.is_boolean())
      return Error{at, "expected true or false"};
    break;
  case Shape::Object:
    if (!p.args.is_object())
      return Error{at, "expected an object"};
    for (auto it = p.args.begin(); it != p.args.end(); ++it) {
      const Field* field = nullptr;
      for (const auto& f : spec->fields)
        if (it.key() == f.key)
          field = &f;
      if (!field) {
        std::string fields;
        for (const auto& f : spec->fields)
          fields += (fields.empty() ? "" : ", ") + std::string(f.key);
        return Error{path_key(at, it.key()), "unknown field of '" + p.name + "' (fields: " + fields + ")"};
      }
      if (auto st = check_field(*field, it.value(), path_key(at, it.key())); !st.ok())
        return st.error();
    }
    for (const auto& f : spec->fields)
      if (f.required && !p.args.contains(f.key))
        return Error{at, "'" + p.name + "' needs the field '" + f.key + "'"};
    if (p.name == "result") // its own fields are a result test
      if (auto st = check_result_test(p.args, at); !st.ok())
        return st.error();
    if (p.name == "story") { // a narration kind's stable name (explain.hpp kSentenceKindNames)
      std::string kind = p.args["kind"].get<std::string>();
      bool known = false;
      for (const char* k : explain::kSentenceKindNames)
        known = known || kind == k;
      if (!known)
        return Error{path_key(at, "kind"),
                     "unknown sentence kind '" + kind + "' (see src/explain/explain.hpp)"};
    }
    break;
  }
  return p;
}

std::vector<std::string> predicate_names() {
  std::vector<std::string> out;
  for (const auto& s : specs())
    out.push_back(s.name);
  return out;
}

// [SECTION] helpers shared by the predicate files

namespace detail {

std::vector<const engine::Execution*> lesson_executions(const Subject& s) {
  std::vector<const engine::Execution*> out;
  if (!s.engine)
    return out;
  const auto& order = s.engine->service().execution_order();
  for (size_t i = s.first_execution; i < order.size(); ++i) {
    const engine::Execution* e = s.engine->execution(order[i]);
    if (e && e->parent_arn.empty())
      out.push_back(e);
  }
  return out;
}

Range range_of(const Json& j) {
  Range r;
  if (j.is_number()) {
    r.min = r.max = j.get<double>();
    return r;
  }
  if (const Json* v = find_member(j, "min"))
    r.min = v->get<double>();
  if (const Json* v = find_member(j, "max"))
    r.max = v->get<double>();
  return r;
}

std::string number_text(double n) {
  char buf[32];
  if (std::floor(n) == n && std::fabs(n) < 1e15)
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  else
    std::snprintf(buf, sizeof buf, "%.3g", n);
  return buf;
}

std::string range_text(const Range& r, const std::string& unit) {
  std::string u = unit.empty() ? "" : " " + unit;
  if (r.min && r.max && *r.min == *r.max)
    return "exactly " + number_text(*r.min) + u;
  if (r.min && r.max)
    return "between " + number_text(*r.min) + " and " + number_text(*r.max) + u;
  if (r.min)
    return "at least " + number_text(*r.min) + u;
  if (r.max)
    return "at most " + number_text(*r.max) + u;
  return "any number of" + u;
}

std::string count_text(double n, const std::string& singular, const std::string& plural) {
  return number_text(n) + " " + (n == 1 ? singular : plural);
}

std::string str(const Json& args, const char* key) {
  const Json* v = find_member(args, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

const Json* opt(const Json& args, const char* key) {
  return args.is_object() ? find_member(args, key) : nullptr;
}

Outcome pass(std::string now, std::string want) {
  return Outcome{true, std::move(now), std::move(want)};
}

Outcome fail(std::string now, std::string want) {
  return Outcome{false, std::move(now), std::move(want)};
}

} // namespace detail

// [SECTION] combinators and dispatch

std::string Outcome::missing() const {
  if (now.empty())
    return want;
  if (want.empty())
    return now;
  return now + "; " + want;
}

std::string Report::missing() const {
  std::string out;
  for (const auto& item : items)
    if (!item.passed)
      out += (out.empty() ? "" : "\n") + item.missing();
  return out;
}

namespace {

using detail::Context;

Outcome evaluate_in(const Predicate& p, const Context& c);

Outcome evaluate_combinator(const Predicate& p, const Context& c) {
  if (p.name == "all") {
    // Held: what each part is and asks, so that a done item says what holds (not just that it does).
    std::string now, want;
    auto add = [](std::string& to, const std::string& part) {
      if (!part.empty())
        to += (to.empty() ? "" : "; ") + part;
    };
    for (const auto& child : p.children) {
      Outcome o = evaluate_in(child, c);
      if (!o.passed)
        return o; // the first thing missing is the next thing to do
      add(now, o.now);
      add(want, o.want);
    }
    return detail::pass(now, p.say.empty() ? want : p.say);
  }
  if (p.name == "any") {
    Outcome first;
    for (size_t i = 0; i < p.children.size(); ++i) {
      Outcome o = evaluate_in(p.children[i], c);
      if (o.passed)
        return o;
      if (i == 0)
        first = std::move(o);
    }
    // Several ways to the goal: what the first way sees now, and the lesson's words for all of them.
    return detail::fail(first.now, p.say.empty() ? first.want : p.say);
  }
  if (p.name == "not") {
    Outcome o = evaluate_in(p.children[0], c);
    std::string want = p.say.empty() ? "the opposite is wanted: " + o.want : p.say;
    return o.passed ? detail::fail(o.now, want) : detail::pass(o.now, want);
  }
  // some_execution: the first execution of the lesson for which the predicate holds; when none does, what
  // the latest one lacks.
  auto executions = detail::lesson_executions(c.subject);
  Outcome last;
  for (const engine::Execution* e : executions) {
    Context inner{c.subject, e, true};
    Outcome o = evaluate_in(p.children[0], inner);
    if (o.passed)
      return o;
    last = o;
  }
  if (executions.empty())
    return detail::fail("no execution has started yet", p.say.empty() ? p.children[0].say : p.say);
  std::string want = p.say.empty() ? "start another execution where: " + last.want : p.say;
  return detail::fail("in the latest execution, " + last.now, want);
}

Outcome evaluate_in(const Predicate& p, const Context& c) {
  Outcome o;
  if (p.name == "all" || p.name == "any" || p.name == "not" || p.name == "some_execution") {
    return evaluate_combinator(p, c);
  } else if (auto e = detail::evaluate_engine(p, c)) {
    o = std::move(*e);
  } else if (auto s = detail::evaluate_static(p, c)) {
    o = std::move(*s);
  } else {
    assert(false && "a predicate in the table has no evaluator: add it to check_engine or check_static");
    o = detail::fail("the check '" + p.name + "' cannot be evaluated", "");
  }
  if (!p.say.empty())
    o.want = p.say;
  return o;
}

detail::Context top_context(const Subject& subject) {
  auto executions = detail::lesson_executions(subject);
  return Context{subject, executions.empty() ? nullptr : executions.back(), !executions.empty()};
}

} // namespace

Outcome evaluate_one(const Predicate& predicate, const Subject& subject) {
  return evaluate_in(predicate, top_context(subject));
}

Report evaluate(const Predicate& check, const Subject& subject) {
  Report r;
  Context c = top_context(subject);
  if (check.name == "all") {
    for (const auto& child : check.children)
      r.items.push_back(evaluate_in(child, c));
  } else {
    r.items.push_back(evaluate_in(check, c));
  }
  r.passed = true;
  for (const auto& item : r.items)
    r.passed = r.passed && item.passed;
  return r;
}

} // namespace dp::lessons
