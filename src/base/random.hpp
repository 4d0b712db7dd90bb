// Deterministic randomness for retry jitter and for the workflow's ${random()} and ${uuid()}. A draw is a
// pure function of (seed, key, counter), so the same document and seed give the same values natively, in
// wasm, and in a second process that reopens the database: no generator state to save, no dependence on
// scheduling order. SplitMix64 mixing (Steele, Lea, Flood 2014), our own range mapping: std::*_distribution
// differs between libc++ and libstdc++ (STYLE.md section 8).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dp {

uint64_t splitmix64(uint64_t x);

// 64 random bits for this (seed, key, counter).
uint64_t random_bits(uint64_t seed, std::string_view key, uint64_t counter);

// A uniform double in [0, 1) for this (seed, key, counter): the top 53 bits of random_bits.
double unit_random(uint64_t seed, std::string_view key, uint64_t counter);

// A version 4 UUID ("xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx", lowercase, RFC 9562 section 5.4) whose 122
// random bits come from (seed, key, counter).
std::string random_uuid(uint64_t seed, std::string_view key, uint64_t counter);

} // namespace dp
