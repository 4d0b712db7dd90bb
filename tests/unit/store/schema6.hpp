// Tests of the migrations: turns a database this program wrote (schema 8) into the schema-6 file an
// earlier release would have written with the same rows, by writing schema 6's own tables (their DDL as
// schema 6 left it) from the views, so that opening it again runs the migration to 7.
#pragma once

#include <string>

#include <sqlite3.h>

namespace dp::test {

// Schema 6's four keyed tables as the earlier release created them (schema 1's columns, stored WITHOUT
// ROWID by the step to 6) and its trace (schema 2).
inline constexpr const char* kSchema6Tables = R"sql(
CREATE TABLE operations_v6 (
  execution_arn TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, parent_id TEXT, name TEXT,
  type TEXT NOT NULL, subtype TEXT, status TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER,
  record TEXT NOT NULL, PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
CREATE TABLE checkpoint_calls_v6 (
  execution_arn TEXT NOT NULL, seq INTEGER NOT NULL, invocation INTEGER NOT NULL, time_ms INTEGER NOT NULL,
  token_in TEXT NOT NULL, token_out TEXT, updates TEXT NOT NULL, error TEXT, PRIMARY KEY (execution_arn, seq))
  WITHOUT ROWID;
CREATE TABLE events_v6 (
  execution_arn TEXT NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL, timestamp_ms INTEGER NOT NULL,
  operation_id TEXT, name TEXT, record TEXT NOT NULL, PRIMARY KEY (execution_arn, event_id)) WITHOUT ROWID;
CREATE TABLE trace_v6 (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, execution_arn TEXT NOT NULL,
  invocation INTEGER NOT NULL, kind TEXT NOT NULL, operation_id TEXT, name TEXT, text TEXT NOT NULL, data TEXT);
)sql";

// Rewrites the file at `path` (closed) as schema 6; returns SQLite's error, empty on success.
inline std::string downgrade_to_schema6(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
    return "cannot open " + path;
  std::string sql = std::string("BEGIN;") + kSchema6Tables;
  for (const char* name : {"operations", "checkpoint_calls", "events", "trace"})
    sql += std::string("INSERT INTO ") + name + "_v6 SELECT * FROM " + name + ";";
  for (const char* name : {"operations", "checkpoint_calls", "events", "trace"})
    sql += std::string("DROP VIEW ") + name + ";";
  for (const char* name : {"compact_operations", "compact_checkpoint_calls", "compact_events",
                           "compact_trace", "compact_keys", "compact_trace_kinds", "compact_payloads"})
    sql += std::string("DROP TABLE ") + name + ";";
  for (const char* name : {"operations", "checkpoint_calls", "events", "trace"})
    sql += std::string("ALTER TABLE ") + name + "_v6 RENAME TO " + name + ";";
  sql += "PRAGMA user_version=6;COMMIT;";
  char* error = nullptr;
  std::string message;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
    message = error ? error : "unknown error";
  sqlite3_free(error);
  sqlite3_close(db);
  return message;
}

} // namespace dp::test
