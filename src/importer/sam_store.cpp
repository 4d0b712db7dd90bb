#include "importer/sam_store.hpp"

#include <algorithm>
#include <sqlite3.h>

namespace dp::importer {
namespace {

const std::string* str(const Json& j, const char* key) {
  const Json* v = find_member(j, key);
  return v && v->is_string() ? v->get_ptr<const std::string*>() : nullptr;
}
std::optional<std::string> opt(const Json& j, const char* key) {
  const std::string* s = str(j, key);
  return s ? std::optional<std::string>(*s) : std::nullopt;
}
std::optional<int64_t> time_of(const Json& j, const char* key) {
  const Json* v = find_member(j, key);
  return v ? parse_timestamp(*v) : std::nullopt;
}

// An Error object as the store keeps it, wrapped the way history events carry it.
Json error_details(const Json* error) {
  return Json{{"Payload", error && error->is_object() ? *error : Json::object()}, {"Truncated", false}};
}
Json payload(const std::optional<std::string>& text) {
  return Json{{"Payload", text.value_or("")}, {"Truncated", false}};
}

// Events with a rank that orders ties: starts before ends before the invocation that contained them.
struct Pending {
  int64_t at = 0;
  int rank = 0;
  size_t order = 0;
  engine::HistoryEvent event;
};

} // namespace

Result<History> sam_history(const std::string& where, const std::string& data_json) {
  auto parsed = parse_json(data_json);
  if (!parsed.ok())
    return Error{where, "the stored execution is not valid JSON: " + parsed.error().text()};
  const Json& data = *parsed;
  const Json* ops = find_member(data, "Operations");
  if (!data.is_object() || !ops || !ops->is_array())
    return Error{where, "the stored execution has no Operations list (not a SAM local store row?)"};
  std::vector<Pending> pending;
  auto add = [&](int64_t at, int rank, const std::string& type, const Json* op, Json details) {
    Pending p;
    p.at = at;
    p.rank = rank;
    p.order = pending.size();
    p.event.event_type = type;
    p.event.event_timestamp = at;
    if (op) {
      p.event.id = opt(*op, "Id");
      p.event.name = opt(*op, "Name");
      p.event.parent_id = opt(*op, "ParentId");
      p.event.sub_type = opt(*op, "SubType");
    }
    if (!details.is_null())
      p.event.details = Json{{type + "Details", std::move(details)}};
    pending.push_back(std::move(p));
  };
  std::optional<int64_t> exec_end;
  std::string exec_status;
  for (size_t i = 0; i < ops->size(); ++i) {
    const Json& op = (*ops)[i];
    std::string at = where + ": Operations[" + std::to_string(i) + "]";
    const std::string* type = op.is_object() ? str(op, "Type") : nullptr;
    const std::string* status = op.is_object() ? str(op, "Status") : nullptr;
    std::optional<int64_t> start = op.is_object() ? time_of(op, "StartTimestamp") : std::nullopt;
    if (!type || !status || !start || !str(op, "Id"))
      return Error{at, "an operation needs Id, Type, Status and StartTimestamp"};
    std::optional<int64_t> end = time_of(op, "EndTimestamp");
    const std::string& s = *status;
    auto ended = [&](const char* prefix, Json details) {
      std::string word = s == "SUCCEEDED"   ? "Succeeded"
                         : s == "FAILED"    ? "Failed"
                         : s == "TIMED_OUT" ? "TimedOut"
                         : s == "CANCELLED" ? "Cancelled"
                         : s == "STOPPED"   ? "Stopped"
                                            : "";
      if (!word.empty())
        add(end.value_or(*start), 1, std::string(prefix) + word, &op, std::move(details));
    };
    if (*type == "EXECUTION") {
      const Json* d = find_member(op, "ExecutionDetails");
      add(*start, 0, "ExecutionStarted", &op,
          Json{{"Input", payload(d ? opt(*d, "InputPayload") : std::nullopt)}});
      exec_end = end;
      exec_status = s;
    } else if (*type == "STEP") {
      const Json* d = find_member(op, "StepDetails");
      Json none = Json::object();
      const Json& det = d && d->is_object() ? *d : none;
      add(*start, 0, "StepStarted", &op, Json::object());
      const Json* attempt = find_member(det, "Attempt");
      Json retry = Json::object();
      if (attempt && attempt->is_number_integer())
        retry["CurrentAttempt"] = *attempt;
      if (s == "SUCCEEDED")
        ended("Step", Json{{"Result", payload(opt(det, "Result"))}, {"RetryDetails", retry}});
      else if (s == "FAILED")
        ended("Step", Json{{"Error", error_details(find_member(det, "Error"))}, {"RetryDetails", retry}});
      else if (s == "PENDING" || s == "READY") {
        // A retry is scheduled: the failed attempt, with the delay its NextAttemptTimestamp implies.
        std::optional<int64_t> next = time_of(det, "NextAttemptTimestamp");
        retry["NextAttemptDelaySeconds"] = next ? std::max<int64_t>(0, (*next - *start) / 1000) : 0;
        add(*start, 1, "StepFailed", &op,
            Json{{"Error", error_details(find_member(det, "Error"))}, {"RetryDetails", retry}});
      }
    } else if (*type == "WAIT") {
      const Json* d = find_member(op, "WaitDetails");
      std::optional<int64_t> until = d ? time_of(*d, "ScheduledEndTimestamp") : std::nullopt;
      Json started = Json::object();
      if (until) {
        started["ScheduledEndTimestamp"] = engine::iso8601(*until);
        started["Duration"] = (*until - *start) / 1000;
      }
      add(*start, 0, "WaitStarted", &op, started);
      ended("Wait", Json::object());
    } else if (*type == "CONTEXT") {
      const Json* d = find_member(op, "ContextDetails");
      add(*start, 0, "ContextStarted", &op, Json::object());
      if (s == "SUCCEEDED")
        ended("Context", Json{{"Result", payload(d ? opt(*d, "Result") : std::nullopt)}});
      else
        ended("Context", Json{{"Error", error_details(d ? find_member(*d, "Error") : nullptr)}});
    } else if (*type == "CALLBACK") {
      const Json* d = find_member(op, "CallbackDetails");
      add(*start, 0, "CallbackStarted", &op,
          Json{{"CallbackId", d ? opt(*d, "CallbackId").value_or("") : std::string()}});
      if (s == "SUCCEEDED")
        ended("Callback", Json{{"Result", payload(d ? opt(*d, "Result") : std::nullopt)}});
      else
        ended("Callback", Json{{"Error", error_details(d ? find_member(*d, "Error") : nullptr)}});
    } else if (*type == "CHAINED_INVOKE") {
      const Json* d = find_member(op, "ChainedInvokeDetails");
      add(*start, 0, "ChainedInvokeStarted", &op, Json::object());
      if (s == "SUCCEEDED")
        ended("ChainedInvoke", Json{{"Result", payload(d ? opt(*d, "Result") : std::nullopt)}});
      else
        ended("ChainedInvoke", Json{{"Error", error_details(d ? find_member(*d, "Error") : nullptr)}});
    } else {
      return Error{at, "unknown operation Type \"" + *type + "\""};
    }
  }
  if (const Json* invs = find_member(data, "InvocationCompletions"); invs && invs->is_array())
    for (const Json& inv : *invs) {
      std::optional<int64_t> s = time_of(inv, "StartTimestamp"), e = time_of(inv, "EndTimestamp");
      if (!s || !e)
        continue;
      Json details{{"StartTimestamp", engine::iso8601(*s)},
                   {"EndTimestamp", engine::iso8601(*e)},
                   {"RequestId", opt(inv, "RequestId").value_or("")}};
      add(*e, 2, "InvocationCompleted", nullptr, details);
    }
  // The execution's end, from its outcome.
  History h;
  h.files.push_back(where);
  const Json* result = find_member(data, "Result");
  std::optional<std::string> close = opt(data, "CloseStatus");
  if (close && *close != "RUNNING") {
    std::string word = *close == "SUCCEEDED"   ? "ExecutionSucceeded"
                       : *close == "FAILED"    ? "ExecutionFailed"
                       : *close == "TIMED_OUT" ? "ExecutionTimedOut"
                                               : "ExecutionStopped";
    Json details = Json::object();
    if (result && result->is_object()) {
      if (word == "ExecutionSucceeded")
        details["Result"] = payload(opt(*result, "Result"));
      else
        details["Error"] = error_details(find_member(*result, "Error"));
    }
    int64_t at = exec_end.value_or(pending.empty() ? 0 : pending.back().at);
    add(at, 3, word, nullptr, details);
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return a.at != b.at ? a.at < b.at : a.rank != b.rank ? a.rank < b.rank : a.order < b.order;
  });
  for (size_t k = 0; k < pending.size(); ++k) {
    ReadEvent r;
    r.event = std::move(pending[k].event);
    r.event.event_id = static_cast<int64_t>(k) + 1;
    r.file = where;
    r.index = k + 1;
    h.events.push_back(std::move(r));
  }
  if (h.events.empty() || h.events.front().event.event_type != "ExecutionStarted")
    return Error{where, "the stored execution has no EXECUTION operation first"};
  h.description.arn = opt(data, "DurableExecutionArn");
  if (const Json* in = find_member(data, "StartInput"); in && in->is_object()) {
    h.description.name = opt(*in, "ExecutionName");
    if (auto fn = opt(*in, "FunctionName"))
      h.description.function_arn =
          "arn:aws:lambda:us-east-1:" + opt(*in, "AccountId").value_or("000000000000") + ":function:" + *fn;
    h.description.input = opt(*in, "Input");
  }
  if (close)
    h.description.status = *close;
  return h;
}

