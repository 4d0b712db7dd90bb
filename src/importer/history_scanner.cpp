#include "importer/history_scanner.hpp"

#include <algorithm>

namespace dp::importer {

namespace {
bool space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
} // namespace

size_t line_of(const std::string& text, size_t offset) {
  return 1 +
         static_cast<size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

Error HistoryScanner::syntax_error(size_t at, const std::string& what) const {
  return Error{m_name + ":" + std::to_string(line_of(m_text, at)), "not valid JSON: " + what};
}

// An element of the event array ends just before `end` (a container's closing byte + 1, or the ',' or
// ']' after a scalar, whose trailing spaces are trimmed).
void HistoryScanner::end_element(size_t end) {
  while (end > m_element_begin && space(m_text[end - 1]))
    --end;
  m_value.events.emplace_back(m_element_begin, end);
  m_element_begin = ScannedValue::npos;
  m_after_element = true;
  m_after_comma = false;
  ++m_found;
}

Status HistoryScanner::scan(size_t max_bytes) {
  const std::string& text = m_text;
  const size_t stop = std::min(text.size(), m_pos + max_bytes);
  for (; m_pos < stop; ++m_pos) {
    const char c = text[m_pos];
    if (m_in_string) {
      if (m_escape) {
        m_escape = false;
      } else if (c == '\\') {
        m_escape = true;
      } else if (c == '"') {
        m_in_string = false;
        if (m_depth == 1 && !m_value.array) {
          m_key_begin = m_string_begin + 1;
          m_key_end = m_pos;
        }
      }
      continue;
    }
    if (space(c))
      continue;
    if (m_depth == 0) {
      if (c != '{' && c != '[')
        return Error{m_name + ":" + std::to_string(line_of(text, m_pos)),
                     "not a history: expected a JSON object or array here (the output of `aws lambda "
                     "get-durable-execution-history`), found '" +
                         text.substr(m_pos, 20) + "'"};
      m_value = ScannedValue{};
      m_value.begin = m_pos;
      m_value.array = c == '[';
      m_depth = 1;
      m_events_key = false;
      m_container_depth = m_value.array ? 1 : 0;
      m_element_begin = ScannedValue::npos;
      m_after_element = m_after_comma = false;
      continue;
    }
    const bool at_elements = m_container_depth > 0 && m_depth == m_container_depth;
    if (at_elements && m_element_begin == ScannedValue::npos && c != ',' && c != ']' && c != '}') {
      if (m_after_element)
        return syntax_error(m_pos, "a ',' is missing between two events");
      m_element_begin = m_pos;
      m_after_comma = false;
    }
    switch (c) {
    case '"':
      m_in_string = true;
      m_string_begin = m_pos;
      break;
    case ':':
      if (m_depth == 1 && !m_value.array)
        m_events_key = std::string_view(text).substr(m_key_begin, m_key_end - m_key_begin) == "Events";
      break;
    case ',':
      if (at_elements) {
        if (m_element_begin != ScannedValue::npos)
          end_element(m_pos); // a scalar element
        else if (!m_after_element)
          return syntax_error(m_pos, "a ',' with no event before it");
        m_after_element = false;
        m_after_comma = true;
      } else if (m_depth == 1) {
        m_events_key = false;
      }
      break;
    case '{':
    case '[':
      ++m_depth;
      if (c == '[' && m_depth == 2 && !m_value.array && m_events_key &&
          m_value.events_open == ScannedValue::npos) {
        m_value.events_open = m_pos;
        m_container_depth = 2;
        m_element_begin = ScannedValue::npos;
        m_after_element = m_after_comma = false;
      }
      break;
    case '}':
    case ']':
      if (at_elements) { // the event array closes
        if (c != ']')
          return syntax_error(m_pos, "the event array is closed with '}' instead of ']'");
        if (m_element_begin != ScannedValue::npos)
          end_element(m_pos);
        else if (m_after_comma)
          return syntax_error(m_pos, "a ',' after the last event");
        if (!m_value.array)
          m_value.events_close = m_pos;
        m_container_depth = 0;
      }
      --m_depth;
      if (m_container_depth > 0 && m_depth == m_container_depth && m_element_begin != ScannedValue::npos)
        end_element(m_pos + 1); // an event object (or array) closes
      if (m_depth == 0) {
        if (c != (m_value.array ? ']' : '}'))
          return syntax_error(m_pos, std::string("the ") + (m_value.array ? "array" : "object") +
                                         " is closed with '" + c + "'");
        m_value.end = m_pos + 1;
        m_values.push_back(std::move(m_value));
        m_value = ScannedValue{};
      }
      break;
    default:
      break;
    }
  }
  if (m_pos < text.size())
    return ok_status();
  if (m_depth != 0 || m_in_string)
    return Error{m_name, "the JSON ends early (truncated?): the " +
                             std::string(text[m_value.begin] == '{' ? "object" : "array") +
                             " opened at line " + std::to_string(line_of(text, m_value.begin)) +
                             " is never closed"};
  if (m_values.empty())
    return Error{m_name,
                 "the file is empty (expected the JSON `aws lambda get-durable-execution-history` prints)"};
  m_done = true;
  return ok_status();
}

} // namespace dp::importer
