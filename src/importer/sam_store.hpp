// SAM CLI's local durable emulator keeps its executions in a SQLite file
// (.durable-executions-local/durable-executions.db by default): the Python testing library's SQLite store
// (aws-durable-execution-sdk-python-testing, stores/sqlite.py). One `executions` row per execution:
// durable_execution_arn, function_name, execution_name, status, start_timestamp and end_timestamp (epoch
// seconds) and `data`, the execution as JSON (execution.py to_dict: StartInput, Operations in the AWS
// Operation shape with epoch-second timestamps, InvocationCompletions, Result, CloseStatus). That store keeps
// operations, not events: history() derives the events each operation's state implies (a started and an
// end event per operation, one InvocationCompleted per recorded invocation), ordered by time. The file is
// opened read-only and never changed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "importer/history_reader.hpp"

struct sqlite3;

namespace dp::importer {

struct SamExecution {
  std::string arn;
  std::string function_name;
  std::string execution_name;
  std::string status;
  std::optional<int64_t> start_ms;
};

class SamStore {
public:
  // Errors name the file as `shown_as` when given (the page opens a dropped file's temporary copy).
  static Result<std::unique_ptr<SamStore>> open(const std::string& path, const std::string& shown_as = "");
  ~SamStore();
  SamStore(const SamStore&) = delete;
  SamStore& operator=(const SamStore&) = delete;

  Result<std::vector<SamExecution>> list() const;
  // The execution's history, derived from its stored operations (see above).
  Result<History> history(const std::string& arn) const;

private:
  SamStore(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
  sqlite3* m_db;
  std::string m_path;
};

// The same from the `data` JSON of one row (tests and the page, which reads the file itself).
Result<History> sam_history(const std::string& where, const std::string& data_json);

} // namespace dp::importer
