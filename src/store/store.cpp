// [SECTION] index: open and migrate · writing batches · compact rows · restoring · read-only queries
#include "store/store.hpp"

#include <algorithm>
#include <filesystem>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef __EMSCRIPTEN__ // the writer lock (Store::open)
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#endif

#include "base/hash.hpp"
#include "base/json_text.hpp"
#include "base/parse_number.hpp"
#include "store/statement.hpp"
#include "workflow/loader.hpp"

namespace dp::store {
namespace {

// The tables keyed by execution and a number or id (schema 6 stores them WITHOUT ROWID).
const char* const kKeyedTables[] = {"operations", "checkpoint_calls", "invocations", "events"};

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  arn TEXT PRIMARY KEY, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  start_ms INTEGER NOT NULL, end_ms INTEGER, input TEXT NOT NULL, result TEXT, error TEXT,
  document TEXT NOT NULL, service_state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS operations (
  execution_arn TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, parent_id TEXT, name TEXT,
  type TEXT NOT NULL, subtype TEXT, status TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER,
  record TEXT NOT NULL, PRIMARY KEY (execution_arn, id));
CREATE TABLE IF NOT EXISTS checkpoint_calls (
  execution_arn TEXT NOT NULL, seq INTEGER NOT NULL, invocation INTEGER NOT NULL, time_ms INTEGER NOT NULL,
  token_in TEXT NOT NULL, token_out TEXT, updates TEXT NOT NULL, error TEXT, PRIMARY KEY (execution_arn, seq));
CREATE TABLE IF NOT EXISTS invocations (
  execution_arn TEXT NOT NULL, idx INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, outcome TEXT NOT NULL,
  replayed INTEGER NOT NULL, executed INTEGER NOT NULL, checkpoints INTEGER NOT NULL, error TEXT,
  PRIMARY KEY (execution_arn, idx));
CREATE TABLE IF NOT EXISTS events (
  execution_arn TEXT NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL, timestamp_ms INTEGER NOT NULL,
  operation_id TEXT, name TEXT, record TEXT NOT NULL, PRIMARY KEY (execution_arn, event_id));
)sql";

// What changes when a compact replay entry grows: its number of ranges and the last range's count.
std::pair<size_t, size_t> growth_mark(const engine::TraceEvent& t) {
  if (t.kind != engine::TraceKind::OperationReplayed || !t.data.is_object())
    return {0, 0};
  const Json* ranges = find_member(t.data, "Replayed");
  if (!ranges || !ranges->is_array() || ranges->empty())
    return {0, 0};
  const Json& last = ranges->back();
  if (!last.is_array() || last.size() < 2 || !last[1].is_number_integer())
    return {ranges->size(), 0};
  return {ranges->size(), static_cast<size_t>(last[1].get<int64_t>())};
}

// What makes `path` unusable as a database that the file system can tell before SQLite tries: a folder,
// a device, a missing folder. SQLite's own words for these are "unable to open database file" (issue 14).
std::string path_problem(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  auto status = fs::status(p, ec);
  if (fs::is_directory(status))
    return "is a folder, not a database file (give a file path, such as " + (p / "playground.db").string() +
           ")";
  if (fs::exists(status) && !fs::is_regular_file(status))
    return "is not a regular file (a database is a file)";
  fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::exists(status) && !fs::is_directory(fs::status(dir, ec)))
    return "the folder '" + dir.string() +
           "' does not exist (create it first, or give a path in a folder that exists)";
  return "";
}

// After SQLite failed to open or write: whether permissions explain it. A database needs a writable file
// and a writable folder (SQLite keeps its journal, FILE-wal, beside the file).
std::string permission_problem(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
  bool exists = fs::exists(p, ec);
  if (exists && ::access(path.c_str(), W_OK) != 0)
    return "the file is read-only for this user (durable-sim records every change in it: make it writable, "
           "chmod u+w, or work on a copy)";
  if (::access(dir.c_str(), W_OK) != 0)
    return std::string("the folder '") + dir + "' is read-only for this user (" +
           (exists ? "SQLite writes its journal, " + p.filename().string() + "-wal, beside the database"
                   : "a new database cannot be created there") +
           "; use a folder you can write to)";
  return "";
}

// The id of the operation a schema-7 column names (compact.hpp): its position in the execution `c.ex`, or
// the id itself when it had none.
#define DP_OPERATION_ID(column)                                                                              \
  "CASE WHEN typeof(" column ") = 'integer' THEN (SELECT p.id FROM compact_operations p WHERE p.ex = c.ex"   \
  " AND p.position = c." column ") ELSE c." column " END"

std::optional<std::string> optional_text(const Stmt& s, int col) {
  return s.null(col) ? std::nullopt : std::optional<std::string>(s.text(col));
}

const char* const kStaleWriter = "another process changed the execution since this command read the "
                                 "database; nothing more of this command was saved, so the history stays "
                                 "consistent: run the command again";

} // namespace

// [SECTION] open and migrate

Result<std::unique_ptr<Store>> Store::open(const std::string& path, bool must_exist, bool lock_writer) {
  bool memory = path == ":memory:";
  struct stat st {};
  bool exists = !memory && ::stat(path.c_str(), &st) == 0;
  if (!memory)
    if (std::string problem = path_problem(path); !problem.empty())
      return Error{path, exists || !must_exist ? problem : "no such database: " + problem};
  if (must_exist && !exists)
    return Error{path, "no such database; create one with `durable-sim run DOC.json --db " + path + "`"};
  // SQLite's words for a file or folder it may not write are "unable to open database file" or "attempt
  // to write a readonly database": say which one it is, with the path.
  auto unusable = [&](std::string sqlite_message) {
    std::string problem = memory ? "" : permission_problem(path);
    return Error{path, problem.empty() ? std::move(sqlite_message) : problem};
  };
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (must_exist ? 0 : SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return unusable("cannot open the database: " + msg);
  }
  std::unique_ptr<Store> store(new Store(db, path));
  // Waiting processes wait instead of failing at once with "database is locked".
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
#ifndef __EMSCRIPTEN__ // the page has one writer tab (navigator.locks in web/platform.js)
  if (lock_writer && !memory) {
    store->m_lock_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
    while (store->m_lock_fd >= 0 && ::flock(store->m_lock_fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR)
        break; // no flock on this file system: the version check in every write still guards the file
      if (std::chrono::steady_clock::now() >= deadline)
        return Error{path, "another process is using the database (waited " +
                               std::to_string(kBusyTimeoutMs / 1000) +
                               " s for it to finish); run the command again when it has"};
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
#else
  (void)lock_writer;
#endif
  // Identify the file before writing anything: a corrupt or foreign file is never overwritten.
  // Each probe is finalized at once: an unfinished read keeps a transaction open, and the journal mode
  // cannot change inside one.
  int64_t app_id = 0, table_count = 0;
  for (auto [sql, out] :
       {std::pair<const char*, int64_t*>{"PRAGMA application_id", &app_id},
        std::pair<const char*, int64_t*>{"SELECT count(*) FROM sqlite_master", &table_count}}) {
    Stmt probe(db, sql);
    if (!probe.ok() || probe.step() != SQLITE_ROW) {
      if (int rc = sqlite3_errcode(db); rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM)
        return unusable(sqlite3_errmsg(db));
      return Error{path, std::string("not a usable SQLite database (") + sqlite3_errmsg(db) +
                             "); it was left untouched"};
    }
    *out = probe.integer(0);
  }
  if (app_id != kApplicationId && table_count > 0)
    return Error{path, "this SQLite file belongs to another application (application_id " +
                           std::to_string(app_id) + "); it was left untouched"};
  if (auto s = store->migrate(); !s.ok())
    return unusable(s.error().message);
  // A file of ours with a table dropped (by hand or by damage) is refused by name, rather than read as
  // an empty history with exit 0 (issue 14).
  for (const char* table :
       {"meta", "executions", "operations", "checkpoint_calls", "invocations", "events", "trace", "documents",
        "side_effects", "imports", "compact_keys", "compact_trace_kinds", "compact_operations",
        "compact_events", "compact_checkpoint_calls", "compact_trace"}) {
    Stmt has(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name=?1");
    has.bind(1, std::string(table));
    if (has.step() != SQLITE_ROW)
      return Error{path, std::string("the database has no '") + table +
                             "' table (damaged?); it was left untouched"};
  }
  if (auto s = store->load_keys(); !s.ok())
    return Error{path, s.error().message};
  return store;
}

Status Store::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Error{"sqlite", msg};
  }
  return ok_status();
}

sqlite3_stmt* Store::prepared(const char* sql) {
  auto it = m_prepared.find(sql);
  if (it != m_prepared.end())
    return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK)
    return nullptr; // not kept: the caller's Stmt reports the error, the next batch tries again
  m_prepared.emplace(sql, stmt);
  return stmt;
}

