// The SQLite store: executions, operations (current state in the AWS Operation shape), checkpoint calls
// (token in, updates, token out, time), invocations and history events. Every change batch of the service
// is written in one transaction. A database is marked with our application id and a schema version; a
// corrupt or foreign file is reported and never overwritten. Same code natively and in the browser.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/engine.hpp"
#include "store/compact.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace dp::store {

// 1: the AWS shapes; 2: the engine's trace (timeline survives a reload); 3: documents in their own table
// (the executions row, rewritten at every checkpoint, stays small); 4: the side-effect ledger (every run of
// a step body that declares a side_effect, and the checkpoint that recorded it), rebuilt from the stored
// trace when an older file is opened; 5: imported executions (issue 13), one `imports` row each saying where
// it came from (no simulation stands behind it); 6: the tables keyed by execution stored WITHOUT ROWID, and
// the trace's checkpoint calls naming their checkpoint_calls row instead of copying it (issue 12); 7: the
// big tables kept compact (an integer key per execution, operations named by position, records stored as
// the parts their columns do not hold) behind views with the old names and columns (store/compact.hpp).
inline constexpr int kSchemaVersion = 8;
inline constexpr int kApplicationId = 0x44505047; // "DPPG"

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows; // values as text (NULL as "NULL")
  bool truncated = false;
};

// How long a process waits for another one holding the database (the writer lock, SQLite's own locks).
inline constexpr int kBusyTimeoutMs = 10'000;

class Store {
public:
  // Opens (or, unless must_exist, creates) a database. ":memory:" works too. With lock_writer, the process
  // first takes the database's writer lock (natively an flock(2) on the file, released by the kernel
  // when the process ends, however it ends), waiting up to kBusyTimeoutMs for another writer: one command
  // at a time acts on a file, so none computes from a state another one is changing (issue 14).
  static Result<std::unique_ptr<Store>> open(const std::string& path, bool must_exist = false,
                                             bool lock_writer = false);
  ~Store();

  // An in-memory database holding one execution as given (time travel: the execution as it was at a point,
  // engine/recording.hpp), for the read-only console. Same schema; no trace, no clock.
  static Result<std::unique_ptr<Store>> snapshot(const engine::Execution& execution);

  // Restores the executions and clock saved here into the engine, then records its changes from now on.
  Status attach(engine::Engine& engine);
  Status save_clock(int64_t now_ms);
  // The first write error, if any (writes happen inside the engine's callbacks). After one, nothing more
  // is written: a batch missing from the file would make every later one inconsistent.
  Status last_error() const;
  // Called after every committed transaction with the number committed so far by this store (the crash
  // sweep of tests/hardening kills the process there, like SQLite's faultsim tests).
  void set_commit_hook(std::function<void(int64_t)> hook) { m_commit_hook = std::move(hook); }

  // Stores an execution built from an imported history (issue 13) with its trace, in one transaction:
  // all of it or, on any error, nothing (an ARN already stored is refused). The trace entries are numbered
  // after the stored ones. An attached engine gets the execution too.
  Status import_execution(engine::Execution execution, std::vector<engine::TraceEvent> trace);

  // The same import written across frames (the page imports a 100 MB history without freezing): one
  // transaction from begin_import to finish_import or cancel_import; after a cancel (or any error) the
  // file is exactly as before. While one is open nothing else may write to this store: the page holds the
  // engine's commands until it ends. begin_import numbers the trace entries (as import_execution does);
  // continue_import writes rows until `out_of_time()` says stop; finish_import needs every row written.
  Status begin_import(const engine::Execution& execution, std::vector<engine::TraceEvent>& trace);
  Status continue_import(const engine::Execution& execution, const std::vector<engine::TraceEvent>& trace,
                         const std::function<bool()>& out_of_time);
  bool import_written(const engine::Execution& execution, const std::vector<engine::TraceEvent>& trace) const;
  size_t import_rows_written() const; // operations, events and trace entries written so far
  Status finish_import(engine::Execution execution, std::vector<engine::TraceEvent> trace);
  void cancel_import();
  bool importing() const { return m_import != nullptr; }
  // Where finish_import's time went, in ms (the page shows them in its test state: the one step of a
  // sliced import that is not sliced).
  struct FinishTimes {
    double rows_ms = 0.0;   // the execution's last rows
    double commit_ms = 0.0; // COMMIT
    double engine_ms = 0.0; // the trace and the execution handed to the engine
  };
  const FinishTimes& last_finish_times() const { return m_finish_times; }

