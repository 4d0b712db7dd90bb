#include "engine/limits.hpp"

#include <algorithm>

#include "base/json_text.hpp"
#include "engine/service.hpp"

namespace dp::engine::limits {

const char* const kQuotasPage =
    "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html#durable-functions-quotas";
const char* const kOperationUpdatePage =
    "https://docs.aws.amazon.com/lambda/latest/api/API_OperationUpdate.html";

int64_t payload_cap(OperationType type) {
  switch (type) {
  case OperationType::Execution:
    return kMaxExecutionPayloadBytes;
  case OperationType::ChainedInvoke:
    return kMaxChainedInvokePayloadBytes;
  case OperationType::Step:
  case OperationType::Context:
  case OperationType::Wait:
  case OperationType::Callback:
    return kMaxOperationPayloadBytes;
  }
  return kMaxOperationPayloadBytes;
}

size_t error_bytes(const ErrorObject& e) {
  return to_js_json(to_json(e)).size();
}

int64_t error_fields_bytes(const ErrorObject& e) {
  int64_t n = 0;
  for (const auto* field : {&e.error_type, &e.error_message, &e.error_data})
    n += *field ? static_cast<int64_t>((*field)->size()) : 0;
  for (const auto& line : e.stack_trace)
    n += static_cast<int64_t>(line.size());
  return n;
}

namespace {

// The longest prefix of `text` of at most `budget` bytes that does not split a UTF-8 character.
std::string utf8_prefix(const std::string& text, int64_t budget) {
  if (static_cast<int64_t>(text.size()) <= budget)
    return text;
  size_t cut = static_cast<size_t>(std::max<int64_t>(budget, 0));
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut; // text[cut] continues a character: the cut goes before that character
  return text.substr(0, cut);
}

} // namespace

ErrorObject execution_error_as_kept(const ErrorObject& e, bool& truncated) {
  truncated = error_fields_bytes(e) > kMaxExecutionErrorBytes;
  if (!truncated)
    return e;
  ErrorObject kept;
  int64_t budget = kMaxExecutionErrorBytes;
  auto take = [&](const std::optional<std::string>& field) -> std::optional<std::string> {
    if (!field)
      return std::nullopt;
    std::string part = utf8_prefix(*field, budget);
    budget -= static_cast<int64_t>(part.size());
    return part;
  };
  kept.error_type = take(e.error_type);
  kept.error_message = take(e.error_message);
  kept.error_data = take(e.error_data);
  for (const auto& line : e.stack_trace) {
    if (budget <= 0)
      break;
    kept.stack_trace.push_back(*take(line));
  }
  return kept;
}

namespace {

// The bytes of an event's {"Payload": ...} member: a string payload's length, an error object's JSON size.
int64_t payload_bytes(const Json* field) {
  if (!field || !field->is_object())
    return 0;
  const Json* p = find_member(*field, "Payload");
  if (!p)
    return 0;
  if (p->is_string())
    return static_cast<int64_t>(p->get_ref<const std::string&>().size());
  if (p->is_object() && !p->empty())
    return static_cast<int64_t>(to_js_json(*p).size());
  return 0;
}

// How many durable operations an event stands for (the metering table: see Usage).
int64_t operations_of(const std::string& type) {
  static const char* const kCounted[] = {"ExecutionStarted",    "StepSucceeded",   "StepFailed",
                                         "WaitStarted",         "CallbackStarted", "ContextStarted",
                                         "ChainedInvokeStarted"};
  for (const char* c : kCounted)
    if (type == c)
      return 1;
  return 0;
}

std::optional<OperationType> payload_type(const std::string& event_type) {
  if (event_type == "ExecutionStarted" || event_type == "ExecutionSucceeded")
    return OperationType::Execution;
  if (event_type == "StepSucceeded")
    return OperationType::Step;
  if (event_type == "ContextSucceeded")
    return OperationType::Context;
  if (event_type == "CallbackSucceeded")
    return OperationType::Callback;
  if (event_type == "ChainedInvokeStarted")
    return OperationType::ChainedInvoke;
  return std::nullopt;
}

void note_peak(Usage& u, OperationType type, const std::optional<std::string>& id,
               const std::optional<std::string>& name, int64_t bytes) {
  auto it =
      std::find_if(u.largest.begin(), u.largest.end(), [&](const PayloadPeak& p) { return p.type == type; });
  if (it == u.largest.end()) {
    u.largest.push_back(PayloadPeak{type, id.value_or(""), name.value_or(""), bytes, payload_cap(type)});
    std::sort(u.largest.begin(), u.largest.end(),
              [](const PayloadPeak& a, const PayloadPeak& b) { return a.type < b.type; });
  } else if (bytes > it->bytes) {
    *it = PayloadPeak{type, id.value_or(""), name.value_or(""), bytes, payload_cap(type)};
  }
}

} // namespace

std::optional<PayloadPeak> Usage::closest_to_cap() const {
  std::optional<PayloadPeak> best;
  for (const auto& p : largest)
    if (!best || static_cast<double>(p.bytes) / static_cast<double>(p.cap) >
                     static_cast<double>(best->bytes) / static_cast<double>(best->cap))
      best = p;
  return best;
}

void Meter::advance(const std::vector<HistoryEvent>& events) {
  for (; m_seen < events.size(); ++m_seen) {
    const HistoryEvent& ev = events[m_seen];
    bool terminal = ev.event_type == "ExecutionSucceeded" || ev.event_type == "ExecutionFailed" ||
                    ev.event_type == "ExecutionTimedOut" || ev.event_type == "ExecutionStopped";
    // A failed invocation is a retry when anything but the execution's end follows it.
    if (m_pending_retry && !terminal) {
      m_usage.operations += 1;
      m_usage.invocation_retries += 1;
      m_usage.persisted_bytes += m_pending_bytes;
    }
    m_pending_retry = false;
    const Json* details = nullptr;
    if (ev.details.is_object() && !ev.details.empty())
      details = &ev.details.begin().value();
    m_usage.operations += operations_of(ev.event_type);
    if (!details)
      continue;
    int64_t bytes = payload_bytes(find_member(*details, "Result")) +
                    payload_bytes(find_member(*details, "Input")) +
                    payload_bytes(find_member(*details, "Error"));
    if (ev.event_type == "InvocationCompleted") {
      m_pending_retry = find_member(*details, "Error") != nullptr;
      m_pending_bytes = bytes;
      continue;
    }
    m_usage.persisted_bytes += bytes;
    if (auto type = payload_type(ev.event_type)) {
      bool input = ev.event_type == "ExecutionStarted" || ev.event_type == "ChainedInvokeStarted";
      note_peak(m_usage, *type, ev.id, ev.name,
                payload_bytes(find_member(*details, input ? "Input" : "Result")));
    }
  }
}

Usage Meter::usage(bool running) const {
  Usage u = m_usage;
  if (m_pending_retry && running) { // the service invokes the function again after its backoff
    u.operations += 1;
    u.invocation_retries += 1;
    u.persisted_bytes += m_pending_bytes;
  }
  return u;
}

Usage measure(const Execution& e) {
  Meter m;
  m.advance(e.events);
  return m.usage(!e.terminal());
}

Delta delta_of(const std::vector<OperationUpdate>& updates) {
  Delta d;
  for (const auto& u : updates) {
    bool counted = false;
    switch (u.type) {
    case OperationType::Step:
      counted = u.action != OperationAction::Start && u.action != OperationAction::Cancel;
      break;
    case OperationType::Context:
    case OperationType::Wait:
    case OperationType::Callback:
    case OperationType::ChainedInvoke:
      counted = u.action == OperationAction::Start;
      break;
    case OperationType::Execution:
      break;
    }
    d.operations += counted ? 1 : 0;
    d.bytes += static_cast<int64_t>(u.payload ? u.payload->size() : 0) +
               static_cast<int64_t>(u.error ? error_bytes(*u.error) : 0);
  }
  return d;
}

std::optional<Breach> check_batch(const Usage* before, const std::vector<OperationUpdate>& updates) {
  for (const auto& u : updates) {
    if (!u.payload)
      continue;
    int64_t cap = payload_cap(u.type);
    if (static_cast<int64_t>(u.payload->size()) > cap) {
      // The service's words for a STEP (aws-durable-execution-sdk-python issue 342), said of each type.
      const char* what = u.type == OperationType::ChainedInvoke ? " input" : " output";
      return Breach{std::string(to_string(u.type)) + " payload size",
                    std::string(to_string(u.type)) + what + " payload size must be less than or equal to " +
                        std::to_string(cap) + " bytes",
                    kOperationUpdatePage};
    }
  }
  if (!before)
    return std::nullopt;
  Delta d = delta_of(updates);
  if (before->operations + d.operations > kMaxOperations)
    return Breach{"durable operations per execution",
                  "the durable execution has used " + std::to_string(before->operations) + " of its " +
                      std::to_string(kMaxOperations) + " durable operations; this call adds " +
                      std::to_string(d.operations),
                  kQuotasPage};
  if (before->persisted_bytes + d.bytes > kMaxPersistedBytes)
    return Breach{"storage written per execution",
                  "the durable execution has written " + std::to_string(before->persisted_bytes) +
                      " of its " + std::to_string(kMaxPersistedBytes) + " bytes (100 MB); this call adds " +
                      std::to_string(d.bytes),
                  kQuotasPage};
  return std::nullopt;
}

Json to_json(const Usage& u) {
  auto figure = [](int64_t used, int64_t cap) {
    double share = cap > 0 ? static_cast<double>(used) / static_cast<double>(cap) : 0.0;
    return Json{{"used", used}, {"cap", cap}, {"share", share}, {"warning", share >= kWarnAt}};
  };
  Json largest = Json::array();
  for (const auto& p : u.largest) {
    Json j = figure(p.bytes, p.cap);
    j["type"] = to_string(p.type);
    j["operation_id"] = p.operation_id;
    if (!p.operation_name.empty())
      j["operation_name"] = p.operation_name;
    largest.push_back(j);
  }
  Json out{{"operations", figure(u.operations, kMaxOperations)},
           {"persisted_bytes", figure(u.persisted_bytes, kMaxPersistedBytes)},
           {"invocation_retries", u.invocation_retries},
           {"largest_payloads", largest},
           {"sources", Json{{"quotas", kQuotasPage}, {"payloads", kOperationUpdatePage}}}};
  if (auto peak = u.closest_to_cap()) {
    Json j = figure(peak->bytes, peak->cap);
    j["type"] = to_string(peak->type);
    j["operation_id"] = peak->operation_id;
    out["largest_payload"] = j;
  }
  return out;
}

} // namespace dp::engine::limits
