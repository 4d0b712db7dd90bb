#include "engine/runtime/retry.hpp"

#include <algorithm>
#include <cmath>

#include "base/random.hpp"

namespace dp::engine::runtime {
namespace {

int64_t finalize_delay(workflow::Flavor flavor, double base, workflow::Jitter jitter, double random01) {
  double d = base;
  if (jitter == workflow::Jitter::Full)
    d = random01 * base;
  else if (jitter == workflow::Jitter::Half)
    d = base / 2 + random01 * base / 2;
  // Python rounds up, JavaScript to the nearest; both at least 1 second.
  double rounded = flavor == workflow::Flavor::Python ? std::ceil(d) : std::round(d);
  return std::max<int64_t>(1, static_cast<int64_t>(rounded));
}

} // namespace

EffectiveRetry effective_retry(const workflow::Statement& s) {
  using workflow::Jitter;
  using workflow::RetryMode;
  if (s.retry_mode == RetryMode::None)
    return {1, 0, 0, 1, Jitter::None};
  if (s.retry_mode == RetryMode::Default) // RetryPresets.default() / retryPresets.default
    return {6, 5, 60, 2, Jitter::Full};
  const workflow::RetryConfig& c = s.retry; // builder defaults for what is left out
  return {c.max_attempts.value_or(3), c.initial_delay_seconds.value_or(5), c.max_delay_seconds.value_or(300),
          c.backoff_rate.value_or(2), c.jitter.value_or(Jitter::Full)};
}

RetryDecision decide_retry(workflow::Flavor flavor, const workflow::Statement& s,
                           const std::string& error_type, int attempts_made, uint64_t seed,
                           const std::string& op_id) {
  EffectiveRetry r = effective_retry(s);
  if (attempts_made >= r.max_attempts)
    return {false, 0};
  const auto& types = s.retry.retryable_error_types;
  if (s.retry_mode == workflow::RetryMode::Custom && !types.empty() &&
      std::find(types.begin(), types.end(), error_type) == types.end())
    return {false, 0};
  double base =
      std::min(r.initial_delay_seconds * std::pow(r.backoff_rate, attempts_made - 1), r.max_delay_seconds);
  return {true, finalize_delay(flavor, base, r.jitter,
                               unit_random(seed, op_id, static_cast<uint64_t>(attempts_made)))};
}

RetryDecision decide_condition_wait(workflow::Flavor flavor, const workflow::WaitStrategy& w, int attempt,
                                    uint64_t seed, const std::string& op_id) {
  int max_attempts = w.max_attempts.value_or(60);
  if (attempt >= max_attempts)
    return {false, 0};
  double base =
      std::min(w.initial_delay_seconds.value_or(5) * std::pow(w.backoff_rate.value_or(1.5), attempt - 1),
               w.max_delay_seconds.value_or(300));
  return {true, finalize_delay(flavor, base, w.jitter.value_or(workflow::Jitter::Full),
                               unit_random(seed ^ 0x5743ULL, op_id, static_cast<uint64_t>(attempt)))};
}

} // namespace dp::engine::runtime
