// The documented limits of one durable execution (docs/limits.md lists each with its source) and the usage
// of an execution measured against them: durable operations as AWS meters them, bytes persisted, and the
// largest payload of each kind next to its cap. The service enforces them on CheckpointDurableExecution;
// the CLI (`"usage"`) and the page's meter read the same figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/aws_shapes.hpp"

namespace dp::engine {

struct Execution;

namespace limits {

// Lambda developer guide, "Lambda quotas" > "Durable functions"
// (gettingstarted-limits.html#durable-functions-quotas): "Maximum number of durable operations per durable
// execution: 3,000. Cannot be increased."
constexpr int64_t kMaxOperations = 3'000;
// Same table: "Durable execution storage written in megabytes: 100 MB. Cannot be increased. Cumulative
// payload size persisted by durable functions per execution." MB read as MiB, like Lambda's 6 MB (6,291,456
// bytes).
constexpr int64_t kMaxPersistedBytes = 100 * 1024 * 1024;
// API reference, OperationUpdate.Payload: "256 KB for CONTEXT, STEP, WAIT, and CALLBACK operations", "1 MB
// for asynchronous EXECUTION (Event invocationType) and CHAINED_INVOKE operations", "6 MB for synchronous
// EXECUTION operations (RequestResponse invocationType)".
constexpr int64_t kMaxOperationPayloadBytes = 262'144;
constexpr int64_t kMaxChainedInvokePayloadBytes = 1'048'576;
constexpr int64_t kMaxExecutionPayloadBytes = 6'291'456;
// GetDurableExecution.Error: "The combined size of all error fields is limited to 256 KB." The history's
// EventError says "Truncated: Indicates if the error payload was truncated due to size limits": the service
// cuts a larger error rather than refusing it (neither SDK checks or cuts it).
constexpr int64_t kMaxExecutionErrorBytes = 262'144;
// The meter warns from this share of a cap on (the page turns amber, the CLI says "warning").
constexpr double kWarnAt = 0.8;

// The payload cap of an update of this type (OperationUpdate.Payload).
int64_t payload_cap(OperationType type);

// Where each figure comes from, for messages and the narration.
extern const char* const kQuotasPage;          // the Lambda quotas page, durable functions section
extern const char* const kOperationUpdatePage; // API reference, OperationUpdate

// The largest payload an execution persisted for one operation type, against that type's cap.
struct PayloadPeak {
  OperationType type = OperationType::Step;
  std::string operation_id;
  std::string operation_name;
  int64_t bytes = 0;
  int64_t cap = 0;
};

// What an execution used, metered as the Lambda developer guide's "How durable operations are metered"
// (durable-execution-sdk.html#durable-operations-checkpoint-consumption) counts it: the execution start 1, a
// step 1 + its retries, a wait_for_condition 1 + its polls, a wait 1, a callback 1, a context (child context,
// parallel/map branch, wait_for_callback) 1, a chained invoke 1, an invocation-level retry 1; bytes are every
// payload and error object persisted (input, step and check results and errors, callback answers, context
// results, invoke payloads and results, the execution's result or error).
struct Usage {
  int64_t operations = 0;
  int64_t persisted_bytes = 0;
  int64_t invocation_retries = 0;
  std::vector<PayloadPeak> largest; // one per operation type that carried a payload, in OperationType order
  // The largest payload as a share of its own cap (what the meter shows), if any payload was persisted.
  std::optional<PayloadPeak> closest_to_cap() const;
};

// Measures from the execution's history events (they are stored, so a reopened database measures the same).
Usage measure(const Execution& e);

// The same measure kept up to date event by event, so the service checks each checkpoint without walking
// the whole history again.
class Meter {
public:
  void advance(const std::vector<HistoryEvent>& events);
  Usage usage(bool running) const; // running: a failed last invocation will be retried
private:
  Usage m_usage;
  size_t m_seen = 0;
  bool m_pending_retry = false;
  int64_t m_pending_bytes = 0;
};
// What one accepted checkpoint batch adds: operations and bytes (the service checks the sum before applying).
struct Delta {
  int64_t operations = 0;
  int64_t bytes = 0;
};
Delta delta_of(const std::vector<OperationUpdate>& updates);
size_t error_bytes(const ErrorObject& e);

// The combined size of an error's fields as GetDurableExecution.Error counts it: the bytes of ErrorType,
// ErrorMessage, ErrorData and every StackTrace line (without JSON quotes or names).
int64_t error_fields_bytes(const ErrorObject& e);
// The execution's error as the service keeps it: whole when its fields fit kMaxExecutionErrorBytes,
// otherwise cut to fit, ErrorType first, then ErrorMessage, ErrorData and the StackTrace lines in that order
// (AWS does not document which part it cuts; this order keeps what a reader needs first), each cut on a
// UTF-8 character boundary. `truncated` tells whether anything was cut.
ErrorObject execution_error_as_kept(const ErrorObject& e, bool& truncated);

// A limit the next batch would cross, with the service's message, or nullopt.
struct Breach {
  std::string limit;   // "operations per execution", "storage written per execution", ...
  std::string message; // the InvalidParameterValueException text
  std::string source;  // page that documents the limit
};
// `before` null: the payload caps only (simulation.lift_quotas).
std::optional<Breach> check_batch(const Usage* before, const std::vector<OperationUpdate>& updates);

// JSON for `durable-sim run` ("usage") and the page: each figure with its cap and share.
Json to_json(const Usage& u);

} // namespace limits
} // namespace dp::engine
