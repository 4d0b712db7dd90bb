// The statement walk both handler generators share (see handler_walk.hpp).
// [SECTION] index: scopes and helpers · the walk · expressions · config fields
#include "export/handler_walk.hpp"

#include <algorithm>

namespace dp::exporter {

using workflow::Body;
using workflow::Statement;
using K = workflow::StatementKind;

namespace {

const char* jitter_name(workflow::Jitter jitter) {
  switch (jitter) {
  case workflow::Jitter::Full:
    return "FULL";
  case workflow::Jitter::Half:
    return "HALF";
  case workflow::Jitter::None:
    return "NONE";
  }
  return "FULL";
}

} // namespace

// [SECTION] Scopes and helpers

const std::string* Scope::find(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent) {
    if (auto it = s->special.find(name); it != s->special.end())
      return &it->second;
    if (auto it = s->vars.find(name); it != s->vars.end())
      return &it->second;
  }
  return nullptr;
}

const std::string* Scope::promise(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent)
    if (auto it = s->promises.find(name); it != s->promises.end())
      return &it->second;
  return nullptr;
}

const std::string* Scope::member(const std::string& root, const std::string& key) const {
  for (const Scope* s = this; s; s = s->parent)
    if (auto it = s->members.find(root + '\x01' + key); it != s->members.end())
      return &it->second;
  return nullptr;
}

std::string comma_separated(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i ? ", " : "") + parts[i];
  return out;
}

void bound_statements(const Body& body, std::vector<const Statement*>& out) {
  for (const auto& s : body) {
    out.push_back(&s);
    if (s.kind == K::Try || s.kind == K::If) {
      bound_statements(s.children, out);
      bound_statements(s.kind == K::Try ? s.catch_body : s.else_body, out);
    }
  }
}

bool always_throws(const workflow::StepBody& body) {
  for (const auto& t : body.throws)
    if (t.all_attempts)
      return true;
  return false;
}

void for_each_template(const Body& body, const std::function<void(const Json&)>& f) {
  for (const auto& s : body) {
    for (const Json* v :
         {&s.body.returns, &s.initial_state, &s.check_returns, &s.items, &s.payload, &s.condition, &s.value})
      if (!v->is_null())
        f(*v);
    for (const auto* throws : {&s.body.throws, &s.check_throws})
      for (const auto& t : *throws)
        f(Json(t.error.message));
    if (s.kind == K::Raise)
      f(Json(s.error.message));
    for (const Body* inner : {&s.children, &s.catch_body, &s.else_body})
      for_each_template(*inner, f);
    for (const auto& b : s.branches)
      for_each_template(b.body, f);
  }
}

std::string work_comment(const Statement& s) {
  std::string work = s.side_effect.empty() ? "Real work goes here."
                                           : "Real work goes here: " + comment_text(s.side_effect) + ".";
  if (s.body.duration_ms > 0)
    work += " (The playground simulates " + std::to_string(s.body.duration_ms) + " ms.)";
  return work;
}

// [SECTION] The walk

HandlerWalk::HandlerWalk(const HandlerSyntax& syntax_, std::set<std::string> reserved)
    : syntax(syntax_), w(syntax_.indent), taken(std::move(reserved)) {}

void HandlerWalk::statements(const Body& body, Scope& scope, const std::string& ctx) {
  for (const auto& s : body)
    statement(s, scope, ctx);
}

