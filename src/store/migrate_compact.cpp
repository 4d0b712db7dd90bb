// Schema 6 -> 7 (issue 12): the rows of operations, events, checkpoint_calls and trace move into their
// compact tables (store/compact.hpp) in one transaction, and views with the old names take their place.
// Each row goes through the encoding the writer uses, so a record that would not come back byte for byte
// is kept verbatim. Runs after the earlier steps, so every older file (schemas 1-6) arrives here as 6.
#include <algorithm>
#include <map>
#include <vector>

#include "store/statement.hpp"
#include "store/store.hpp"

namespace dp::store {
namespace {

std::optional<std::string> optional_text(const Stmt& s, int col) {
  return s.null(col) ? std::nullopt : std::optional<std::string>(s.text(col));
}

std::optional<std::string> string_member(const Json& j, const char* key) {
  const Json* v = j.is_object() ? find_member(j, key) : nullptr;
  return v && v->is_string() ? std::optional<std::string>(v->get<std::string>()) : std::nullopt;
}

std::optional<int64_t> optional_integer(const Stmt& s, int col) {
  return s.null(col) ? std::nullopt : std::optional<int64_t>(s.integer(col));
}

} // namespace

Status Store::migrate_to_compact() {
  Status st = exec(std::string("BEGIN;") + compact::kTables);
  // The kinds' names as this program knows them; a stored kind it does not know keeps its name.
  for (size_t k = 0; st.ok() && k < std::size(engine::kTraceKindNames); ++k) {
    Stmt kind(m_db, "INSERT OR IGNORE INTO compact_trace_kinds(code, name) VALUES(?1, ?2)");
    kind.bind(1, static_cast<int64_t>(k)).bind(2, std::string(engine::kTraceKindNames[k]));
    st = kind.run();
  }
  // A key for every execution, in the order they were started, then for any ARN only the rows name.
  if (st.ok())
    st = exec("INSERT OR IGNORE INTO compact_keys(arn, execution_id) SELECT arn, id FROM executions"
              " ORDER BY position;"
              "INSERT OR IGNORE INTO compact_keys(arn) SELECT execution_arn FROM operations UNION"
              " SELECT execution_arn FROM events UNION SELECT execution_arn FROM checkpoint_calls UNION"
              " SELECT execution_arn FROM trace;");
  if (st.ok())
    st = load_keys();

  // Operations, numbered 0, 1, ... per execution in their stored order (positions were counted from 0, so
  // the numbers stay; a file where a rolled-back batch left a gap or a repeat gets them made unique).
  struct Operation {
    int64_t key;
    int64_t position;
    compact::OperationRow row;
    std::string record;
  };
  std::vector<Operation> operations;
  if (st.ok()) {
    Stmt rows(m_db,
              "SELECT execution_arn, id, parent_id, name, type, subtype, status, start_ms, end_ms, record"
              " FROM operations ORDER BY execution_arn, position, id");
    std::string arn;
    int64_t position = 0;
    while (rows.step() == SQLITE_ROW) {
      if (rows.text(0) != arn) {
        arn = rows.text(0);
        position = 0;
      }
      const int64_t key = m_keys[arn].key;
      compact::OperationRow row{rows.text(1),    optional_text(rows, 2),    optional_text(rows, 3),
                                rows.text(4),    optional_text(rows, 5),    rows.text(6),
                                rows.integer(7), optional_integer(rows, 8), std::nullopt,
                                std::nullopt};
      m_known_operations[key][row.id] = position;
      operations.push_back(Operation{key, position++, std::move(row), rows.text(9)});
    }
  }
  for (Operation& o : operations) {
    if (!st.ok())
      break;
    compact::encode(o.row, o.record);
    st = insert_operation(o.key, o.position, o.row);
  }
  operations.clear();

  if (st.ok()) {
    Stmt rows(m_db, "SELECT execution_arn, event_id, event_type, timestamp_ms, operation_id, name, record"
                    " FROM events");
    while (st.ok() && rows.step() == SQLITE_ROW) {
      compact::EventRow row;
      row.event_id = rows.integer(1);
      row.event_type = rows.text(2);
      row.timestamp_ms = rows.integer(3);
      row.operation_id = optional_text(rows, 4);
      row.name = optional_text(rows, 5);
      const std::string text = rows.text(6);
      Result<Json> record = parse_json(text);
      if (record.ok()) {
        row.parent_id = string_member(*record, "ParentId");
        row.sub_type = string_member(*record, "SubType");
      }
      compact::encode(row, text);
      st = insert_event(m_keys[rows.text(0)].key, row);
    }
  }

  if (st.ok()) {
    Stmt rows(m_db, "SELECT execution_arn, seq, invocation, time_ms, token_in, token_out, updates, error"
                    " FROM checkpoint_calls");
    while (st.ok() && rows.step() == SQLITE_ROW) {
      const ExecutionKey& key = m_keys[rows.text(0)];
      const std::string text = rows.text(6);
      Result<Json> updates = parse_json(text);
      if (!updates.ok() || updates->dump() != text) {
        // Not the text this program writes: kept as it is (an update with a text Id is never unpacked).
        Stmt call(m_db, "INSERT OR REPLACE INTO compact_checkpoint_calls(ex, seq, invocation, time_ms,"
                        " token_in, token_out, updates, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        call.bind(1, key.key).bind(2, rows.integer(1)).bind(3, rows.integer(2)).bind(4, rows.integer(3));
        call.bind(5, rows.text(4))
            .bind(6, optional_text(rows, 5))
            .bind(7, text)
            .bind(8, optional_text(rows, 7));
        st = call.run();
        continue;
      }
      st = insert_call(key.key, key.execution_id, rows.integer(1), rows.integer(2), rows.integer(3),
                       rows.text(4), rows.null(5) ? "" : rows.text(5), *updates,
                       rows.null(7) ? "" : rows.text(7));
    }
  }

  if (st.ok()) {
    // Copied as stored: a checkpoint call's entry keeps its {"Call": seq} (schema 6) or its full updates
    // (older files), and read_trace reads either.
    Stmt rows(m_db, "SELECT seq, time_ms, execution_arn, invocation, kind, operation_id, name, text, data"
                    " FROM trace");
    while (st.ok() && rows.step() == SQLITE_ROW) {
      const int64_t key = m_keys[rows.text(2)].key;
      Packed kind{std::nullopt, rows.text(4)};
      for (size_t k = 0; k < std::size(engine::kTraceKindNames); ++k)
        if (*kind.text == engine::kTraceKindNames[k])
          kind = Packed{static_cast<int64_t>(k), std::nullopt};
      Packed operation = rows.null(5) || rows.text(5).empty() ? Packed{std::nullopt, optional_text(rows, 5)}
                                                              : operation_ref(key, rows.text(5));
      Stmt tr(m_db,
              "INSERT OR REPLACE INTO compact_trace(seq, time_ms, ex, invocation, kind, operation, name,"
              " text, data) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      tr.bind(1, rows.integer(0)).bind(2, rows.integer(1)).bind(3, key).bind(4, rows.integer(3));
      tr.bind(5, kind).bind(6, operation).bind(7, optional_text(rows, 6)).bind(8, rows.text(7));
      tr.bind(9, optional_text(rows, 8));
      st = tr.run();
    }
  }

  if (st.ok())
    st = exec("DROP TABLE operations; DROP TABLE events; DROP TABLE checkpoint_calls; DROP TABLE trace;");
  if (st.ok())
    st = exec(compact::views_sql(false));
  if (st.ok())
    st = exec("PRAGMA user_version=7;COMMIT;");
  // What this step learnt is read again from the file by restore(), whichever way it ended.
  m_known_operations.clear();
  m_keys_uncommitted.clear();
  if (!st.ok()) {
    (void)exec("ROLLBACK");
    m_keys.clear();
    return st;
  }
  return ok_status();
}

// Schema 7 -> 8: every large JSON string in an operation's or an event's details and in a call's updates
// moves into compact_payloads (once per execution), and the views learn to put it back. One transaction.
Status Store::migrate_to_payloads() {
  Status st = exec(std::string("BEGIN;") + compact::kTables);
  struct Row {
    int64_t ex;
    int64_t id; // the position, the event id or the call's seq
    std::string text;
  };
  // Each table is read whole before it is written (no update while a statement reads the same table).
  auto move_out = [&](const char* select, const char* update) {
    std::vector<Row> rows;
    {
      Stmt read(m_db, select);
      while (read.step() == SQLITE_ROW)
        rows.push_back(Row{read.integer(0), read.integer(1), read.text(2)});
    }
    for (Row& r : rows) {
      if (!st.ok())
        return;
      std::string text = r.text;
      st = compact::extract_payloads(text,
                                     [&](std::string_view literal) { return payload_id(r.ex, literal); });
      if (!st.ok() || text == r.text)
        continue;
      Stmt write(m_db, update);
      write.bind(1, r.ex).bind(2, r.id).bind(3, text);
      st = write.run();
    }
  };
  static_assert(compact::kPayloadMinBytes == 256, "the selects below skip texts shorter than a payload");
  if (st.ok())
    move_out("SELECT ex, position, details FROM compact_operations WHERE length(details) >= 256",
             "UPDATE compact_operations SET details=?3 WHERE ex=?1 AND position=?2");
  if (st.ok())
    move_out("SELECT ex, event_id, details FROM compact_events WHERE length(details) >= 256",
             "UPDATE compact_events SET details=?3 WHERE ex=?1 AND event_id=?2");
  if (st.ok())
    move_out("SELECT ex, seq, updates FROM compact_checkpoint_calls WHERE length(updates) >= 256",
             "UPDATE compact_checkpoint_calls SET updates=?3 WHERE ex=?1 AND seq=?2");
  for (const char* view : compact::kViewNames)
    if (st.ok())
      st = exec(std::string("DROP VIEW IF EXISTS ") + view);
  if (st.ok())
    st = exec(compact::views_sql());
  if (st.ok())
    st = exec("PRAGMA user_version=8;COMMIT;");
  m_payload_ids.clear(); // restore() starts from the file
  if (!st.ok()) {
    (void)exec("ROLLBACK");
    return st;
  }
  return ok_status();
}

} // namespace dp::store
