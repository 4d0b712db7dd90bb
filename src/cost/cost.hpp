// What one simulated execution would cost on AWS, estimated from the execution itself (issue 12 item 2):
// durable operations as the developer guide meters them, GB written, GB-month retained for the function's
// retention period, and Lambda compute (requests and GB-seconds of each invocation's simulated duration).
// No UI and no platform: the CLI (`"cost"`, `durable-sim cost`), the page's meter and the Compare view
// call the same functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/limits.hpp"
#include "engine/service.hpp"

namespace dp::cost {

// A price table (pricing/us-east-2.json): every field is required; a missing or malformed one means no
// estimate, never a guess.
struct PriceTable {
  std::string region;
  std::string currency;
  std::string retrieved; // YYYY-MM-DD the figures were read
  std::vector<std::string> sources;
  double durable_operations_per_million = 0;
  double data_written_per_gb = 0;
  double data_retained_per_gb_month = 0;
  double requests_per_million = 0;
  double compute_per_gb_second = 0;
};

// `where` names the table in errors ("pricing/us-east-2.json").
Result<PriceTable> parse_price_table(const std::string& text, const std::string& where);
// The table built into the program (pricing/us-east-2.json at build time).
const std::string& builtin_price_table_text();
extern const char* const kBuiltinPriceTableName;

// One line of the bill: a quantity, its unit and what it costs.
struct Item {
  std::string what; // "durable operations", "data written", ...
  double quantity = 0;
  std::string unit; // "operations", "GB", "GB-month", "requests", "GB-seconds"
  double dollars = 0;
};

struct Estimate {
  bool available = false;
  std::string reason; // why there is no estimate (when !available)
  std::string region, currency, retrieved;
  std::vector<std::string> sources;
  // The measured quantities (also present without a price table).
  int64_t durable_operations = 0;
  int64_t bytes_written = 0;
  double gb_month_retained = 0;
  int64_t requests = 0;
  double gb_seconds = 0;
  std::vector<Item> items; // empty when !available
  double total = 0;        // one execution
  double per_million() const { return total * 1e6; }
};

// `prices` carries the parse error when the table is unusable: the estimate then says why, with the
// quantities only.
Estimate estimate(const engine::Execution& e, const Result<PriceTable>& prices);
// The same from a usage already measured (engine::limits::Meter keeps it up to date as events arrive, so
// the page does not walk a long history again on every change).
Estimate estimate(const engine::Execution& e, const engine::limits::Usage& usage,
                  const Result<PriceTable>& prices);

// Two executions side by side (the page's Compare view, `durable-sim cost A B`, NESTED vs FLAT).
struct Comparison {
  Estimate a, b;
  bool available = false; // both estimates available
  double difference = 0;  // b.total - a.total, per execution
};
Comparison compare(const engine::Execution& a, const engine::Execution& b, const Result<PriceTable>& prices);

Json to_json(const Estimate& e);
Json to_json(const Comparison& c);
// "$0.0000123" style, enough digits to show a per-execution figure that is a fraction of a cent.
std::string dollars(double amount);

} // namespace dp::cost
