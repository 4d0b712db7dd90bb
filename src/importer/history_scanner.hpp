// A cheap, resumable pass over a history's text (issue 13): where each top-level JSON value is (pages
// printed one after another) and, inside each, where each event's bytes are. It follows strings, nesting
// and the commas between events, but parses nothing: each event is parsed on its own afterwards, so a
// 100 MB history can be read a slice at a time.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace dp::importer {

// 1-based line of a byte offset, for errors in the JSON text itself.
size_t line_of(const std::string& text, size_t offset);

// One top-level value: an object (a page: {"Events": [...], ...}, or get-durable-execution's output) or
// an array (the bare event list).
struct ScannedValue {
  static constexpr size_t npos = static_cast<size_t>(-1);
  size_t begin = 0, end = 0; // [begin, end) of the value
  bool array = false;        // a bare event array: its elements are the events
  // An object's "Events" array: the offsets of its '[' and ']' (npos: the object has none).
  size_t events_open = npos, events_close = npos;
  std::vector<std::pair<size_t, size_t>> events; // [begin, end) of each element of the event array
};

class HistoryScanner {
public:
  // `name` is the file's name, for errors; the text must outlive the scanner and not change.
  HistoryScanner(std::string name, const std::string& text) : m_name(std::move(name)), m_text(text) {}
  // Scans up to `max_bytes` more bytes. Returns an error for text that cannot be a history (not an object
  // or array at the top, a missing comma between events, a truncated value).
  Status scan(size_t max_bytes);
  bool done() const { return m_done; }
  size_t position() const { return m_pos; }
  size_t events_found() const { return m_found; }
  // The values found so far (complete ones only); take them once done().
  std::vector<ScannedValue>& values() { return m_values; }

private:
  Error syntax_error(size_t at, const std::string& what) const;
  void end_element(size_t end);

  std::string m_name;
  const std::string& m_text;
  std::vector<ScannedValue> m_values;
  ScannedValue m_value;                        // the value being scanned
  size_t m_pos = 0;                            // next byte to scan
  int m_depth = 0;                             // nesting depth (0: between top-level values)
  bool m_in_string = false;                    // inside a string literal
  bool m_escape = false;                       // the previous byte was a backslash inside a string
  size_t m_string_begin = 0;                   // the opening quote of the current (or last) string
  size_t m_key_begin = 0;                      // the last string closed at depth 1 of an object: [begin, end)
  size_t m_key_end = 0;                        //   (a key when a ':' follows)
  bool m_events_key = false;                   // the member being read at depth 1 is "Events"
  int m_container_depth = 0;                   // the depth inside the event array (0: not inside one)
  size_t m_element_begin = ScannedValue::npos; // the element being read in the event array
  bool m_after_element = false;                // an element ended: a ',' or the closing ']' must come next
  bool m_after_comma = false;                  // a ',' was read: an element must come next
  size_t m_found = 0;
  bool m_done = false;
};

} // namespace dp::importer
