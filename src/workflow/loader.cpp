// [SECTION] index: Reader (typed access with paths) · statements · function/simulation · scope checking
#include "workflow/loader.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "workflow/value_template.hpp"

namespace dp::workflow {
namespace {

constexpr int64_t kMaxWaitSeconds = 31'622'400;     // 366 days: API_WaitOptions, API_DurableConfig
constexpr int64_t kMaxCallbackSeconds = 99'999'999; // API_CallbackOptions
constexpr int kMaxBodyDepth = 64;                   // nested bodies (if, try, contexts, branches)

// [SECTION] Names the export writes into Terraform and shell commands (Lambda API patterns)

bool only_name_chars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}
// CreateFunction FunctionName (a plain name; export never writes an ARN here).
bool is_lambda_function_name(std::string_view s) {
  return !s.empty() && s.size() <= 64 && only_name_chars(s);
}
// CreateAlias Name: (?!^[0-9]+$)([a-zA-Z0-9-_]+), 1-128 (the validator's LMB008).
bool is_lambda_alias_name(std::string_view s) {
  return !s.empty() && s.size() <= 128 && only_name_chars(s) &&
         s.find_first_not_of("0123456789") != std::string_view::npos;
}
// Region codes: lowercase words joined by '-', ending in a number ("us-east-2", "us-gov-west-1").
bool is_aws_region(std::string_view s) {
  if (s.size() < 4 || s.size() > 32 || s.front() == '-' || s.back() == '-' || s.find("--") != s.npos)
    return false;
  size_t dash = s.rfind('-');
  if (dash == std::string_view::npos || dash + 1 == s.size())
    return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = i > dash ? (c >= '0' && c <= '9') : ((c >= 'a' && c <= 'z') || c == '-');
    if (!ok)
      return false;
  }
  return true;
}
// CreateFunction Handler: [^\s]+, at most 128 characters; we also keep it printable ASCII.
bool is_lambda_handler(std::string_view s) {
  return !s.empty() && s.size() <= 128 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}
// Text quoted in a message: control characters and non-ASCII shown as '?', long text cut.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 80))
    out += (c >= 0x20 && c < 0x7F) ? c : '?';
  return s.size() > 80 ? out + "..." : out;
}

// [SECTION] Reader: typed, non-throwing access that remembers the first error and its path.
class Reader {
public:
  bool failed() const { return m_failed; }
  const Error& error() const { return m_error; }

  bool fail(const std::string& path, std::string message) {
    if (!m_failed) {
      m_failed = true;
      m_error = Error{path, std::move(message)};
    }
    return false;
  }

  // Checks j is an object with only the allowed keys.
  bool object(const Json& j, const std::string& path, std::initializer_list<const char*> allowed) {
    if (!j.is_object())
      return fail(path, std::string("expected an object, got ") + j.type_name());
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* k) { return it.key() == k; });
      if (!known) {
        std::string list;
        for (const char* k : allowed)
          list += (list.empty() ? "" : ", ") + std::string(k);
        return fail(path_key(path, it.key()),
                    "unknown field '" + it.key() + "' (expected one of: " + list + ")");
      }
    }
    return true;
  }

  bool string(const Json& obj, const std::string& path, const char* key, std::string& out,
              bool required = false) {
    const Json* v = find_member(obj, key);
    if (!v)
      return required ? fail(path_key(path, key), "required field is missing") : true;
    if (!v->is_string())
      return fail(path_key(path, key), std::string("expected a string, got ") + v->type_name());
    out = v->get<std::string>();
    return true;
  }

  bool integer(const Json& obj, const std::string& path, const char* key, int64_t& out, int64_t lo,
               int64_t hi, bool required = false) {
    const Json* v = find_member(obj, key);
    if (!v)
      return required ? fail(path_key(path, key), "required field is missing") : true;
    if (!v->is_number_integer() &&
        !(v->is_number_float() && std::floor(v->get<double>()) == v->get<double>() &&
          std::fabs(v->get<double>()) < 1e15))
      return fail(path_key(path, key), std::string("expected an integer, got ") + v->type_name());
    int64_t x = v->is_number_integer() ? v->get<int64_t>() : static_cast<int64_t>(v->get<double>());
    if (x < lo || x > hi)
      return fail(path_key(path, key), "value " + std::to_string(x) + " is out of range " +
                                           std::to_string(lo) + ".." + std::to_string(hi));
    out = x;
    return true;
  }

  template <typename T>
  bool optional_int(const Json& obj, const std::string& path, const char* key, std::optional<T>& out,
                    int64_t lo, int64_t hi) {
    if (!find_member(obj, key))
      return true;
    int64_t x = 0;
    if (!integer(obj, path, key, x, lo, hi))
      return false;
    out = static_cast<T>(x);
    return true;
  }

  bool number(const Json& obj, const std::string& path, const char* key, std::optional<double>& out,
              double lo, double hi) {
    const Json* v = find_member(obj, key);
    if (!v)
      return true;
    if (!v->is_number())
      return fail(path_key(path, key), std::string("expected a number, got ") + v->type_name());
    double x = v->get<double>();
    if (x < lo || x > hi)
      return fail(path_key(path, key), "value " + text_of(*v) + " is out of range");
    out = x;
    return true;
  }

  bool boolean(const Json& obj, const std::string& path, const char* key, bool& out) {
    const Json* v = find_member(obj, key);
    if (!v)
      return true;
    if (!v->is_boolean())
      return fail(path_key(path, key), std::string("expected true or false, got ") + v->type_name());
    out = v->get<bool>();
    return true;
  }

  // An operation name: null (unnamed) or 1..256 printable ASCII characters (API_OperationUpdate).
  bool name(const Json& v, const std::string& path, std::optional<std::string>& out) {
    if (v.is_null()) {
      out.reset();
      return true;
    }
    if (!v.is_string())
      return fail(path, std::string("an operation name must be a string or null, got ") + v.type_name());
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty() || s.size() > 256)
      return fail(path,
                  "an operation name must be 1 to 256 characters (got " + std::to_string(s.size()) + ")");
    for (char c : s)
      if (c < 0x20 || c > 0x7E)
        return fail(path, "an operation name must be printable ASCII (the service rejects other characters)");
    out = s;
    return true;
  }

  bool variable(const Json& obj, const std::string& path, const char* key, std::string& out,
                bool required = false) {
    if (!string(obj, path, key, out, required))
      return false;
    if (out.empty() && !required)
      return true;
    bool ok = !out.empty() && (std::isalpha(static_cast<unsigned char>(out[0])) || out[0] == '_');
    for (char c : out)
      ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!ok)
      return fail(path_key(path, key), "'" + out + "' is not a valid variable name (letters, digits, _)");
    if (out == "input" || out == "attempt" || out == "state")
      return fail(path_key(path, key), "'" + out + "' is reserved; choose another variable name");
    return true;
  }

  bool error_spec(const Json& j, const std::string& path, ErrorSpec& out) {
    if (!object(j, path, {"type", "message", "data"}))
      return false;
    if (!string(j, path, "type", out.type, true) || !string(j, path, "message", out.message))
      return false;
    if (const Json* d = find_member(j, "data"))
      out.data = *d;
    return true;
  }

  bool jitter(const Json& obj, const std::string& path, const char* key, std::optional<Jitter>& out) {
    std::string s;
    if (!string(obj, path, key, s))
      return false;
    if (s.empty())
      return true;
    if (s == "full")
      out = Jitter::Full;
    else if (s == "half")
      out = Jitter::Half;
    else if (s == "none")
      out = Jitter::None;
    else
      return fail(path_key(path, key), "jitter must be \"full\", \"half\" or \"none\"");
    return true;
  }

