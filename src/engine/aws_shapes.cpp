#include "engine/aws_shapes.hpp"

#include <cstdio>

namespace dp::engine {
namespace {

const char* const kTypeNames[] = {"EXECUTION", "CONTEXT", "STEP", "WAIT", "CALLBACK", "CHAINED_INVOKE"};
const char* const kStatusNames[] = {"STARTED", "PENDING",   "READY",     "SUCCEEDED",
                                    "FAILED",  "CANCELLED", "TIMED_OUT", "STOPPED"};
const char* const kActionNames[] = {"START", "SUCCEED", "FAIL", "RETRY", "CANCEL"};
const char* const kExecutionStatusNames[] = {"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"};
static_assert(std::size(kTypeNames) == static_cast<size_t>(OperationType::ChainedInvoke) + 1);
static_assert(std::size(kStatusNames) == static_cast<size_t>(OperationStatus::Stopped) + 1);
static_assert(std::size(kActionNames) == static_cast<size_t>(OperationAction::Cancel) + 1);
static_assert(std::size(kExecutionStatusNames) == static_cast<size_t>(ExecutionStatus::Stopped) + 1);

template <typename E, size_t N>
std::optional<E> parse_name(const char* const (&names)[N], std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (s == names[i])
      return static_cast<E>(i);
  return std::nullopt;
}

void put(Json& j, const char* key, const std::optional<std::string>& v) {
  if (v)
    j[key] = *v;
}

const std::string* str_member(const Json& j, const char* key) {
  const Json* v = find_member(j, key);
  return v && v->is_string() ? v->get_ptr<const std::string*>() : nullptr;
}
std::optional<std::string> opt_str(const Json& j, const char* key) {
  const std::string* s = str_member(j, key);
  return s ? std::optional<std::string>(*s) : std::nullopt;
}
std::optional<int64_t> opt_int(const Json& j, const char* key) {
  const Json* v = find_member(j, key);
  if (!v || !v->is_number_integer())
    return std::nullopt;
  return v->get<int64_t>();
}
std::optional<int64_t> opt_time(const Json& j, const char* key) {
  const std::string* s = str_member(j, key);
  if (!s)
    return std::nullopt;
  auto t = parse_iso8601(*s);
  return t.ok() ? std::optional<int64_t>(*t) : std::nullopt;
}

// Days from civil (Howard Hinnant's algorithm, public domain description), for ISO-8601 both ways.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

} // namespace

const char* to_string(OperationType t) {
  return kTypeNames[static_cast<int>(t)];
}
const char* to_string(OperationStatus s) {
  return kStatusNames[static_cast<int>(s)];
}
const char* to_string(OperationAction a) {
  return kActionNames[static_cast<int>(a)];
}
const char* to_string(ExecutionStatus s) {
  return kExecutionStatusNames[static_cast<int>(s)];
}
std::optional<OperationType> parse_operation_type(std::string_view s) {
  return parse_name<OperationType>(kTypeNames, s);
}
std::optional<OperationStatus> parse_operation_status(std::string_view s) {
  return parse_name<OperationStatus>(kStatusNames, s);
}
std::optional<OperationAction> parse_operation_action(std::string_view s) {
  return parse_name<OperationAction>(kActionNames, s);
}
std::optional<ExecutionStatus> parse_execution_status(std::string_view s) {
  return parse_name<ExecutionStatus>(kExecutionStatusNames, s);
}

bool is_terminal(OperationStatus s) {
  return s == OperationStatus::Succeeded || s == OperationStatus::Failed || s == OperationStatus::Cancelled ||
         s == OperationStatus::TimedOut || s == OperationStatus::Stopped;
}

std::string iso8601(int64_t epoch_ms) {
  int64_t days = epoch_ms >= 0 ? epoch_ms / 86400000 : (epoch_ms - 86399999) / 86400000;
  int64_t ms_of_day = epoch_ms - days * 86400000;
  // civil_from_days
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y),
                m, d, static_cast<long long>(ms_of_day / 3600000),
                static_cast<long long>(ms_of_day / 60000 % 60), static_cast<long long>(ms_of_day / 1000 % 60),
                static_cast<long long>(ms_of_day % 1000));
  return buf;
}