Status Store::migrate() {
  int64_t version = 0;
  {
    Stmt v(m_db, "PRAGMA user_version");
    if (!v.ok() || v.step() != SQLITE_ROW)
      return Error{"sqlite", sqlite3_errmsg(m_db)};
    version = v.integer(0);
  }
  if (version > kSchemaVersion)
    return Error{"schema", "the database has schema version " + std::to_string(version) +
                               ", newer than this program's " + std::to_string(kSchemaVersion) +
                               "; it was left untouched"};
    // Journal: WAL natively; the in-memory file system of the browser build gains nothing from it.
#ifdef __EMSCRIPTEN__
  (void)exec("PRAGMA journal_mode=MEMORY");
  // One connection per process and no file locks in Emscripten's file systems (each tab has its own
  // in-memory copy of the file): keep the lock between transactions. In the default (NORMAL) mode every
  // transaction starts by looking for a hot journal and re-checking the file, a stat() of a missing
  // file that Emscripten's FS answers by throwing a JS exception: 45% of the page's 10,000-step run in
  // headless Chromium (tools/bench-web).
  (void)exec("PRAGMA locking_mode=EXCLUSIVE");
#else
  if (m_path != ":memory:")
    (void)exec("PRAGMA journal_mode=WAL");
#endif
  (void)exec("PRAGMA synchronous=NORMAL");
  // Migrations, one per version step: 0 -> 1 creates the schema.
  if (version < 1) {
    if (auto s = exec(std::string("BEGIN;") + kSchema + "PRAGMA application_id=" +
                      std::to_string(kApplicationId) + ";PRAGMA user_version=1;COMMIT;");
        !s.ok()) {
      (void)exec("ROLLBACK");
      return s;
    }
  }
  if (version < 2) {
    if (auto s = exec("BEGIN;"
                      "CREATE TABLE IF NOT EXISTS trace (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL,"
                      " execution_arn TEXT NOT NULL, invocation INTEGER NOT NULL, kind TEXT NOT NULL, "
                      "operation_id TEXT,"
                      " name TEXT, text TEXT NOT NULL, data TEXT);"
                      "PRAGMA user_version=2;COMMIT;");
        !s.ok()) {
      (void)exec("ROLLBACK");
      return s;
    }
  }
  if (version < 3) {
    // The document leaves the executions row, which every checkpoint rewrites: SQLite reads and writes a
    // whole row to update one column, and a 10,000-step document made each checkpoint move half a megabyte.
    if (auto s = exec("BEGIN;"
                      "CREATE TABLE IF NOT EXISTS documents (execution_arn TEXT PRIMARY KEY,"
                      " document TEXT NOT NULL);"
                      "INSERT OR IGNORE INTO documents(execution_arn, document)"
                      " SELECT arn, document FROM executions;"
                      "ALTER TABLE executions DROP COLUMN document;"
                      "PRAGMA user_version=3;COMMIT;");
        !s.ok()) {
      (void)exec("ROLLBACK");
      return s;
    }
  }
  if (version < 4) {
    // The side-effect ledger (issue 9). Older files get theirs from their stored trace; a file without a
    // trace (schema 1) has none to rebuild, and `durable-sim explain` says so.
    if (auto s = exec("BEGIN;"
                      "CREATE TABLE IF NOT EXISTS side_effects (trace_seq INTEGER PRIMARY KEY,"
                      " execution_arn TEXT NOT NULL, operation_id TEXT NOT NULL, name TEXT,"
                      " invocation INTEGER NOT NULL, attempt INTEGER NOT NULL, time_ms INTEGER NOT NULL,"
                      " effect TEXT NOT NULL, recorded TEXT);");
        !s.ok()) {
      (void)exec("ROLLBACK");
      return s;
    }
    Status filled = ok_status();
    if (version >= 2) {
      auto trace = read_legacy_trace();
      if (!trace.ok())
        filled = trace.error();
      for (size_t i = 0; filled.ok() && trace.ok() && i < trace->size(); ++i)
        filled = write_side_effect((*trace)[i]);
      m_unrecorded_effects.clear();
    }
    if (filled.ok())
      filled = exec("PRAGMA user_version=4;COMMIT;");
    if (!filled.ok()) {
      (void)exec("ROLLBACK");
      return filled;
    }
  }
  if (version < 5) {
    // Imported executions (issue 13): where each came from. Older files have none.
    if (auto s = exec("BEGIN;"
                      "CREATE TABLE IF NOT EXISTS imports (execution_arn TEXT PRIMARY KEY,"
                      " source TEXT NOT NULL);"
                      "PRAGMA user_version=5;COMMIT;");
        !s.ok()) {
      (void)exec("ROLLBACK");
      return s;
    }
  }
  // Applies after 4 or after 5 (the order the two were written in), and keeps what 5 added.
  if (version < 6) {
    Status moved = exec("BEGIN");
    for (const char* table : kKeyedTables)
      if (moved.ok())
        moved = without_rowid(table);
    if (moved.ok())
      moved = exec("PRAGMA user_version=6;COMMIT;");
    if (!moved.ok()) {
      (void)exec("ROLLBACK");
      return moved;
    }
  }
  if (version < 7)
    if (auto s = migrate_to_compact(); !s.ok())
      return s;
  if (version < 8)
    return migrate_to_payloads();
  return ok_status();
}

