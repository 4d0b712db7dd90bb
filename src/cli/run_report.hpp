// The JSON report `durable-sim run` prints: status, result, error, invocations, operations, events, logs,
// narration and side_effects.
#pragma once

#include "base/json.hpp"
#include "engine/engine.hpp"

namespace dp::cli {

Json run_report(const engine::Engine& engine, const std::string& arn);

} // namespace dp::cli
