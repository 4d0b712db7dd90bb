#include "cost/cost.hpp"

#include <cmath>
#include <cstdio>

#include "engine/limits.hpp"

namespace dp::cost {
namespace {

constexpr double kBytesPerGb = 1024.0 * 1024.0 * 1024.0; // AWS bills storage and memory in binary GB
constexpr double kHoursPerMonth = 730.0;                 // AWS's month for GB-month prices

Result<double> price(const Json& j, const char* key, const std::string& where) {
  const Json* v = find_member(j, key);
  if (!v)
    return Error{where, std::string("the price \"") + key + "\" is missing"};
  if (!v->is_number())
    return Error{where, std::string("the price \"") + key + "\" must be a number, got " + v->type_name()};
  double d = v->get<double>();
  if (!std::isfinite(d) || d < 0)
    return Error{where, std::string("the price \"") + key + "\" must be a number of dollars, 0 or more"};
  return d;
}

Result<std::string> text(const Json& j, const char* key, const std::string& where) {
  const Json* v = find_member(j, key);
  if (!v || !v->is_string() || v->get_ref<const std::string&>().empty())
    return Error{where, std::string("\"") + key + "\" must be a non-empty string"};
  return v->get<std::string>();
}

} // namespace

Result<PriceTable> parse_price_table(const std::string& source, const std::string& where) {
  auto parsed = parse_json(source);
  if (!parsed.ok())
    return Error{where, "the price table is not valid JSON: " + parsed.error().text()};
  const Json& j = *parsed;
  if (!j.is_object())
    return Error{where, "the price table must be a JSON object"};
  PriceTable t;
  for (auto [key, out] : {std::pair{"region", &t.region}, std::pair{"currency", &t.currency},
                          std::pair{"retrieved", &t.retrieved}}) {
    auto v = text(j, key, where);
    if (!v.ok())
      return v.error();
    *out = *v;
  }
  if (t.currency != "USD")
    return Error{where, "the price table's currency must be USD, got " + t.currency};
  const Json* sources = find_member(j, "sources");
  if (!sources || !sources->is_array() || sources->empty())
    return Error{where, "\"sources\" must list the page(s) the prices come from"};
  for (const auto& s : *sources) {
    if (!s.is_string())
      return Error{where, "\"sources\" must hold strings"};
    t.sources.push_back(s.get<std::string>());
  }
  for (auto [key, out] : {std::pair{"durable_operations_per_million", &t.durable_operations_per_million},
                          std::pair{"data_written_per_gb", &t.data_written_per_gb},
                          std::pair{"data_retained_per_gb_month", &t.data_retained_per_gb_month},
                          std::pair{"requests_per_million", &t.requests_per_million},
                          std::pair{"compute_per_gb_second", &t.compute_per_gb_second}}) {
    auto v = price(j, key, where);
    if (!v.ok())
      return v.error();
    *out = *v;
  }
  return t;
}

Estimate estimate(const engine::Execution& e, const Result<PriceTable>& prices) {
  return estimate(e, engine::limits::measure(e), prices);
}

Estimate estimate(const engine::Execution& e, const engine::limits::Usage& usage,
                  const Result<PriceTable>& prices) {
  Estimate out;
  out.durable_operations = usage.operations;
  out.bytes_written = usage.persisted_bytes;
  const workflow::FunctionConfig& fn = e.document->function;
  // Data is kept while the execution runs and for the retention period after it ends.
  int64_t end = e.end_ms ? *e.end_ms : (e.events.empty() ? e.start_ms : e.events.back().event_timestamp);
  double hours = static_cast<double>(end - e.start_ms) / 3'600'000.0 + fn.retention_period * 24.0;
  out.gb_month_retained = static_cast<double>(usage.persisted_bytes) / kBytesPerGb * hours / kHoursPerMonth;
  out.requests = static_cast<int64_t>(e.invocations.size());
  for (const auto& inv : e.invocations) {
    int64_t inv_end = inv.end_ms != 0 ? inv.end_ms : end; // a running invocation: so far
    out.gb_seconds += static_cast<double>(std::max<int64_t>(0, inv_end - inv.start_ms)) / 1000.0 *
                      static_cast<double>(fn.memory_size) / 1024.0;
  }
  if (!prices.ok()) {
    out.reason = prices.error().text();
    return out;
  }
  const PriceTable& p = *prices;
  if (p.region != fn.region) {
    out.reason = "the price table is for " + p.region + ", the function runs in " + fn.region;
    return out;
  }
  out.available = true;
  out.region = p.region;
  out.currency = p.currency;
  out.retrieved = p.retrieved;
  out.sources = p.sources;
  double gb_written = static_cast<double>(usage.persisted_bytes) / kBytesPerGb;
  out.items = {
      {"durable operations", static_cast<double>(usage.operations), "operations",
       static_cast<double>(usage.operations) * p.durable_operations_per_million / 1e6},
      {"data written", gb_written, "GB", gb_written * p.data_written_per_gb},
      {"data retained", out.gb_month_retained, "GB-month",
       out.gb_month_retained * p.data_retained_per_gb_month},
      {"Lambda requests", static_cast<double>(out.requests), "requests",
       static_cast<double>(out.requests) * p.requests_per_million / 1e6},
      {"Lambda compute", out.gb_seconds, "GB-seconds", out.gb_seconds * p.compute_per_gb_second},
  };
  for (const auto& item : out.items)
    out.total += item.dollars;
  return out;
}

Comparison compare(const engine::Execution& a, const engine::Execution& b, const Result<PriceTable>& prices) {
  Comparison c{estimate(a, prices), estimate(b, prices)};
  c.available = c.a.available && c.b.available;
  if (c.available)
    c.difference = c.b.total - c.a.total;
  return c;
}

std::string dollars(double amount) {
  char buf[64];
  double magnitude = std::fabs(amount);
  // Three significant digits for fractions of a cent, cents otherwise.
  if (magnitude != 0 && magnitude < 0.01) {
    int decimals = 3 + static_cast<int>(std::floor(-std::log10(magnitude)));
    std::snprintf(buf, sizeof buf, "$%.*f", std::min(decimals, 12), amount);
  } else {
    std::snprintf(buf, sizeof buf, "$%.2f", amount);
  }
  std::string s = buf;
  // Thousands separators in the whole part ("$20,010.84"): per-million figures run to five digits and more.
  const size_t first_digit = s[1] == '-' ? 2 : 1;
  size_t point = s.find('.');
  if (point == std::string::npos)
    point = s.size();
  for (size_t i = point; i > first_digit + 3; i -= 3)
    s.insert(i - 3, 1, ',');
  if (amount < 0 && s.size() > 1 && s[1] == '-') // "$-0.1" -> "-$0.1"
    s = "-$" + s.substr(2);
  return s;
}

Json to_json(const Estimate& e) {
  Json quantities{{"durable_operations", e.durable_operations},
                  {"bytes_written", e.bytes_written},
                  {"gb_month_retained", e.gb_month_retained},
                  {"requests", e.requests},
                  {"gb_seconds", e.gb_seconds}};
  Json out{{"estimate", e.available}, {"quantities", quantities}};
  if (!e.available) {
    out["reason"] = "no estimate: " + e.reason;
    return out;
  }
  Json items = Json::array();
  for (const auto& i : e.items)
    items.push_back(
        Json{{"what", i.what}, {"quantity", i.quantity}, {"unit", i.unit}, {"dollars", i.dollars}});
  out["items"] = items;
  out["total_dollars"] = e.total;
  out["per_million_executions_dollars"] = e.per_million();
  out["region"] = e.region;
  out["currency"] = e.currency;
  out["prices_retrieved"] = e.retrieved;
  out["sources"] = e.sources;
  out["label"] = "estimate: " + e.region + " list prices of " + e.retrieved + ", no free tier";
  return out;
}

Json to_json(const Comparison& c) {
  Json out{{"a", to_json(c.a)}, {"b", to_json(c.b)}, {"estimate", c.available}};
  if (c.available) {
    out["difference_dollars"] = c.difference;
    out["difference_per_million_executions_dollars"] = c.difference * 1e6;
    out["cheaper"] = c.difference > 0 ? "a" : c.difference < 0 ? "b" : "same";
  }
  return out;
}

} // namespace dp::cost