void HandlerWalk::statement(const Statement& s, Scope& scope, const std::string& ctx) {
  int first = w.next_line();
  const std::string end = syntax.statement_end;
  switch (s.kind) {
  case K::Step:
    step(s, scope, ctx);
    break;
  case K::Wait:
    wait(s, ctx);
    break;
  case K::CreateCallback:
    create_callback(s, scope, ctx);
    break;
  case K::AwaitCallback:
    await_callback(s, scope);
    break;
  case K::WaitForCallback:
    wait_for_callback(s, scope, ctx);
    break;
  case K::WaitForCondition:
    wait_for_condition(s, scope, ctx);
    break;
  case K::ChildContext:
    child_context(s, scope, ctx);
    break;
  case K::Parallel:
    parallel(s, scope, ctx);
    break;
  case K::Map:
    map(s, scope, ctx);
    break;
  case K::Invoke:
    if (std::find(invoked.begin(), invoked.end(), s.function) == invoked.end())
      invoked.push_back(s.function);
    invoke(s, scope, ctx);
    break;
  case K::Try: {
    open_block("try");
    statements(s.children, scope, ctx);
    std::string error = catch_variable();
    continue_block(catch_header(error));
    if (!s.error_as.empty()) {
      uses.error_info = true;
      w.line(*scope.find(s.error_as) + " = " + syntax.error_info + "(" + error + ")" + end);
    }
    statements(s.catch_body, scope, ctx);
    close_block();
    break;
  }
  case K::If:
    open_block(if_header(condition(s.condition, scope)));
    statements(s.children, scope, ctx);
    if (!s.else_body.empty()) {
      continue_block("else");
      statements(s.else_body, scope, ctx);
    }
    close_block();
    break;
  case K::Log: {
    std::string text = value(s.value, scope);
    if (!s.value.is_string()) {
      uses.text_of = true;
      text = std::string(syntax.text_of) + "(" + text + ")";
    }
    w.line(ctx + ".logger.info(" + text + ")" + end);
    break;
  }
  case K::Return:
    w.line("return " + value(s.value, scope) + end);
    break;
  case K::Raise:
    w.line(raise(s.error, scope));
    break;
  case K::Let: // plain handler code: evaluated again on every invocation, as the document says
    w.line(assign(s, scope) + value(s.value, scope) + end);
    break;
  }
  w.mark(s.path, first);
}

void HandlerWalk::open_block(const std::string& header) {
  w.line(header + syntax.block_open);
  w.indent();
  m_block_starts.push_back(w.next_line());
}

void HandlerWalk::continue_block(const std::string& header) {
  end_block_body();
  w.line(syntax.block_continue + header + syntax.block_open);
  w.indent();
  m_block_starts.push_back(w.next_line());
}

void HandlerWalk::close_block() {
  end_block_body();
  if (syntax.block_close)
    w.line(syntax.block_close);
}

void HandlerWalk::end_block_body() {
  // Python's `pass`: a block needs a line; JavaScript's braces need none.
  if (syntax.empty_block && w.next_line() == m_block_starts.back())
    w.line(syntax.empty_block);
  m_block_starts.pop_back();
  w.dedent();
}

GeneratedHandler HandlerWalk::finish(const CodeWriter& head) const {
  GeneratedHandler out = assemble({&head, &w});
  out.invoked_functions = invoked;
  return out;
}

GeneratedHandler HandlerWalk::assemble(const std::vector<const CodeWriter*>& pieces) {
  GeneratedHandler out;
  std::vector<StatementLines> bodies;
  int offset = 0;
  for (const CodeWriter* piece : pieces) {
    out.text += piece->text();
    for (StatementLines m : piece->marks()) {
      bool body = m.first_line == 0;
      auto shift = [&](int& line) { line = line ? line + offset : 0; };
      shift(m.first_line), shift(m.last_line), shift(m.body_first_line), shift(m.body_last_line);
      (body ? bodies : out.lines).push_back(m);
    }
    offset += piece->next_line() - 1;
  }
  for (const StatementLines& b : bodies)
    for (StatementLines& m : out.lines)
      if (m.path == b.path) {
        m.body_first_line =
            m.body_first_line ? std::min(m.body_first_line, b.body_first_line) : b.body_first_line;
        m.body_last_line = std::max(m.body_last_line, b.body_last_line);
        break;
      }
  return out;
}

std::string HandlerWalk::function_id_env(const std::string& function) const {
  std::string env = "FUNCTION_";
  std::set<std::string> unused; // the identifier only names the variable, it takes no name in the file
  for (char c : make_identifier(function, syntax.style, unused))
    env += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return env;
}

