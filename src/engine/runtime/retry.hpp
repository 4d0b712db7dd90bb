// Retry and wait strategies with each SDK's defaults and rounding (durable-semantics.md 4.6, 5.8).
// Jitter draws come from (seed, operation id, attempt), so replays and reloads see the same delays.
#pragma once

#include <cstdint>
#include <string>

#include "workflow/document.hpp"

namespace dp::engine::runtime {

struct RetryDecision {
  bool retry = false;
  int64_t delay_seconds = 0;
};

// attempts_made: attempts including the one that just failed (1-based).
RetryDecision decide_retry(workflow::Flavor flavor, const workflow::Statement& s,
                           const std::string& error_type, int attempts_made, uint64_t seed,
                           const std::string& op_id);

// wait_for_condition: the delay before the next check after `attempt` checks, and whether attempts remain.
RetryDecision decide_condition_wait(workflow::Flavor flavor, const workflow::WaitStrategy& w, int attempt,
                                    uint64_t seed, const std::string& op_id);

// The effective strategy, for display and export.
struct EffectiveRetry {
  int max_attempts;
  double initial_delay_seconds;
  double max_delay_seconds;
  double backoff_rate;
  workflow::Jitter jitter;
};
EffectiveRetry effective_retry(const workflow::Statement& s);

} // namespace dp::engine::runtime
