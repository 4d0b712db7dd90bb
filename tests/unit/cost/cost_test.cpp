// The cost estimate (issue 12 item 2, docs/limits.md "Cost"): each example workflow's metered quantities
// against figures counted by hand from its document, one execution's bill worked out in full, the price
// table's "no estimate" cases, and NESTED vs FLAT.
#include "cost/cost.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "cost/scratch_run.hpp"

namespace dp::cost {
namespace {

Result<PriceTable> builtin() {
  return parse_price_table(builtin_price_table_text(), kBuiltinPriceTableName);
}

workflow::Document example(const std::string& name) {
  std::ifstream in(std::string(DP_SOURCE_DIR) + "/examples/" + name + ".json");
  std::stringstream ss;
  ss << in.rdbuf();
  return test::load(ss.str());
}

struct Expected {
  const char* example;
  int64_t operations; // counted by hand from the document (the developer guide's metering table)
  int64_t requests;   // invocations: one more after each suspension
  double gb_seconds;  // simulated body durations x memory
};

// order (Python) and order-nodejs: 1 execution + 3 steps + 1 wait; the wait suspends (2 invocations);
// 120 + 450 ms in the first, 80 ms in the second, at 256 MB: 0.65 s x 0.25 GB.
// determinism: the same shape. approval: execution + prepare-request + approval callback + notify-manager,
// then nobody answers: the callback times out after a day (2 invocations, the catch returns).
// chained-invoke: execution + 2 invokes, each suspends (3 invocations; the targets bill themselves).
// fan-out-map: execution + map CONTEXT + 5 item CONTEXTs + 4 resize steps (broken.jpg raises before its
// step); one invocation, 4 x 800 ms two at a time = 1.6 s at 128 MB.
// parallel-checks: execution + parallel CONTEXT + 3 branch CONTEXTs + query-a + query-b + query-c (a
// retry, then the failure: 2); bureau A's 900 ms covers B's 400 ms; query-c's retry waits 3 s (2
// invocations). polling: execution + start-export + wait_for_condition (1 + 3 polls: done on attempt 4) +
// download; each poll waits (4 invocations). saga: execution + book-trip CONTEXT + book-flight + book-hotel +
// book-car (3 attempts: 3) + compensate CONTEXT + 2 cancel steps; book-car's two retries wait (3
// invocations).
const Expected kExamples[] = {
    {"order", 5, 2, 0.65 * 0.25},
    {"order-nodejs", 5, 2, 0.65 * 0.25},
    {"determinism", 5, 2, 0.65 * 0.25},
    {"approval", 4, 2, 0.0},
    {"chained-invoke", 3, 3, 0.0},
    {"fan-out-map", 11, 1, 1.6 * 0.125},
    {"parallel-checks", 9, 2, 0.9 * 0.125},
    {"polling", 7, 4, 0.0},
    {"saga", 10, 3, 0.0},
};

TEST(Cost, EveryExampleMeteredAsCountedByHand) {
  Result<PriceTable> prices = builtin();
  ASSERT_TRUE(prices.ok()) << prices.error().text();
  for (const Expected& x : kExamples) {
    SCOPED_TRACE(x.example);
    engine::Engine engine;
    const engine::Execution& e = *engine.execution(test::run(engine, example(x.example)));
    Estimate est = estimate(e, prices);
    ASSERT_TRUE(est.available) << est.reason;
    EXPECT_EQ(est.durable_operations, x.operations);
    EXPECT_EQ(est.requests, x.requests);
    EXPECT_NEAR(est.gb_seconds, x.gb_seconds, 1e-9);
    // The bill is the five items at the table's prices, nothing else.
    double gb = static_cast<double>(est.bytes_written) / (1024.0 * 1024.0 * 1024.0);
    double expected = x.operations * 8.00 / 1e6 + gb * 0.25 + est.gb_month_retained * 0.15 +
                      x.requests * 0.20 / 1e6 + x.gb_seconds * 0.0000166667;
    EXPECT_NEAR(est.total, expected, 1e-15);
    EXPECT_NEAR(est.per_million(), expected * 1e6, 1e-9);
  }
}

TEST(Cost, OrderNodejsBillWorkedOutInFull) {
  engine::Engine engine;
  const engine::Execution& e = *engine.execution(test::run(engine, example("order-nodejs")));
  // The JavaScript SDK stores JSON text; the history holds exactly these payloads.
  const std::string input = R"({"orderId":"order-12345"})";
  const std::string validated = R"({"orderId":"order-12345","status":"validated"})";
  const std::string paid = R"({"orderId":"order-12345","status":"paid","amount":99.99})";
  const std::string confirmed = R"({"orderId":"order-12345","status":"confirmed"})";
  const std::string result = R"({"orderId":"order-12345","status":"completed","steps":[)" + validated + "," +
                             paid + "," + confirmed + "]}";
  const double bytes = static_cast<double>(input.size() + validated.size() + paid.size() + confirmed.size() +
                                           result.size()); // 380
  const double gb = bytes / 1073741824.0;
  // Kept while it runs (0.57 s + the 10 s wait + 0.08 s) and the 7 days of retention_period.
  const double gb_month = gb * (10.65 / 3600.0 + 7 * 24.0) / 730.0;
  const double total = 5 * 8.00 / 1e6 + gb * 0.25 + gb_month * 0.15 + 2 * 0.20 / 1e6 + 0.1625 * 0.0000166667;
  Estimate est = estimate(e, builtin());
  ASSERT_TRUE(est.available);
  EXPECT_EQ(est.bytes_written, 380);
  EXPECT_DOUBLE_EQ(bytes, 380.0);
  EXPECT_NEAR(est.gb_month_retained, gb_month, 1e-18);
  EXPECT_NEAR(est.total, total, 1e-15);
  EXPECT_EQ(dollars(est.per_million()), "$43.21"); // about $0.0000432 per execution
}

TEST(Cost, NoEstimateWithTheReasonNeverAWrongNumber) {
  engine::Engine engine;
  const engine::Execution& e = *engine.execution(test::run(engine, example("order")));
  std::string good = builtin_price_table_text();
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  struct Case {
    std::string text, reason;
  } cases[] = {
      {"", "not valid JSON"},
      {"[]", "must be a JSON object"},
      {with("\"durable_operations_per_million\": 8.00,", ""),
       "\"durable_operations_per_million\" is missing"},
      {with("\"data_written_per_gb\": 0.25", "\"data_written_per_gb\": \"0.25\""),
       "must be a number, got string"},
      {with("\"data_retained_per_gb_month\": 0.15", "\"data_retained_per_gb_month\": -1"), "0 or more"},
      {with("\"currency\": \"USD\"", "\"currency\": \"EUR\""), "currency must be USD"},
      {with("\"region\": \"us-east-2\"", "\"region\": \"eu-west-1\""), "the price table is for eu-west-1"},
      {with("\"retrieved\": \"2026-12-07\",", ""), "\"retrieved\" must be a non-empty string"},
  };
  for (const auto& c : cases) {
    Estimate est = estimate(e, parse_price_table(c.text, "prices.json"));
    EXPECT_FALSE(est.available);
    EXPECT_NE(est.reason.find(c.reason), std::string::npos) << est.reason;
    EXPECT_EQ(est.total, 0.0);
    EXPECT_TRUE(est.items.empty());
    Json j = to_json(est);
    EXPECT_FALSE(j["estimate"].get<bool>());
    EXPECT_EQ(j.find("total_dollars"), j.end());
    EXPECT_EQ(j["reason"].get<std::string>().rfind("no estimate: ", 0), 0u);
    EXPECT_EQ(j["quantities"]["durable_operations"], 5); // the measured quantities stay
  }
}

TEST(Cost, FlatBatchesCostFewerOperationsThanNested) {
  workflow::Document doc = example("parallel-checks");
  ASSERT_TRUE(has_batch(doc.handler));
  auto nested = run_scratch(with_nesting(doc, false), std::nullopt);
  auto flat = run_scratch(with_nesting(doc, true), std::nullopt);
  ASSERT_TRUE(nested.ok() && flat.ok());
  Comparison c = compare(nested->execution(), flat->execution(), builtin());
  ASSERT_TRUE(c.available);
  // FLAT: no CONTEXT per branch, 3 operations fewer (9 - 3 = 6).
  EXPECT_EQ(c.a.durable_operations, 9);
  EXPECT_EQ(c.b.durable_operations, 6);
  EXPECT_LT(c.difference, 0.0);
  EXPECT_NEAR(c.difference, c.b.total - c.a.total, 1e-18);
  EXPECT_EQ(to_json(c)["cheaper"], "b");
}

TEST(Cost, DollarsShowFractionsOfACent) {
  EXPECT_EQ(dollars(43.2090315), "$43.21");
  EXPECT_EQ(dollars(0.0000432), "$0.0000432");
  EXPECT_EQ(dollars(-0.0000024), "-$0.00000240");
  EXPECT_EQ(dollars(0.0), "$0.00");
  EXPECT_EQ(dollars(20010.84), "$20,010.84");
  EXPECT_EQ(dollars(-1234567.0), "-$1,234,567.00");
  EXPECT_EQ(dollars(999.5), "$999.50");
}

} // namespace
} // namespace dp::cost