// Schema 6: a table keyed by (execution_arn, ...) stored as its key's b-tree (WITHOUT ROWID). A rowid table
// kept a second copy of every key, the 146-byte ARN included, in its primary key's index: a fifth of a
// 10,000-step database (issue 12). The table is rebuilt from its own stored CREATE statement, so columns and
// indexes a later schema step added survive.
Status Store::without_rowid(const char* table) {
  std::string create;
  std::vector<std::string> indexes;
  {
    Stmt t(m_db, "SELECT sql FROM sqlite_master WHERE type='table' AND name=?1");
    t.bind(1, std::string(table));
    if (t.step() != SQLITE_ROW)
      return Error{m_path, std::string("the database has no '") + table + "' table (damaged?)"};
    create = t.text(0);
    Stmt ix(m_db, "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=?1 AND sql IS NOT NULL");
    ix.bind(1, std::string(table));
    while (ix.step() == SQLITE_ROW)
      indexes.push_back(ix.text(0));
  }
  if (create.find("WITHOUT ROWID") != std::string::npos)
    return ok_status();
  size_t columns = create.find('(');
  if (columns == std::string::npos)
    return Error{m_path, std::string("cannot read the definition of table '") + table + "'"};
  std::string moved = std::string(table) + "_v6";
  for (const std::string& sql :
       {"CREATE TABLE " + moved + " " + create.substr(columns) + " WITHOUT ROWID",
        "INSERT INTO " + moved + " SELECT * FROM " + table, std::string("DROP TABLE ") + table,
        "ALTER TABLE " + moved + " RENAME TO " + table})
    if (auto s = exec(sql); !s.ok())
      return s;
  for (const std::string& sql : indexes)
    if (auto s = exec(sql); !s.ok())
      return s;
  return ok_status();
}

Store::~Store() {
  for (auto& [sql, stmt] : m_prepared)
    sqlite3_finalize(stmt);
  sqlite3_close(m_db);
  // Only now: closing any descriptor of the file drops the process's POSIX locks on it, SQLite's included.
  if (m_lock_fd >= 0)
    ::close(m_lock_fd);
}

Status Store::last_error() const {
  return m_error;
}

// BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so the version read
// below is the one this transaction commits on top of.
static Status begin_immediate(sqlite3* db, sqlite3_stmt* begin, const std::string& path) {
  Stmt s(db, begin);
  int rc = s.step();
  if (rc == SQLITE_DONE)
    return ok_status();
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    return Error{path, "the database stayed locked by another process for " +
                           std::to_string(kBusyTimeoutMs / 1000) + " s; run the command again"};
  return Error{"sqlite", sqlite3_errmsg(db)};
}

Status Store::claim_version() {
  Stmt v(m_db, prepared("INSERT INTO meta(key, value) VALUES('version', ?2) ON CONFLICT(key) DO UPDATE SET "
                        "value=excluded.value WHERE meta.value=?1"));
  v.bind(1, std::to_string(m_version)).bind(2, std::to_string(m_version + 1));
  if (auto s = v.run(); !s.ok())
    return s;
  if (sqlite3_changes(m_db) != 1)
    return Error{m_path, kStaleWriter};
  return ok_status();
}

Status Store::commit() {
  if (auto s = Stmt(m_db, prepared("COMMIT")).run(); !s.ok())
    return s;
  ++m_version;
  ++m_commits;
  m_keys_uncommitted.clear();
  if (m_commit_hook)
    m_commit_hook(m_commits);
  return ok_status();
}

Status Store::save_clock(int64_t now_ms) {
  if (!m_error.ok())
    return m_error;
  // The clock and the trace entries recorded since the last batch, in one transaction.
  if (auto st = begin_immediate(m_db, prepared("BEGIN IMMEDIATE"), m_path); !st.ok())
    return st;
  Status st = claim_version();
  Stmt s(m_db, prepared("INSERT INTO meta(key, value) VALUES('clock', ?1) ON CONFLICT(key) DO UPDATE SET "
                        "value=excluded.value"));
  s.bind(1, std::to_string(now_ms));
  if (st.ok())
    st = s.run();
  if (st.ok())
    st = write_trace();
  if (st.ok())
    st = commit();
  if (!st.ok()) {
    rollback();
    m_error = st;
  }
  return m_error;
}

// [SECTION] writing batches

void Store::write(const engine::ChangeBatch& batch) {
  if (!m_error.ok())
    return;
  if (auto s = write_batch(batch); !s.ok())
    m_error = s;
}

Status Store::write_batch(const engine::ChangeBatch& batch) {
  const engine::Execution* e = m_engine ? m_engine->execution(batch.arn) : nullptr;
  if (!e)
    return ok_status();
  return write_rows(*e, batch, json_text(m_engine->service().internal_state(*e)));
}

Result<std::unique_ptr<Store>> Store::snapshot(const engine::Execution& execution) {
  Result<std::unique_ptr<Store>> opened = open(":memory:");
  if (!opened.ok())
    return opened;
  engine::ChangeBatch all;
  all.arn = execution.arn;
  for (const std::string& id : execution.op_order)
    if (auto it = execution.ops.find(id); it != execution.ops.end())
      all.operations.push_back(it->second);
  all.events = execution.events;
  all.calls = execution.checkpoint_calls;
  all.invocations = execution.invocations;
  all.execution_changed = true;
  if (Status s = opened.value()->write_rows(execution, all, "{}"); !s.ok())
    return s.error();
  return opened;
}

Status Store::write_rows(const engine::Execution& execution, const engine::ChangeBatch& batch,
                         const std::string& service_state, const std::function<Status()>& before_commit) {
  if (auto s = begin_immediate(m_db, prepared("BEGIN IMMEDIATE"), m_path); !s.ok())
    return s;
  auto fail = [&](Status s) {
    rollback();
    return s;
  };
  if (auto s = claim_version(); !s.ok())
    return fail(s);
  if (auto s = insert_rows(execution, batch, service_state); !s.ok())
    return fail(s);
  if (m_engine) {
    if (auto st = write_trace(); !st.ok())
      return fail(st);
    Stmt clock(m_db, prepared("INSERT INTO meta(key, value) VALUES('clock', ?1) ON CONFLICT(key) DO UPDATE "
                              "SET value=excluded.value"));
    clock.bind(1, std::to_string(m_engine->now()));
    if (auto s = clock.run(); !s.ok())
      return fail(s);
  }
  if (before_commit)
    if (auto s = before_commit(); !s.ok())
      return fail(s);
  if (auto s = commit(); !s.ok())
    return fail(s);
  m_transactions++;
  return ok_status();
}

