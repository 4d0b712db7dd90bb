#include "importer/history_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "importer/history_scanner.hpp"

namespace dp::importer {
namespace {

const char* const kKnownTypes[] = {"ExecutionStarted",     "ExecutionSucceeded",
                                   "ExecutionFailed",      "ExecutionTimedOut",
                                   "ExecutionStopped",     "ContextStarted",
                                   "ContextSucceeded",     "ContextFailed",
                                   "WaitStarted",          "WaitSucceeded",
                                   "WaitCancelled",        "StepStarted",
                                   "StepSucceeded",        "StepFailed",
                                   "ChainedInvokeStarted", "ChainedInvokeSucceeded",
                                   "ChainedInvokeFailed",  "ChainedInvokeTimedOut",
                                   "ChainedInvokeStopped", "ChainedInvokeCancelled",
                                   "CallbackStarted",      "CallbackSucceeded",
                                   "CallbackFailed",       "CallbackTimedOut",
                                   "InvocationCompleted"};

const std::string* string_member(const Json& j, const char* key) {
  const Json* v = find_member(j, key);
  return v && v->is_string() ? v->get_ptr<const std::string*>() : nullptr;
}
std::optional<std::string> opt_string(const Json& j, const char* key) {
  const std::string* s = string_member(j, key);
  return s ? std::optional<std::string>(*s) : std::nullopt;
}

// Days since 1970-01-01 of a civil date (the arithmetic of engine::iso8601, the other way).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int64_t> parse_iso(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, used = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) < 6 || used < 19)
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  size_t i = static_cast<size_t>(used);
  int64_t ms = 0;
  if (i < s.size() && s[i] == '.') {
    int digits = 0;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits)
      if (digits < 3)
        ms = ms * 10 + (s[i] - '0');
    if (digits == 0)
      return std::nullopt;
    for (; digits < 3; ++digits)
      ms *= 10;
  }
  int64_t offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh = 0, om = 0, n = 0;
    if (std::sscanf(s.c_str() + i + 1, "%2d:%2d%n", &oh, &om, &n) < 2 || n != 5)
      return std::nullopt;
    offset_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return std::nullopt; // a time without a zone is ambiguous
  }
  if (i != s.size())
    return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000 +
         ((h * 60 + mi) * 60 + sec) * 1000LL + ms - offset_min * 60000;
}

std::optional<engine::ErrorObject> error_payload(const Json& details) {
  // Error: {"Payload": {ErrorType, ErrorMessage, ...}, "Truncated": false}; {} when there is none.
  const Json* e = find_member(details, "Error");
  if (!e || !e->is_object())
    return std::nullopt;
  const Json* payload = find_member(*e, "Payload");
  const Json& obj = payload && payload->is_object() ? *payload : *e;
  if (!find_member(obj, "ErrorType") && !find_member(obj, "ErrorMessage"))
    return std::nullopt;
  auto r = engine::error_from_json(obj, "Error");
  return r.ok() ? std::optional<engine::ErrorObject>(*r) : std::nullopt;
}

ExecutionDescription describe(const Json& j) {
  ExecutionDescription d;
  d.arn = opt_string(j, "DurableExecutionArn");
  d.name = opt_string(j, "DurableExecutionName");
  d.function_arn = opt_string(j, "FunctionArn");
  d.status = opt_string(j, "Status");
  d.input = opt_string(j, "InputPayload");
  d.result = opt_string(j, "Result");
  if (const Json* e = find_member(j, "Error"); e && e->is_object()) {
    auto r = engine::error_from_json(*e, "Error");
    if (r.ok())
      d.error = *r;
  }
  if (const Json* t = find_member(j, "StartTimestamp"))
    d.start_ms = parse_timestamp(*t);
  if (const Json* t = find_member(j, "EndTimestamp"))
    d.end_ms = parse_timestamp(*t);
  return d;
}

