// The JSON report `durable-sim run` prints: status, result, error, invocations, operations, events, logs,
// narration and side_effects.
#pragma once

#include "base/json.hpp"
#include "cost/cost.hpp"
#include "engine/engine.hpp"

namespace dp::cli {

// `prices`: the table for "cost"; its error, if any, becomes the estimate's "no estimate" reason.
Json run_report(const engine::Engine& engine, const std::string& arn,
                const Result<cost::PriceTable>& prices =
                    cost::parse_price_table(cost::builtin_price_table_text(), cost::kBuiltinPriceTableName));

} // namespace dp::cli
