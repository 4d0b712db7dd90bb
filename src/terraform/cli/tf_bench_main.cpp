// tf-bench: times parse and parse+validate of one file, natively or in wasm under Node (built by both
// presets; tools/bench-terraform drives it). Prints one JSON line with medians.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "terraform/validate.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: tf-bench FILE [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "tf-bench: cannot read %s\n", argv[1]);
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  int runs = argc > 2 ? std::atoi(argv[2]) : 15;
  std::vector<double> parse_ms, validate_ms;
  size_t diagnostics = 0;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    dp::tf::File f = dp::tf::parse("bench.tf", text);
    parse_ms.push_back(ms_since(t0));
    auto t1 = std::chrono::steady_clock::now();
    dp::tf::Report r = dp::tf::validate({dp::tf::SourceText{"bench.tf", text}});
    validate_ms.push_back(ms_since(t1));
    diagnostics = r.diagnostics.size() + (f.diagnostics.empty() ? 0 : 0);
  }
  double mb = static_cast<double>(text.size()) / 1e6;
  double p = median(parse_ms), v = median(validate_ms);
  std::printf("{\"bytes\": %zu, \"runs\": %d, \"parse_median_ms\": %.2f, \"validate_median_ms\": %.2f, "
              "\"parse_mb_per_s\": %.1f, \"validate_mb_per_s\": %.1f, \"diagnostics\": %zu}\n",
              text.size(), runs, p, v, mb / (p / 1000), mb / (v / 1000), diagnostics);
  return 0;
}