Result<int64_t> parse_iso8601(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &s, &ms);
  if (n < 6)
    return Error{"", "not an ISO-8601 UTC timestamp: \"" + text + "\""};
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000 +
         ((h * 60 + mi) * 60 + s) * 1000LL + ms;
}

Json to_json(const ErrorObject& e) {
  Json j = Json::object();
  put(j, "ErrorType", e.error_type);
  put(j, "ErrorMessage", e.error_message);
  put(j, "ErrorData", e.error_data);
  if (!e.stack_trace.empty())
    j["StackTrace"] = e.stack_trace;
  return j;
}

Json to_json(const Operation& op) {
  Json j = Json::object();
  j["Id"] = op.id;
  put(j, "ParentId", op.parent_id);
  put(j, "Name", op.name);
  j["Type"] = to_string(op.type);
  put(j, "SubType", op.sub_type);
  j["Status"] = to_string(op.status);
  j["StartTimestamp"] = iso8601(op.start_timestamp);
  if (op.end_timestamp)
    j["EndTimestamp"] = iso8601(*op.end_timestamp);
  if (op.execution_details)
    j["ExecutionDetails"] = {{"InputPayload", op.execution_details->input_payload}};
  if (op.context_details) {
    Json d = Json::object();
    put(d, "Result", op.context_details->result);
    if (op.context_details->error)
      d["Error"] = to_json(*op.context_details->error);
    if (op.context_details->replay_children)
      d["ReplayChildren"] = true;
    j["ContextDetails"] = d;
  }
  if (op.step_details) {
    Json d = Json::object();
    d["Attempt"] = op.step_details->attempt;
    if (op.step_details->next_attempt_timestamp)
      d["NextAttemptTimestamp"] = iso8601(*op.step_details->next_attempt_timestamp);
    put(d, "Result", op.step_details->result);
    if (op.step_details->error)
      d["Error"] = to_json(*op.step_details->error);
    j["StepDetails"] = d;
  }
  if (op.wait_details)
    j["WaitDetails"] = {{"ScheduledEndTimestamp", iso8601(op.wait_details->scheduled_end_timestamp)}};
  if (op.callback_details) {
    Json d = Json::object();
    d["CallbackId"] = op.callback_details->callback_id;
    put(d, "Result", op.callback_details->result);
    if (op.callback_details->error)
      d["Error"] = to_json(*op.callback_details->error);
    j["CallbackDetails"] = d;
  }
  if (op.chained_invoke_details) {
    Json d = Json::object();
    put(d, "Result", op.chained_invoke_details->result);
    if (op.chained_invoke_details->error)
      d["Error"] = to_json(*op.chained_invoke_details->error);
    j["ChainedInvokeDetails"] = d;
  }
  return j;
}

Json to_json(const OperationUpdate& u) {
  Json j = Json::object();
  j["Id"] = u.id;
  put(j, "ParentId", u.parent_id);
  put(j, "Name", u.name);
  j["Type"] = to_string(u.type);
  put(j, "SubType", u.sub_type);
  j["Action"] = to_string(u.action);
  put(j, "Payload", u.payload);
  if (u.error)
    j["Error"] = to_json(*u.error);
  if (u.replay_children)
    j["ContextOptions"] = {{"ReplayChildren", *u.replay_children}};
  if (u.next_attempt_delay_seconds)
    j["StepOptions"] = {{"NextAttemptDelaySeconds", *u.next_attempt_delay_seconds}};
  if (u.wait_seconds)
    j["WaitOptions"] = {{"WaitSeconds", *u.wait_seconds}};
  if (u.callback_timeout_seconds || u.callback_heartbeat_timeout_seconds) {
    Json o = Json::object();
    if (u.callback_timeout_seconds)
      o["TimeoutSeconds"] = *u.callback_timeout_seconds;
    if (u.callback_heartbeat_timeout_seconds)
      o["HeartbeatTimeoutSeconds"] = *u.callback_heartbeat_timeout_seconds;
    j["CallbackOptions"] = o;
  }
  if (u.function_name) {
    j["ChainedInvokeOptions"] = {{"FunctionName", *u.function_name}};
    if (u.tenant_id)
      j["ChainedInvokeOptions"]["TenantId"] = *u.tenant_id;
  }
  return j;
}