Result<std::unique_ptr<SamStore>> SamStore::open(const std::string& path, const std::string& shown_as) {
  const std::string& name = shown_as.empty() ? path : shown_as;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return Error{name, "cannot open the SAM local store: " + msg};
  }
  std::unique_ptr<SamStore> store(new SamStore(db, name));
  sqlite3_stmt* st = nullptr;
  const char* sql = "SELECT durable_execution_arn, function_name, execution_name, status, start_timestamp, "
                    "end_timestamp, data FROM executions LIMIT 0";
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    return Error{name, "not a SAM local durable-executions store (" + msg +
                           "); expected its `executions` table (durable_execution_arn, function_name, "
                           "execution_name, status, start_timestamp, end_timestamp, data)"};
  }
  sqlite3_finalize(st);
  return store;
}

SamStore::~SamStore() {
  sqlite3_close(m_db);
}

Result<std::vector<SamExecution>> SamStore::list() const {
  std::vector<SamExecution> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(m_db,
                         "SELECT durable_execution_arn, function_name, coalesce(execution_name, ''), status,"
                         " start_timestamp FROM executions ORDER BY start_timestamp",
                         -1, &st, nullptr) != SQLITE_OK)
    return Error{m_path, sqlite3_errmsg(m_db)};
  auto text = [&](int c) {
    const unsigned char* t = sqlite3_column_text(st, c);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  while (sqlite3_step(st) == SQLITE_ROW) {
    SamExecution x{text(0), text(1), text(2), text(3), std::nullopt};
    if (sqlite3_column_type(st, 4) != SQLITE_NULL)
      x.start_ms = static_cast<int64_t>(sqlite3_column_double(st, 4) * 1000.0 + 0.5);
    out.push_back(std::move(x));
  }
  sqlite3_finalize(st);
  return out;
}

Result<History> SamStore::history(const std::string& arn) const {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(m_db, "SELECT data FROM executions WHERE durable_execution_arn = ?1", -1, &st,
                         nullptr) != SQLITE_OK)
    return Error{m_path, sqlite3_errmsg(m_db)};
  sqlite3_bind_text(st, 1, arn.c_str(), static_cast<int>(arn.size()), SQLITE_TRANSIENT);
  std::optional<std::string> data;
  if (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    data = t ? reinterpret_cast<const char*>(t) : "";
  }
  sqlite3_finalize(st);
  if (!data)
    return Error{m_path, "no execution " + arn +
                             " in the SAM store (list them with `durable-sim import --sam " + m_path + "`)"};
  return sam_history(m_path + ": " + arn, *data);
}

} // namespace dp::importer
