// Reading a durable execution's history as AWS prints it (issue 13): the JSON of `aws lambda
// get-durable-execution-history --include-execution-data` ({"Events": [...], "NextMarker": ...}), one page
// or several (in one file one after another, or in several files), the bare event array the JS testing
// library's getHistoryEvents() returns, and optionally the `aws lambda get-durable-execution` output for the
// execution's ARN, name, status and result. Every event is checked; an error names the file and the event.
// Event types this program does not know are kept (flagged), never dropped. No UI, no store.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "engine/aws_shapes.hpp"

namespace dp::importer {

// One input: a file name (or "pasted text") and its contents.
struct Source {
  std::string name;
  std::string text;
};

// One event as read, and where it came from (for error messages and the unknown-type flag).
struct ReadEvent {
  engine::HistoryEvent event;
  std::string file;
  size_t index = 0;  // 1-based position among the events of its file
  bool known = true; // false: an event type this program does not know (kept as it is)
};

// What `get-durable-execution` says about the execution (every field optional).
struct ExecutionDescription {
  std::optional<std::string> arn;
  std::optional<std::string> name;
  std::optional<std::string> function_arn;
  std::optional<std::string> status;
  std::optional<std::string> input;
  std::optional<std::string> result;
  std::optional<engine::ErrorObject> error;
  std::optional<int64_t> start_ms;
  std::optional<int64_t> end_ms;
};

struct History {
  std::vector<ReadEvent> events; // ordered by EventId
  ExecutionDescription description;
  std::vector<std::string> files;
  size_t unknown_events = 0;
};

// The event types of GetDurableExecutionHistory this program knows (the service's EventType enum).
bool known_event_type(const std::string& type);

// A timestamp as AWS tools print it: ISO-8601 with a zone ("2025-12-02T09:00:00.123Z",
// "2025-12-02T09:00:00.123456+00:00", "+02:00" offsets) or epoch seconds as a number.
std::optional<int64_t> parse_timestamp(const Json& value);

// The error an event's details carry ({"Error": {"Payload": {ErrorType, ...}}}), if any, and a payload
// ({"Result": {"Payload": "..."}}, "Input").
std::optional<engine::ErrorObject> event_error(const Json& details);
std::optional<std::string> event_payload(const Json& details, const char* key);

// Reads and checks every source; the first problem found is the error ("FILE: event 3 (EventId 4): ...").
Result<History> read_history(const std::vector<Source>& sources);

// The same reading in slices, so that the page keeps drawing while a 100 MB history is read (one slice
// per frame). A string-aware scanner finds each top-level value and, inside it, each event's bytes (cheap:
// no parsing); then each event is parsed and checked on its own. Same checks and errors as read_history,
// which runs one of these to the end.
class HistoryReader {
public:
  explicit HistoryReader(std::vector<Source> sources);
  ~HistoryReader();
  HistoryReader(const HistoryReader&) = delete;
  HistoryReader& operator=(const HistoryReader&) = delete;

  // Works until `out_of_time()` returns true (asked every few events or megabytes) or the reading ends.
  // Returns the error that ended it, if any; then done() is true and take() gives the error again.
  Status advance(const std::function<bool()>& out_of_time);
  bool done() const;
  // Progress: bytes scanned of all sources, events found by the scanner so far and events read.
  size_t bytes_total() const;
  size_t bytes_scanned() const;
  size_t events_found() const;
  size_t events_read() const;
  // The history (or the error) once done(); call once.
  Result<History> take();

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace dp::importer