private:
  bool m_failed = false;
  Error m_error;
};

// [SECTION] Statements

const char* const kKeywords[] = {"step",
                                 "wait",
                                 "create_callback",
                                 "await_callback",
                                 "wait_for_callback",
                                 "wait_for_condition",
                                 "child_context",
                                 "parallel",
                                 "map",
                                 "invoke",
                                 "try",
                                 "if",
                                 "log",
                                 "return",
                                 "raise",
                                 "let"};
static_assert(std::size(kKeywords) == static_cast<size_t>(StatementKind::Let) + 1);

std::optional<StatementKind> keyword_kind(const std::string& key) {
  for (size_t i = 0; i < std::size(kKeywords); ++i)
    if (key == kKeywords[i])
      return static_cast<StatementKind>(i);
  return std::nullopt;
}

class Loader {
public:
  Reader r;
  int m_body_depth = 0; // bodies open around the statement being read

  bool throws(const Json& obj, const std::string& path, std::vector<ThrowSpec>& out) {
    const Json* t = find_member(obj, "throws");
    if (!t)
      return true;
    std::string tp = path_key(path, "throws");
    if (!t->is_array())
      return r.fail(tp, "expected a list of {\"attempts\": [1, 2] or \"all\", \"error\": {...}}");
    for (size_t i = 0; i < t->size(); ++i) {
      const Json& item = (*t)[i];
      std::string ip = path_index(tp, i);
      if (!r.object(item, ip, {"attempts", "error"}))
        return false;
      ThrowSpec spec;
      const Json* a = find_member(item, "attempts");
      if (!a || a->is_null() || (a->is_string() && a->get<std::string>() == "all")) {
        spec.all_attempts = true;
      } else if (a->is_array()) {
        for (size_t k = 0; k < a->size(); ++k) {
          if (!(*a)[k].is_number_integer() || (*a)[k].get<int64_t>() < 1)
            return r.fail(path_index(path_key(ip, "attempts"), k), "attempt numbers are integers from 1");
          spec.attempts.push_back((*a)[k].get<int>());
        }
      } else {
        return r.fail(path_key(ip, "attempts"), "expected a list of attempt numbers or \"all\"");
      }
      const Json* e = find_member(item, "error");
      if (!e)
        return r.fail(path_key(ip, "error"), "required field is missing");
      if (!r.error_spec(*e, path_key(ip, "error"), spec.error))
        return false;
      out.push_back(std::move(spec));
    }
    return true;
  }

