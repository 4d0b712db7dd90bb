#include "base/random.hpp"

namespace dp {

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double unit_random(uint64_t seed, std::string_view key, uint64_t counter) {
  // FNV-1a over the key folds the operation id in; then two mixing rounds.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : key)
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  uint64_t x = splitmix64(seed ^ splitmix64(h ^ splitmix64(counter)));
  return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0); // 53 random bits
}

} // namespace dp
