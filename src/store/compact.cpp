// [SECTION] index: tables and views · records · payloads · tokens · updates
#include "store/compact.hpp"

#include <string_view>

#include "base/parse_number.hpp"
#include "engine/aws_shapes.hpp"

namespace dp::store::compact {

// [SECTION] tables and views

// Columns declared without a type (`parent`, `operation`, `token_in`, `token_out`, `kind`) keep what is
// bound: an integer (a position, a token's number, a kind's code) or a text, told apart by typeof().
const char* const kTables = R"sql(
CREATE TABLE IF NOT EXISTS compact_keys (
  key INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, execution_id TEXT);
CREATE TABLE IF NOT EXISTS compact_trace_kinds (code INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS compact_operations (
  ex INTEGER NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, parent, name TEXT, type TEXT NOT NULL,
  subtype TEXT, status TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, details TEXT, record TEXT,
  PRIMARY KEY (ex, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS compact_events (
  ex INTEGER NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL, timestamp_ms INTEGER NOT NULL,
  operation, name TEXT, parent, subtype TEXT, details TEXT, record TEXT,
  PRIMARY KEY (ex, event_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS compact_checkpoint_calls (
  ex INTEGER NOT NULL, seq INTEGER NOT NULL, invocation INTEGER NOT NULL, time_ms INTEGER NOT NULL,
  token_in NOT NULL, token_out, updates TEXT NOT NULL, error TEXT, PRIMARY KEY (ex, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS compact_trace (
  seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, ex INTEGER NOT NULL, invocation INTEGER NOT NULL,
  kind NOT NULL, operation, name TEXT, text TEXT NOT NULL, data TEXT);
CREATE TABLE IF NOT EXISTS compact_payloads (id INTEGER PRIMARY KEY, ex INTEGER NOT NULL, text TEXT NOT NULL);
)sql";

// The views use only what SQLite 3.38 and later understand (Python's sqlite3 module reads these files
// in tests/hardening): no JSONB, no ORDER BY inside an aggregate. A column naming an operation holds its
// position (an integer) or its id; timestamps render as engine::iso8601 does for the years 1970-9999, the
// only ones encode() leaves to them; `x || NULL` is NULL, so coalesce(',"Key":"' || x || '"', '') writes a
// member only when x is set, as engine::to_json does.
namespace {

// The views below as a template: @OPERATION_DETAILS@, @EVENT_DETAILS@ and @UPDATE@ stand for those texts
// with their payload put back (schema 8) or as stored (schema 7).
const char* const kViewsTemplate = R"sql(
CREATE VIEW operations AS
SELECT k.arn AS execution_arn, o.id, o.position, o.parent_id, o.name, o.type, o.subtype, o.status, o.start_ms,
  o.end_ms,
  coalesce(o.record, '{"Id":"' || o.id || '"' || coalesce(',"ParentId":"' || o.parent_id || '"', '')
    || coalesce(',"Name":"' || o.name || '"', '') || ',"Type":"' || o.type || '"'
    || coalesce(',"SubType":"' || o.subtype || '"', '') || ',"Status":"' || o.status || '"'
    || ',"StartTimestamp":"' || strftime('%Y-%m-%dT%H:%M:%S', o.start_ms / 1000, 'unixepoch')
      || printf('.%03dZ', o.start_ms % 1000) || '"'
    || coalesce(',"EndTimestamp":"' || strftime('%Y-%m-%dT%H:%M:%S', o.end_ms / 1000, 'unixepoch')
      || printf('.%03dZ', o.end_ms % 1000) || '"', '')
    || coalesce(',' || @OPERATION_DETAILS@, '') || '}') AS record
FROM (SELECT c.*, CASE WHEN typeof(c.parent) = 'integer'
      THEN (SELECT p.id FROM compact_operations p WHERE p.ex = c.ex AND p.position = c.parent)
      ELSE c.parent END AS parent_id
  FROM compact_operations c) o
JOIN compact_keys k ON k.key = o.ex;

CREATE VIEW events AS
SELECT k.arn AS execution_arn, e.event_id, e.event_type, e.timestamp_ms, e.operation_id, e.name,
  coalesce(e.record, '{"EventType":"' || e.event_type || '","EventId":' || e.event_id
    || coalesce(',"Id":"' || e.operation_id || '"', '') || coalesce(',"Name":"' || e.name || '"', '')
    || coalesce(',"ParentId":"' || e.parent_id || '"', '') || coalesce(',"SubType":"' || e.subtype || '"', '')
    || ',"EventTimestamp":"' || strftime('%Y-%m-%dT%H:%M:%S', e.timestamp_ms / 1000, 'unixepoch')
      || printf('.%03dZ', e.timestamp_ms % 1000) || '"'
    || coalesce(',' || @EVENT_DETAILS@, '') || '}') AS record
FROM (SELECT c.*, CASE WHEN typeof(c.operation) = 'integer'
      THEN (SELECT p.id FROM compact_operations p WHERE p.ex = c.ex AND p.position = c.operation)
      ELSE c.operation END AS operation_id,
    CASE WHEN typeof(c.parent) = 'integer'
      THEN (SELECT p.id FROM compact_operations p WHERE p.ex = c.ex AND p.position = c.parent)
      ELSE c.parent END AS parent_id
  FROM compact_events c) e
JOIN compact_keys k ON k.key = e.ex;

CREATE VIEW checkpoint_calls AS
SELECT k.arn AS execution_arn, c.seq, c.invocation, c.time_ms,
  CASE WHEN typeof(c.token_in) = 'integer' THEN k.execution_id || ':' || c.token_in ELSE c.token_in END
    AS token_in,
  CASE WHEN typeof(c.token_out) = 'integer' THEN k.execution_id || ':' || c.token_out ELSE c.token_out END
    AS token_out,
  '[' || coalesce((SELECT group_concat(
      CASE WHEN json_type(u.value, '$.Id') = 'integer'
      THEN '{"Id":"' || (SELECT p.id FROM compact_operations p
                         WHERE p.ex = c.ex AND p.position = json_extract(u.value, '$.Id'))
        || '"' || substr(u.value, 7 + length(json_extract(u.value, '$.Id')))
      ELSE u.value END, ',') FROM (SELECT @UPDATE@ AS value FROM json_each(c.updates)) u), '') || ']'
    AS updates,
  c.error
FROM compact_checkpoint_calls c
JOIN compact_keys k ON k.key = c.ex;

CREATE VIEW trace AS
SELECT t.seq, t.time_ms, k.arn AS execution_arn, t.invocation, coalesce(n.name, t.kind) AS kind,
  CASE WHEN typeof(t.operation) = 'integer'
      THEN (SELECT p.id FROM compact_operations p WHERE p.ex = t.ex AND p.position = t.operation)
      ELSE t.operation END AS operation_id,
  t.name, t.text, t.data
FROM compact_trace t
JOIN compact_keys k ON k.key = t.ex
LEFT JOIN compact_trace_kinds n ON typeof(t.kind) = 'integer' AND n.code = t.kind;
)sql";

// SQL for `text` with its one payload marker, if any, replaced by the stored literal. CAST takes the
// digits after the marker's colon and stops at its closing brace; NULL stays NULL.
std::string with_payload(const std::string& text) {
  const std::string at = "instr(" + text + ", '{\"$payload\":')";
  const std::string id = "CAST(substr(" + text + ", " + at + " + 12) AS INTEGER)";
  return "CASE WHEN " + at + " = 0 THEN " + text + " ELSE substr(" + text + ", 1, " + at +
         " - 1) || (SELECT p.text FROM compact_payloads p WHERE p.id = " + id + ") || substr(" + text + ", " +
         at + " + 13 + length(" + id + ")) END";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

} // namespace

std::string views_sql(bool payloads) {
  static_assert(kPayloadMarker.size() == 12, "the views' offsets count the marker's 12 characters");
  std::string sql = kViewsTemplate;
  replace_all(sql, "@OPERATION_DETAILS@", payloads ? with_payload("o.details") : "o.details");
  replace_all(sql, "@EVENT_DETAILS@", payloads ? with_payload("e.details") : "e.details");
  replace_all(sql, "@UPDATE@", payloads ? with_payload("value") : "value");
  return sql;
}

namespace {

// [SECTION] records

// 1970-01-01 to 9999-12-31: where SQLite's strftime and engine::iso8601 write the same text.
bool sql_renders(int64_t ms) {
  return ms >= 0 && ms <= 253'402'300'799'999;
}

// Splits `text` into the part `row` rebuilds (its columns, `prefix`, without the closing brace) and the
// members after it, JSON text without braces; false when `text` does not start with that part.
bool split_after(const std::string& prefix, const std::string& text, std::optional<std::string>& details) {
  if (text.size() < prefix.size() + 1 || text.back() != '}' || text.compare(0, prefix.size(), prefix) != 0)
    return false;
  if (text.size() == prefix.size() + 1) {
    details.reset();
    return true;
  }
  if (text[prefix.size()] != ',' || text.size() < prefix.size() + 3)
    return false;
  details = text.substr(prefix.size() + 1, text.size() - prefix.size() - 2);
  return true;
}

// `,"key":"value"` when the value is present (the views' coalesce(',"key":"' || value || '"', '')).
void add(std::string& out, const char* key, const std::optional<std::string>& value) {
  if (!value)
    return;
  out += ",\"";
  out += key;
  out += "\":\"";
  out += *value;
  out += '"';
}

} // namespace

std::string record_text(const OperationRow& row) {
  if (row.verbatim)
    return *row.verbatim;
  std::string out = "{\"Id\":\"" + row.id + '"';
  add(out, "ParentId", row.parent_id);
  add(out, "Name", row.name);
  add(out, "Type", row.type);
  add(out, "SubType", row.sub_type);
  add(out, "Status", row.status);
  add(out, "StartTimestamp", engine::iso8601(row.start_ms));
  if (row.end_ms)
    add(out, "EndTimestamp", engine::iso8601(*row.end_ms));
  if (row.details)
    out += ',' + *row.details;
  return out + '}';
}

void encode(OperationRow& row, const std::string& text) {
  row.verbatim.reset();
  row.details.reset();
  std::string prefix = record_text(row);
  prefix.pop_back();
  if (sql_renders(row.start_ms) && (!row.end_ms || sql_renders(*row.end_ms)) &&
      split_after(prefix, text, row.details))
    return;
  row.verbatim = text;
}

std::string record_text(const EventRow& row) {
  if (row.verbatim)
    return *row.verbatim;
  std::string out = "{\"EventType\":\"" + row.event_type + "\",\"EventId\":" + std::to_string(row.event_id);
  add(out, "Id", row.operation_id);
  add(out, "Name", row.name);
  add(out, "ParentId", row.parent_id);
  add(out, "SubType", row.sub_type);
  add(out, "EventTimestamp", engine::iso8601(row.timestamp_ms));
  if (row.details)
    out += ',' + *row.details;
  return out + '}';
}

void encode(EventRow& row, const std::string& text) {
  row.verbatim.reset();
  row.details.reset();
  std::string prefix = record_text(row);
  prefix.pop_back();
  if (sql_renders(row.timestamp_ms) && split_after(prefix, text, row.details))
    return;
  row.parent_id.reset();
  row.sub_type.reset();
  row.verbatim = text;
}

// [SECTION] payloads

namespace {

// The end (one past the closing quote) of the JSON string starting at text[at] == '"', or npos.
size_t string_end(std::string_view text, size_t at) {
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return std::string_view::npos;
}

} // namespace

Status extract_payloads(std::string& text, const std::function<Result<int64_t>(std::string_view)>& store) {
  if (text.size() < kPayloadMinBytes)
    return ok_status();
  const bool array = !text.empty() && text[0] == '[';
  std::string out;
  size_t copied = 0; // text[copied, i) is still to copy into out
  int depth = 0;
  bool taken = false; // this unit (the text, or the array's current element) has its payload out
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && array && depth == 1) {
      taken = false;
    } else if (c == '"') {
      size_t end = string_end(text, i);
      if (end == std::string_view::npos)
        return ok_status(); // not JSON this program wrote: left as it is
      if (!taken && i > 0 && text[i - 1] == ':' && end - i >= kPayloadMinBytes) {
        Result<int64_t> id = store(std::string_view(text).substr(i, end - i));
        if (!id.ok())
          return id.error();
        out.append(text, copied, i - copied);
        out += kPayloadMarker;
        out += std::to_string(*id);
        out += '}';
        copied = end;
        taken = true;
      }
      i = end - 1;
    }
  }
  if (copied == 0)
    return ok_status();
  out.append(text, copied, std::string::npos);
  text = std::move(out);
  return ok_status();
}

Result<std::string> expand_payloads(const std::string& text,
                                    const std::function<std::optional<std::string>(int64_t)>& literal_of) {
  size_t at = text.find(kPayloadMarker);
  if (at == std::string::npos)
    return text;
  std::string out;
  size_t copied = 0;
  for (; at != std::string::npos; at = text.find(kPayloadMarker, copied)) {
    size_t digits = at + kPayloadMarker.size();
    size_t close = text.find('}', digits);
    std::optional<int64_t> id = close == std::string::npos
                                    ? std::nullopt
                                    : parse_int64(std::string_view(text).substr(digits, close - digits));
    std::optional<std::string> literal = id ? literal_of(*id) : std::nullopt;
    if (!literal)
      return Error{"payloads", "a record names payload " + text.substr(digits, 20) + ", which is not stored"};
    out.append(text, copied, at - copied);
    out += *literal;
    copied = close + 1;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

// [SECTION] tokens

Packed pack_token(const std::string& token, const std::string& execution_id) {
  if (!execution_id.empty() && token.size() > execution_id.size() + 1 &&
      token.compare(0, execution_id.size(), execution_id) == 0 && token[execution_id.size()] == ':') {
    std::string_view number(token.data() + execution_id.size() + 1, token.size() - execution_id.size() - 1);
    std::optional<int64_t> n = parse_int64(number);
    if (n && *n >= 0 && std::to_string(*n) == number) // "007" or "+7" would not come back the same
      return Packed{n, std::nullopt};
  }
  return Packed{std::nullopt, token};
}

std::string unpack_token(const Packed& token, const std::string& execution_id) {
  if (token.integer)
    return execution_id + ":" + std::to_string(*token.integer);
  return token.text.value_or("");
}

// [SECTION] updates

std::string pack_updates(Json packed,
                         const std::function<std::optional<int64_t>(const std::string&)>& position_of) {
  if (!packed.is_array())
    return json_text(packed);
  for (Json& u : packed) {
    // Only a leading "Id" whose text needs no escaping: the view puts it back by string concatenation.
    if (!u.is_object() || u.empty() || u.begin().key() != "Id" || !u.begin().value().is_string())
      continue;
    const std::string& id = u.begin().value().get_ref<const std::string&>();
    if (json_text(u.begin().value()).size() != id.size() + 2)
      continue;
    if (std::optional<int64_t> position = position_of(id))
      u.begin().value() = *position;
  }
  return json_text(packed);
}

Result<Json> unpack_updates(const std::string& packed,
                            const std::function<std::optional<std::string>(int64_t)>& id_at) {
  Result<Json> updates = parse_json(packed);
  if (!updates.ok() || !updates->is_array())
    return updates;
  for (Json& u : *updates) {
    if (!u.is_object() || u.empty() || u.begin().key() != "Id" || !u.begin().value().is_number_integer())
      continue;
    int64_t position = u.begin().value().get<int64_t>();
    std::optional<std::string> id = id_at(position);
    if (!id)
      return Error{"updates", "an update names operation position " + std::to_string(position) +
                                  ", which is not stored"};
    u.begin().value() = *id;
  }
  return updates;
}

} // namespace dp::store::compact
