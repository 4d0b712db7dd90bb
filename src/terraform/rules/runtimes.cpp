// Runtime tables. The enum is tflint-ruleset-aws's list generated from the Lambda API model (Aug 2026);
// the durable sets follow the newest revision of durable-supported-runtimes.html (spec section 4.1).
#include "terraform/rules/runtimes.hpp"

namespace dp::tf {
namespace {

constexpr std::string_view kRuntimes[] = {
    "dotnet6",       "dotnet8",        "dotnet10",      "dotnetcore1.0",   "dotnetcore2.0", "dotnetcore2.1",
    "dotnetcore3.1", "go1.x",          "java8",         "java8.al2",       "java8.al2023",  "java11",
    "java11.al2023", "java17",         "java17.al2023", "java21",          "java25",        "nodejs",
    "nodejs4.3",     "nodejs4.3-edge", "nodejs6.10",    "nodejs8.10",      "nodejs10.x",    "nodejs12.x",
    "nodejs14.x",    "nodejs16.x",     "nodejs18.x",    "nodejs20.x",      "nodejs22.x",    "nodejs24.x",
    "nodejs26.x",    "provided",       "provided.al2",  "provided.al2023", "python2.7",     "python3.6",
    "python3.7",     "python3.8",      "python3.9",     "python3.10",      "python3.11",    "python3.12",
    "python3.13",    "python3.14",     "python3.15",    "ruby2.5",         "ruby2.7",       "ruby3.2",
    "ruby3.3",       "ruby3.4",        "ruby4.0"};

// The newest revision lists Node.js, Python, Java and .NET managed runtimes
// (docs/terraform-validate-parity.md says which revisions were read). The OS-only runtimes are in no
// revision's table: the page names container images as the way to run custom runtimes and says nothing of
// provided.* in a .zip package, so they stay unconfirmed (a warning), like runtimes newer than the table.
constexpr std::string_view kConfirmed[] = {"nodejs22.x", "nodejs24.x", "python3.13", "python3.14", "java17",
                                           "java21",     "java25",     "dotnet8",    "dotnet10"};
constexpr std::string_view kUnconfirmed[] = {"provided.al2", "provided.al2023", "nodejs26.x", "python3.15",
                                             "ruby4.0"};

struct Deprecated {
  std::string_view runtime;
  const char* date;
};
constexpr Deprecated kDeprecated[] = {
    {"dotnetcore1.0", "2019-07-30"},  {"dotnetcore2.0", "2019-05-30"}, {"dotnetcore2.1", "2022-01-05"},
    {"dotnetcore3.1", "2023-04-03"},  {"dotnet6", "2024-12-20"},       {"go1.x", "2024-01-08"},
    {"java8", "2024-01-08"},          {"nodejs", "2016-10-31"},        {"nodejs4.3", "2020-03-05"},
    {"nodejs4.3-edge", "2019-04-30"}, {"nodejs6.10", "2019-08-12"},    {"nodejs8.10", "2020-03-06"},
    {"nodejs10.x", "2021-07-30"},     {"nodejs12.x", "2023-03-31"},    {"nodejs14.x", "2023-12-04"},
    {"nodejs16.x", "2024-06-12"},     {"nodejs18.x", "2025-09-01"},    {"provided", "2024-01-08"},
    {"python2.7", "2021-07-15"},      {"python3.6", "2022-07-18"},     {"python3.7", "2023-12-04"},
    {"python3.8", "2024-10-14"},      {"python3.9", "2025-12-15"},     {"ruby2.5", "2021-07-30"},
    {"ruby2.7", "2023-12-07"},        {"ruby3.2", "2026-03-31"},
};

} // namespace

bool is_known_runtime(std::string_view runtime) {
  for (auto r : kRuntimes)
    if (r == runtime)
      return true;
  return false;
}

DurableSupport durable_support(std::string_view runtime) {
  for (auto r : kConfirmed)
    if (r == runtime)
      return DurableSupport::Confirmed;
  for (auto r : kUnconfirmed)
    if (r == runtime)
      return DurableSupport::Unconfirmed;
  return DurableSupport::Unsupported;
}

const char* deprecation_date(std::string_view runtime) {
  for (const auto& d : kDeprecated)
    if (d.runtime == runtime)
      return d.date;
  return nullptr;
}

const char* durable_runtime_list() {
  return "nodejs22.x, nodejs24.x, python3.13, python3.14, java17, java21, java25, dotnet8, dotnet10";
}

} // namespace dp::tf