// [SECTION] Expressions

std::string HandlerWalk::value(const Json& v, const Scope& scope) {
  RootLookup lookup = [&](const std::string& root) -> std::optional<std::string> {
    if (const std::string* id = scope.find(root))
      return *id;
    if (root == "input") // the loader reserves the name; a function that received the input names it
      return std::string("event");
    return std::nullopt;
  };
  MemberLookup member = [&](const std::string& root, const std::string& key) -> std::optional<std::string> {
    if (const std::string* id = scope.member(root, key))
      return *id;
    return std::nullopt;
  };
  std::string e = value_expr(v, ExprStyle{syntax.style, syntax.text_of}, lookup, member);
  for (const auto& r : template_references(v)) {
    uses.random = uses.random || r.function == workflow::ValueFunction::Random;
    uses.uuid = uses.uuid || r.function == workflow::ValueFunction::Uuid;
    uses.now = uses.now || r.function == workflow::ValueFunction::Now;
  }
  if (e.find(std::string(syntax.text_of) + "(") != std::string::npos)
    uses.text_of = true;
  return e;
}

std::string HandlerWalk::error_class(const std::string& type) {
  for (const char* builtin : syntax.builtin_errors)
    if (type == builtin)
      return builtin;
  if (auto it = error_classes.find(type); it != error_classes.end())
    return it->second;
  return error_classes[type] = module_identifier(type);
}

std::string HandlerWalk::raise(const workflow::ErrorSpec& error, const Scope& scope) {
  return syntax.raise + error_class(error.type) + "(" + value(Json(error.message), scope) + ")" +
         syntax.statement_end;
}

std::string HandlerWalk::condition(const Json& c, const Scope& scope) {
  if (c.is_object()) {
    if (const Json* eq = find_member(c, "equals"); eq && eq->is_array() && eq->size() == 2)
      return equals(value((*eq)[0], scope), value((*eq)[1], scope));
    if (const Json* n = find_member(c, "not"))
      return syntax.negate + condition(*n, scope);
    for (auto [key, op] : {std::pair{"less_than", " < "}, std::pair{"greater_than", " > "}})
      if (const Json* cmp = find_member(c, key); cmp && cmp->is_array() && cmp->size() == 2)
        return "(" + value((*cmp)[0], scope) + op + value((*cmp)[1], scope) + ")";
  }
  if (c.is_boolean())
    return c.get<bool>() ? syntax.true_value : syntax.false_value;
  uses.condition = true;
  return std::string(syntax.as_condition) + "(" + value(c, scope) + ")";
}

std::string HandlerWalk::assign(const Statement& s, const Scope& scope) const {
  if (s.as.empty())
    return "";
  // The variable is declared in the scope that binds it, which is the innermost one with the name.
  for (const Scope* sc = &scope; sc; sc = sc->parent)
    if (sc->vars.count(s.as))
      return (sc->declared_at_binding.count(s.as) ? "const " : "") + sc->vars.at(s.as) + " = ";
  return *scope.find(s.as) + " = ";
}

std::string HandlerWalk::field(const char* name, const std::string& value) const {
  return std::string(name) + syntax.field_separator + value;
}

void HandlerWalk::throws(const workflow::StepBody& body, const Scope& scope, const std::string& attempt) {
  for (const auto& t : body.throws) {
    std::string raise_error = raise(t.error, scope);
    if (t.all_attempts) {
      w.line(raise_error);
      return;
    }
    open_block(if_header(attempt_test(attempt, t.attempts)));
    w.line(raise_error);
    close_block();
  }
}

// [SECTION] Config fields

