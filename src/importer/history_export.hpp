// An execution's history in the JSON shapes AWS prints (issue 13), so that a playground run can be attached
// to a bug report and imported again: the `aws lambda get-durable-execution-history` page ({"Events": [...]})
// and the `aws lambda get-durable-execution` description (ARN, name, status, input, result, error, times).
#pragma once

#include <string>

#include "base/json.hpp"
#include "engine/service.hpp"

namespace dp::importer {

// {"Events": [...]} with every stored event, in EventId order.
Json history_page(const engine::Execution& execution);
// What get-durable-execution returns for the execution.
Json describe_execution(const engine::Execution& execution);
// The page, then the description, as two JSON values one after the other (read_history reads both back).
std::string export_history_text(const engine::Execution& execution);

} // namespace dp::importer
