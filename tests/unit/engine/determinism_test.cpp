// The determinism lab (issue 10, workflow-format.md "Values outside steps"): let, random(), uuid(), now().
// Outside a step a value is computed again on every invocation; in a step body it is computed when the body
// runs and the checkpoint keeps it; the same document and seed give the same run.
#include <regex>

#include "../test_support.hpp"
#include "cli/run_report.hpp"
#include "engine/value_trace.hpp"

namespace dp::engine {
namespace {

using test::document_text;
using test::load;
using test::run;

const Execution& exec(const Engine& e, const std::string& arn) {
  return *e.execution(arn);
}

// The values each `let` bound, in trace order: "var@invocation" -> value.
std::vector<std::pair<std::string, Json>> let_values(const Engine& engine, const std::string& arn) {
  std::vector<std::pair<std::string, Json>> out;
  for (const auto& t : engine.trace())
    if (t.kind == TraceKind::ValueComputed && t.execution_arn == arn && find_member(t.data, "Variable"))
      out.emplace_back(t.name + "@" + std::to_string(t.invocation), *find_member(t.data, "Value"));
  return out;
}

Json result_of(const Engine& engine, const std::string& arn) {
  const auto& result = exec(engine, arn).result;
  EXPECT_TRUE(result.has_value());
  auto v = parse_json(result.value_or("null"));
  return v.ok() ? *v : Json();
}

// One value computed outside a step, one inside, then a wait so a second invocation replays both.
const char* kOutsideAndInside = R"([
  {"let": "outside", "value": "${uuid()}"},
  {"step": "make", "returns": {"inside": "${uuid()}", "roll": "${random()}", "seen": "${outside}"}, "as": "made"},
  {"wait": null, "seconds": 10},
  {"return": {"outside": "${outside}", "made": "${made}"}}
])";

TEST(Determinism, OutsideAStepTheValueChangesBetweenInvocationsInsideItDoesNot) {
  for (const char* runtime : {"python3.14", "nodejs22.x"}) {
    Engine engine;
    auto arn = run(engine, load(document_text(kOutsideAndInside, runtime)));
    ASSERT_EQ(exec(engine, arn).status, ExecutionStatus::Succeeded) << runtime;
    ASSERT_EQ(exec(engine, arn).invocations.size(), 2u) << runtime;
    auto lets = let_values(engine, arn);
    ASSERT_EQ(lets.size(), 2u) << runtime;
    EXPECT_EQ(lets[0].first, "outside@1");
    EXPECT_EQ(lets[1].first, "outside@2");
    EXPECT_NE(lets[0].second, lets[1].second) << runtime << ": a replay computes the let again";
    Json result = result_of(engine, arn);
    // The step ran in invocation 1 and saw that invocation's value; the replay returns its checkpoint.
    EXPECT_EQ(result["made"]["seen"], lets[0].second) << runtime;
    EXPECT_EQ(result["outside"], lets[1].second) << runtime;
    EXPECT_NE(result["made"]["inside"], result["outside"]) << runtime;
    EXPECT_EQ(test::count_trace(engine, TraceKind::StepBodyRan), 1) << runtime;
    // The step body's draws are in its StepBodyRan entry, for the narration.
    for (const auto& t : engine.trace())
      if (t.kind == TraceKind::StepBodyRan) {
        const Json* calls = find_member(t.data, "Calls");
        ASSERT_NE(calls, nullptr);
        ASSERT_EQ(calls->size(), 2u);
        EXPECT_EQ((*calls)[0]["Function"], "uuid");
        EXPECT_EQ((*calls)[0]["Value"], result["made"]["inside"]);
        EXPECT_EQ((*calls)[1]["Function"], "random");
      }
  }
}

