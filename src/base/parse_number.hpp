// Non-throwing integer parsing. The build has no exceptions (an uncaught std::stoul in the page is an
// abort), so every conversion of text the user or a stored file controls goes through these.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dp {

// The whole text as a base-10 integer in range, or nullopt (empty, a sign where none is allowed, other
// characters, overflow). "-0" and leading zeros are accepted, as std::stoll would.
inline std::optional<int64_t> parse_int64(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

// Non-negative only: "-1" and "+1" are refused.
inline std::optional<uint64_t> parse_uint64(std::string_view text) {
  uint64_t value = 0;
  if (text.empty() || text[0] == '-' || text[0] == '+')
    return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

} // namespace dp
