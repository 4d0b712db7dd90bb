// Schema 7's compact rows (issue 12): the store keeps operations, events, checkpoint calls and the trace in
// `compact_*` tables that name an execution by a small integer key and an operation by its position, and
// that keep only the parts of a JSON record its columns do not already hold. Views with the old names and
// columns (operations, events, checkpoint_calls, trace) put the full text back, for the SQL console and for
// programs that read the file (docs/store.md). This file holds the tables, the views, and the encoding both
// ways; the C++ rebuild and the views' SQL build the same text, and a row whose record they would not
// rebuild exactly is kept verbatim instead.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.hpp"
#include "store/statement.hpp"

namespace dp::store::compact {

// The compact tables and their lookup tables (the execution keys, the trace kinds' names, the payloads),
// then the views. views_sql(false) gives schema 7's views, which read no payloads (for tests of the step
// from 7 to 8).
extern const char* const kTables;
std::string views_sql(bool payloads = true);
// The names the views replace, in the order schema 7 creates them.
inline constexpr const char* kViewNames[] = {"operations", "events", "checkpoint_calls", "trace"};

// An operations row. `details` holds the record's members after the ones the columns give (ExecutionDetails,
// StepDetails ...) as JSON text without the enclosing braces; `verbatim` holds the whole record instead when
// the columns would not rebuild it byte for byte.
struct OperationRow {
  std::string id;
  std::optional<std::string> parent_id;
  std::optional<std::string> name;
  std::string type;
  std::optional<std::string> sub_type;
  std::string status;
  int64_t start_ms = 0;
  std::optional<int64_t> end_ms;
  std::optional<std::string> details;
  std::optional<std::string> verbatim;
};

// An events row: the same idea, for a GetDurableExecutionHistory event.
struct EventRow {
  int64_t event_id = 0;
  std::string event_type;
  int64_t timestamp_ms = 0;
  std::optional<std::string> operation_id;
  std::optional<std::string> name;
  std::optional<std::string> parent_id;
  std::optional<std::string> sub_type;
  std::optional<std::string> details;
  std::optional<std::string> verbatim;
};

// Fills row.details with what follows the columns' part in `record_text` (the record as engine::to_json
// prints it), or row.verbatim with the whole text when it does not start with the columns' part (a string
// that JSON escapes, members in another order) or a timestamp falls outside the years 1970-9999 (where
// SQLite's strftime and engine::iso8601 differ). Either way record_text(row) is `record_text` again.
// An event's parent_id and sub_type are columns here too (set them first).
void encode(OperationRow& row, const std::string& record_text);
void encode(EventRow& row, const std::string& record_text);
// The record's text, as the views build it.
std::string record_text(const OperationRow& row);
std::string record_text(const EventRow& row);

// Schema 8: a JSON string value of at least kPayloadMinBytes (a step's result, an error message, an input)
// is stored once, as its JSON literal with the quotes, in a compact_payloads row. The operation record, the
// history event and the OperationUpdate that carried it hold the marker {"$payload":<row id>} in its place.
// No AWS member is an object of that shape, and inside a JSON string its quotes would be escaped, so the
// marker cannot be mistaken for data. The views put the literal back; each one replaces one marker per
// record, per event and per update, so the writer extracts at most one string from each.
inline constexpr size_t kPayloadMinBytes = 256;
inline constexpr std::string_view kPayloadMarker = "{\"$payload\":";
// Replaces in `text` (compact JSON, or the members of an object without its braces) the first string value
// of at least kPayloadMinBytes with the marker of the row `store` gives for its literal; in a JSON array,
// the first one of each element. Text that is not well-formed is left as it is.
Status extract_payloads(std::string& text, const std::function<Result<int64_t>(std::string_view)>& store);
// Puts every marker's literal back; an error names a marker whose row is missing.
Result<std::string> expand_payloads(const std::string& text,
                                    const std::function<std::optional<std::string>(int64_t)>& literal_of);

// A checkpoint token "<execution id>:<n>" is stored as n; any other token as it is.
Packed pack_token(const std::string& token, const std::string& execution_id);
std::string unpack_token(const Packed& token, const std::string& execution_id);

// A checkpoint call's updates (a JSON array of OperationUpdate) with each update's leading "Id" replaced by
// its operation's position when `position_of` knows it; and back, with `id_at`.
std::string pack_updates(Json updates,
                         const std::function<std::optional<int64_t>(const std::string&)>& position_of);
Result<Json> unpack_updates(const std::string& packed,
                            const std::function<std::optional<std::string>(int64_t)>& id_at);

} // namespace dp::store::compact