Status Store::insert_rows(const engine::Execution& execution, const engine::ChangeBatch& batch,
                          const std::string& service_state) {
  const engine::Execution* e = &execution;
  auto fail = [](Status s) { return s; }; // the caller rolls back
  bool known =
      std::find(m_known_executions.begin(), m_known_executions.end(), e->arn) != m_known_executions.end();
  if (!known) {
    Stmt ins(m_db,
             prepared("INSERT OR IGNORE INTO executions(arn, position, id, name, status, start_ms, input, "
                      "service_state)"
                      " VALUES(?1, (SELECT count(*) FROM executions), ?2, ?3, ?4, ?5, ?6, '{}')"));
    ins.bind(1, e->arn)
        .bind(2, e->id)
        .bind(3, e->name)
        .bind(4, std::string(to_string(e->status)))
        .bind(5, e->start_ms);
    ins.bind(6, e->input_payload);
    if (auto s = ins.run(); !s.ok())
      return fail(s);
    Stmt doc(m_db, prepared("INSERT OR IGNORE INTO documents(execution_arn, document) VALUES(?1, ?2)"));
    doc.bind(1, e->arn).bind(2, json_text(workflow::save_document(*e->document)));
    if (auto s = doc.run(); !s.ok())
      return fail(s);
    m_known_executions.push_back(e->arn);
  }
  Result<int64_t> key = execution_key(e->arn, e->id);
  if (!key.ok())
    return fail(key.error());
  Stmt up(
      m_db,
      prepared(
          "UPDATE executions SET status=?2, end_ms=?3, result=?4, error=?5, service_state=?6 WHERE arn=?1"));
  up.bind(1, e->arn).bind(2, std::string(to_string(e->status))).bind(3, e->end_ms).bind(4, e->result);
  up.bind(5, e->error ? std::optional<std::string>(json_text(engine::to_json(*e->error))) : std::nullopt);
  up.bind(6, service_state);
  if (auto s = up.run(); !s.ok())
    return fail(s);
  // Positions are counted in memory: a count(*) per insert made a long execution quadratic (10,000
  // operations: 50 million rows read). Schema 7 keys an operation by its position, so the count starts
  // after the highest one stored (restore).
  int64_t& next_position = m_operation_count[e->arn];
  auto& positions = m_known_operations[*key];
  for (const auto& o : batch.operations) {
    auto [it, added] = positions.try_emplace(o->id, next_position);
    if (added)
      ++next_position;
    compact::OperationRow row{o->id,
                              o->parent_id,
                              o->name,
                              to_string(o->type),
                              o->sub_type,
                              to_string(o->status),
                              o->start_timestamp,
                              o->end_timestamp,
                              std::nullopt,
                              std::nullopt};
    compact::encode(row, json_text(engine::to_json(*o)));
    if (auto s = insert_operation(*key, it->second, row); !s.ok())
      return fail(s);
  }
  for (const auto& x : batch.events) {
    compact::EventRow row;
    row.event_id = x.event_id;
    row.event_type = x.event_type;
    row.timestamp_ms = x.event_timestamp;
    row.operation_id = x.id;
    row.name = x.name;
    row.parent_id = x.parent_id;
    row.sub_type = x.sub_type;
    compact::encode(row, json_text(engine::to_json(x)));
    if (auto s = insert_event(*key, row); !s.ok())
      return fail(s);
  }
  for (const auto& c : batch.calls) {
    Json updates = Json::array();
    for (const auto& u : c.updates)
      updates.push_back(engine::to_json(u));
    if (auto s = insert_call(*key, e->id, c.seq, c.invocation, c.time_ms, c.token_in, c.token_out, updates,
                             c.error);
        !s.ok())
      return fail(s);
  }
  Stmt inv(m_db, prepared("INSERT OR REPLACE INTO invocations(execution_arn, idx, start_ms, end_ms, outcome, "
                          "replayed, executed,"
                          " checkpoints, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  for (const auto& i : batch.invocations) {
    inv.bind(1, e->arn).bind(2, static_cast<int64_t>(i.index)).bind(3, i.start_ms);
    inv.bind(4, i.end_ms ? std::optional<int64_t>(i.end_ms) : std::nullopt)
        .bind(5, std::string(to_string(i.outcome)));
    inv.bind(6, static_cast<int64_t>(i.replayed)).bind(7, static_cast<int64_t>(i.executed));
    inv.bind(8, static_cast<int64_t>(i.checkpoints));
    inv.bind(9, i.error ? std::optional<std::string>(json_text(engine::to_json(*i.error))) : std::nullopt);
    if (auto s = inv.run(); !s.ok())
      return fail(s);
  }
  return ok_status();
}

// [SECTION] compact rows

Result<int64_t> Store::execution_key(const std::string& arn, const std::string& execution_id) {
  if (auto it = m_keys.find(arn); it != m_keys.end()) {
    if (!it->second.execution_id.empty() || execution_id.empty())
      return it->second.key;
    // Named by a trace entry first (no id then): the id packs this execution's tokens from now on.
    Stmt set(m_db, prepared("UPDATE compact_keys SET execution_id=?2 WHERE key=?1 AND execution_id IS NULL"));
    set.bind(1, it->second.key).bind(2, execution_id);
    if (auto s = set.run(); !s.ok())
      return s.error();
    it->second.execution_id = execution_id;
    return it->second.key;
  }
  Stmt ins(m_db, prepared("INSERT INTO compact_keys(arn, execution_id) VALUES(?1, ?2)"));
  ins.bind(1, arn).bind(2, execution_id.empty() ? std::nullopt : std::optional<std::string>(execution_id));
  if (auto s = ins.run(); !s.ok())
    return s.error();
  int64_t key = sqlite3_last_insert_rowid(m_db);
  m_keys[arn] = ExecutionKey{key, execution_id};
  m_keys_uncommitted.push_back(arn);
  return key;
}

Status Store::load_keys() {
  m_keys.clear();
  Stmt keys(m_db, "SELECT arn, key, coalesce(execution_id, '') FROM compact_keys");
  int rc;
  while ((rc = keys.step()) == SQLITE_ROW)
    m_keys[keys.text(0)] = ExecutionKey{keys.integer(1), keys.text(2)};
  if (rc != SQLITE_DONE)
    return Error{"sqlite", sqlite3_errmsg(m_db)};
  return ok_status();
}

void Store::rollback() {
  (void)exec("ROLLBACK");
  // A key number the rolled-back transaction took is free again: another execution may get it next.
  for (const std::string& arn : m_keys_uncommitted)
    m_keys.erase(arn);
  m_keys_uncommitted.clear();
  m_payload_ids.clear(); // their rows may be gone, and their ids given to other payloads next
}

Packed Store::operation_ref(int64_t key, const std::optional<std::string>& id) const {
  if (!id)
    return Packed{};
  if (auto ex = m_known_operations.find(key); ex != m_known_operations.end())
    if (auto it = ex->second.find(*id); it != ex->second.end())
      return Packed{it->second, std::nullopt};
  return Packed{std::nullopt, id};
}

Result<int64_t> Store::payload_id(int64_t key, std::string_view literal) {
  std::vector<int64_t>& ids = m_payload_ids[key][md5_hex(literal)];
  for (int64_t id : ids) {
    Stmt same(m_db, prepared("SELECT text = ?2 FROM compact_payloads WHERE id=?1"));
    same.bind(1, id).bind(2, std::string(literal));
    if (same.step() == SQLITE_ROW && same.integer(0) == 1)
      return id;
  }
  Stmt ins(m_db, prepared("INSERT INTO compact_payloads(ex, text) VALUES(?1, ?2)"));
  ins.bind(1, key).bind(2, std::string(literal));
  if (auto s = ins.run(); !s.ok())
    return s.error();
  ids.push_back(sqlite3_last_insert_rowid(m_db));
  return ids.back();
}

Result<std::string> Store::with_payloads(const std::string& stored) {
  return compact::expand_payloads(stored, [&](int64_t id) -> std::optional<std::string> {
    Stmt p(m_db, prepared("SELECT text FROM compact_payloads WHERE id=?1"));
    p.bind(1, id);
    return p.step() == SQLITE_ROW ? std::optional<std::string>(p.text(0)) : std::nullopt;
  });
}

Status Store::insert_operation(int64_t key, int64_t position, const compact::OperationRow& row) {
  std::optional<std::string> details = row.details;
  auto store = [&](std::string_view literal) { return payload_id(key, literal); };
  if (details)
    if (auto s = compact::extract_payloads(*details, store); !s.ok())
      return s;
  Stmt op(m_db,
          prepared("INSERT INTO compact_operations(ex, position, id, parent, name, type, subtype, status,"
                   " start_ms, end_ms, details, record) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                   " ?11, ?12) ON CONFLICT(ex, position) DO UPDATE SET status=excluded.status,"
                   " end_ms=excluded.end_ms, details=excluded.details, record=excluded.record"));
  op.bind(1, key).bind(2, position).bind(3, row.id).bind(4, operation_ref(key, row.parent_id));
  op.bind(5, row.name).bind(6, row.type).bind(7, row.sub_type).bind(8, row.status).bind(9, row.start_ms);
  op.bind(10, row.end_ms).bind(11, details).bind(12, row.verbatim);
  return op.run();
}

