#include "importer/history_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

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

// 1-based line of a byte offset, for errors in the JSON text itself.
size_t line_of(const std::string& text, size_t offset) {
  return 1 +
         static_cast<size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

// The top-level JSON values of a text (pages printed one after another), as [begin, end) ranges. Only
// the nesting is followed here; parse_json checks each value's syntax.
Result<std::vector<std::pair<size_t, size_t>>> split_values(const std::string& name,
                                                            const std::string& text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (true) {
    while (i < text.size() && space(text[i]))
      ++i;
    if (i >= text.size())
      break;
    if (text[i] != '{' && text[i] != '[')
      return Error{name + ":" + std::to_string(line_of(text, i)),
                   "not a history: expected a JSON object or array here (the output of `aws lambda "
                   "get-durable-execution-history`), found '" +
                       text.substr(i, 20) + "'"};
    size_t begin = i;
    int depth = 0;
    bool in_string = false;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (in_string) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          in_string = false;
        continue;
      }
      if (c == '"')
        in_string = true;
      else if (c == '{' || c == '[')
        ++depth;
      else if ((c == '}' || c == ']') && --depth == 0) {
        ++i;
        break;
      }
    }
    if (depth != 0 || in_string)
      return Error{name, "the JSON ends early (truncated?): the " +
                             std::string(text[begin] == '{' ? "object" : "array") + " opened at line " +
                             std::to_string(line_of(text, begin)) + " is never closed"};
    out.emplace_back(begin, i);
  }
  if (out.empty())
    return Error{name,
                 "the file is empty (expected the JSON `aws lambda get-durable-execution-history` prints)"};
  return out;
}

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

Result<History> read_history(const std::vector<Source>& sources) {
  History h;
  struct Page {
    std::vector<ReadEvent> events;
  };
  std::vector<Page> pages;
  for (const Source& src : sources) {
    h.files.push_back(src.name);
    auto values = split_values(src.name, src.text);
    if (!values.ok())
      return values.error();
    size_t index = 0; // events of this file, 1-based
    for (auto [begin, end] : *values) {
      std::string at = src.name + ":" + std::to_string(line_of(src.text, begin));
      auto parsed = parse_json(std::string_view(src.text).substr(begin, end - begin));
      if (!parsed.ok())
        return Error{at, "not valid JSON: " + parsed.error().text()};
      const Json& j = *parsed;
      const Json* events = nullptr;
      if (j.is_array())
        events = &j;
      else if (j.is_object())
        events = find_member(j, "Events");
      if (events && !events->is_array())
        return Error{at, "not a history: \"Events\" must be an array of events"};
      if (!events) {
        if (j.is_object() && string_member(j, "Status")) { // get-durable-execution's output
          ExecutionDescription d = describe(j);
          if (d.status && !engine::parse_execution_status(*d.status))
            return Error{at, "Status \"" + *d.status +
                                 "\" is not an execution status (RUNNING, SUCCEEDED, "
                                 "FAILED, TIMED_OUT or STOPPED)"};
          h.description = d;
          continue;
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
      if (j.is_object() && !h.description.arn)
        if (const std::string* arn = string_member(j, "DurableExecutionArn"))
          h.description.arn = *arn;
      Page page;
      for (const Json& ev : *events) {
        auto read = read_event(ev, src.name, ++index);
        if (!read.ok())
          return read.error();
        // Within a page the service lists events in EventId order.
        if (!page.events.empty() && read->event.event_id <= page.events.back().event.event_id) {
          const ReadEvent& prev = page.events.back();
          for (const ReadEvent& earlier : page.events)
            if (earlier.event.event_id == read->event.event_id)
              return Error{src.name + ": event " + std::to_string(index),
                           "duplicate EventId " + std::to_string(read->event.event_id) + " (event " +
                               std::to_string(earlier.index) + " has it too)"};
          return Error{src.name + ": event " + std::to_string(index),
                       "events out of order: EventId " + std::to_string(read->event.event_id) +
                           " comes after EventId " + std::to_string(prev.event.event_id) + " (event " +
                           std::to_string(prev.index) + ")"};
        }
        page.events.push_back(std::move(*read));
      }
      if (!page.events.empty())
        pages.push_back(std::move(page));
    }
  }
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
  if (h.events.empty())
    return Error{sources.empty() ? std::string("import") : sources.front().name,
                 "no events: the history is empty (was the --include-execution-data output saved?)"};
  if (h.events.front().event.event_type != "ExecutionStarted")
    return Error{h.events.front().file + ": event " + std::to_string(h.events.front().index),
                 "the history does not start with ExecutionStarted (EventId " +
                     std::to_string(h.events.front().event.event_id) + " is " +
                     h.events.front().event.event_type +
                     "): is a page missing? Pass every page, from the first"};
  return h;
}

} // namespace dp::importer
