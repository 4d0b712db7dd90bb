#include "base/random.hpp"

namespace dp {

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t random_bits(uint64_t seed, std::string_view key, uint64_t counter) {
  // FNV-1a over the key folds the operation id in; then two mixing rounds.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : key)
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return splitmix64(seed ^ splitmix64(h ^ splitmix64(counter)));
}

double unit_random(uint64_t seed, std::string_view key, uint64_t counter) {
  return static_cast<double>(random_bits(seed, key, counter) >> 11) * (1.0 / 9007199254740992.0); // 53 bits
}

std::string random_uuid(uint64_t seed, std::string_view key, uint64_t counter) {
  uint64_t high = random_bits(seed, key, counter);
  uint64_t low = splitmix64(high ^ 0x6a09e667f3bcc909ULL);     // a second, independent 64 bits
  high = (high & ~0xF000ULL) | 0x4000ULL;                      // version 4 (bits 48-51)
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // variant 10 (bits 64-65)
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20)
      out += '-';
    uint64_t word = i < 16 ? high : low;
    out += kHex[(word >> (60 - 4 * (i % 16))) & 0xF];
  }
  return out;
}

} // namespace dp
