// Internal: the walk over a workflow's statements that both handler generators share (python_handler.cpp,
// node_handler.cpp). Scopes, control flow (try, if), logs, returns, raised errors, conditions, error
// classes and the config fields a statement sets are decided here once; each language gives a table of
// its words (HandlerSyntax) and writes the durable calls whose code differs in shape (the virtual hooks).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "export/emit.hpp"
#include "export/handler_gen.hpp"
#include "workflow/document.hpp"

namespace dp::exporter {

// Variable name -> identifier, per function body, reading outward.
struct Scope {
  const Scope* parent = nullptr;
  std::map<std::string, std::string> vars;
  std::map<std::string, std::string> promises; // JavaScript: create_callback variable -> its promise
  std::map<std::string, std::string> special;  // attempt, state, callback_id inside bodies
  // `root.key` read as one value: "input\x01orderId" -> the parameter a Python step function received.
  std::map<std::string, std::string> members;
  // Variables declared where they are bound (JavaScript `const x = ...`), not up front.
  std::set<std::string> declared_at_binding;

  const std::string* find(const std::string& name) const;
  const std::string* promise(const std::string& name) const;
  const std::string* member(const std::string& root, const std::string& key) const;
};

// What a language writes for the pieces the shared walk emits itself.
struct HandlerSyntax {
  IdentStyle style;
  const char* indent;
  const char* statement_end; // after a simple statement: "" or ";"
  const char* raise;         // before an error class: "raise " or "throw new "
  const char* negate;        // "not " or "!"
  const char* true_value;
  const char* false_value;
  std::span<const char* const> builtin_errors; // error types the language has: no class written for them
  // Helpers the file's head defines when the code calls them.
  const char* text_of;
  const char* error_info;
  const char* as_condition;
  // Blocks: `header:` and an indented body (`pass` when empty), or `header {`, the body and `}`.
  const char* block_open;     // after the header
  const char* block_continue; // before the header of else, except, catch
  const char* block_close;    // a line of its own after the block, or nullptr
  const char* empty_block;    // the line an empty block needs, or nullptr
  // Config fields: keyword arguments (`name=value`) or object members (`name: value`).
  const char* field_separator;
  const char* max_attempts;
  const char* initial_delay;
  const char* max_delay;
  const char* backoff_rate;
  const char* jitter;
  const char* retryable_error_types;
  const char* timeout;
  const char* heartbeat_timeout;
  const char* retry_strategy;
  const char* max_concurrency;
  const char* completion_config;
  const char* min_successful;
  const char* tolerated_failure_count;
  const char* tolerated_failure_percentage;
  const char* at_most_once_per_retry; // the whole step semantics field
  const char* flat_nesting;           // the whole nesting field
  const char* no_retry;               // the retry preset that turns retries off
  const char* create_retry_strategy;  // the function that turns a retry config into a strategy
};

// What the handler's code uses, so that the file's head imports and defines only that.
struct HandlerUses {
  bool retry_strategy = false, retry_presets = false, jitter = false, step_semantics = false;
  bool flat_nesting = false, completion = false, wait_strategy = false;
  bool text_of = false, error_info = false, condition = false, until_attempt = false;
  bool until_done = false;      // a wait_for_condition whose done_when has a condition over the state
  bool attempt_counter = false; // counts submitter/check calls where the SDK gives no attempt number
  bool random = false, uuid = false, now = false; // ${random()}, ${uuid()}, ${now()}: Python imports
};

class HandlerWalk {
public:
  HandlerWalk(const HandlerSyntax& syntax, std::set<std::string> reserved);
  virtual ~HandlerWalk() = default;

  // Writes the statements of a body, each marked with the lines it occupies.
  void statements(const workflow::Body& body, Scope& scope, const std::string& ctx);
  // The file: `head` (imports and helpers, written after the walk) followed by the walked code.
  GeneratedHandler finish(const CodeWriter& head) const;
  // The files' pieces in order, each writer's marks moved by the lines before it; a body mark
  // (CodeWriter::mark_body) joins the call-site mark of the same path.
  static GeneratedHandler assemble(const std::vector<const CodeWriter*>& pieces);
  // The environment variable that overrides a function id: "FUNCTION_" and the identifier in capitals.
  std::string function_id_env(const std::string& function) const;

