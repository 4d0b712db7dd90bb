// Where a document computes values while it runs (workflow-format.md "Values outside steps"): `let`
// statements and calls of ${random()}, ${uuid()} and ${now()}, each with its JSON path. Tools that cannot
// write them yet (the exporter, issue 10) refuse such a document naming the first one, instead of writing
// code that silently differs from what the playground ran.
#pragma once

#include <string>
#include <vector>

#include "workflow/document.hpp"

namespace dp::workflow {

struct ComputedValue {
  std::string path; // "$.handler[0]" for a let, "$.handler[2].returns" for a call in a value
  std::string what; // "let order_ref", "uuid()"
};

// Every let and call in the handler, the simulation's edits and durable invoke targets, in document order.
std::vector<ComputedValue> computed_values(const Document& doc);

} // namespace dp::workflow
