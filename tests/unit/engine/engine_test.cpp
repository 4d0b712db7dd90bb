// Engine behaviour per operation, option and fault (durable-semantics.md sections in each test's name).
#include "../test_support.hpp"
#include "base/hash.hpp"
#include "base/json_text.hpp"
#include "cli/run_report.hpp"
#include "engine/runtime/retry.hpp"
#include "engine/runtime/serdes.hpp"

namespace dp::engine {
namespace {

using test::count_trace;
using test::document_text;
using test::load;
using test::run;

const Execution& exec(const Engine& e, const std::string& arn) {
  return *e.execution(arn);
}

std::vector<const Operation*> ops_of(const Engine& e, const std::string& arn, OperationType type) {
  std::vector<const Operation*> out;
  for (const auto& op : e.operations(arn))
    if (op->type == type)
      out.push_back(op.get());
  return out;
}

TEST(OperationIds, JavaScriptIsMd5OfTheLogicalPath) {
  Engine engine;
  auto arn =
      run(engine, load(document_text(R"([{"step": "a"}, {"child_context": "c", "body": [{"step": "b"}]}])")));
  auto steps = ops_of(engine, arn, OperationType::Step);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->id, "c4ca4238a0b92382");           // md5("1")
  EXPECT_EQ(steps[1]->id, md5_hex("2-1").substr(0, 16)); // first child of root #2
  EXPECT_EQ(*steps[1]->parent_id, "c81e728d9d4c2f63");   // md5("2")
}

TEST(OperationIds, PythonIsBlake2bWithTheParentHashAsPrefix) {
  Engine engine;
  auto arn =
      run(engine, load(document_text(R"([{"child_context": "c", "body": [{"step": "b"}]}])", "python3.13")));
  auto steps = ops_of(engine, arn, OperationType::Step);
  ASSERT_EQ(steps.size(), 1u);
  const std::string root1 = "1ced8f5be2db23a6513eba4d819c73806424748a7bc6fa0d792cc1c7d1775a97";
  EXPECT_EQ(*steps[0]->parent_id, root1);
  EXPECT_EQ(steps[0]->id, blake2b_512_hex(root1 + "-1").substr(0, 64));
}

TEST(Replay, SucceededStepIsNotRunAgain) {
  Engine engine;
  auto arn = run(
      engine,
      load(document_text(R"([{"step": "a", "returns": 1}, {"wait": null, "seconds": 5}, {"step": "b"}])")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Succeeded);
  EXPECT_EQ(exec(engine, arn).invocations.size(), 2u);
  EXPECT_EQ(count_trace(engine, TraceKind::StepBodyRan), 2); // a once, b once
  EXPECT_EQ(exec(engine, arn).invocations[1].replayed, 2);   // a and the wait
}

TEST(Steps, DefaultRetryStrategyDelaysWithinBoundsAndReproducible) {
  auto doc = load(document_text(
      R"([{"step": "flaky", "throws": [{"attempts": [1, 2, 3], "error": {"type": "Error", "message": "x"}}]}])"));
  Engine a, b;
  auto arn_a = run(a, doc), arn_b = run(b, doc);
  EXPECT_EQ(cli::run_report(a, arn_a), cli::run_report(b, arn_b)); // same document and seed: same history
  int k = 0;
  for (const auto& ev : exec(a, arn_a).events) {
    if (ev.event_type != "StepFailed")
      continue;
    int64_t delay = ev.details["StepFailedDetails"]["RetryDetails"]["NextAttemptDelaySeconds"].get<int64_t>();
    int64_t cap = std::min<int64_t>(60, 5 << k);
    EXPECT_GE(delay, 1);
    EXPECT_LE(delay, cap) << "attempt " << k + 1;
    ++k;
  }
  EXPECT_EQ(k, 3);
  EXPECT_EQ(ops_of(a, arn_a, OperationType::Step)[0]->step_details->attempt, 4);
}

TEST(Steps, SeedChangesJitter) {
  std::set<std::string> histories;
  for (int seed = 1; seed <= 5; ++seed) {
    auto doc = load(document_text(
        R"([{"step": "flaky", "throws": [{"attempts": [1, 2, 3], "error": {"type": "E", "message": "x"}}]}])",
        "nodejs22.x", R"(, "simulation": {"seed": )" + std::to_string(seed) + "}"));
    Engine e;
    auto arn = run(e, doc);
    histories.insert(to_js_json(cli::run_report(e, arn)["events"]));
  }
  EXPECT_GT(histories.size(), 1u);
}

TEST(Steps, RoundingDiffersBetweenSdks) {
  workflow::Statement s;
  s.retry_mode = workflow::RetryMode::Custom;
  s.retry.initial_delay_seconds = 1.5;
  s.retry.jitter = workflow::Jitter::None;
  EXPECT_EQ(runtime::decide_retry(workflow::Flavor::Python, s, "E", 1, 1, "id").delay_seconds, 2); // ceil
  EXPECT_EQ(runtime::decide_retry(workflow::Flavor::JavaScript, s, "E", 1, 1, "id").delay_seconds,
            2); // round(1.5)
  s.retry.initial_delay_seconds = 1.4;
  EXPECT_EQ(runtime::decide_retry(workflow::Flavor::Python, s, "E", 1, 1, "id").delay_seconds, 2);
  EXPECT_EQ(runtime::decide_retry(workflow::Flavor::JavaScript, s, "E", 1, 1, "id").delay_seconds, 1);
}

TEST(Steps, AtLeastOnceCrashAfterBodyRunsTheBodyTwice) {
  Engine engine;
  auto arn = run(
      engine, load(document_text(R"([{"step": "charge", "returns": "ok"}])", "nodejs22.x",
                                 R"(, "simulation": {"faults": [{"at": "charge", "when": "after_body"}]})")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Succeeded);
  EXPECT_EQ(count_trace(engine, TraceKind::StepBodyRan), 2); // the side effect happened twice
  EXPECT_EQ(exec(engine, arn).invocations[0].outcome, InvocationOutcome::Crashed);
  int started = 0;
  for (const auto& ev : exec(engine, arn).events)
    started += ev.event_type == "StepStarted";
  EXPECT_EQ(started, 1); // re-executed without a second START (conformance child/3-12)
}

TEST(Steps, AtMostOnceInterruptedIsNotRunAgain) {
  Engine engine;
  auto arn = run(
      engine, load(document_text(
                  R"([{"step": "charge", "semantics": "at_most_once_per_retry", "retry": "none"}])",
                  "nodejs22.x", R"(, "simulation": {"faults": [{"at": "charge", "when": "after_body"}]})")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Failed);
  EXPECT_EQ(count_trace(engine, TraceKind::StepBodyRan), 1);
  EXPECT_EQ(*exec(engine, arn).error->error_type, "StepError");
  EXPECT_EQ(*ops_of(engine, arn, OperationType::Step)[0]->step_details->error->error_type,
            "StepInterruptedError");
}

TEST(Steps, ResultOverTheServiceLimitFailsTheInvocation) {
  std::string big(262'200, 'x');
  Engine engine;
  auto arn = run(engine, load(document_text(R"([{"step": "big", "returns": ")" + big + R"("}])")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Failed);
  EXPECT_NE(exec(engine, arn).error->error_message->find("262144"), std::string::npos);
}

TEST(ChildContext, LargeResultIsCheckpointedWithReplayChildren) {
  std::string big(140'000, 'x');
  Engine engine;
  auto arn = run(engine, load(document_text(R"([{"child_context": "c", "body": [{"step": "a", "returns": ")" +
                                            big + R"(", "as": "a"},
                                {"step": "b", "returns": ")" +
                                            big + R"(", "as": "b"}, {"return": ["${a}", "${b}"]}], "as": "r"},
                                {"wait": null, "seconds": 1}, {"return": "${r[1]}"}])")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Succeeded);
  auto ctx = ops_of(engine, arn, OperationType::Context);
  ASSERT_EQ(ctx.size(), 1u);
  EXPECT_TRUE(ctx[0]->context_details->replay_children);
  EXPECT_EQ(exec(engine, arn).result->size(), big.size() + 2); // re-derived by replaying the children
}

TEST(Callbacks, AnsweredFromOutside) {
  Engine engine;
  auto arn = engine.start_execution(load(document_text(
      R"([{"create_callback": "approve", "as": "cb"}, {"await_callback": "cb", "as": "v", "parse_json": true}, {"return": "${v.ok}"}])")));
  engine.run_to_end(*arn);
  EXPECT_EQ(exec(engine, *arn).status, ExecutionStatus::Running);
  auto pending = engine.pending_callbacks(*arn);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].name, "approve");
  ASSERT_TRUE(engine.send_callback_success(pending[0].callback_id, R"({"ok": true})").ok());
  engine.run_to_end(*arn);
  EXPECT_EQ(exec(engine, *arn).status, ExecutionStatus::Succeeded);
  EXPECT_EQ(*exec(engine, *arn).result, "true");
  // The callback is closed now: answering again is the service's CallbackTimeoutException.
  EXPECT_FALSE(engine.send_callback_success(pending[0].callback_id, "1").ok());
}

TEST(Callbacks, HeartbeatTimeout) {
  Engine engine;
  auto arn = run(
      engine,
      load(document_text(
          R"([{"create_callback": "cb", "as": "cb", "heartbeat_timeout_seconds": 10}, {"await_callback": "cb"}])")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Failed);
  auto cb = ops_of(engine, arn, OperationType::Callback);
  EXPECT_EQ(cb[0]->status, OperationStatus::TimedOut);
  EXPECT_EQ(*cb[0]->callback_details->error->error_type, "Callback.Heartbeat");
  EXPECT_EQ(*exec(engine, arn).error->error_type, "CallbackTimeoutError");
}

TEST(NonDeterminism, DetectedByDefaultAndPositionalInLegacyPython) {
  std::string edits =
      R"(, "simulation": {"edits": [{"before_invocation": 2, "handler": [{"step": "b"}, {"return": 1}]}]})";
  auto handler = R"([{"step": "a"}, {"wait": null, "seconds": 1}, {"return": 1}])";
  Engine modern;
  auto arn = run(modern, load(document_text(handler, "python3.14", edits)));
  EXPECT_EQ(exec(modern, arn).status, ExecutionStatus::Failed);
  EXPECT_EQ(*exec(modern, arn).error->error_type, "NonDeterministicExecutionError");
  EXPECT_EQ(count_trace(modern, TraceKind::StepBodyRan), 1); // the renamed step's body never ran

  EngineOptions legacy_options;
  legacy_options.legacy_python_replay = true;
  Engine legacy(legacy_options);
  arn = run(legacy, load(document_text(handler, "python3.14", edits)));
  EXPECT_EQ(exec(legacy, arn).status, ExecutionStatus::Succeeded); // Python SDK 1.x: silent positional replay
}

TEST(Stepping, RunUntilSuspendedStopsAtTheFirstSuspension) {
  Engine engine;
  auto arn = engine.start_execution(
      load(document_text(R"([{"step": "a"}, {"wait": null, "seconds": 10}, {"step": "b"}])")));
  engine.run_until_suspended(*arn);
  EXPECT_EQ(exec(engine, *arn).status, ExecutionStatus::Running);
  EXPECT_EQ(exec(engine, *arn).invocations.size(), 1u);
  EXPECT_FALSE(engine.step(Engine::Clock::Hold)); // nothing happens until the clock moves
  EXPECT_TRUE(engine.advance_to_next_timer());
  EXPECT_EQ(engine.now(), EngineOptions{}.start_time_ms + 10'000);
  engine.run_to_end(*arn);
  EXPECT_EQ(exec(engine, *arn).status, ExecutionStatus::Succeeded);
}

TEST(Stepping, EveryStepAddsAtMostAFewTraceEntries) {
  Engine engine;
  auto arn = engine.start_execution(load(document_text(R"([{"step": "a"}, {"step": "b"}, {"step": "c"}])")));
  size_t before = engine.trace().size(), steps = 0;
  while (engine.step(Engine::Clock::LetTimeoutsFire))
    ++steps;
  EXPECT_EQ(exec(engine, *arn).status, ExecutionStatus::Succeeded);
  EXPECT_GT(steps, 3u); // stepping is finer than whole invocations
  EXPECT_GT(engine.trace().size(), before);
}

TEST(ExecutionTimeout, WaitStaysStarted) {
  Engine engine;
  auto doc = load(document_text(R"([{"wait": "long", "seconds": 30}])"));
  doc.function.execution_timeout = 15;
  auto arn = run(engine, doc);
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::TimedOut);
  EXPECT_EQ(ops_of(engine, arn, OperationType::Wait)[0]->status, OperationStatus::Started);
}

TEST(Invoke, DurableTargetRunsAsItsOwnExecution) {
  std::string target =
      R"({"format": 1, "function": {"name": "child", "runtime": "nodejs22.x", "durable_config": {"execution_timeout": 60}},
                           "handler": [{"wait": null, "seconds": 3}, {"return": {"got": "${input.n}"}}]})";
  Engine engine;
  auto arn = run(
      engine,
      load(document_text(
          R"([{"invoke": "call", "function": "child", "payload": {"n": 5}, "as": "r"}, {"return": "${r.got}"}])",
          "nodejs22.x", R"(, "functions": {"child": {"workflow": )" + target + "}}")));
  EXPECT_EQ(exec(engine, arn).status, ExecutionStatus::Succeeded);
  EXPECT_EQ(*exec(engine, arn).result, "5");
  EXPECT_EQ(engine.service().execution_order().size(), 2u);
}

TEST(Serdes, PythonEnvelopeMatchesTheSdk) {
  auto v = parse_json(R"({"orderId": "order-123", "amount": 42.5, "valid": true})");
  EXPECT_EQ(
      runtime::serialize_result(workflow::Flavor::Python, *v),
      R"({"t":"m","v":{"orderId":{"t":"s","v":"order-123"},"amount":{"t":"f","v":42.5},"valid":{"t":"b","v":true}}})");
  EXPECT_EQ(runtime::serialize_result(workflow::Flavor::Python, *parse_json("[1, 2.0, \"a\"]")),
            R"([1,2.0,"a"])");
  auto back = runtime::deserialize_result(workflow::Flavor::Python,
                                          runtime::serialize_result(workflow::Flavor::Python, *v));
  EXPECT_EQ(*back, *v);
}

TEST(Service, RejectsStaleTokensAndInvalidTransitions) {
  Engine engine;
  auto arn = engine.start_execution(
      load(document_text(R"([{"create_callback": "cb", "as": "c"}, {"await_callback": "c"}])")));
  engine.run_until_suspended(*arn);
  Service& svc = engine.service_mut();
  OperationUpdate u;
  u.id = "x";
  u.type = OperationType::Wait;
  u.action = OperationAction::Start;
  u.wait_seconds = 5;
  auto r = svc.checkpoint(*arn, "stale-token", {u}, engine.now());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("Invalid checkpoint token"), std::string::npos);
  auto input = svc.begin_invocation(*arn, engine.now());
  ASSERT_TRUE(input.ok());
  OperationUpdate bad = u;
  bad.id = "c81e728d9d4c2f63"; // not an existing op; a WAIT of 0 seconds is out of range
  bad.wait_seconds = 0;
  EXPECT_FALSE(svc.checkpoint(*arn, input->checkpoint_token, {bad}, engine.now()).ok());
  OperationUpdate twice;
  twice.id = "c4ca4238a0b92382"; // the callback: already started
  twice.type = OperationType::Callback;
  twice.sub_type = "Callback";
  twice.name = "cb";
  twice.action = OperationAction::Start;
  auto t = svc.checkpoint(*arn, input->checkpoint_token, {twice}, engine.now());
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("already exists"), std::string::npos);
}

} // namespace
} // namespace dp::engine

