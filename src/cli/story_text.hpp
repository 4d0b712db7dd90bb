// The story as readable text for a terminal (`durable-sim run --explain`, `durable-sim explain`): one
// line per sentence with the virtual time and the invocation, its "why" indented under it, wrapped to a
// width; then the side-effect ledger.
#pragma once

#include <string>
#include <vector>

#include "explain/explain.hpp"

namespace dp::cli {

// `start_ms`: the execution's start (times print as offsets from it).
std::string story_text(const std::vector<explain::Sentence>& story, const explain::Ledger& ledger,
                       int64_t start_ms, size_t width = 100);

} // namespace dp::cli
