// The workflow document (spec/workflow-format.md, format 1): the function's configuration, the handler as
// a tree of durable statements, the simulated behaviour of step bodies, the input and the simulation plan.
// The editor edits it, the engine runs it, export turns it into code, share links carry it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"

namespace dp::workflow {

// Which SDK the engine imitates, chosen by function.runtime (workflow-format.md "Top level").
enum class Flavor { Python, JavaScript };

enum class StatementKind {
  Step,
  Wait,
  CreateCallback,
  AwaitCallback,
  WaitForCallback,
  WaitForCondition,
  ChildContext,
  Parallel,
  Map,
  Invoke,
  Try,
  If,
  Log,
  Return,
  Raise,
  Let // plain handler code, not a durable call: evaluated again on every invocation
};
const char* statement_keyword(StatementKind kind); // "step", "wait", ... as in the document

enum class Jitter { Full, Half, None };
enum class StepSemantics { AtLeastOncePerRetry, AtMostOncePerRetry };
enum class RetryMode { Default, None, Custom };

struct ErrorSpec {
  std::string type;
  std::string message;
  std::optional<Json> data;
};

// A retry strategy; fields left out take the SDK builder's defaults (durable-semantics.md 4.6).
struct RetryConfig {
  std::optional<int> max_attempts;
  std::optional<double> initial_delay_seconds;
  std::optional<double> max_delay_seconds;
  std::optional<double> backoff_rate;
  std::optional<Jitter> jitter;
  std::vector<std::string> retryable_error_types; // empty = every error is retryable
};

// Which attempts of a simulated body throw which error.
struct ThrowSpec {
  std::vector<int> attempts; // 1-based
  bool all_attempts = false;
  ErrorSpec error;
};

// The simulated body of a step or a wait_for_callback submitter.
struct StepBody {
  Json returns; // a value template; null when absent
  bool has_returns = false;
  int64_t duration_ms = 0;
  std::vector<ThrowSpec> throws;
};

struct Completion {
  std::optional<int> min_successful;
  std::optional<int> tolerated_failure_count;
  std::optional<double> tolerated_failure_percentage;
  bool operator==(const Completion&) const = default;
};

struct WaitStrategy {
  std::optional<double> initial_delay_seconds;
  std::optional<double> max_delay_seconds;
  std::optional<double> backoff_rate;
  std::optional<int> max_attempts;
  std::optional<Jitter> jitter;
};

struct Statement;
using Body = std::vector<Statement>;

struct Branch {
  std::optional<std::string> name;
  Body body;
};

// One statement. A single aggregate keeps the editor's inspector simple; which fields matter depends on
// `kind` (see the table in workflow-format.md "Statements").
struct Statement {
  StatementKind kind = StatementKind::Step;
  std::string path;                // JSON path in the document ("$.handler[2]"), set by the loader; not saved
  std::optional<std::string> name; // operation name; nullopt for unnamed operations
  std::string as;                  // variable bound to the result ("" = none)

  // step, wait_for_callback (submitter)
  StepBody body;
  RetryMode retry_mode = RetryMode::Default;
  RetryConfig retry;
  StepSemantics semantics = StepSemantics::AtLeastOncePerRetry;
  std::string side_effect;

  // wait
  int64_t wait_seconds = 0;

  // create_callback, await_callback, wait_for_callback
  int64_t timeout_seconds = 0;
  int64_t heartbeat_timeout_seconds = 0;
  std::string callback_var; // await_callback: the variable create_callback bound
  bool parse_json = false;

  // wait_for_condition
  Json initial_state;
  Json check_returns;
  int done_when_attempt = 1; // done on this attempt; 0: no attempt bound (done_when has only a condition)
  Json done_when_condition;  // an `if` condition over ${state} (the check's new state) and ${attempt}; null:
                             // none
  std::vector<ThrowSpec> check_throws; // the check raises on these attempts (WaitForConditionError)
  WaitStrategy wait_strategy;

  // child_context, map (body), parallel (branches)
  Body children;
  std::vector<Branch> branches;
  Json items;
  std::string item_as;
  std::string index_as; // map: optional variable for the 0-based index
  std::optional<int> max_concurrency;
  bool flat_nesting = false; // parallel, map: NestingType.FLAT (virtual branches, no per-branch CONTEXT)
  Completion completion;

  // invoke
  std::string function;
  std::string tenant_id; // invoke: ChainedInvokeOptions.TenantId ("" = none)
  Json payload;

  // try / if
  Body catch_body;
  std::string error_as;
  Json condition;
  Body else_body; // `children` holds try's body and if's then

  // log, return, let (value), raise (error); a let binds its value to `as`
  Json value;
  ErrorSpec error;
};

struct FunctionConfig {
  std::string name = "example-durable-function";
  std::string runtime = "python3.14";
  std::string handler = "lambda_function.lambda_handler";
  int memory_size = 128;
  int timeout = 3; // seconds per invocation
  std::string region = "us-east-2";
  std::string alias = "prod";
  int64_t execution_timeout = 0; // seconds, required
  int retention_period = 14;     // days

  Flavor flavor() const;
};

struct Document;

// A target of `invoke`: a plain function (returns/throws) or a durable one (a whole workflow).
struct InvokeTarget {
  Json returns;
  int64_t duration_seconds = 0;
  std::optional<ErrorSpec> throws;
  std::shared_ptr<Document> workflow;
};

enum class FaultWhen { BeforeBody, AfterBody, AfterCheckpoint };
enum class FaultKind { Crash, Timeout };

struct Fault {
  // Either at an operation (name, occurrence, attempt, when) or at a time within an invocation.
  std::string at;
  int occurrence = 1;
  int attempt = 1;
  FaultWhen when = FaultWhen::BeforeBody;
  std::optional<int> invocation; // time-based fault: 1-based invocation index
  int64_t after_ms = 0;
  FaultKind kind = FaultKind::Crash;
};

struct CallbackAnswer {
  std::string callback; // callback name
  int64_t after_seconds = 0;
  std::optional<Json> succeed;
  std::optional<ErrorSpec> fail;
  int64_t heartbeat_every_seconds = 0;
  int heartbeat_count = 0;
};

struct Edit {
  int before_invocation = 2;
  Body handler;
};

struct Simulation {
  uint64_t seed = 1;
  std::vector<Fault> faults;
  std::vector<CallbackAnswer> callbacks;
  std::optional<int64_t> stop_after_seconds;
  std::vector<Edit> edits;
  // Simulation only: run without the service's per-execution quotas (3,000 operations, 100 MB written;
  // docs/limits.md), for benchmarks that measure the engine on bigger executions. Payload caps still apply.
  bool lift_quotas = false;
};

struct Document {
  int format = 1;
  std::string name;
  std::string description;
  FunctionConfig function;
  Json input = Json::object();
  Body handler;
  std::map<std::string, InvokeTarget> functions;
  Simulation simulation;
};

} // namespace dp::workflow