Status Store::insert_event(int64_t key, const compact::EventRow& row) {
  std::optional<std::string> details = row.details;
  auto store = [&](std::string_view literal) { return payload_id(key, literal); };
  if (details)
    if (auto s = compact::extract_payloads(*details, store); !s.ok())
      return s;
  Stmt ev(m_db, prepared("INSERT OR REPLACE INTO compact_events(ex, event_id, event_type, timestamp_ms,"
                         " operation, name, parent, subtype, details, record)"
                         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  ev.bind(1, key).bind(2, row.event_id).bind(3, row.event_type).bind(4, row.timestamp_ms);
  ev.bind(5, operation_ref(key, row.operation_id)).bind(6, row.name);
  ev.bind(7, operation_ref(key, row.parent_id)).bind(8, row.sub_type).bind(9, details);
  ev.bind(10, row.verbatim);
  return ev.run();
}

Status Store::insert_call(int64_t key, const std::string& execution_id, int64_t seq, int64_t invocation,
                          int64_t time_ms, const std::string& token_in, const std::string& token_out,
                          const Json& updates, const std::string& error) {
  Stmt call(m_db, prepared("INSERT OR REPLACE INTO compact_checkpoint_calls(ex, seq, invocation, time_ms,"
                           " token_in, token_out, updates, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  auto position_of = [&](const std::string& id) -> std::optional<int64_t> {
    Packed ref = operation_ref(key, id);
    return ref.integer;
  };
  call.bind(1, key).bind(2, seq).bind(3, invocation).bind(4, time_ms);
  call.bind(5, compact::pack_token(token_in, execution_id));
  call.bind(6, token_out.empty() ? Packed{} : compact::pack_token(token_out, execution_id));
  std::string packed = compact::pack_updates(std::move(updates), position_of);
  if (auto s = compact::extract_payloads(packed,
                                         [&](std::string_view literal) { return payload_id(key, literal); });
      !s.ok())
    return s;
  call.bind(7, packed);
  call.bind(8, error.empty() ? std::nullopt : std::optional<std::string>(error));
  return call.run();
}

Status Store::insert_trace(const engine::TraceEvent& t, const std::optional<std::string>& data) {
  auto known = m_keys.find(t.execution_arn);
  const engine::Execution* e =
      known == m_keys.end() && m_engine ? m_engine->execution(t.execution_arn) : nullptr;
  Result<int64_t> key = known != m_keys.end() ? Result<int64_t>(known->second.key)
                                              : execution_key(t.execution_arn, e ? e->id : "");
  if (!key.ok())
    return key.error();
  Stmt tr(m_db, prepared("INSERT OR REPLACE INTO compact_trace(seq, time_ms, ex, invocation, kind, operation,"
                         " name, text, data) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  tr.bind(1, t.seq).bind(2, t.time_ms).bind(3, *key).bind(4, static_cast<int64_t>(t.invocation));
  tr.bind(5, static_cast<int64_t>(t.kind));
  // An entry about no operation stores '' as before (an empty id has no position).
  tr.bind(6, t.operation_id.empty() ? Packed{std::nullopt, t.operation_id}
                                    : operation_ref(*key, t.operation_id));
  tr.bind(7, t.name).bind(8, t.text).bind(9, data);
  return tr.run();
}

// [SECTION] importing an execution (issue 13)

Status Store::import_execution(engine::Execution execution, std::vector<engine::TraceEvent> trace) {
  if (auto st = begin_import(execution, trace); !st.ok())
    return st;
  if (auto st = continue_import(execution, trace, [] { return false; }); !st.ok()) {
    cancel_import();
    return st;
  }
  return finish_import(std::move(execution), std::move(trace));
}

Status Store::begin_import(const engine::Execution& execution, std::vector<engine::TraceEvent>& trace) {
  if (!m_error.ok())
    return m_error;
  if (m_import)
    return Error{m_path, "another import is being written; nothing was changed"};
  {
    Stmt has(m_db, "SELECT 1 FROM executions WHERE arn=?1");
    has.bind(1, execution.arn);
    if (has.step() == SQLITE_ROW)
      return Error{m_path, "execution " + execution.arn +
                               " is already in the database (imported before?); nothing was changed"};
  }
  if (m_engine && m_engine->execution(execution.arn))
    return Error{m_path, "execution " + execution.arn + " is already loaded; nothing was changed"};
  // The trace's seq is the engine's position: imported entries follow every stored one.
  int64_t base = 0;
  {
    Stmt max(m_db, "SELECT coalesce(max(seq), 0) FROM compact_trace");
    if (max.step() == SQLITE_ROW)
      base = max.integer(0);
  }
  if (m_engine)
    base = std::max(base, static_cast<int64_t>(m_engine->trace().size()));
  for (size_t k = 0; k < trace.size(); ++k) {
    trace[k].seq = base + static_cast<int64_t>(k) + 1;
    trace[k].execution_arn = execution.arn;
  }
  if (auto s = begin_immediate(m_db, prepared("BEGIN IMMEDIATE"), m_path); !s.ok())
    return s;
  m_import = std::make_unique<Import>();
  m_import->arn = execution.arn;
  m_import->known_before = m_known_executions;
  if (auto s = claim_version(); !s.ok()) {
    cancel_import();
    return s;
  }
  return ok_status();
}

Status Store::continue_import(const engine::Execution& execution,
                              const std::vector<engine::TraceEvent>& trace,
                              const std::function<bool()>& out_of_time) {
  if (!m_import || m_import->arn != execution.arn)
    return Error{m_path, "no import of " + execution.arn + " is being written"};
  Import& im = *m_import;
  constexpr size_t kRowsPerAsk = 128; // rows written between two asks of the clock
  const std::string state = json_text(Json{{"needs_invocation", false}});
  while (!import_written(execution, trace) && !out_of_time()) {
    engine::ChangeBatch part;
    part.arn = execution.arn;
    for (; im.operations < execution.op_order.size() && part.operations.size() < kRowsPerAsk; ++im.operations)
      if (auto it = execution.ops.find(execution.op_order[im.operations]); it != execution.ops.end())
        part.operations.push_back(it->second);
    const size_t events_end =
        std::min(execution.events.size(), im.events + kRowsPerAsk - part.operations.size());
    part.events.assign(execution.events.begin() + static_cast<std::ptrdiff_t>(im.events),
                       execution.events.begin() + static_cast<std::ptrdiff_t>(events_end));
    im.events = events_end;
    if (!part.operations.empty() || !part.events.empty()) {
      if (auto s = insert_rows(execution, part, state); !s.ok())
        return s;
      continue;
    }
    for (size_t n = 0; n < kRowsPerAsk && im.trace < trace.size(); ++n, ++im.trace) {
      const engine::TraceEvent& t = trace[im.trace];
      if (auto st = insert_trace(t, t.data.is_null() ? std::nullopt
                                                     : std::optional<std::string>(json_text(t.data)));
          !st.ok())
        return st;
    }
  }
  return ok_status();
}

bool Store::import_written(const engine::Execution& execution,
                           const std::vector<engine::TraceEvent>& trace) const {
  return m_import && m_import->operations >= execution.op_order.size() &&
         m_import->events >= execution.events.size() && m_import->trace >= trace.size();
}

size_t Store::import_rows_written() const {
  return m_import ? m_import->operations + m_import->events + m_import->trace : 0;
}

Status Store::finish_import(engine::Execution execution, std::vector<engine::TraceEvent> trace) {
  if (!import_written(execution, trace))
    return Error{m_path, "the import of " + execution.arn + " is not all written"};
  using Clock = std::chrono::steady_clock;
  auto ms_since = [](Clock::time_point from) {
    return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
  };
  m_finish_times = FinishTimes{};
  Clock::time_point started = Clock::now();
  // The execution's final row, its calls and invocations, and where it came from; then one commit.
  engine::ChangeBatch rest;
  rest.arn = execution.arn;
  rest.calls = execution.checkpoint_calls;
  rest.invocations = execution.invocations;
  rest.execution_changed = true;
  const Json state{{"needs_invocation", false}};
  Status st = insert_rows(execution, rest, json_text(state));
  if (st.ok()) {
    Stmt imp(m_db, "INSERT INTO imports(execution_arn, source) VALUES(?1, ?2)");
    imp.bind(1, execution.arn).bind(2, execution.imported_from);
    st = imp.run();
  }
  m_finish_times.rows_ms = ms_since(started);
  started = Clock::now();
  if (st.ok())
    st = commit();
  m_finish_times.commit_ms = ms_since(started);
  if (!st.ok()) {
    cancel_import();
    return st;
  }
  m_import.reset();
  m_transactions++;
  started = Clock::now();
  Status handed = ok_status();
  if (m_engine) {
    std::vector<engine::TraceEvent> merged = m_engine->trace();
    merged.insert(merged.end(), std::make_move_iterator(trace.begin()), std::make_move_iterator(trace.end()));
    m_engine->restore_trace(std::move(merged));
    m_trace_written = m_engine->trace().size();
    m_trace_last_mark = growth_mark(m_engine->trace().back());
    handed = m_engine->service_mut().restore_execution(std::move(execution), state);
  }
  m_finish_times.engine_ms = ms_since(started);
  return handed;
}

void Store::cancel_import() {
  if (!m_import)
    return;
  // What the rolled-back inserts taught this store is forgotten with them (rollback() forgets the key).
  if (auto key = m_keys.find(m_import->arn); key != m_keys.end())
    m_known_operations.erase(key->second.key);
  rollback();
  m_known_executions = m_import->known_before;
  m_operation_count.erase(m_import->arn);
  m_import.reset();
}

// The engine's trace entries not stored yet (the timeline's source, so that it survives a reload).
Status Store::write_trace() {
  if (!m_engine)
    return ok_status();
  const auto& trace = m_engine->trace();
  // A compact replay entry grows while its invocation replays (engine/trace.hpp): the last entry stored is
  // written again when it has grown since. Replays cost a row per run, not per operation.
  if (m_trace_written > 0 && m_trace_written <= trace.size() &&
      growth_mark(trace[m_trace_written - 1]) != m_trace_last_mark)
    --m_trace_written;
  for (; m_trace_written < trace.size(); ++m_trace_written) {
    const engine::TraceEvent& t = trace[m_trace_written];
    m_trace_last_mark = growth_mark(t);
    std::optional<std::string> data;
    if (t.kind == engine::TraceKind::CheckpointCall || t.kind == engine::TraceKind::CheckpointRejected) {
      // The call's updates and tokens are in its checkpoint_calls row: the trace keeps only which call it
      // is (read_trace puts them back). A copy here was a tenth of a 10,000-step database (issue 12).
      int64_t call = ++m_calls_traced[t.execution_arn];
      data =
          t.kind == engine::TraceKind::CheckpointCall ? json_text(Json{{"Call", call}}) : json_text(t.data);
    } else if (!t.data.is_null()) {
      data = json_text(t.data);
    }
    if (auto st = insert_trace(t, data); !st.ok())
      return st;
    if (auto st = write_side_effect(t); !st.ok())
      return st;
  }
  return ok_status();
}

Status Store::write_side_effect(const engine::TraceEvent& t) {
  switch (t.kind) {
  case engine::TraceKind::StepBodyRan: {
    const Json* effect = t.data.is_object() ? find_member(t.data, "SideEffect") : nullptr;
    if (!effect || !effect->is_string() || effect->get_ref<const std::string&>().empty())
      return ok_status();
    const Json* attempt = find_member(t.data, "Attempt");
    Stmt ins(m_db, prepared("INSERT OR IGNORE INTO side_effects(trace_seq, execution_arn, operation_id, name,"
                            " invocation, attempt, time_ms, effect) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    ins.bind(1, t.seq).bind(2, t.execution_arn).bind(3, t.operation_id).bind(4, t.name);
    ins.bind(5, static_cast<int64_t>(t.invocation))
        .bind(6, attempt && attempt->is_number_integer() ? attempt->get<int64_t>() : int64_t{1});
    ins.bind(7, t.time_ms).bind(8, effect->get<std::string>());
    if (auto st = ins.run(); !st.ok())
      return st;
    m_unrecorded_effects[t.execution_arn + "|" + t.operation_id] = t.seq;
    return ok_status();
  }
  case engine::TraceKind::CheckpointCall: {
    if (m_unrecorded_effects.empty())
      return ok_status();
    const Json* updates = t.data.is_object() ? find_member(t.data, "Updates") : nullptr;
    if (!updates || !updates->is_array())
      return ok_status();
    for (const Json& u : *updates) {
      const Json* id = find_member(u, "Id");
      const Json* action = find_member(u, "Action");
      if (!id || !id->is_string() || !action || !action->is_string())
        continue;
      const std::string& a = action->get_ref<const std::string&>();
      auto it = m_unrecorded_effects.find(t.execution_arn + "|" + id->get<std::string>());
      if (it == m_unrecorded_effects.end() || (a != "SUCCEED" && a != "FAIL" && a != "RETRY"))
        continue;
      Stmt up(m_db, prepared("UPDATE side_effects SET recorded=?2 WHERE trace_seq=?1"));
      up.bind(1, it->second).bind(2, a);
      if (auto st = up.run(); !st.ok())
        return st;
      m_unrecorded_effects.erase(it);
    }
    return ok_status();
  }
  case engine::TraceKind::InvocationEnded: // a run is recorded in its own invocation or never
    for (auto it = m_unrecorded_effects.begin(); it != m_unrecorded_effects.end();)
      it = it->first.compare(0, t.execution_arn.size() + 1, t.execution_arn + "|") == 0
               ? m_unrecorded_effects.erase(it)
               : std::next(it);
    return ok_status();
  default:
    return ok_status();
  }
}

// [SECTION] restoring

Status Store::restore(engine::Engine& engine) {
  // The version every later write checks: the state restored below is what this process computes from.
  Stmt version(m_db, "SELECT value FROM meta WHERE key='version'");
  if (version.step() == SQLITE_ROW) {
    std::optional<int64_t> v = parse_int64(version.text(0));
    if (!v)
      return Error{m_path, "meta.version is not an integer ('" + version.text(0).substr(0, 40) + "')"};
    m_version = *v;
  }
  Stmt clock(m_db, "SELECT value FROM meta WHERE key='clock'");
  if (clock.step() == SQLITE_ROW) {
    std::optional<int64_t> ms = parse_int64(clock.text(0));
    if (!ms)
      return Error{m_path, "meta.clock is not an integer ('" + clock.text(0).substr(0, 40) + "')"};
    engine.set_clock(*ms);
  }
  Stmt ex(m_db, "SELECT arn, id, name, status, start_ms, end_ms, input, result, error,"
                " (SELECT document FROM documents WHERE execution_arn = executions.arn), service_state"
                " FROM executions ORDER BY position");
  while (ex.step() == SQLITE_ROW) {
    engine::Execution e;
    e.arn = ex.text(0);
    e.id = ex.text(1);
    e.name = ex.text(2);
    auto status = engine::parse_execution_status(ex.text(3));
    if (!status)
      return Error{m_path, "execution " + e.arn + " has an unknown status '" + ex.text(3) + "'"};
    e.status = *status;
    e.start_ms = ex.integer(4);
    if (!ex.null(5))
      e.end_ms = ex.integer(5);
    e.input_payload = ex.text(6);
    if (!ex.null(7))
      e.result = ex.text(7);
    if (!ex.null(8)) {
      auto err = parse_json(ex.text(8));
      if (err.ok()) {
        auto obj = engine::error_from_json(*err, "error");
        if (obj.ok())
          e.error = *obj;
      }
    }
    auto doc = workflow::load_document(ex.text(9));
    if (!doc.ok())
      return Error{m_path,
                   "execution " + e.arn + ": its stored document no longer loads: " + doc.error().text()};
    e.document = std::make_shared<const workflow::Document>(std::move(*doc));
    auto state = parse_json(ex.text(10));
    if (!state.ok())
      return Error{m_path, "execution " + e.arn + ": corrupt service state"};
    auto key = m_keys.find(e.arn);
    const int64_t ex_key = key == m_keys.end() ? -1 : key->second.key; // -1: nothing stored for it yet
    Stmt ops(
        m_db,
        "SELECT position, id, " DP_OPERATION_ID(
            "parent") ", name, type, subtype, status, start_ms,"
                      " end_ms, details, record FROM compact_operations c WHERE ex=?1 ORDER BY position");
    ops.bind(1, ex_key);
    while (ops.step() == SQLITE_ROW) {
      compact::OperationRow row{
          ops.text(1),           optional_text(ops, 2),
          optional_text(ops, 3), ops.text(4),
          optional_text(ops, 5), ops.text(6),
          ops.integer(7),        ops.null(8) ? std::nullopt : std::optional<int64_t>(ops.integer(8)),
          optional_text(ops, 9), optional_text(ops, 10)};
      if (row.details) {
        auto expanded = with_payloads(*row.details);
        if (!expanded.ok())
          return Error{m_path, "execution " + e.arn + ": " + expanded.error().message};
        row.details = std::move(*expanded);
      }
      auto j = parse_json(compact::record_text(row));
      if (!j.ok())
        return Error{m_path, "execution " + e.arn + ": corrupt operation record"};
      auto op = engine::operation_from_json(*j);
      if (!op.ok())
        return Error{m_path, "execution " + e.arn + ": " + op.error().message};
      std::string id = op->id;
      m_known_operations[ex_key][id] = ops.integer(0);
      int64_t& next = m_operation_count[e.arn];
      next = std::max(next, ops.integer(0) + 1);
      e.op_order.push_back(id);
      e.ops[id] = std::make_shared<const engine::Operation>(std::move(*op));
    }
    Stmt evs(
        m_db,
        "SELECT event_id, event_type, timestamp_ms, " DP_OPERATION_ID("operation") ", name, " DP_OPERATION_ID(
            "parent") ", subtype, details, record FROM compact_events c WHERE ex=?1"
                      " ORDER BY event_id");
    evs.bind(1, ex_key);
    while (evs.step() == SQLITE_ROW) {
      compact::EventRow row{evs.integer(0),        evs.text(1),           evs.integer(2),
                            optional_text(evs, 3), optional_text(evs, 4), optional_text(evs, 5),
                            optional_text(evs, 6), optional_text(evs, 7), optional_text(evs, 8)};
      if (row.details) {
        auto expanded = with_payloads(*row.details);
        if (!expanded.ok())
          return Error{m_path, "execution " + e.arn + ": " + expanded.error().message};
        row.details = std::move(*expanded);
      }
      auto j = parse_json(compact::record_text(row));
      auto ev = j.ok() ? engine::history_event_from_json(*j)
                       : Result<engine::HistoryEvent>(Error{"", "corrupt event"});
      if (!ev.ok())
        return Error{m_path, "execution " + e.arn + ": " + ev.error().message};
      e.events.push_back(std::move(*ev));
    }
    Stmt invs(m_db, "SELECT idx, start_ms, end_ms, outcome, replayed, executed, checkpoints FROM invocations"
                    " WHERE execution_arn=?1 ORDER BY idx");
    invs.bind(1, e.arn);
    while (invs.step() == SQLITE_ROW) {
      engine::InvocationRecord r;
      r.index = static_cast<int>(invs.integer(0));
      r.start_ms = invs.integer(1);
      r.end_ms = invs.integer(2);
      std::string outcome = invs.text(3);
      for (int k = 0; k <= static_cast<int>(engine::InvocationOutcome::Rejected); ++k)
        if (outcome == to_string(static_cast<engine::InvocationOutcome>(k)))
          r.outcome = static_cast<engine::InvocationOutcome>(k);
      r.replayed = static_cast<int>(invs.integer(4));
      r.executed = static_cast<int>(invs.integer(5));
      r.checkpoints = static_cast<int>(invs.integer(6));
      e.invocations.push_back(r);
    }
    Stmt calls(m_db, "SELECT count(*) FROM compact_checkpoint_calls WHERE ex=?1");
    calls.bind(1, ex_key);
    if (calls.step() == SQLITE_ROW)
      e.checkpoint_calls.resize(static_cast<size_t>(calls.integer(0)));
    Stmt imported(m_db, "SELECT source FROM imports WHERE execution_arn=?1");
    imported.bind(1, e.arn);
    if (imported.step() == SQLITE_ROW)
      e.imported_from = imported.text(0);
    m_known_executions.push_back(e.arn);
    if (auto s = engine.service_mut().restore_execution(std::move(e), *state); !s.ok())
      return s;
  }
  return ok_status();
}

namespace {
// A trace row (seq, time_ms, arn, invocation, kind, operation id, name, text, data), from the compact table
// (kind as its code) or schema 6's (kind as its name; also a compact row whose kind this program did not
// know when the file was migrated).
engine::TraceEvent trace_event_of(Stmt& tr) {
  engine::TraceEvent t;
  t.seq = tr.integer(0);
  t.time_ms = tr.integer(1);
  t.execution_arn = tr.text(2);
  t.invocation = static_cast<int>(tr.integer(3));
  if (tr.type(4) == SQLITE_INTEGER) {
    if (int64_t code = tr.integer(4);
        code >= 0 && code < static_cast<int64_t>(std::size(engine::kTraceKindNames)))
      t.kind = static_cast<engine::TraceKind>(code);
  } else {
    std::string kind = tr.text(4);
    for (size_t k = 0; k < std::size(engine::kTraceKindNames); ++k)
      if (kind == engine::kTraceKindNames[k])
        t.kind = static_cast<engine::TraceKind>(k);
  }
  t.operation_id = tr.text(5);
  t.name = tr.text(6);
  t.text = tr.text(7);
  if (!tr.null(8))
    if (auto data = parse_json(tr.text(8)); data.ok())
      t.data = *data;
  return t;
}

} // namespace

Result<std::vector<engine::TraceEvent>> Store::read_trace() {
  std::vector<engine::TraceEvent> trace;
  m_calls_traced.clear();
  Stmt tr(m_db, "SELECT seq, time_ms, k.arn, invocation, kind, " DP_OPERATION_ID(
                    "operation") ", name, text, data"
                                 " FROM compact_trace c JOIN compact_keys k ON k.key = c.ex ORDER BY seq");
  while (tr.step() == SQLITE_ROW) {
    engine::TraceEvent t = trace_event_of(tr);
    if (t.kind == engine::TraceKind::CheckpointCall || t.kind == engine::TraceKind::CheckpointRejected)
      ++m_calls_traced[t.execution_arn];
    if (t.kind == engine::TraceKind::CheckpointCall && t.data.is_object() && !find_member(t.data, "Updates"))
      if (auto full = call_data(t.execution_arn, t.data); full.ok())
        t.data = std::move(*full);
    trace.push_back(std::move(t));
  }
  return trace;
}

// A CheckpointCall entry as the engine traced it, from the checkpoint_calls row its stored {"Call": seq}
// names (write_trace).
Result<Json> Store::call_data(const std::string& arn, const Json& stored) {
  const Json* call = find_member(stored, "Call");
  if (!call || !call->is_number_integer())
    return stored;
  auto key = m_keys.find(arn);
  if (key == m_keys.end())
    return Error{m_path, "execution " + arn +
                             ": the trace names a checkpoint call of an execution with no "
                             "stored rows"};
  const int64_t ex = key->second.key;
  Stmt row(m_db, prepared("SELECT updates, token_in, token_out FROM compact_checkpoint_calls WHERE ex=?1 "
                          "AND seq=?2"));
  row.bind(1, ex).bind(2, call->get<int64_t>());
  if (row.step() != SQLITE_ROW)
    return Error{m_path, "execution " + arn + ": the trace names checkpoint call " +
                             std::to_string(call->get<int64_t>()) + ", which is not stored"};
  auto id_at = [&](int64_t position) -> std::optional<std::string> {
    Stmt op(m_db, prepared("SELECT id FROM compact_operations WHERE ex=?1 AND position=?2"));
    op.bind(1, ex).bind(2, position);
    return op.step() == SQLITE_ROW ? std::optional<std::string>(op.text(0)) : std::nullopt;
  };
  auto packed = with_payloads(row.text(0));
  if (!packed.ok())
    return Error{m_path, "execution " + arn + ": " + packed.error().message};
  auto updates = compact::unpack_updates(*packed, id_at);
  if (!updates.ok())
    return Error{m_path, "execution " + arn + ": corrupt updates in checkpoint call " +
                             std::to_string(call->get<int64_t>())};
  auto token = [&](int col) {
    return row.type(col) == SQLITE_INTEGER
               ? compact::unpack_token(Packed{row.integer(col), std::nullopt}, key->second.execution_id)
               : row.text(col);
  };
  return Json{{"Updates", std::move(*updates)}, {"Token", token(1)}, {"NewToken", token(2)}};
}

Result<std::vector<engine::TraceEvent>> Store::read_legacy_trace() {
  std::vector<engine::TraceEvent> trace;
  m_calls_traced.clear();
  Stmt tr(m_db, "SELECT seq, time_ms, execution_arn, invocation, kind, operation_id, name, text, data FROM "
                "trace ORDER BY seq");
  while (tr.step() == SQLITE_ROW) {
    engine::TraceEvent t = trace_event_of(tr);
    if (t.kind == engine::TraceKind::CheckpointCall || t.kind == engine::TraceKind::CheckpointRejected)
      ++m_calls_traced[t.execution_arn];
    if (t.kind == engine::TraceKind::CheckpointCall && t.data.is_object() && !find_member(t.data, "Updates"))
      if (auto full = legacy_call_data(t.execution_arn, t.data); full.ok())
        t.data = std::move(*full);
    trace.push_back(std::move(t));
  }
  return trace;
}

// legacy_call_data: call_data over schema 6's checkpoint_calls table (the migration to 7 reads it).
Result<Json> Store::legacy_call_data(const std::string& arn, const Json& stored) {
  const Json* call = find_member(stored, "Call");
  if (!call || !call->is_number_integer())
    return stored;
  Stmt row(m_db,
           "SELECT updates, token_in, token_out FROM checkpoint_calls WHERE execution_arn=?1 AND seq=?2");
  row.bind(1, arn).bind(2, call->get<int64_t>());
  if (row.step() != SQLITE_ROW)
    return Error{m_path, "execution " + arn + ": the trace names checkpoint call " +
                             std::to_string(call->get<int64_t>()) + ", which is not stored"};
  auto updates = parse_json(row.text(0));
  if (!updates.ok())
    return Error{m_path, "execution " + arn + ": corrupt updates in checkpoint call " +
                             std::to_string(call->get<int64_t>())};
  return Json{{"Updates", std::move(*updates)}, {"Token", row.text(1)}, {"NewToken", row.text(2)}};
}

Status Store::attach(engine::Engine& engine) {
  // One read transaction: the version, the executions and the trace as of one commit.
  (void)exec("BEGIN");
  Status restored = restore(engine);
  auto read = restored.ok() ? read_trace() : Result<std::vector<engine::TraceEvent>>(restored.error());
  (void)exec("COMMIT");
  if (!read.ok())
    return read.error();
  std::vector<engine::TraceEvent> trace = std::move(*read);
  m_trace_written = trace.size();
  m_trace_last_mark = trace.empty() ? std::pair<size_t, size_t>{} : growth_mark(trace.back());
  engine.restore_trace(std::move(trace));
  m_engine = &engine;
  engine.set_change_listener([this](const engine::ChangeBatch& batch) { write(batch); });
  return ok_status();
}

// [SECTION] read-only queries

Result<QueryResult> Store::query(const std::string& sql, size_t max_rows) const {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const char* const read_only =
      "the console is read-only: only SELECT, EXPLAIN and read-only PRAGMA statements run here";
  if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &raw, &tail) != SQLITE_OK) {
    // A write to one of schema 7's views fails to compile ("cannot modify operations because it is a
    // view"): it is a write all the same, refused as the console refuses every other.
    std::string message = sqlite3_errmsg(m_db);
    return Error{"SQL", message.find("because it is a view") != std::string::npos ? read_only : message};
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (!raw)
    return Error{"SQL", "empty statement"};
  if (!sqlite3_stmt_readonly(raw))
    return Error{"SQL", read_only};
  for (; tail && *tail; ++tail)
    if (*tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != ';')
      return Error{"SQL", "one statement at a time"};
  QueryResult r;
  int n = sqlite3_column_count(raw);
  for (int c = 0; c < n; ++c)
    r.columns.push_back(sqlite3_column_name(raw, c));
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    if (r.rows.size() >= max_rows) {
      r.truncated = true;
      break;
    }
    std::vector<std::string> row;
    for (int c = 0; c < n; ++c) {
      const unsigned char* t = sqlite3_column_text(raw, c);
      row.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
    r.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return Error{"SQL", sqlite3_errmsg(m_db)};
  return r;
}

} // namespace dp::store