// Checks one event object and turns it into a HistoryEvent (details kept as they are).
Result<ReadEvent> read_event(const Json& j, const std::string& file, size_t index) {
  std::string where = file + ": event " + std::to_string(index);
  if (!j.is_object())
    return Error{where, "an event must be a JSON object, found " + std::string(j.type_name())};
  ReadEvent out;
  out.file = file;
  out.index = index;
  const std::string* type = string_member(j, "EventType");
  if (!type || type->empty())
    return Error{where, "the event has no EventType"};
  const Json* id = find_member(j, "EventId");
  if (!id || !id->is_number_integer() || id->get<int64_t>() < 1)
    return Error{where + " (" + *type + ")", "the event has no EventId (a whole number from 1)"};
  where += " (EventId " + std::to_string(id->get<int64_t>()) + ", " + *type + ")";
  const Json* ts = find_member(j, "EventTimestamp");
  std::optional<int64_t> at = ts ? parse_timestamp(*ts) : std::nullopt;
  if (!at)
    return Error{where, ts ? "EventTimestamp is not a timestamp with a zone (such as "
                             "\"2025-12-02T09:00:00.000Z\") or epoch seconds"
                           : "the event has no EventTimestamp"};
  out.known = known_event_type(*type);
  engine::HistoryEvent& e = out.event;
  e.event_type = *type;
  e.event_id = id->get<int64_t>();
  e.event_timestamp = *at;
  e.id = opt_string(j, "Id");
  e.name = opt_string(j, "Name");
  e.parent_id = opt_string(j, "ParentId");
  e.sub_type = opt_string(j, "SubType");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key().size() > 7 && it.key().compare(it.key().size() - 7, 7, "Details") == 0)
      e.details[it.key()] = it.value();
  if (out.known && *type != "InvocationCompleted" && *type != "ExecutionStarted" &&
      type->rfind("Execution", 0) != 0 && (!e.id || e.id->empty()))
    return Error{where, "the event has no Id (the operation it belongs to)"};
  return out;
}

} // namespace

bool known_event_type(const std::string& type) {
  return std::find(std::begin(kKnownTypes), std::end(kKnownTypes), type) != std::end(kKnownTypes);
}

std::optional<int64_t> parse_timestamp(const Json& value) {
  if (value.is_number()) {
    double seconds = value.get<double>();
    if (!(seconds > 0 && seconds < 1e11))
      return std::nullopt;
    return static_cast<int64_t>(seconds * 1000.0 + 0.5);
  }
  if (value.is_string())
    return parse_iso(value.get<std::string>());
  return std::nullopt;
}

std::optional<engine::ErrorObject> event_error(const Json& details) {
  return error_payload(details);
}

std::optional<std::string> event_payload(const Json& details, const char* key) {
  const Json* p = find_member(details, key);
  if (!p || !p->is_object())
    return std::nullopt;
  return opt_string(*p, "Payload");
}

// --- Reading in slices -------------------------------------------------------------------------------

namespace {
// The events of one page (one top-level value), in the order the file lists them.
struct Page {
  std::vector<ReadEvent> events;
};
// Work between two asks of the clock: a megabyte scanned, or this many events parsed and checked.
constexpr size_t kScanBytes = 1u << 20;
constexpr size_t kEventsPerAsk = 32;
} // namespace

struct HistoryReader::State {
  std::vector<Source> sources;
  size_t source = 0; // the source being read
  std::unique_ptr<HistoryScanner> scanner;
  std::vector<ScannedValue> values; // the current source's values, once scanned
  size_t value = 0;                 // the value being read
  bool value_started = false;
  size_t next_event = 0;            // within the value
  size_t index = 0;                 // events of this file so far (1-based positions in errors)
  size_t line_offset = 0, line = 1; // a byte offset of the current text and its line (lines, counted on)
  Page page;
  std::vector<Page> pages;
  History history;
  std::optional<Error> error;
  bool done = false;
  size_t bytes_total = 0, bytes_before = 0, found_before = 0, read = 0;

  size_t line_at(const std::string& text, size_t offset) {
    if (offset < line_offset) {
      line_offset = 0;
      line = 1;
    }
    line += static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(line_offset),
                                           text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    line_offset = offset;
    return line;
  }
  Status start_value(const Source& src, const ScannedValue& v);
  Status read_event_at(const Source& src, std::pair<size_t, size_t> range);
  Status finish();
};

