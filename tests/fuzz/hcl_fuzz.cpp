// libFuzzer target for the Terraform validator: any bytes go through the HCL parser and every rule.
// Properties beyond "no crash, no leak, no timeout": every diagnostic range lies inside the input, starts
// no later than it ends, and has line and column >= 1. Built by tests/terraform/run_extra with
// clang++ -fsanitize=fuzzer,address; seeds in tests/fuzz/hcl_seeds plus the corpus files.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "terraform/validate.hpp"

namespace {

void check_range(const dp::Range& r, size_t size) {
  bool ok = r.start.line >= 1 && r.start.column >= 1 && r.end.line >= 1 && r.end.column >= 1 &&
            r.start.byte >= 0 && static_cast<size_t>(r.end.byte) <= size && r.start.byte <= r.end.byte;
  if (!ok)
    std::abort(); // a diagnostic points outside the input: a bug in our ranges
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A NUL byte separates files of one module, so cross-file resolution is fuzzed too.
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<dp::tf::SourceText> files;
  size_t start = 0;
  for (;;) {
    size_t nul = text.find('\0', start);
    files.push_back({"fuzz" + std::to_string(files.size()) + ".tf", text.substr(start, nul - start)});
    if (nul == std::string::npos || files.size() == 8)
      break;
    start = nul + 1;
  }
  dp::tf::Report report = dp::tf::validate(files);
  for (const auto& d : report.diagnostics) {
    check_range(d.subject, size);
    if (d.context)
      check_range(*d.context, size);
    if (d.rule.empty() || d.summary.empty())
      std::abort(); // every diagnostic carries a rule id and a summary
  }
  return 0;
}
