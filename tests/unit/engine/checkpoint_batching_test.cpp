// How updates travel in CheckpointDurableExecution calls, per SDK (engine/runtime/checkpoint_batching.hpp).
// The figures below follow from the SDK sources cited with each test, not from running the engine.
#include <fstream>
#include <sstream>

#include "../test_support.hpp"

namespace dp {
namespace {

using test::document_text;
using test::load;
using test::run;

workflow::Document order_workflow(workflow::Flavor flavor) {
  std::ifstream in(std::string(DP_SOURCE_DIR) + "/examples/order.json");
  std::stringstream text;
  text << in.rdbuf();
  workflow::Document doc = load(text.str());
  doc.function.runtime = flavor == workflow::Flavor::Python ? "python3.14" : "nodejs24.x";
  return doc;
}

// "ACTION name" of each update of each call, per invocation: {{"START validate_order"}, ...}.
std::vector<std::vector<std::vector<std::string>>> calls_by_invocation(const engine::Execution& e) {
  std::vector<std::vector<std::vector<std::string>>> out(e.invocations.size());
  for (const auto& call : e.checkpoint_calls) {
    std::vector<std::string> updates;
    for (const auto& u : call.updates)
      updates.push_back(std::string(to_string(u.action)) + " " + u.name.value_or(to_string(u.type)));
    out[static_cast<size_t>(call.invocation - 1)].push_back(updates);
  }
  return out;
}

using Calls = std::vector<std::vector<std::vector<std::string>>>;

// The order workflow: validate_order (120 ms), process_payment (450 ms), wait 10 s, confirm_order (80 ms).
// JavaScript SDK 2.4.x (checkpoint-manager.ts `checkpoint`: the queue drains on setImmediate;
// step-handler.ts: an at-least-once START is not awaited, SUCCEED is; wait-handler: WAIT START is awaited):
// every body here awaits a timer, so each START drains alone before its body ends. Invocation 1: 5 calls;
// invocation 2: 2.
TEST(CheckpointBatching, OrderWorkflowJavaScriptSendsEachStartBeforeItsBody) {
  engine::Engine engine;
  std::string arn = run(engine, order_workflow(workflow::Flavor::JavaScript));
  const engine::Execution& e = *engine.execution(arn);
  ASSERT_EQ(e.invocations.size(), 2u);
  Calls expected = {{{"START validate_order"},
                     {"SUCCEED validate_order"},
                     {"START process_payment"},
                     {"SUCCEED process_payment"},
                     {"START WAIT"}},
                    {{"START confirm_order"}, {"SUCCEED confirm_order"}}};
  EXPECT_EQ(calls_by_invocation(e), expected);
  EXPECT_EQ(e.invocations[0].checkpoints, 5);
  EXPECT_EQ(e.invocations[1].checkpoints, 2);
}

// Python SDK 2.0.x (state.py `_collect_checkpoint_batch` / `_read_timeout` after
// aws-durable-execution-sdk-python #725): a batch of unawaited STARTs closes after 100 ms without a new
// update. validate_order (120 ms) and process_payment (450 ms) outlast it: START alone, then SUCCEED.
// confirm_order (80 ms) ends inside it: its SUCCEED joins the START. Invocation 1: 5 calls; invocation 2: 1
// call carrying both.
TEST(CheckpointBatching, OrderWorkflowPythonGroupsAQuickStepsStartAndSucceed) {
  engine::Engine engine;
  std::string arn = run(engine, order_workflow(workflow::Flavor::Python));
  const engine::Execution& e = *engine.execution(arn);
  ASSERT_EQ(e.invocations.size(), 2u);
  Calls expected = {{{"START validate_order"},
                     {"SUCCEED validate_order"},
                     {"START process_payment"},
                     {"SUCCEED process_payment"},
                     {"START WAIT"}},
                    {{"START confirm_order", "SUCCEED confirm_order"}}};
  EXPECT_EQ(calls_by_invocation(e), expected);
  EXPECT_EQ(e.invocations[0].checkpoints, 5);
  EXPECT_EQ(e.invocations[1].checkpoints, 1);
  // The START reaches the service with the call: its StepStarted is stamped when the batch left, 100 ms
  // into validate_order's body.
  EXPECT_EQ(e.checkpoint_calls[0].time_ms - e.start_ms, 100);
}

// A body that awaits nothing: JavaScript sends START and SUCCEED in one call, as does Python.
TEST(CheckpointBatching, QuickBodyIsOneCallInBothFlavours) {
  for (const char* runtime : {"nodejs24.x", "python3.14"}) {
    engine::Engine engine;
    std::string arn = run(engine, load(document_text(R"([{"step": "a", "returns": 1}])", runtime)));
    Calls expected = {{{"START a", "SUCCEED a"}}};
    EXPECT_EQ(calls_by_invocation(*engine.execution(arn)), expected) << runtime;
  }
}

// At-most-once awaits its START before running the body (step-handler.ts; sdk-python#104 lists it as a
// synchronous checkpoint): two calls however quick the body.
TEST(CheckpointBatching, AtMostOnceStartIsAwaited) {
  engine::Engine engine;
  std::string arn = run(
      engine, load(document_text(R"([{"step": "a", "returns": 1, "semantics": "at_most_once_per_retry"}])")));
  Calls expected = {{{"START a"}, {"SUCCEED a"}}};
  EXPECT_EQ(calls_by_invocation(*engine.execution(arn)), expected);
}

// A crash right after a quick body: the START was still queued in the process and dies with it. The
// history has no StepStarted from that invocation; the next one runs the step from scratch (attempt 1).
// Conformance 3-12's handler sleeps 1 s "to allow checkpoint to be sent before crash" for this reason.
TEST(CheckpointBatching, CrashAfterAQuickBodyLosesTheQueuedStart) {
  for (const char* runtime : {"nodejs24.x", "python3.14"}) {
    engine::Engine engine;
    std::string arn =
        run(engine, load(document_text(R"([{"step": "a", "returns": 1}])", runtime,
                                       R"(, "simulation": {"faults": [{"at": "a", "when": "after_body",
                                                        "kind": "crash"}]})")));
    const engine::Execution& e = *engine.execution(arn);
    ASSERT_EQ(e.invocations.size(), 2u) << runtime;
    EXPECT_EQ(e.invocations[0].checkpoints, 0) << runtime;
    std::vector<std::string> events;
    for (const auto& ev : e.events)
      events.push_back(ev.event_type);
    std::vector<std::string> expected = {"ExecutionStarted", "InvocationCompleted", "StepStarted",
                                         "StepSucceeded",    "InvocationCompleted", "ExecutionSucceeded"};
    EXPECT_EQ(events, expected) << runtime;
    bool told = false;
    for (const auto& t : engine.trace())
      told |= t.kind == engine::TraceKind::Crash &&
              t.text.find("1 queued update was never sent") != std::string::npos;
    EXPECT_TRUE(told) << runtime;
  }
}

// Both SDKs cap a call at 250 updates (MAX_ITEMS_IN_BATCH in checkpoint-manager.ts, max_batch_operations in
// state.py). 130 branches each start a 10 ms step at the same instant: the parallel's CONTEXT START, 130
// branch CONTEXT STARTs and 130 STEP STARTs (261 queued updates) leave in two calls, 250 then 11.
TEST(CheckpointBatching, AFullBatchSplitsAt250Updates) {
  std::string branches;
  for (int i = 0; i < 130; ++i)
    branches += std::string(i ? "," : "") +
                R"({"name": null, "body": [{"step": "s", "returns": 1, "duration_ms": 10}]})";
  engine::Engine engine;
  std::string arn =
      run(engine, load(document_text(R"([{"parallel": "p", "branches": [)" + branches + "]}]")));
  const engine::Execution& e = *engine.execution(arn);
  ASSERT_GE(e.checkpoint_calls.size(), 2u);
  EXPECT_EQ(e.checkpoint_calls[0].updates.size(), 250u);
  EXPECT_EQ(e.checkpoint_calls[1].updates.size(), 11u);
  EXPECT_EQ(e.status, engine::ExecutionStatus::Succeeded);
}

// Two parallel branches whose 10 ms steps end at the same instant. JavaScript (checkpoint-manager.ts: every
// checkpoint, awaited or not, goes on one queue drained by setImmediate): both SUCCEEDs are queued in the
// same turn and travel together; so do both branches' CONTEXT SUCCEEDs, which each branch awaits after its
// step. Python 2.0.x (state.py `_collect_checkpoint_batch`: 1 ms more once the batch holds an awaited
// update): the branch threads finish together and share a call the same way; the STARTs queued at 0 ms are
// still waiting for their 100 ms window at 10 ms, so they go in that call too.
TEST(CheckpointBatching, ParallelBranchesEndingTogetherShareOneCall) {
  const std::string handler = R"([{"parallel": "p", "branches": [
      {"name": "left", "body": [{"step": "a", "returns": 1, "duration_ms": 10}]},
      {"name": "right", "body": [{"step": "b", "returns": 2, "duration_ms": 10}]}]}])";
  {
    engine::Engine engine;
    std::string arn = run(engine, load(document_text(handler, "nodejs24.x")));
    Calls expected = {{{"START p", "START left", "START a", "START right", "START b"},
                       {"SUCCEED a", "SUCCEED b"},
                       {"SUCCEED left", "SUCCEED right"},
                       {"SUCCEED p"}}};
    EXPECT_EQ(calls_by_invocation(*engine.execution(arn)), expected);
  }
  {
    engine::Engine engine;
    std::string arn = run(engine, load(document_text(handler, "python3.14")));
    Calls expected = {
        {{"START p", "START left", "START a", "START right", "START b", "SUCCEED a", "SUCCEED b"},
         {"SUCCEED left", "SUCCEED right"},
         {"SUCCEED p"}}};
    EXPECT_EQ(calls_by_invocation(*engine.execution(arn)), expected);
  }
}

