// Deterministic randomness for retry jitter. A draw is a pure function of (seed, operation id,
// attempt), so the same document and seed give the same delays natively, in wasm, and in a second
// process that reopens the database: no generator state to save, no dependence on scheduling order.
// SplitMix64 mixing (Steele, Lea, Flood 2014), our own range mapping: std::*_distribution differs
// between libc++ and libstdc++ (STYLE.md section 8).
#pragma once

#include <cstdint>
#include <string_view>

namespace dp {

uint64_t splitmix64(uint64_t x);

// A uniform double in [0, 1) for this (seed, key, counter).
double unit_random(uint64_t seed, std::string_view key, uint64_t counter);

} // namespace dp