// A page's own members (the event array's contents left out when the scanner found it) or a whole value.
Status HistoryReader::State::start_value(const Source& src, const ScannedValue& v) {
  const std::string at = src.name + ":" + std::to_string(line_at(src.text, v.begin));
  page = Page{};
  next_event = 0;
  if (v.array)
    return ok_status(); // the bare event list: every element is an event
  std::string_view text(src.text);
  std::string skeleton;
  if (v.events_open != ScannedValue::npos && v.events_close != ScannedValue::npos) {
    skeleton.reserve(v.events_open + 1 - v.begin + v.end - v.events_close);
    skeleton.append(text.substr(v.begin, v.events_open + 1 - v.begin));
    skeleton.append(text.substr(v.events_close, v.end - v.events_close));
  }
  auto parsed = parse_json(skeleton.empty() ? text.substr(v.begin, v.end - v.begin) : skeleton);
  if (!parsed.ok())
    return Error{at, "not valid JSON: " + parsed.error().text()};
  const Json& j = *parsed;
  const Json* events = j.is_object() ? find_member(j, "Events") : nullptr;
  if (events && !events->is_array())
    return Error{at, "not a history: \"Events\" must be an array of events"};
  if (!events) {
    if (j.is_object() && string_member(j, "Status")) { // get-durable-execution's output
      ExecutionDescription d = describe(j);
      if (d.status && !engine::parse_execution_status(*d.status))
        return Error{at, "Status \"" + *d.status +
                             "\" is not an execution status (RUNNING, SUCCEEDED, "
                             "FAILED, TIMED_OUT or STOPPED)"};
      history.description = d;
      return ok_status();
    }
    std::string keys;
    if (j.is_object())
      for (auto it = j.begin(); it != j.end() && keys.size() < 80; ++it)
        keys += (keys.empty() ? "" : ", ") + it.key();
    return Error{at, "not a history: expected {\"Events\": [...]} as `aws lambda "
                     "get-durable-execution-history` prints it, or the output of `aws lambda "
                     "get-durable-execution`; found " +
                         (j.is_object() ? "an object with " + (keys.empty() ? "no keys" : keys)
                                        : std::string("a ") + j.type_name())};
  }
  if (!history.description.arn)
    if (const std::string* arn = string_member(j, "DurableExecutionArn"))
      history.description.arn = *arn;
  return ok_status();
}

Status HistoryReader::State::read_event_at(const Source& src, std::pair<size_t, size_t> range) {
  ++index;
  auto parsed = parse_json(std::string_view(src.text).substr(range.first, range.second - range.first));
  if (!parsed.ok())
    return Error{src.name + ":" + std::to_string(line_at(src.text, range.first)),
                 "event " + std::to_string(index) + " is not valid JSON: " + parsed.error().text()};
  auto read_one = read_event(*parsed, src.name, index);
  if (!read_one.ok())
    return read_one.error();
  ++read;
  // Within a page the service lists events in EventId order.
  if (!page.events.empty() && read_one->event.event_id <= page.events.back().event.event_id) {
    const ReadEvent& prev = page.events.back();
    for (const ReadEvent& earlier : page.events)
      if (earlier.event.event_id == read_one->event.event_id)
        return Error{src.name + ": event " + std::to_string(index),
                     "duplicate EventId " + std::to_string(read_one->event.event_id) + " (event " +
                         std::to_string(earlier.index) + " has it too)"};
    return Error{src.name + ": event " + std::to_string(index),
                 "events out of order: EventId " + std::to_string(read_one->event.event_id) +
                     " comes after EventId " + std::to_string(prev.event.event_id) + " (event " +
                     std::to_string(prev.index) + ")"};
  }
  page.events.push_back(std::move(*read_one));
  return ok_status();
}