// Branches that end at different instants still send one call each.
TEST(CheckpointBatching, BranchesEndingApartSendApart) {
  engine::Engine engine;
  std::string arn = run(engine, load(document_text(R"([{"parallel": "p", "branches": [
      {"name": "left", "body": [{"step": "a", "returns": 1, "duration_ms": 10}]},
      {"name": "right", "body": [{"step": "b", "returns": 2, "duration_ms": 30}]}]}])",
                                                   "nodejs24.x")));
  Calls expected = {{{"START p", "START left", "START a", "START right", "START b"},
                     {"SUCCEED a"},
                     {"SUCCEED left"},
                     {"SUCCEED b"},
                     {"SUCCEED right"},
                     {"SUCCEED p"}}};
  EXPECT_EQ(calls_by_invocation(*engine.execution(arn)), expected);
}

// Python SDK 1.x (`--python-sdk 1`; state.py before aws-durable-execution-sdk-python#725): an awaited update
// waits for the same 100 ms window as a queued one and its caller is blocked meanwhile (#710 measured about
// 100 ms per sequential step). Two quick steps: each call leaves 100 ms after its last update, so the
// second step starts at 100 ms and the execution ends at 200 ms; with 2.0.x both happen at 0 ms.
TEST(CheckpointBatching, PythonOneBlocksEachAwaitedCheckpointForTheWindow) {
  const std::string text =
      document_text(R"([{"step": "a", "returns": 1}, {"step": "b", "returns": 2}])", "python3.14");
  engine::EngineOptions legacy;
  legacy.legacy_python_replay = true;
  for (bool python_sdk_1 : {false, true}) {
    engine::Engine engine(python_sdk_1 ? legacy : engine::EngineOptions{});
    std::string arn = run(engine, load(text));
    const engine::Execution& e = *engine.execution(arn);
    Calls expected = {{{"START a", "SUCCEED a"}, {"START b", "SUCCEED b"}}};
    EXPECT_EQ(calls_by_invocation(e), expected) << python_sdk_1;
    ASSERT_EQ(e.checkpoint_calls.size(), 2u);
    const int64_t window = python_sdk_1 ? 100 : 0;
    EXPECT_EQ(e.checkpoint_calls[0].time_ms - e.start_ms, window) << python_sdk_1;
    EXPECT_EQ(e.checkpoint_calls[1].time_ms - e.start_ms, 2 * window) << python_sdk_1;
    EXPECT_EQ(e.status, engine::ExecutionStatus::Succeeded);
  }
}

} // namespace
} // namespace dp
