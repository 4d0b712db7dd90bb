// done_when over the state (issue 12 item 4, docs/workflow-format-extensions.md): a wait_for_condition check
// ends when a condition over ${state} holds, as SDK code ends polling on `state >= threshold`; with an
// attempt bound too, whichever holds first.
#include "../test_support.hpp"
#include "base/json_text.hpp"
#include "workflow/loader.hpp"

namespace dp::engine {
namespace {

using test::document_text;
using test::load;

std::string poll(const std::string& done_when, int max_attempts = 10) {
  return R"([{"wait_for_condition": "count-up", "initial_state": {"count": 0},
    "check": {"returns": {"count": "${state.count + 1}"}, "done_when": )" +
         done_when + R"(},
    "wait_strategy": {"initial_delay_seconds": 2, "max_attempts": )" +
         std::to_string(max_attempts) + R"(, "jitter": "none"}, "as": "s"}, {"return": "${s}"}])";
}

const Operation& condition_op(const Engine& engine, const std::string& arn) {
  for (const auto& op : engine.operations(arn))
    if (op->type == OperationType::Step)
      return *op;
  static const Operation none;
  return none;
}

TEST(DoneWhen, ConditionOverTheStateEndsPollingInBothFlavours) {
  for (const char* runtime : {"nodejs22.x", "python3.14"}) {
    SCOPED_TRACE(runtime);
    Engine engine;
    // count >= 3: the checks return 1, 2, 3; the third is done.
    auto arn = test::run(
        engine, load(document_text(poll(R"({"condition": {"not": {"less_than": ["${state.count}", 3]}}})"),
                                   runtime)));
    const Execution& e = *engine.execution(arn);
    ASSERT_EQ(e.status, ExecutionStatus::Succeeded);
    EXPECT_EQ((*parse_json(*e.result))["count"], 3);
    EXPECT_EQ(condition_op(engine, arn).step_details->attempt, 3);
    EXPECT_EQ(e.invocations.size(), 3u); // each RETRY waits 2 s: the function is invoked again
  }
}

TEST(DoneWhen, AttemptOrConditionWhicheverHoldsFirst) {
  Engine by_attempt;
  auto a = test::run(
      by_attempt,
      load(document_text(poll(R"({"attempt": 2, "condition": {"greater_than": ["${state.count}", 5]}})"))));
  EXPECT_EQ(condition_op(by_attempt, a).step_details->attempt, 2);
  Engine by_state;
  auto b = test::run(
      by_state,
      load(document_text(poll(R"({"attempt": 8, "condition": {"equals": ["${state.count}", 4]}})"))));
  EXPECT_EQ(condition_op(by_state, b).step_details->attempt, 4);
  EXPECT_EQ((*parse_json(*by_state.execution(b)->result))["count"], 4);
}

TEST(DoneWhen, ConditionNeverMetExhaustsTheStrategy) {
  Engine engine;
  auto arn =
      test::run(engine, load(document_text(poll(R"({"condition": {"equals": ["${state.count}", -1]}})", 3))));
  const Execution& e = *engine.execution(arn);
  ASSERT_EQ(e.status, ExecutionStatus::Failed);
  EXPECT_NE(e.error->error_message->find("maximum attempts (3)"), std::string::npos)
      << *e.error->error_message;
}

TEST(DoneWhen, AConditionThatIsNotABooleanFailsTheOperation) {
  Engine engine;
  auto arn = test::run(engine, load(document_text(poll(R"({"condition": "${state.count}"})"), "python3.14")));
  const Execution& e = *engine.execution(arn);
  ASSERT_EQ(e.status, ExecutionStatus::Failed);
  EXPECT_NE(e.error->error_message->find("must evaluate to true or false"), std::string::npos)
      << *e.error->error_message;
}

TEST(DoneWhen, LoaderNamesThePathAndTheSerializerKeepsTheCondition) {
  auto empty = workflow::load_document(document_text(poll("{}")));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().where.find("done_when.attempt"), std::string::npos) << empty.error().text();
  auto bad =
      workflow::load_document(document_text(poll(R"({"condition": {"at_least": ["${state.count}", 3]}})")));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().where.find("done_when.condition"), std::string::npos) << bad.error().text();
  auto unknown = workflow::load_document(document_text(poll(R"({"condition": "${status.done}"})")));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().text().find("status"), std::string::npos) << unknown.error().text();

  workflow::Document doc =
      load(document_text(poll(R"({"attempt": 5, "condition": {"less_than": [3, "${state.count}"]}})")));
  Json saved = workflow::save_document(doc);
  const Json& dw = saved["handler"][0]["check"]["done_when"];
  EXPECT_EQ(dw["attempt"], 5);
  EXPECT_EQ(dw["condition"], *parse_json(R"({"less_than": [3, "${state.count}"]})"));
  workflow::Document again = load(to_js_json(saved));
  EXPECT_EQ(again.handler[0].done_when_condition, doc.handler[0].done_when_condition);
  EXPECT_EQ(again.handler[0].done_when_attempt, 5);
}

} // namespace
} // namespace dp::engine