  bool step_body(const Json& obj, const std::string& path, StepBody& body) {
    if (const Json* v = find_member(obj, "returns")) {
      body.returns = *v;
      body.has_returns = true;
    }
    return r.integer(obj, path, "duration_ms", body.duration_ms, 0, 900'000) &&
           throws(obj, path, body.throws);
  }

  bool retry(const Json& obj, const std::string& path, Statement& s) {
    const Json* v = find_member(obj, "retry");
    if (!v)
      return true;
    std::string p = path_key(path, "retry");
    if (v->is_string()) {
      if (*v == "none")
        s.retry_mode = RetryMode::None;
      else if (*v == "default")
        s.retry_mode = RetryMode::Default;
      else
        return r.fail(p, "retry must be \"none\", \"default\" or an object");
      return true;
    }
    if (!r.object(*v, p,
                  {"max_attempts", "initial_delay_seconds", "max_delay_seconds", "backoff_rate", "jitter",
                   "retryable_error_types"}))
      return false;
    s.retry_mode = RetryMode::Custom;
    if (!r.optional_int(*v, p, "max_attempts", s.retry.max_attempts, 1, 1000) ||
        !r.number(*v, p, "initial_delay_seconds", s.retry.initial_delay_seconds, 0, kMaxWaitSeconds) ||
        !r.number(*v, p, "max_delay_seconds", s.retry.max_delay_seconds, 0, kMaxWaitSeconds) ||
        !r.number(*v, p, "backoff_rate", s.retry.backoff_rate, 0, 1000) ||
        !r.jitter(*v, p, "jitter", s.retry.jitter))
      return false;
    if (const Json* types = find_member(*v, "retryable_error_types")) {
      if (!types->is_array())
        return r.fail(path_key(p, "retryable_error_types"), "expected a list of error type names");
      for (size_t i = 0; i < types->size(); ++i) {
        if (!(*types)[i].is_string())
          return r.fail(path_index(path_key(p, "retryable_error_types"), i), "expected a string");
        s.retry.retryable_error_types.push_back((*types)[i].get<std::string>());
      }
    }
    return true;
  }

  bool completion(const Json& obj, const std::string& path, Statement& s) {
    if (!r.optional_int(obj, path, "max_concurrency", s.max_concurrency, 1, 1'000'000))
      return false;
    std::string nesting;
    if (!r.string(obj, path, "nesting", nesting))
      return false;
    if (!nesting.empty() && nesting != "nested" && nesting != "flat")
      return r.fail(path_key(path, "nesting"), "expected \"nested\" (default) or \"flat\"");
    s.flat_nesting = nesting == "flat";
    const Json* c = find_member(obj, "completion");
    if (!c)
      return true;
    std::string p = path_key(path, "completion");
    if (!r.object(*c, p, {"min_successful", "tolerated_failure_count", "tolerated_failure_percentage"}))
      return false;
    return r.optional_int(*c, p, "min_successful", s.completion.min_successful, 0, 1'000'000) &&
           r.optional_int(*c, p, "tolerated_failure_count", s.completion.tolerated_failure_count, 0,
                          1'000'000) &&
           r.number(*c, p, "tolerated_failure_percentage", s.completion.tolerated_failure_percentage, 0, 100);
  }

  bool callback_timeouts(const Json& obj, const std::string& path, Statement& s) {
    return r.integer(obj, path, "timeout_seconds", s.timeout_seconds, 0, kMaxCallbackSeconds) &&
           r.integer(obj, path, "heartbeat_timeout_seconds", s.heartbeat_timeout_seconds, 0,
                     kMaxCallbackSeconds);
  }

  bool body(const Json& j, const std::string& path, Body& out) {
    if (!j.is_array())
      return r.fail(path, std::string("expected a list of statements, got ") + j.type_name());
    // Bodies nest through if/try/child contexts/branches: bounded, so that every recursive walk of a
    // document (scope checks, the engine, the exporter, the editor) stays within the stack (issue 14).
    if (m_body_depth >= kMaxBodyDepth)
      return r.fail(path, "statements nest more than " + std::to_string(kMaxBodyDepth) +
                              " levels deep (the playground's limit)");
    ++m_body_depth;
    for (size_t i = 0; i < j.size(); ++i) {
      Statement s;
      if (!statement(j[i], path_index(path, i), s)) {
        --m_body_depth;
        return false;
      }
      out.push_back(std::move(s));
    }
    --m_body_depth;
    return true;
  }

  bool statement(const Json& j, const std::string& path, Statement& s) {
    if (!j.is_object() || j.empty())
      return r.fail(path,
                    "a statement is an object whose first key says what it is (\"step\", \"wait\", ...)");
    const std::string& key = j.begin().key();
    auto kind = keyword_kind(key);
    if (!kind) {
      std::string list;
      for (const char* k : kKeywords)
        list += (list.empty() ? "" : ", ") + std::string(k);
      return r.fail(path_key(path, key), "unknown statement '" + key + "' (expected one of: " + list + ")");
    }
    s.kind = *kind;
    s.path = path;
    const Json& head = j.begin().value();
    std::string hp = path_key(path, key);
    switch (s.kind) {
    case StatementKind::Step:
      return r.object(
                 j, path,
                 {"step", "returns", "as", "duration_ms", "throws", "retry", "semantics", "side_effect"}) &&
             r.name(head, hp, s.name) && r.variable(j, path, "as", s.as) && step_body(j, path, s.body) &&
             retry(j, path, s) && semantics(j, path, s) && r.string(j, path, "side_effect", s.side_effect);
    case StatementKind::Wait: {
      if (!r.object(j, path, {"wait", "seconds", "minutes", "hours", "days"}) || !r.name(head, hp, s.name))
        return false;
      int64_t sec = 0, min = 0, hours = 0, days = 0;
      if (!r.integer(j, path, "seconds", sec, 0, kMaxWaitSeconds) ||
          !r.integer(j, path, "minutes", min, 0, 527'040) || !r.integer(j, path, "hours", hours, 0, 8784) ||
          !r.integer(j, path, "days", days, 0, 366))
        return false;
      s.wait_seconds = sec + 60 * min + 3600 * hours + 86400 * days;
      if (s.wait_seconds < 1 || s.wait_seconds > kMaxWaitSeconds)
        return r.fail(path,
                      "the wait lasts " + std::to_string(s.wait_seconds) +
                          " s; the service accepts 1 to 31,622,400 s (seconds + minutes + hours + days)");
      return true;
    }
    case StatementKind::CreateCallback:
      return r.object(j, path, {"create_callback", "as", "timeout_seconds", "heartbeat_timeout_seconds"}) &&
             r.name(head, hp, s.name) && r.variable(j, path, "as", s.as, true) &&
             callback_timeouts(j, path, s);
    case StatementKind::AwaitCallback:
      if (!r.object(j, path, {"await_callback", "as", "parse_json"}) ||
          !r.variable(j, path, "await_callback", s.callback_var, true))
        return false;
      return r.variable(j, path, "as", s.as) && r.boolean(j, path, "parse_json", s.parse_json);
    case StatementKind::WaitForCallback: {
      if (!r.object(j, path,
                    {"wait_for_callback", "as", "submitter", "timeout_seconds", "heartbeat_timeout_seconds",
                     "retry", "parse_json"}) ||
          !r.name(head, hp, s.name) || !r.variable(j, path, "as", s.as) || !callback_timeouts(j, path, s) ||
          !retry(j, path, s) || !r.boolean(j, path, "parse_json", s.parse_json))
        return false;
      if (const Json* sub = find_member(j, "submitter")) {
        std::string sp = path_key(path, "submitter");
        return r.object(*sub, sp, {"returns", "duration_ms", "throws"}) && step_body(*sub, sp, s.body);
      }
      return true;
    }
    case StatementKind::WaitForCondition: {
      if (!r.object(j, path, {"wait_for_condition", "as", "initial_state", "check", "wait_strategy"}) ||
          !r.name(head, hp, s.name) || !r.variable(j, path, "as", s.as))
        return false;
      if (const Json* v = find_member(j, "initial_state"))
        s.initial_state = *v;
      const Json* check = find_member(j, "check");
      std::string cp = path_key(path, "check");
      if (!check)
        return r.fail(
            cp,
            "required field is missing (e.g. {\"returns\": \"${state}\", \"done_when\": {\"attempt\": 3}})");
      if (!r.object(*check, cp, {"returns", "done_when", "throws"}) || !throws(*check, cp, s.check_throws))
        return false;
      if (const Json* v = find_member(*check, "returns"))
        s.check_returns = *v;
      if (const Json* dw = find_member(*check, "done_when")) {
        // {"attempt": N}, {"condition": COND} over ${state} (docs/workflow-format-extensions.md), or both:
        // the check is done when either holds.
        std::string dp = path_key(cp, "done_when");
        const Json* cond = dw->is_object() ? find_member(*dw, "condition") : nullptr;
        int64_t attempt = cond ? 0 : 1;
        if (!r.object(*dw, dp, {"attempt", "condition"}) ||
            !r.integer(*dw, dp, "attempt", attempt, 1, 100'000, !cond))
          return false;
        s.done_when_attempt = static_cast<int>(attempt);
        if (cond)
          s.done_when_condition = *cond;
      }
      if (const Json* ws = find_member(j, "wait_strategy")) {
        std::string wp = path_key(path, "wait_strategy");
        WaitStrategy& w = s.wait_strategy;
        return r.object(*ws, wp,
                        {"initial_delay_seconds", "max_delay_seconds", "backoff_rate", "max_attempts",
                         "jitter"}) &&
               r.number(*ws, wp, "initial_delay_seconds", w.initial_delay_seconds, 0, kMaxWaitSeconds) &&
               r.number(*ws, wp, "max_delay_seconds", w.max_delay_seconds, 0, kMaxWaitSeconds) &&
               r.number(*ws, wp, "backoff_rate", w.backoff_rate, 0, 1000) &&
               r.optional_int(*ws, wp, "max_attempts", w.max_attempts, 1, 100'000) &&
               r.jitter(*ws, wp, "jitter", w.jitter);
      }
      return true;
    }
    case StatementKind::ChildContext:
      if (!r.object(j, path, {"child_context", "body", "as"}) || !r.name(head, hp, s.name) ||
          !r.variable(j, path, "as", s.as))
        return false;
      if (!find_member(j, "body"))
        return r.fail(path_key(path, "body"), "required field is missing");
      return body(j["body"], path_key(path, "body"), s.children);
    case StatementKind::Parallel: {
      if (!r.object(j, path, {"parallel", "branches", "as", "max_concurrency", "completion", "nesting"}) ||
          !r.name(head, hp, s.name) || !r.variable(j, path, "as", s.as) || !completion(j, path, s))
        return false;
      const Json* b = find_member(j, "branches");
      std::string bp = path_key(path, "branches");
      if (!b || !b->is_array())
        return r.fail(bp, "expected a list of {\"name\": ..., \"body\": [...]}");
      for (size_t i = 0; i < b->size(); ++i) {
        std::string ip = path_index(bp, i);
        Branch branch;
        if (!r.object((*b)[i], ip, {"name", "body"}))
          return false;
        if (const Json* n = find_member((*b)[i], "name"); n && !r.name(*n, path_key(ip, "name"), branch.name))
          return false;
        const Json* bb = find_member((*b)[i], "body");
        if (!bb)
          return r.fail(path_key(ip, "body"), "required field is missing");
        if (!body(*bb, path_key(ip, "body"), branch.body))
          return false;
        s.branches.push_back(std::move(branch));
      }
      return true;
    }
    case StatementKind::Map: {
      if (!r.object(j, path,
                    {"map", "items", "item_as", "index_as", "body", "as", "max_concurrency", "completion",
                     "nesting"}) ||
          !r.name(head, hp, s.name) || !r.variable(j, path, "as", s.as) ||
          !r.variable(j, path, "item_as", s.item_as, true) || !r.variable(j, path, "index_as", s.index_as) ||
          !completion(j, path, s))
        return false;
      const Json* items = find_member(j, "items");
      if (!items)
        return r.fail(path_key(path, "items"),
                      "required field is missing (a list, or \"${variable}\" naming one)");
      s.items = *items;
      if (!find_member(j, "body"))
        return r.fail(path_key(path, "body"), "required field is missing");
      return body(j["body"], path_key(path, "body"), s.children);
    }
    case StatementKind::Invoke:
      if (!r.object(j, path, {"invoke", "function", "payload", "as", "tenant_id"}) ||
          !r.name(head, hp, s.name) || !r.variable(j, path, "as", s.as) ||
          !r.string(j, path, "function", s.function, true) || !r.string(j, path, "tenant_id", s.tenant_id))
        return false;
      if (const Json* p = find_member(j, "payload"))
        s.payload = *p;
      return true;
    case StatementKind::Try:
      if (!r.object(j, path, {"try", "catch", "error_as"}) || !body(head, hp, s.children) ||
          !r.variable(j, path, "error_as", s.error_as))
        return false;
      if (const Json* c = find_member(j, "catch"))
        return body(*c, path_key(path, "catch"), s.catch_body);
      return true;
    case StatementKind::If:
      if (!r.object(j, path, {"if", "then", "else"}))
        return false;
      s.condition = head;
      if (const Json* t = find_member(j, "then"); t && !body(*t, path_key(path, "then"), s.children))
        return false;
      if (const Json* e = find_member(j, "else"); e && !body(*e, path_key(path, "else"), s.else_body))
        return false;
      return true;
    case StatementKind::Log:
      if (!r.object(j, path, {"log"}))
        return false;
      s.value = head;
      return true;
    case StatementKind::Return:
      if (!r.object(j, path, {"return"}))
        return false;
      s.value = head;
      return true;
    case StatementKind::Raise:
      return r.object(j, path, {"raise"}) && r.error_spec(head, hp, s.error);
    case StatementKind::Let: {
      if (!r.object(j, path, {"let", "value"}) || !r.variable(j, path, "let", s.as, true))
        return false;
      const Json* v = find_member(j, "value");
      if (!v)
        return r.fail(path_key(path, "value"),
                      "required field is missing (the value to bind, e.g. \"${uuid()}\")");
      s.value = *v;
      return true;
    }
    }
    return false;
  }

  bool semantics(const Json& j, const std::string& path, Statement& s) {
    std::string v;
    if (!r.string(j, path, "semantics", v))
      return false;
    if (v.empty() || v == "at_least_once_per_retry")
      s.semantics = StepSemantics::AtLeastOncePerRetry;
    else if (v == "at_most_once_per_retry")
      s.semantics = StepSemantics::AtMostOncePerRetry;
    else
      return r.fail(path_key(path, "semantics"),
                    "expected \"at_least_once_per_retry\" or \"at_most_once_per_retry\"");
    return true;
  }

  // [SECTION] Function configuration, invoke targets, simulation plan

  bool function(const Json& j, const std::string& path, FunctionConfig& f) {
    if (!r.object(
            j, path,
            {"name", "runtime", "handler", "memory_size", "timeout", "region", "alias", "durable_config"}))
      return false;
    int64_t memory = f.memory_size, timeout = f.timeout;
    if (!r.string(j, path, "name", f.name) || !r.string(j, path, "runtime", f.runtime, true) ||
        !r.string(j, path, "handler", f.handler) || !r.integer(j, path, "memory_size", memory, 128, 10240) ||
        !r.integer(j, path, "timeout", timeout, 1, 900) || !r.string(j, path, "region", f.region) ||
        !r.string(j, path, "alias", f.alias))
      return false;
    f.memory_size = static_cast<int>(memory);
    f.timeout = static_cast<int>(timeout);
    if (!is_durable_runtime(f.runtime))
      return r.fail(path_key(path, "runtime"),
                    "runtime \"" + f.runtime +
                        "\" cannot run durable functions; use python3.13, python3.14, "
                        "nodejs22.x or nodejs24.x");
    if (find_member(j, "handler") == nullptr)
      f.handler = f.flavor() == Flavor::Python ? "lambda_function.lambda_handler" : "index.handler";
    // The names export writes into Terraform and shell commands follow the Lambda API's own patterns
    // (CreateFunction FunctionName, CreateAlias Name, Handler; the validator's LMB004/LMB008), so an
    // exported project never fails our own validator and no name can carry shell or HCL syntax.
    if (!is_lambda_function_name(f.name))
      return r.fail(path_key(path, "name"),
                    "a function name must be 1-64 characters of letters, digits, - and _ (got \"" +
                        printable(f.name) + "\")");
    if (!is_lambda_alias_name(f.alias))
      return r.fail(path_key(path, "alias"),
                    "an alias must be 1-128 characters of letters, digits, - and _, not digits only (got \"" +
                        printable(f.alias) + "\")");
    if (!is_aws_region(f.region))
      return r.fail(path_key(path, "region"),
                    "expected a region code such as \"us-east-2\" (got \"" + printable(f.region) + "\")");
    if (!is_lambda_handler(f.handler))
      return r.fail(path_key(path, "handler"), "a handler must be 1-128 characters without spaces, such as "
                                               "\"lambda_function.lambda_handler\" (got \"" +
                                                   printable(f.handler) + "\")");
    const Json* dc = find_member(j, "durable_config");
    std::string dp = path_key(path, "durable_config");
    if (!dc)
      return r.fail(
          dp, "required field is missing: {\"execution_timeout\": seconds, \"retention_period\": days}");
    int64_t retention = f.retention_period;
    if (!r.object(*dc, dp, {"execution_timeout", "retention_period"}) ||
        !r.integer(*dc, dp, "execution_timeout", f.execution_timeout, 1, kMaxWaitSeconds, true) ||
        !r.integer(*dc, dp, "retention_period", retention, 1, 90))
      return false;
    f.retention_period = static_cast<int>(retention);
    return true;
  }

  bool functions(const Json& j, const std::string& path, std::map<std::string, InvokeTarget>& out,
                 int depth) {
    if (!j.is_object())
      return r.fail(path, "expected an object mapping function names to targets");
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string fp = path_key(path, it.key());
      if (!r.object(it.value(), fp, {"returns", "duration_seconds", "throws", "workflow"}))
        return false;
      InvokeTarget t;
      if (const Json* v = find_member(it.value(), "returns"))
        t.returns = *v;
      if (!r.integer(it.value(), fp, "duration_seconds", t.duration_seconds, 0, kMaxWaitSeconds))
        return false;
      if (const Json* th = find_member(it.value(), "throws")) {
        ErrorSpec e;
        if (!r.error_spec(*th, path_key(fp, "throws"), e))
          return false;
        t.throws = e;
      }
      if (const Json* wf = find_member(it.value(), "workflow")) {
        if (depth >= 4)
          return r.fail(path_key(fp, "workflow"), "durable invoke targets nest at most 4 deep");
        auto doc = std::make_shared<Document>();
        if (!document(*wf, path_key(fp, "workflow"), *doc, depth + 1))
          return false;
        t.workflow = doc;
      }
      out[it.key()] = std::move(t);
    }
    return true;
  }

  bool simulation(const Json& j, const std::string& path, Simulation& sim, const Document& doc) {
    if (!r.object(j, path, {"seed", "faults", "callbacks", "stop_after_seconds", "edits", "lift_quotas"}) ||
        !r.boolean(j, path, "lift_quotas", sim.lift_quotas))
      return false;
    if (const Json* seed = find_member(j, "seed")) {
      if (!seed->is_number_integer())
        return r.fail(path_key(path, "seed"), "expected an integer");
      sim.seed = seed->get<uint64_t>();
    }
    if (const Json* faults = find_member(j, "faults")) {
      std::string fp = path_key(path, "faults");
      if (!faults->is_array())
        return r.fail(fp, "expected a list of faults");
      for (size_t i = 0; i < faults->size(); ++i) {
        std::string ip = path_index(fp, i);
        const Json& f = (*faults)[i];
        if (!r.object(f, ip, {"at", "occurrence", "attempt", "when", "kind", "invocation", "after_ms"}))
          return false;
        Fault fault;
        std::string when, kind;
        int64_t occurrence = 1, attempt = 1, after = 0;
        if (!r.string(f, ip, "at", fault.at) || !r.integer(f, ip, "occurrence", occurrence, 1, 1'000'000) ||
            !r.integer(f, ip, "attempt", attempt, 1, 1000) || !r.string(f, ip, "when", when) ||
            !r.string(f, ip, "kind", kind) ||
            !r.optional_int(f, ip, "invocation", fault.invocation, 1, 1'000'000) ||
            !r.integer(f, ip, "after_ms", after, 0, 900'000))
          return false;
        fault.occurrence = static_cast<int>(occurrence);
        fault.attempt = static_cast<int>(attempt);
        fault.after_ms = after;
        if (fault.at.empty() && !fault.invocation)
          return r.fail(ip, "a fault needs \"at\" (an operation name) or \"invocation\" (a 1-based index)");
        if (!fault.at.empty() && fault.invocation)
          return r.fail(ip, "a fault has either \"at\" or \"invocation\", not both");
        if (when.empty() || when == "before_body")
          fault.when = FaultWhen::BeforeBody;
        else if (when == "after_body")
          fault.when = FaultWhen::AfterBody;
        else if (when == "after_checkpoint")
          fault.when = FaultWhen::AfterCheckpoint;
        else
          return r.fail(path_key(ip, "when"),
                        "expected \"before_body\", \"after_body\" or \"after_checkpoint\"");
        if (kind.empty() || kind == "crash")
          fault.kind = FaultKind::Crash;
        else if (kind == "timeout")
          fault.kind = FaultKind::Timeout;
        else
          return r.fail(path_key(ip, "kind"), "expected \"crash\" or \"timeout\"");
        if (!fault.at.empty() && !names_operation(doc.handler, fault.at) && !edits_name(j, fault.at))
          return r.fail(path_key(ip, "at"), "no operation in the handler is named '" + fault.at + "'");
        sim.faults.push_back(fault);
      }
    }
    if (const Json* cbs = find_member(j, "callbacks")) {
      std::string cp = path_key(path, "callbacks");
      if (!cbs->is_array())
        return r.fail(cp, "expected a list of callback answers");
      for (size_t i = 0; i < cbs->size(); ++i) {
        std::string ip = path_index(cp, i);
        const Json& c = (*cbs)[i];
        if (!r.object(c, ip,
                      {"callback", "after_seconds", "succeed", "fail", "heartbeat_every_seconds", "count"}))
          return false;
        CallbackAnswer a;
        int64_t count = 0;
        if (!r.string(c, ip, "callback", a.callback, true) ||
            !r.integer(c, ip, "after_seconds", a.after_seconds, 0, kMaxWaitSeconds) ||
            !r.integer(c, ip, "heartbeat_every_seconds", a.heartbeat_every_seconds, 0, kMaxCallbackSeconds) ||
            !r.integer(c, ip, "count", count, 0, 100'000))
          return false;
        a.heartbeat_count = static_cast<int>(count);
        if (const Json* s = find_member(c, "succeed"))
          a.succeed = *s;
        if (const Json* f = find_member(c, "fail")) {
          ErrorSpec e;
          if (!r.error_spec(*f, path_key(ip, "fail"), e))
            return false;
          a.fail = e;
        }
        int answers = (a.succeed ? 1 : 0) + (a.fail ? 1 : 0) + (a.heartbeat_every_seconds > 0 ? 1 : 0);
        if (answers != 1)
          return r.fail(
              ip,
              "a callback answer has exactly one of \"succeed\", \"fail\" or \"heartbeat_every_seconds\"");
        if (!names_operation(doc.handler, a.callback) && !edits_name(j, a.callback))
          return r.fail(path_key(ip, "callback"), "no callback in the handler is named '" + a.callback + "'");
        sim.callbacks.push_back(std::move(a));
      }
    }
    if (!r.optional_int(j, path, "stop_after_seconds", sim.stop_after_seconds, 0, kMaxWaitSeconds))
      return false;
    if (const Json* edits = find_member(j, "edits")) {
      std::string ep = path_key(path, "edits");
      if (!edits->is_array())
        return r.fail(ep, "expected a list of {\"before_invocation\": K, \"handler\": [...]}");
      for (size_t i = 0; i < edits->size(); ++i) {
        std::string ip = path_index(ep, i);
        Edit e;
        int64_t before = 2;
        if (!r.object((*edits)[i], ip, {"before_invocation", "handler"}) ||
            !r.integer((*edits)[i], ip, "before_invocation", before, 2, 1'000'000, true))
          return false;
        e.before_invocation = static_cast<int>(before);
        const Json* h = find_member((*edits)[i], "handler");
        if (!h)
          return r.fail(path_key(ip, "handler"), "required field is missing");
        if (!body(*h, path_key(ip, "handler"), e.handler))
          return false;
        sim.edits.push_back(std::move(e));
      }
    }
    return true;
  }

  static bool names_operation(const Body& body, const std::string& name) {
    for (const auto& s : body) {
      if (s.name && *s.name == name)
        return true;
      if (names_operation(s.children, name) || names_operation(s.else_body, name) ||
          names_operation(s.catch_body, name))
        return true;
      for (const auto& b : s.branches)
        if (names_operation(b.body, name))
          return true;
    }
    return false;
  }

  // Names in not-yet-loaded edits count too: a fault may target an operation only an edit introduces.
  static bool edits_name(const Json& sim, const std::string& name) {
    const Json* edits = find_member(sim, "edits");
    if (!edits)
      return false;
    std::string text = edits->dump();
    return text.find("\"" + name + "\"") != std::string::npos;
  }

  bool document(const Json& j, const std::string& path, Document& doc, int depth = 0) {
    if (!r.object(
            j, path,
            {"format", "name", "description", "function", "input", "handler", "functions", "simulation"}))
      return false;
    int64_t format = 0;
    if (!r.integer(j, path, "format", format, 1, 1, true) || !r.string(j, path, "name", doc.name) ||
        !r.string(j, path, "description", doc.description))
      return false;
    const Json* f = find_member(j, "function");
    if (!f)
      return r.fail(path_key(path, "function"), "required field is missing");
    if (!function(*f, path_key(path, "function"), doc.function))
      return false;
    if (const Json* in = find_member(j, "input"))
      doc.input = *in;
    const Json* h = find_member(j, "handler");
    if (!h)
      return r.fail(path_key(path, "handler"), "required field is missing");
    if (!body(*h, path_key(path, "handler"), doc.handler))
      return false;
    if (const Json* fns = find_member(j, "functions");
        fns && !functions(*fns, path_key(path, "functions"), doc.functions, depth))
      return false;
    if (const Json* sim = find_member(j, "simulation");
        sim && !simulation(*sim, path_key(path, "simulation"), doc.simulation, doc))
      return false;
    return true;
  }
};

// [SECTION] Scope checking: every ${root} must name something an earlier statement in scope can bind.

class ScopeChecker {
public:
  ScopeChecker(const Document& doc) : m_doc(doc) {}

  Status check_body(const Body& body, const std::string& path, std::set<std::string> names) {
    return check_body_in(body, path, names);
  }

private:
  const Document& m_doc;

  Status check_value(const Json& value, const std::string& path, const std::set<std::string>& names,
                     std::initializer_list<const char*> extra = {}) {
    auto roots = referenced_roots(value);
    if (!roots.ok())
      return Error{path, roots.error().message};
    for (const auto& root : *roots) {
      bool known = names.count(root) > 0;
      for (const char* e : extra)
        known = known || root == e;
      if (!known)
        return Error{path, "unknown reference '${" + root + "...}': no earlier statement in scope binds '" +
                               root + "' (bound here: " + list(names) + ")"};
    }
    return ok_status();
  }

  static std::string list(const std::set<std::string>& names) {
    std::string out;
    for (const auto& n : names)
      out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  Status check_throws(const StepBody& body, const std::string& path, const std::set<std::string>& names) {
    for (size_t i = 0; i < body.throws.size(); ++i) {
      const auto& e = body.throws[i].error;
      std::string ep = path_key(path_index(path_key(path, "throws"), i), "error");
      if (auto s = check_value(Json(e.message), path_key(ep, "message"), names, {"attempt"}); !s.ok())
        return s;
    }
    return ok_status();
  }

  // `names` is updated in place: bindings in a body stay visible to later statements of that body.
  Status check_body_in(const Body& body, const std::string& path, std::set<std::string>& names) {
    for (size_t i = 0; i < body.size(); ++i) {
      const Statement& s = body[i];
      std::string sp = path_index(path, i);
      Status st = check_statement(s, sp, names);
      if (!st.ok())
        return st;
    }
    return ok_status();
  }

  Status check_statement(const Statement& s, const std::string& sp, std::set<std::string>& names) {
    Status st = ok_status();
    switch (s.kind) {
    case StatementKind::Step:
      if (!(st = check_value(s.body.returns, path_key(sp, "returns"), names, {"attempt"})).ok())
        return st;
      if (!(st = check_throws(s.body, sp, names)).ok())
        return st;
      break;
    case StatementKind::WaitForCallback:
      if (!(st = check_value(s.body.returns, path_key(path_key(sp, "submitter"), "returns"), names,
                             {"attempt", "callback_id"}))
               .ok())
        return st;
      break;
    case StatementKind::AwaitCallback:
      if (!names.count(s.callback_var))
        return Error{path_key(sp, "await_callback"), "unknown reference '" + s.callback_var +
                                                         "': no earlier create_callback in scope binds it"};
      break;
    case StatementKind::WaitForCondition:
      if (!(st = check_value(s.initial_state, path_key(sp, "initial_state"), names)).ok())
        return st;
      if (!(st = check_value(s.check_returns, path_key(path_key(sp, "check"), "returns"), names,
                             {"state", "attempt"}))
               .ok())
        return st;
      if (!s.done_when_condition.is_null()) {
        std::string cp = path_key(path_key(path_key(sp, "check"), "done_when"), "condition");
        if (!(st = check_value(s.done_when_condition, cp, names, {"state", "attempt"})).ok())
          return st;
        if (!(st = check_condition_shape(s.done_when_condition, cp)).ok())
          return st;
      }
      break;
    case StatementKind::ChildContext: {
      std::set<std::string> inner = names;
      if (!(st = check_body_in(s.children, path_key(sp, "body"), inner)).ok())
        return st;
      break;
    }
    case StatementKind::Parallel:
      for (size_t b = 0; b < s.branches.size(); ++b) {
        std::set<std::string> inner = names;
        if (!(st = check_body_in(s.branches[b].body,
                                 path_key(path_index(path_key(sp, "branches"), b), "body"), inner))
                 .ok())
          return st;
      }
      break;
    case StatementKind::Map: {
      if (!(st = check_value(s.items, path_key(sp, "items"), names)).ok())
        return st;
      std::set<std::string> inner = names;
      inner.insert(s.item_as);
      if (!s.index_as.empty())
        inner.insert(s.index_as);
      if (!(st = check_body_in(s.children, path_key(sp, "body"), inner)).ok())
        return st;
      break;
    }
    case StatementKind::Invoke:
      if (!m_doc.functions.count(s.function))
        return Error{path_key(sp, "function"),
                     "unknown function '" + s.function + "': add it under \"functions\""};
      if (!(st = check_value(s.payload, path_key(sp, "payload"), names)).ok())
        return st;
      break;
    case StatementKind::Try: {
      if (!(st = check_body_in(s.children, path_key(sp, "try"), names)).ok())
        return st;
      if (!s.error_as.empty())
        names.insert(s.error_as);
      if (!(st = check_body_in(s.catch_body, path_key(sp, "catch"), names)).ok())
        return st;
      break;
    }
    case StatementKind::If: {
      if (!(st = check_value(s.condition, path_key(sp, "if"), names)).ok())
        return st;
      if (!(st = check_condition_shape(s.condition, path_key(sp, "if"))).ok())
        return st;
      if (!(st = check_body_in(s.children, path_key(sp, "then"), names)).ok())
        return st;
      if (!(st = check_body_in(s.else_body, path_key(sp, "else"), names)).ok())
        return st;
      break;
    }
    case StatementKind::Log:
    case StatementKind::Return:
      if (!(st = check_value(s.value, path_key(sp, s.kind == StatementKind::Log ? "log" : "return"), names))
               .ok())
        return st;
      break;
    case StatementKind::Raise:
      if (!(st = check_value(Json(s.error.message), path_key(path_key(sp, "raise"), "message"), names)).ok())
        return st;
      break;
    case StatementKind::Let:
      if (!(st = check_value(s.value, path_key(sp, "value"), names)).ok())
        return st;
      break;
    case StatementKind::Wait:
    case StatementKind::CreateCallback:
      break;
    }
    if (!s.as.empty())
      names.insert(s.as);
    return ok_status();
  }

  static Status check_condition_shape(const Json& c, const std::string& path) {
    if (c.is_boolean() || c.is_string())
      return ok_status();
    if (c.is_object() && c.size() == 1) {
      if (const Json* eq = find_member(c, "equals")) {
        if (eq->is_array() && eq->size() == 2)
          return ok_status();
        return Error{path_key(path, "equals"), "expected a list of two values to compare"};
      }
      for (const char* order : {"less_than", "greater_than"})
        if (const Json* cmp = find_member(c, order))
          return check_comparison(*cmp, path_key(path, order));
      if (const Json* n = find_member(c, "not"))
        return check_condition_shape(*n, path_key(path, "not"));
    }
    return Error{path, "a condition is a boolean, a \"${...}\" reference to one, {\"equals\": [A, B]}, "
                       "{\"less_than\": [A, B]}, {\"greater_than\": [A, B]} or {\"not\": COND}"};
  }

  // less_than / greater_than compare two numbers: each side a number or a "${...}" that yields one (checked
  // when it runs, naming the statement).
  static Status check_comparison(const Json& operands, const std::string& path) {
    if (!operands.is_array() || operands.size() != 2)
      return Error{path, "expected a list of two numbers to compare, e.g. [\"${roll}\", 0.5]"};
    for (size_t i = 0; i < 2; ++i) {
      const Json& side = operands[i];
      bool templated = side.is_string() && side.get_ref<const std::string&>().find("${") != std::string::npos;
      if (!side.is_number() && !templated)
        return Error{path_index(path, i),
                     std::string("expected a number or a \"${...}\" that gives one, got ") +
                         side.type_name()};
    }
    return ok_status();
  }
};

} // namespace

const char* statement_keyword(StatementKind kind) {
  return kKeywords[static_cast<int>(kind)];
}

bool is_durable_runtime(std::string_view runtime) {
  return runtime == "python3.13" || runtime == "python3.14" || runtime == "nodejs22.x" ||
         runtime == "nodejs24.x";
}

Flavor FunctionConfig::flavor() const {
  return runtime.rfind("python", 0) == 0 ? Flavor::Python : Flavor::JavaScript;
}

Result<Document> load_document(std::string_view text) {
  if (text.size() > kMaxDocumentBytes)
    return Error{"", "the document is " + std::to_string(text.size()) +
                         " bytes; the playground's limit for a document is 16 MB"};
  auto json = parse_json(text);
  if (!json.ok())
    return json.error();
  return load_document_json(*json);
}

static Status check_scopes(const Document& doc) {
  ScopeChecker checker(doc);
  if (auto st = checker.check_body(doc.handler, "$.handler", {"input"}); !st.ok())
    return st;
  for (size_t i = 0; i < doc.simulation.edits.size(); ++i)
    if (auto st = checker.check_body(doc.simulation.edits[i].handler,
                                     path_key(path_index("$.simulation.edits", i), "handler"), {"input"});
        !st.ok())
      return st;
  for (const auto& [name, target] : doc.functions)
    if (target.workflow)
      if (auto st = check_scopes(*target.workflow); !st.ok())
        return Error{path_key(path_key("$.functions", name), "workflow") + st.error().where.substr(1),
                     st.error().message};
  return ok_status();
}

Result<Document> load_document_json(const Json& json) {
  Loader loader;
  Document doc;
  if (!loader.document(json, "$", doc))
    return loader.r.error();
  if (auto st = check_scopes(doc); !st.ok())
    return st.error();
  return doc;
}

Result<Body> load_body(const Json& json, const std::string& path, const Document& context) {
  Loader loader;
  Body body;
  if (!loader.body(json, path, body))
    return loader.r.error();
  ScopeChecker checker(context);
  if (auto st = checker.check_body(body, path, {"input"}); !st.ok())
    return st.error();
  return body;
}

} // namespace dp::workflow