Json to_json(const HistoryEvent& e) {
  Json j = Json::object();
  j["EventType"] = e.event_type;
  j["EventId"] = e.event_id;
  put(j, "Id", e.id);
  put(j, "Name", e.name);
  put(j, "ParentId", e.parent_id);
  put(j, "SubType", e.sub_type);
  j["EventTimestamp"] = iso8601(e.event_timestamp);
  if (e.details.is_object())
    for (auto it = e.details.begin(); it != e.details.end(); ++it)
      j[it.key()] = it.value();
  return j;
}

Result<ErrorObject> error_from_json(const Json& j, const std::string& path) {
  if (!j.is_object())
    return Error{path, "an error must be an object with ErrorType and ErrorMessage"};
  ErrorObject e;
  e.error_type = opt_str(j, "ErrorType");
  e.error_message = opt_str(j, "ErrorMessage");
  e.error_data = opt_str(j, "ErrorData");
  if (const Json* st = find_member(j, "StackTrace"); st && st->is_array())
    for (const auto& line : *st)
      if (line.is_string())
        e.stack_trace.push_back(line.get<std::string>());
  return e;
}

Result<Operation> operation_from_json(const Json& j) {
  Operation op;
  auto id = opt_str(j, "Id");
  auto type = parse_operation_type(str_member(j, "Type") ? *str_member(j, "Type") : "");
  auto status = parse_operation_status(str_member(j, "Status") ? *str_member(j, "Status") : "");
  auto start = opt_time(j, "StartTimestamp");
  if (!id || !type || !status || !start)
    return Error{"operation", "a stored operation lacks Id, Type, Status or StartTimestamp"};
  op.id = *id;
  op.parent_id = opt_str(j, "ParentId");
  op.name = opt_str(j, "Name");
  op.type = *type;
  op.sub_type = opt_str(j, "SubType");
  op.status = *status;
  op.start_timestamp = *start;
  op.end_timestamp = opt_time(j, "EndTimestamp");
  auto error_of = [](const Json& d) -> std::optional<ErrorObject> {
    const Json* e = find_member(d, "Error");
    if (!e)
      return std::nullopt;
    auto r = error_from_json(*e, "");
    return r.ok() ? std::optional<ErrorObject>(*r) : std::nullopt;
  };
  if (const Json* d = find_member(j, "ExecutionDetails"))
    op.execution_details = ExecutionDetails{opt_str(*d, "InputPayload").value_or("")};
  if (const Json* d = find_member(j, "ContextDetails")) {
    const Json* rc = find_member(*d, "ReplayChildren");
    op.context_details =
        ContextDetails{opt_str(*d, "Result"), error_of(*d), rc && rc->is_boolean() && rc->get<bool>()};
  }
  if (const Json* d = find_member(j, "StepDetails"))
    op.step_details = StepDetails{static_cast<int>(opt_int(*d, "Attempt").value_or(0)),
                                  opt_time(*d, "NextAttemptTimestamp"), opt_str(*d, "Result"), error_of(*d)};
  if (const Json* d = find_member(j, "WaitDetails"))
    op.wait_details = WaitDetails{opt_time(*d, "ScheduledEndTimestamp").value_or(0)};
  if (const Json* d = find_member(j, "CallbackDetails"))
    op.callback_details =
        CallbackDetails{opt_str(*d, "CallbackId").value_or(""), opt_str(*d, "Result"), error_of(*d)};
  if (const Json* d = find_member(j, "ChainedInvokeDetails"))
    op.chained_invoke_details = ChainedInvokeDetails{opt_str(*d, "Result"), error_of(*d)};
  return op;
}

Result<HistoryEvent> history_event_from_json(const Json& j) {
  HistoryEvent e;
  auto type = opt_str(j, "EventType");
  auto id = opt_int(j, "EventId");
  auto ts = opt_time(j, "EventTimestamp");
  if (!type || !id || !ts)
    return Error{"event", "a stored history event lacks EventType, EventId or EventTimestamp"};
  e.event_type = *type;
  e.event_id = *id;
  e.event_timestamp = *ts;
  e.id = opt_str(j, "Id");
  e.name = opt_str(j, "Name");
  e.parent_id = opt_str(j, "ParentId");
  e.sub_type = opt_str(j, "SubType");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key().size() > 7 && it.key().compare(it.key().size() - 7, 7, "Details") == 0)
      e.details[it.key()] = it.value();
  return e;
}

} // namespace dp::engine