namespace dp::engine {
namespace {

TEST(Stepping, RunToEndWaitsForAnAnswerInsteadOfTimingOut) {
  Engine engine;
  auto arn = engine.start_execution(test::load(test::document_text(
      R"([{"create_callback": "approve", "as": "cb", "timeout_seconds": 60}, {"await_callback": "cb"}])")));
  engine.run_to_end(*arn); // UntilInput: stops with the callback open
  EXPECT_EQ(engine.execution(*arn)->status, ExecutionStatus::Running);
  EXPECT_EQ(engine.pending_callbacks(*arn).size(), 1u);
  engine.run_to_end(*arn, Engine::Clock::LetTimeoutsFire); // nobody answers: the callback times out
  EXPECT_EQ(engine.execution(*arn)->status, ExecutionStatus::Failed);
  EXPECT_FALSE(engine.service().next_timer_due().has_value()); // a finished execution keeps no timers
}

} // namespace
} // namespace dp::engine

namespace dp::engine {
namespace {

// A handler whose result is `chunks` strings of 220,000 characters plus one of `last` characters (a step
// result must stay under 256 KiB, so the handler assembles the big result from several steps).
std::string big_result_handler(int chunks, size_t last) {
  std::string handler = "[";
  std::string refs;
  for (int i = 0; i <= chunks; ++i) {
    std::string chunk(i < chunks ? 220'000 : last, 'z');
    handler += R"({"step": "s)" + std::to_string(i) + R"(", "returns": ")" + chunk + R"(", "as": "v)" +
               std::to_string(i) + "\"},";
    refs += std::string(i ? "," : "") + "\"${v" + std::to_string(i) + "}\"";
  }
  return handler + R"({"return": [)" + refs + "]}]";
}

TEST(PayloadLimits, ResultTooBigForTheResponseIsCheckpointedOnTheExecution) {
  // 28 x 220,002 + 131,346 (quoted) + 28 commas + 2 brackets = 6,291,432 bytes: over the response's
  // 6 MB - 50 B, within the EXECUTION update's 6 MB (OperationUpdate.Payload).
  Engine engine;
  auto arn = test::run(engine, test::load(test::document_text(big_result_handler(28, 131'344))));
  const Execution& e = *engine.execution(arn);
  EXPECT_EQ(e.status, ExecutionStatus::Succeeded);
  ASSERT_TRUE(e.result.has_value());
  EXPECT_EQ(e.result->size(), 6'291'432u); // the result came through the EXECUTION checkpoint
  EXPECT_EQ(e.invocations.back().outcome, InvocationOutcome::Succeeded);
}

TEST(PayloadLimits, ResultOverSixMegabytesCannotBeCheckpointed) {
  // 6.6 MB: the EXECUTION update is refused (docs/limits.md), the SDK fails the execution.
  Engine engine;
  auto arn = test::run(engine, test::load(test::document_text(big_result_handler(29, 220'000))));
  const Execution& e = *engine.execution(arn);
  EXPECT_EQ(e.status, ExecutionStatus::Failed);
  ASSERT_TRUE(e.error && e.error->error_message);
  EXPECT_NE(
      e.error->error_message->find("EXECUTION output payload size must be less than or equal to 6291456"),
      std::string::npos)
      << *e.error->error_message;
}

} // namespace
} // namespace dp::engine

namespace dp::engine {
namespace {

TEST(Logger, ReplayAwareLinesArePrintedOnce) {
  Engine engine;
  auto arn = test::run(
      engine, test::load(test::document_text(
                  R"([{"log": "start ${input.x}"}, {"wait": null, "seconds": 1}, {"log": "after the wait"},
                                      {"wait": null, "seconds": 1}, {"return": 1}])")));
  std::vector<std::pair<int, std::string>> lines;
  for (const auto& t : engine.trace())
    if (t.kind == TraceKind::Log)
      lines.emplace_back(t.invocation, t.text);
  ASSERT_EQ(lines.size(), 2u); // three invocations replayed the first line twice without printing it
  EXPECT_EQ(lines[0], (std::pair<int, std::string>{1, "start 1"}));
  EXPECT_EQ(lines[1], (std::pair<int, std::string>{2, "after the wait"}));
  EXPECT_EQ(engine.execution(arn)->invocations.size(), 3u);
}

} // namespace
} // namespace dp::engine