std::string HandlerWalk::retry_strategy(const Statement& s) {
  if (s.retry_mode == workflow::RetryMode::Default)
    return "";
  if (s.retry_mode == workflow::RetryMode::None) {
    uses.retry_presets = true;
    return syntax.no_retry;
  }
  uses.retry_strategy = true;
  std::vector<std::string> fields = backoff_fields(s.retry);
  if (!s.retry.retryable_error_types.empty()) {
    std::vector<std::string> classes;
    for (const auto& type : s.retry.retryable_error_types)
      classes.push_back(error_class(type));
    fields.push_back(field(syntax.retryable_error_types, "[" + comma_separated(classes) + "]"));
  }
  return std::string(syntax.create_retry_strategy) + "(" + config("RetryStrategyConfig", fields) + ")";
}

// RetryConfig and WaitStrategy share these settings (the SDKs' backoff), not a type.
template <class Backoff>
std::vector<std::string> HandlerWalk::backoff(const Backoff& b) {
  std::vector<std::string> fields;
  if (b.max_attempts)
    fields.push_back(field(syntax.max_attempts, std::to_string(*b.max_attempts)));
  if (b.initial_delay_seconds)
    fields.push_back(field(syntax.initial_delay, duration(*b.initial_delay_seconds)));
  if (b.max_delay_seconds)
    fields.push_back(field(syntax.max_delay, duration(*b.max_delay_seconds)));
  if (b.backoff_rate)
    fields.push_back(field(syntax.backoff_rate, number_text(*b.backoff_rate, syntax.style)));
  if (b.jitter) {
    uses.jitter = true;
    fields.push_back(field(syntax.jitter, std::string("JitterStrategy.") + jitter_name(*b.jitter)));
  }
  return fields;
}

std::vector<std::string> HandlerWalk::backoff_fields(const workflow::RetryConfig& retry) {
  return backoff(retry);
}

std::vector<std::string> HandlerWalk::backoff_fields(const workflow::WaitStrategy& wait) {
  return backoff(wait);
}

std::vector<std::string> HandlerWalk::step_fields(const Statement& s) {
  std::vector<std::string> fields;
  if (std::string r = retry_strategy(s); !r.empty())
    fields.push_back(field(syntax.retry_strategy, r));
  if (s.semantics == workflow::StepSemantics::AtMostOncePerRetry) {
    uses.step_semantics = true;
    fields.push_back(syntax.at_most_once_per_retry);
  }
  return fields;
}

std::vector<std::string> HandlerWalk::callback_fields(const Statement& s) {
  std::vector<std::string> fields;
  if (s.timeout_seconds > 0)
    fields.push_back(field(syntax.timeout, duration(s.timeout_seconds)));
  if (s.heartbeat_timeout_seconds > 0)
    fields.push_back(field(syntax.heartbeat_timeout, duration(s.heartbeat_timeout_seconds)));
  return fields;
}

std::vector<std::string> HandlerWalk::wait_for_callback_fields(const Statement& s) {
  std::vector<std::string> fields = callback_fields(s);
  if (std::string r = retry_strategy(s); !r.empty())
    fields.push_back(field(syntax.retry_strategy, r));
  return fields;
}

std::vector<std::string> HandlerWalk::batch_fields(const Statement& s) {
  std::vector<std::string> fields;
  if (s.max_concurrency)
    fields.push_back(field(syntax.max_concurrency, std::to_string(*s.max_concurrency)));
  if (s.flat_nesting) {
    uses.flat_nesting = true;
    fields.push_back(syntax.flat_nesting);
  }
  const workflow::Completion& c = s.completion;
  std::vector<std::string> completion;
  if (c.min_successful)
    completion.push_back(field(syntax.min_successful, std::to_string(*c.min_successful)));
  if (c.tolerated_failure_count)
    completion.push_back(field(syntax.tolerated_failure_count, std::to_string(*c.tolerated_failure_count)));
  if (c.tolerated_failure_percentage)
    completion.push_back(field(syntax.tolerated_failure_percentage,
                               number_text(*c.tolerated_failure_percentage, syntax.style)));
  if (!completion.empty()) {
    uses.completion = true;
    fields.push_back(field(syntax.completion_config, config("CompletionConfig", completion)));
  }
  return fields;
}

} // namespace dp::exporter