Status HistoryReader::State::finish() {
  History& h = history;
  // Pages may come in any order (several files); each page is a run of consecutive EventIds.
  std::stable_sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) {
    return a.events.front().event.event_id < b.events.front().event.event_id;
  });
  for (Page& p : pages)
    for (ReadEvent& e : p.events) {
      if (!h.events.empty() && e.event.event_id <= h.events.back().event.event_id) {
        const ReadEvent& prev = h.events.back();
        return Error{e.file + ": event " + std::to_string(e.index),
                     e.event.event_id == prev.event.event_id
                         ? "duplicate EventId " + std::to_string(e.event.event_id) + " (also " + prev.file +
                               " event " + std::to_string(prev.index) + ")"
                         : "pages overlap: EventId " + std::to_string(e.event.event_id) +
                               " is inside the page "
                               "that ends at " +
                               prev.file + " event " + std::to_string(prev.index)};
      }
      h.unknown_events += e.known ? 0 : 1;
      h.events.push_back(std::move(e));
    }
  pages.clear();
  if (h.events.empty())
    return Error{sources.empty() ? std::string("import") : sources.front().name,
                 "no events: the history is empty (was the --include-execution-data output saved?)"};
  if (h.events.front().event.event_type != "ExecutionStarted")
    return Error{h.events.front().file + ": event " + std::to_string(h.events.front().index),
                 "the history does not start with ExecutionStarted (EventId " +
                     std::to_string(h.events.front().event.event_id) + " is " +
                     h.events.front().event.event_type +
                     "): is a page missing? Pass every page, from the first"};
  return ok_status();
}

HistoryReader::HistoryReader(std::vector<Source> sources) : m_state(std::make_unique<State>()) {
  m_state->sources = std::move(sources);
  for (const Source& s : m_state->sources)
    m_state->bytes_total += s.text.size();
}
HistoryReader::~HistoryReader() = default;

Status HistoryReader::advance(const std::function<bool()>& out_of_time) {
  State& st = *m_state;
  auto fail = [&](Error e) -> Status {
    st.error = e;
    st.done = true;
    return e;
  };
  while (!st.done) {
    if (out_of_time())
      return ok_status();
    if (st.source == st.sources.size()) {
      if (Status s = st.finish(); !s.ok())
        return fail(s.error());
      st.done = true;
      break;
    }
    Source& src = st.sources[st.source];
    if (!st.scanner) {
      st.history.files.push_back(src.name);
      st.scanner = std::make_unique<HistoryScanner>(src.name, src.text);
      st.index = 0;
      st.line_offset = 0;
      st.line = 1;
    }
    if (!st.scanner->done()) {
      if (Status s = st.scanner->scan(kScanBytes); !s.ok())
        return fail(s.error());
      if (st.scanner->done()) {
        st.values = std::move(st.scanner->values());
        st.value = 0;
        st.value_started = false;
      }
      continue;
    }
    if (st.value == st.values.size()) { // this source is read: its text is no longer needed
      st.bytes_before += src.text.size();
      st.found_before += st.scanner->events_found();
      st.scanner.reset();
      st.values.clear();
      std::string().swap(src.text);
      ++st.source;
      continue;
    }
    const ScannedValue& v = st.values[st.value];
    if (!st.value_started) {
      if (Status s = st.start_value(src, v); !s.ok())
        return fail(s.error());
      st.value_started = true;
    }
    for (size_t n = 0; n < kEventsPerAsk && st.next_event < v.events.size(); ++n)
      if (Status s = st.read_event_at(src, v.events[st.next_event++]); !s.ok())
        return fail(s.error());
    if (st.next_event == v.events.size()) {
      if (!st.page.events.empty())
        st.pages.push_back(std::move(st.page));
      st.page = Page{};
      ++st.value;
      st.value_started = false;
    }
  }
  return st.error ? Status(*st.error) : ok_status();
}

bool HistoryReader::done() const {
  return m_state->done;
}
size_t HistoryReader::bytes_total() const {
  return m_state->bytes_total;
}
size_t HistoryReader::bytes_scanned() const {
  return m_state->bytes_before + (m_state->scanner ? m_state->scanner->position() : 0);
}
size_t HistoryReader::events_found() const {
  return m_state->found_before + (m_state->scanner ? m_state->scanner->events_found() : 0);
}
size_t HistoryReader::events_read() const {
  return m_state->read;
}

Result<History> HistoryReader::take() {
  if (m_state->error)
    return *m_state->error;
  return std::move(m_state->history);
}

Result<History> read_history(const std::vector<Source>& sources) {
  HistoryReader reader(sources);
  (void)reader.advance([] { return false; }); // the error, if any, is take()'s
  return reader.take();
}

} // namespace dp::importer