  const HandlerSyntax& syntax;
  CodeWriter w;
  std::set<std::string> taken;                      // identifiers in use in the file
  std::map<std::string, std::string> error_classes; // error type -> class the file defines
  std::vector<std::string> invoked;                 // functions the handler invokes, in order
  HandlerUses uses;

protected:
  // The durable calls whose code differs in shape between the SDKs.
  virtual void step(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void wait(const workflow::Statement& s, const std::string& ctx) = 0;
  virtual void create_callback(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void await_callback(const workflow::Statement& s, Scope& scope) = 0;
  virtual void wait_for_callback(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void wait_for_condition(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void child_context(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void parallel(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void map(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;
  virtual void invoke(const workflow::Statement& s, Scope& scope, const std::string& ctx) = 0;

  // A name at the file's top level (an error class): unique among the file's names.
  virtual std::string module_identifier(const std::string& base) {
    return make_identifier(base, syntax.style, taken);
  }

  // Spellings that are more than a word.
  virtual std::string duration(double seconds) = 0;
  virtual std::string duration(int64_t seconds) = 0;
  // A config argument from its fields: the SDK's config class in Python, an object literal in JavaScript.
  virtual std::string config(const char* python_class, const std::vector<std::string>& fields) = 0;
  // True on the listed attempts ("attempt in (1, 2)", "[1, 2].includes(attempt)").
  virtual std::string attempt_test(const std::string& attempt, const std::vector<int>& attempts) = 0;
  virtual std::string equals(const std::string& a, const std::string& b) = 0;
  virtual std::string if_header(const std::string& condition) = 0;
  virtual std::string catch_header(const std::string& error) = 0;
  virtual std::string catch_variable() = 0; // the identifier a catch block binds the error to

  // Pieces the language's calls share.
  std::string value(const Json& v, const Scope& scope);
  std::string error_class(const std::string& type);
  std::string raise(const workflow::ErrorSpec& error, const Scope& scope); // a whole statement
  std::string condition(const Json& c, const Scope& scope);
  // "x = ", "const x = " (Scope::declared_at_binding) or "".
  std::string assign(const workflow::Statement& s, const Scope& scope) const;
  std::string field(const char* name, const std::string& value) const;
  // Throws the simulated errors on the attempts the body lists.
  void throws(const workflow::StepBody& body, const Scope& scope, const std::string& attempt);

  void open_block(const std::string& header);
  void continue_block(const std::string& header);
  void close_block();

  // Config fields the document sets, in the SDKs' order; "" or empty when it leaves all to the SDK.
  std::string retry_strategy(const workflow::Statement& s);
  std::vector<std::string> backoff_fields(const workflow::RetryConfig& retry);
  std::vector<std::string> backoff_fields(const workflow::WaitStrategy& wait);
  std::vector<std::string> step_fields(const workflow::Statement& s);
  std::vector<std::string> callback_fields(const workflow::Statement& s);
  std::vector<std::string> wait_for_callback_fields(const workflow::Statement& s);
  std::vector<std::string> batch_fields(const workflow::Statement& s); // parallel, map

private:
  void statement(const workflow::Statement& s, Scope& scope, const std::string& ctx);
  template <class Backoff>
  std::vector<std::string> backoff(const Backoff& b);
  void end_block_body();

  std::vector<int> m_block_starts; // first line of each open block's body
};

// "a, b, c"
std::string comma_separated(const std::vector<std::string>& parts);
// The statements that bind variables in a function body: its own and those inside if/try blocks (not
// nested functions), in the order they bind.
void bound_statements(const workflow::Body& body, std::vector<const workflow::Statement*>& out);
bool always_throws(const workflow::StepBody& body);
// Calls `f` with every value template in the statements and everything they contain.
void for_each_template(const workflow::Body& body, const std::function<void(const Json&)>& f);
// The comment in a step body: where the real work goes and what the playground simulates.
std::string work_comment(const workflow::Statement& s);

} // namespace dp::exporter