TEST(Determinism, SameDocumentAndSeedGiveTheSameRunAnotherSeedAnotherOne) {
  auto history = [](uint64_t seed) {
    workflow::Document doc = load(document_text(kOutsideAndInside, "python3.14"));
    doc.simulation.seed = seed;
    Engine engine;
    auto arn = run(engine, doc);
    return cli::run_report(engine, arn).dump();
  };
  EXPECT_EQ(history(7), history(7));
  EXPECT_NE(history(7), history(8));
}

TEST(Determinism, UuidAndRandomInValues) {
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  Engine engine;
  auto arn = run(engine, load(document_text(
                             R"([{"let": "id", "value": "${uuid()}"}, {"let": "r", "value": "${random()}"},
                                 {"return": ["${id}", "${r}", "${uuid()}-${uuid()}"]}])")));
  Json result = result_of(engine, arn);
  EXPECT_TRUE(std::regex_match(result[0].get<std::string>(), v4));
  EXPECT_TRUE(result[1].is_number_float());
  std::string pair = result[2].get<std::string>();
  ASSERT_EQ(pair.size(), 73u);
  EXPECT_NE(pair.substr(0, 36), pair.substr(37)) << "two calls in one value draw twice";
}

TEST(Determinism, NowFollowsTheVirtualClock) {
  Engine engine;
  auto arn = run(engine, load(document_text(R"([
    {"let": "started", "value": "${now()}"},
    {"step": "slow", "duration_ms": 1500, "returns": "${now()}", "as": "stepped"},
    {"wait": null, "seconds": 10},
    {"return": {"started": "${started}", "stepped": "${stepped}", "returned": "${now()}"}}
  ])")));
  int64_t origin = EngineOptions{}.start_time_ms;
  auto lets = let_values(engine, arn);
  ASSERT_EQ(lets.size(), 2u);
  EXPECT_EQ(lets[0].second, Json(origin));
  EXPECT_EQ(lets[1].second, Json(origin + 1500 + 10'000)); // the replay starts when the wait ends
  Json result = result_of(engine, arn);
  EXPECT_EQ(result["stepped"], Json(origin + 1500)); // the body's clock, kept by the checkpoint
  EXPECT_EQ(result["returned"], Json(origin + 1500 + 10'000));
  EXPECT_EQ(result["started"], lets[1].second);
}

TEST(Determinism, ValueChangesPairEachPlaceWithThePreviousInvocation) {
  Engine engine;
  auto arn = run(engine, load(document_text(R"([
    {"let": "ref", "value": "${uuid()}"},
    {"let": "fixed", "value": "${input.x}"},
    {"map": "m", "items": [1, 2], "item_as": "i", "body": [{"let": "per_item", "value": "${random()}"},
                                                          {"return": "${i}"}]},
    {"wait": null, "seconds": 5},
    {"log": "roll ${random()}"}
  ])")));
  ASSERT_EQ(exec(engine, arn).invocations.size(), 2u);
  auto changes = value_changes(engine.trace(), arn);
  // Invocation 2 recomputes ref, fixed and the map's lets (a replayed map returns its stored result without
  // running its items again, so only the top-level lets pair up); the log after the wait ran only once.
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].variable, "ref");
  EXPECT_EQ(changes[0].statement, "$.handler[0]");
  EXPECT_EQ(changes[0].previous_invocation, 1);
  EXPECT_EQ(changes[0].invocation, 2);
  EXPECT_TRUE(changes[0].changed);
  EXPECT_EQ(changes[1].variable, "fixed");
  EXPECT_FALSE(changes[1].changed);
  EXPECT_EQ(changes[1].value, Json(1));
  // The map items ran in different contexts: their lets drew different values.
  std::vector<Json> per_item;
  for (const auto& t : engine.trace())
    if (t.kind == TraceKind::ValueComputed && t.name == "per_item")
      per_item.push_back(*find_member(t.data, "Value"));
  ASSERT_EQ(per_item.size(), 2u);
  EXPECT_NE(per_item[0], per_item[1]);
}

TEST(Determinism, OrderComparisonsNeedNumbersAndNameTheStatement) {
  Engine engine;
  auto arn = run(engine, load(document_text(R"([
    {"let": "roll", "value": "${random() * 10}"},
    {"if": {"less_than": ["${roll}", 10]}, "then": [{"let": "low", "value": true}], "else": [{"raise": {"type": "Bad"}}]},
    {"if": {"greater_than": [3, 2]}, "then": [], "else": [{"raise": {"type": "Bad"}}]},
    {"if": {"greater_than": ["${input}", 2]}, "then": []}
  ])")));
  ASSERT_EQ(exec(engine, arn).status, ExecutionStatus::Failed);
  const ErrorObject& error = *exec(engine, arn).error;
  EXPECT_EQ(error.error_type, "TypeError");
  EXPECT_NE(error.error_message->find("in $.handler[3]: greater_than compares numbers"), std::string::npos)
      << *error.error_message;
}

// A branch on random() that takes the other path on replay: the next operation differs from the
// checkpointed one, and the SDK's replay validation fails the execution (durable-semantics.md 4.2).
std::string coin_flip(const std::string& runtime, uint64_t seed) {
  return document_text(R"([
    {"let": "coin", "value": "${random()}"},
    {"if": {"less_than": ["${coin}", 0.5]},
     "then": [{"step": "ship_express", "side_effect": "book the courier"}],
     "else": [{"step": "ship_standard", "side_effect": "book the post"}]},
    {"wait": null, "seconds": 10},
    {"return": "done"}
  ])",
                       runtime, R"(, "simulation": {"seed": )" + std::to_string(seed) + "}");
}

// A seed whose two invocations take different branches (about half of them do).
uint64_t flipping_seed(const std::string& runtime) {
  for (uint64_t seed = 1; seed < 64; ++seed) {
    Engine engine;
    auto arn = run(engine, load(coin_flip(runtime, seed)));
    if (exec(engine, arn).status == ExecutionStatus::Failed)
      return seed;
  }
  ADD_FAILURE() << "no seed flips the coin";
  return 0;
}

TEST(Determinism, ABranchOnRandomThatFlipsOnReplayIsNonDeterministic) {
  for (const char* runtime : {"python3.14", "nodejs22.x"}) {
    uint64_t seed = flipping_seed(runtime);
    Engine engine;
    auto arn = run(engine, load(coin_flip(runtime, seed)));
    const Execution& e = exec(engine, arn);
    ASSERT_EQ(e.status, ExecutionStatus::Failed) << runtime;
    EXPECT_EQ(e.error->error_type, "NonDeterministicExecutionError") << runtime;
    // Each flavour's SDK words it its own way (JS: replay-validation.ts; Python 2.0: identifier.py).
    const std::string says =
        std::string(runtime) == "nodejs22.x" ? "Operation name mismatch" : "name checkpoint='";
    EXPECT_NE(e.error->error_message->find(says), std::string::npos)
        << runtime << ": " << *e.error->error_message;
    EXPECT_EQ(test::count_trace(engine, TraceKind::StepBodyRan), 1)
        << runtime << ": the other step never ran";
    // The trace says which way the condition went in each invocation.
    auto changes = value_changes(engine.trace(), arn);
    ASSERT_EQ(changes.size(), 2u) << runtime; // the let and the if
    EXPECT_TRUE(changes[1].changed);
    EXPECT_NE(changes[1].previous["Condition"], changes[1].value["Condition"]);
    // Python SDK 1.x replays by position: no identity check, the stored step's result is returned.
    EngineOptions legacy;
    legacy.legacy_python_replay = true;
    Engine positional(legacy);
    auto arn1 = run(positional, load(coin_flip(runtime, seed)));
    if (std::string(runtime) == "python3.14") {
      EXPECT_EQ(exec(positional, arn1).status, ExecutionStatus::Succeeded);
    }
  }
}

} // namespace
} // namespace dp::engine