  // A read-only SQL console: anything but a read is refused; errors are SQLite's own message.
  Result<QueryResult> query(const std::string& sql, size_t max_rows = 1000) const;
  const std::string& path() const { return m_path; }
  int64_t transactions() const { return m_transactions; }

private:
  Store(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
  Status migrate();
  Status without_rowid(const char* table);
  // Schema 6 -> 7 (store/migrate_compact.cpp): every row of the four big tables into its compact table.
  Status migrate_to_compact();
  // Schema 7 -> 8 (store/migrate_compact.cpp): large payloads out of the rows into compact_payloads.
  Status migrate_to_payloads();
  // The compact_payloads row holding `literal` for execution `key`: the one stored already, else a new one.
  Result<int64_t> payload_id(int64_t key, std::string_view literal);
  // A stored text with its payload markers replaced by the literals.
  Result<std::string> with_payloads(const std::string& stored);
  // The execution key of `arn`, added (inside the caller's transaction) when new; `execution_id` packs
  // its checkpoint tokens.
  Result<int64_t> execution_key(const std::string& arn, const std::string& execution_id);
  Status load_keys();
  // An operation of execution `key` as its position when stored, else as its id (compact.hpp).
  Packed operation_ref(int64_t key, const std::optional<std::string>& id) const;
  Status insert_operation(int64_t key, int64_t position, const compact::OperationRow& row);
  Status insert_event(int64_t key, const compact::EventRow& row);
  Status insert_call(int64_t key, const std::string& execution_id, int64_t seq, int64_t invocation,
                     int64_t time_ms, const std::string& token_in, const std::string& token_out,
                     const Json& updates, const std::string& error);
  Status insert_trace(const engine::TraceEvent& t, const std::optional<std::string>& data);
  Status exec(const std::string& sql);
  // Inside a write transaction: moves meta.version on from the version this store last read or wrote,
  // and refuses when another process moved it meanwhile (the checkpoint token's idea, for the file).
  Status claim_version();
  Status commit();
  // Rolls the open transaction back and forgets the execution keys it added.
  void rollback();
  // The write path's statements, prepared once per connection (re-parsing them for every batch was 13% of
  // the page's 10,000-step run). Keyed by the SQL literal's address; finalized before the database closes.
  sqlite3_stmt* prepared(const char* sql);
  void write(const engine::ChangeBatch& batch);
  Status write_batch(const engine::ChangeBatch& batch);
  // The rows of one batch of `e`; `service_state` is the executions row's JSON; the trace and the clock are
  // written only for a store attached to an engine.
  Status write_rows(const engine::Execution& e, const engine::ChangeBatch& batch,
                    const std::string& service_state, const std::function<Status()>& before_commit = nullptr);
  // The rows of write_rows inside a transaction the caller opened (and rolls back on an error).
  Status insert_rows(const engine::Execution& e, const engine::ChangeBatch& batch,
                     const std::string& service_state);
  Status write_trace();
  // The side_effects row a trace entry adds or completes (StepBodyRan with a SideEffect, the CheckpointCall
  // recording its outcome, InvocationEnded closing the runs it did not record). Replays never add one.
  Status write_side_effect(const engine::TraceEvent& t);
  Result<std::vector<engine::TraceEvent>> read_trace();
  // The trace as schemas 2-6 stored it (the migrations to 4 and to 7 read it).
  Result<std::vector<engine::TraceEvent>> read_legacy_trace();
  Result<Json> call_data(const std::string& arn, const Json& stored);
  Result<Json> legacy_call_data(const std::string& arn, const Json& stored);
  Status restore(engine::Engine& engine);

  sqlite3* m_db;
  std::string m_path;
  engine::Engine* m_engine = nullptr;
  Status m_error = ok_status();
  int64_t m_transactions = 0;
  int64_t m_commits = 0; // every committed transaction, save_clock's too
  int64_t m_version = 0; // meta.version as this store last read or wrote it
  int m_lock_fd = -1;    // the writer lock (open() with lock_writer); closed after the database
  std::function<void(int64_t)> m_commit_hook;
  // An import being written across frames (begin_import .. finish_import): its open transaction's place.
  struct Import {
    std::string arn;
    std::vector<std::string> known_before;        // m_known_executions before it (restored on a cancel)
    size_t operations = 0, events = 0, trace = 0; // rows written so far
  };
  std::unique_ptr<Import> m_import;
  FinishTimes m_finish_times;
  std::vector<std::string> m_known_executions;
  size_t m_trace_written = 0;                                 // engine trace entries already stored
  std::pair<size_t, size_t> m_trace_last_mark;                // the last one's size as stored (replay runs)
  std::unordered_map<std::string, int64_t> m_calls_traced;    // per execution: checkpoint calls in the trace
  std::unordered_map<std::string, int64_t> m_operation_count; // per execution: next position
  // Per execution key: id -> position of every operation stored (schema 7 names operations by position).
  std::unordered_map<int64_t, std::unordered_map<std::string, int64_t>> m_known_operations;
  struct ExecutionKey {
    int64_t key = 0;
    std::string execution_id; // the checkpoint tokens' prefix
  };
  std::unordered_map<std::string, ExecutionKey> m_keys;      // arn -> its compact_keys row
  std::vector<std::string> m_keys_uncommitted;               // added by the open transaction
  std::unordered_map<const char*, sqlite3_stmt*> m_prepared; // see prepared()
  // Per execution key: MD5 of a payload literal -> the compact_payloads rows holding a literal of that MD5
  // (payload_id compares the text, so a collision only costs a row). Forgotten on a rollback.
  std::unordered_map<int64_t, std::unordered_map<std::string, std::vector<int64_t>>> m_payload_ids;
  // "arn|operation id" -> trace seq of a side-effect run no checkpoint has recorded yet (this invocation).
  std::unordered_map<std::string, int64_t> m_unrecorded_effects;
};

} // namespace dp::store
