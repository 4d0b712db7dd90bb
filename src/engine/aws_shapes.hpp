// The AWS API shapes the simulated service and the simulated SDK exchange (durable-semantics.md 2):
// Operation, OperationUpdate, ErrorObject and the GetDurableExecutionHistory event. Names and
// spellings are AWS's own. Timestamps are virtual epoch milliseconds; JSON renders them ISO-8601.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"

namespace dp::engine {

// [SECTION] Enumerations, each with its AWS spelling

enum class OperationType { Execution, Context, Step, Wait, Callback, ChainedInvoke };
enum class OperationStatus { Started, Pending, Ready, Succeeded, Failed, Cancelled, TimedOut, Stopped };
enum class OperationAction { Start, Succeed, Fail, Retry, Cancel };
enum class ExecutionStatus { Running, Succeeded, Failed, TimedOut, Stopped };

const char* to_string(OperationType t);
const char* to_string(OperationStatus s);
const char* to_string(OperationAction a);
const char* to_string(ExecutionStatus s);
std::optional<OperationType> parse_operation_type(std::string_view s);
std::optional<OperationStatus> parse_operation_status(std::string_view s);
std::optional<OperationAction> parse_operation_action(std::string_view s);
std::optional<ExecutionStatus> parse_execution_status(std::string_view s);

bool is_terminal(OperationStatus s);

// SubType strings the SDKs choose (2.2).
namespace subtype {
inline constexpr const char* kStep = "Step";
inline constexpr const char* kWaitForCondition = "WaitForCondition";
inline constexpr const char* kWait = "Wait";
inline constexpr const char* kCallback = "Callback";
inline constexpr const char* kChainedInvoke = "ChainedInvoke";
inline constexpr const char* kRunInChildContext = "RunInChildContext";
inline constexpr const char* kWaitForCallback = "WaitForCallback";
inline constexpr const char* kParallel = "Parallel";
inline constexpr const char* kParallelBranch = "ParallelBranch";
inline constexpr const char* kMap = "Map";
inline constexpr const char* kMapIteration = "MapIteration";
} // namespace subtype

// [SECTION] Records

struct ErrorObject {
  std::optional<std::string> error_type;
  std::optional<std::string> error_message;
  std::optional<std::string> error_data;
  std::vector<std::string> stack_trace;
  bool operator==(const ErrorObject&) const = default;
};

struct StepDetails {
  int attempt = 0;
  std::optional<int64_t> next_attempt_timestamp;
  std::optional<std::string> result;
  std::optional<ErrorObject> error;
};
struct ContextDetails {
  std::optional<std::string> result;
  std::optional<ErrorObject> error;
  bool replay_children = false;
};
struct WaitDetails {
  int64_t scheduled_end_timestamp = 0;
};
struct CallbackDetails {
  std::string callback_id;
  std::optional<std::string> result;
  std::optional<ErrorObject> error;
};
struct ChainedInvokeDetails {
  std::optional<std::string> result;
  std::optional<ErrorObject> error;
};
struct ExecutionDetails {
  std::string input_payload;
};

// API_Operation. Immutable once published by the service (shared as OperationPtr).
struct Operation {
  std::string id;
  std::optional<std::string> parent_id;
  std::optional<std::string> name;
  OperationType type = OperationType::Step;
  std::optional<std::string> sub_type;
  OperationStatus status = OperationStatus::Started;
  int64_t start_timestamp = 0;
  std::optional<int64_t> end_timestamp;
  std::optional<ExecutionDetails> execution_details;
  std::optional<ContextDetails> context_details;
  std::optional<StepDetails> step_details;
  std::optional<WaitDetails> wait_details;
  std::optional<CallbackDetails> callback_details;
  std::optional<ChainedInvokeDetails> chained_invoke_details;
};
using OperationPtr = std::shared_ptr<const Operation>;

// API_OperationUpdate: what the SDK sends in CheckpointDurableExecution.
struct OperationUpdate {
  std::string id;
  std::optional<std::string> parent_id;
  std::optional<std::string> name;
  OperationType type = OperationType::Step;
  std::optional<std::string> sub_type;
  OperationAction action = OperationAction::Start;
  std::optional<std::string> payload;
  std::optional<ErrorObject> error;
  std::optional<bool> replay_children;               // ContextOptions
  std::optional<int64_t> next_attempt_delay_seconds; // StepOptions
  std::optional<int64_t> wait_seconds;               // WaitOptions
  std::optional<int64_t> callback_timeout_seconds;   // CallbackOptions
  std::optional<int64_t> callback_heartbeat_timeout_seconds;
  std::optional<std::string> function_name; // ChainedInvokeOptions
  std::optional<std::string> tenant_id;
};

// One GetDurableExecutionHistory event; `details` holds the type-specific *Details object.
struct HistoryEvent {
  int64_t event_id = 0;
  std::string event_type; // "StepStarted", "InvocationCompleted", ...
  int64_t event_timestamp = 0;
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> parent_id;
  std::optional<std::string> sub_type;
  Json details; // e.g. {"StepSucceededDetails": {...}}; null when none
};

// [SECTION] JSON renderings (AWS field names)

std::string iso8601(int64_t epoch_ms);
Json to_json(const ErrorObject& e);
Json to_json(const Operation& op);
Json to_json(const OperationUpdate& u);
Json to_json(const HistoryEvent& e);
Result<Operation> operation_from_json(const Json& j);
Result<ErrorObject> error_from_json(const Json& j, const std::string& path);
Result<HistoryEvent> history_event_from_json(const Json& j);
Result<int64_t> parse_iso8601(const std::string& text);

} // namespace dp::engine
