// Branch and compare (engine/branch.hpp, issue 9): a re-simulation reproduces the original's trace entry
// for entry, a branch shares the history up to its point and differs after it in the way chosen, and an
// edited handler that does not match the checkpoints fails with the SDK's non-determinism error.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "engine/branch.hpp"

namespace dp::engine {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

workflow::Document example(const std::string& name, const std::string& runtime = "") {
  workflow::Document doc = test::load(read(fs::path(DP_SOURCE_DIR) / "examples" / name));
  if (!runtime.empty())
    doc.function.runtime = runtime;
  return doc;
}

// The entries of `arn` as text (kind, time, invocation, operation, text): what a reader of the trace sees.
// The execution's own name reads NAME (a branch has another name).
std::vector<std::string> entries(const Engine& engine, const std::string& arn, const std::string& exec_id) {
  std::vector<std::string> out;
  const std::string name = engine.execution(arn)->name;
  for (const TraceEvent& t : engine.trace())
    if (t.execution_arn == arn) {
      std::string text = t.text;
      if (const size_t at = text.find(name); at != std::string::npos)
        text.replace(at, name.size(), "NAME");
      out.push_back(std::string(to_string(t.kind)) + " " + std::to_string(t.time_ms) + " inv" +
                    std::to_string(t.invocation) + " " +
                    (t.operation_id == exec_id ? "EXEC" : t.operation_id) + " " + text +
                    (t.kind == TraceKind::OperationReplayed ? " " + t.data.dump() : ""));
    }
  return out;
}

// The index of the first point of `arn` whose entry satisfies `pred`.
size_t point_where(const Engine& engine, const std::string& arn,
                   const std::function<bool(const TraceEvent&)>& pred) {
  const std::vector<TracePoint> points = trace_points(engine.trace(), arn);
  for (size_t i = 0; i < points.size(); ++i)
    if (pred(engine.trace()[points[i].entry]))
      return i;
  ADD_FAILURE() << "no such point";
  return 0;
}

// The approval example waiting for its callback, then answered "approved" by the learner an hour later.
std::string approved_run(Engine& engine, const workflow::Document& doc) {
  auto arn = engine.start_execution(doc, std::nullopt, "approval-1");
  EXPECT_TRUE(arn.ok());
  engine.run_to_end(*arn);
  auto pending = engine.pending_callbacks(*arn);
  EXPECT_EQ(pending.size(), 1u);
  engine.advance_clock(3'600'000);
  EXPECT_TRUE(engine.send_callback_success(pending.at(0).callback_id, R"({"approved":true})").ok());
  engine.run_to_end(*arn);
  EXPECT_EQ(engine.execution(*arn)->status, ExecutionStatus::Succeeded);
  return *arn;
}

TEST(Branch, ResimulationReproducesEveryExampleEntryForEntry) {
  int checked = 0;
  for (const auto& file : fs::directory_iterator(fs::path(DP_SOURCE_DIR) / "examples")) {
    if (file.path().extension() != ".json")
      continue;
    SCOPED_TRACE(file.path().filename().string());
    Engine engine;
    auto arn = test::run(engine, test::load(read(file.path())));
    const Execution& original = *engine.execution(arn);
    auto sim = Resimulation::run(engine, arn, std::nullopt);
    if (file.path().filename() == "chained-invoke.json") { // it starts another durable execution
      if (engine.service().execution_order().size() > 1) {
        EXPECT_FALSE(sim.ok());
        continue;
      }
    }
    ASSERT_TRUE(sim.ok()) << sim.error().text();
    EXPECT_EQ(entries((*sim)->engine(), (*sim)->arn(), original.id), entries(engine, arn, original.id));
    const Execution& again = *(*sim)->engine().execution((*sim)->arn());
    EXPECT_EQ(again.status, original.status);
    EXPECT_EQ(again.result, original.result);
    EXPECT_EQ(again.events.size(), original.events.size());
    ++checked;
  }
  EXPECT_GE(checked, 7);
}

TEST(Branch, ResimulationRedoesWhatCameFromOutsideAtItsTime) {
  Engine engine;
  const workflow::Document doc = example("approval.json");
  const std::string arn = approved_run(engine, doc);
  const std::string id = engine.execution(arn)->id;
  auto sim = Resimulation::run(engine, arn, std::nullopt);
  ASSERT_TRUE(sim.ok()) << sim.error().text();
  // The answer came an hour after the callback started, and the re-simulation has it at the same time.
  EXPECT_EQ(entries((*sim)->engine(), (*sim)->arn(), id), entries(engine, arn, id));
  EXPECT_EQ((*sim)->original_entries().size(), entries(engine, arn, id).size());
}

TEST(Branch, ACallbackAnsweredDifferentlySharesThePrefixAndThenDiffers) {
  Engine engine;
  Recording recording;
  recording.attach(engine);
  const workflow::Document doc = example("approval.json");
  const std::string arn = approved_run(engine, doc);
  const std::string id = engine.execution(arn)->id;
  // The point right after the first invocation ended PENDING: the callback waits for its answer.
  const size_t index =
      point_where(engine, arn, [](const TraceEvent& t) { return t.kind == TraceKind::InvocationEnded; });
  const TracePoint point = trace_points(engine.trace(), arn)[index];
  auto sim = Resimulation::run(engine, arn, point, "approval-2", "branch-id");
  ASSERT_TRUE(sim.ok()) << sim.error().text();
  Resimulation& branch = **sim;
  const BranchSituation here = situation(branch);
  EXPECT_TRUE(here.nothing_differs.empty());
  ASSERT_EQ(here.callbacks.size(), 1u);
  EXPECT_FALSE(here.invocation_running);

  BranchChoice choice;
  choice.kind = BranchChoice::Kind::AnswerCallback;
  choice.callback_operation_id = here.callbacks[0].operation_id;
  choice.callback_succeeds = false;
  choice.callback_error.error_type = "Rejected";
  choice.callback_error.error_message = "the manager said no";
  Status done = diverge(branch, choice, Execution::BranchOrigin{arn, "approval-1", index + 1, ""});
  ASSERT_TRUE(done.ok()) << done.error().text();

  // Same prefix: every entry up to the point, then the answer differs.
  const std::vector<std::string> before = entries(engine, arn, id);
  const std::vector<std::string> after = entries(branch.engine(), branch.arn(), "branch-id");
  const size_t shared = branch.original_entries().size();
  ASSERT_GT(after.size(), shared);
  EXPECT_EQ(std::vector<std::string>(after.begin(), after.begin() + static_cast<long>(shared)),
            std::vector<std::string>(before.begin(), before.begin() + static_cast<long>(shared)));
  EXPECT_NE(after[shared], before[shared]);
  EXPECT_NE(after[shared].find("callback failed"), std::string::npos) << after[shared];
  // The catch returns "expired" with the failure's message; the original was fulfilled.
  const Execution& b = *branch.engine().execution(branch.arn());
  ASSERT_EQ(b.status, ExecutionStatus::Succeeded);
  EXPECT_NE(b.result->find("expired"), std::string::npos) << *b.result;
  EXPECT_NE(b.result->find("the manager said no"), std::string::npos) << *b.result;
  EXPECT_NE(engine.execution(arn)->result->find("fulfilled"), std::string::npos);
  ASSERT_TRUE(b.branched_from.has_value());
  EXPECT_EQ(b.branched_from->name, "approval-1");
  EXPECT_EQ(b.branched_from->point, index + 1);
  EXPECT_EQ(b.branched_from->what, "the callback 'approval' failed with Rejected");

  // Adopted by the engine that shows it: the same entries, its recording travels, the origin is kept.
  auto adopted = engine.adopt_execution(branch.engine(), branch.arn());
  ASSERT_TRUE(adopted.ok()) << adopted.error().text();
  recording.adopt(branch.recording(), branch.arn(), adopted->from_entries, adopted->entries);
  EXPECT_EQ(entries(engine, branch.arn(), "branch-id"), after);
  ASSERT_TRUE(recording.covers(branch.arn()));
  const Execution& live = *engine.execution(branch.arn());
  EXPECT_EQ(live.branched_from->arn, arn);
  EXPECT_EQ(engine.service().internal_state(live)["branched_from"]["point"], index + 1);
  // At the shared point the branch looks exactly as the original did there.
  const Execution then = recording.state_after(live, adopted->entries[shared - 1]);
  const Execution original_then = recording.state_after(*engine.execution(arn), point.entry);
  EXPECT_EQ(then.events.size(), original_then.events.size());
  ASSERT_EQ(then.op_order.size(), original_then.op_order.size());
  for (size_t i = 1; i < then.op_order.size(); ++i) { // ids of the execution and its callbacks differ
    const Operation& mine = *then.op(then.op_order[i]);
    const Operation& theirs = *original_then.op(original_then.op_order[i]);
    EXPECT_EQ(mine.id, theirs.id);
    EXPECT_EQ(mine.name, theirs.name);
    EXPECT_EQ(to_string(mine.status), to_string(theirs.status));
    EXPECT_EQ(mine.end_timestamp, theirs.end_timestamp);
  }
  // And the callback is the branch's own: answering the original's does not reach it.
  EXPECT_EQ(engine.service().callback_execution(here.callbacks[0].callback_id), branch.arn());
}

TEST(Branch, AnEditedHandlerThatDoesNotMatchTheCheckpointsFailsWithTheSdkError) {
  for (const char* runtime : {"nodejs22.x", "python3.14"}) {
    SCOPED_TRACE(runtime);
    Engine engine;
    const workflow::Document doc = example("approval.json", runtime);
    const std::string arn = approved_run(engine, doc);
    const size_t index =
        point_where(engine, arn, [](const TraceEvent& t) { return t.kind == TraceKind::InvocationEnded; });
    auto sim = Resimulation::run(engine, arn, trace_points(engine.trace(), arn)[index], "approval-2");
    ASSERT_TRUE(sim.ok()) << sim.error().text();
    // The learner renames a step that already ran: replay meets "notify-manager" where the code says
    // "notify-boss".
    workflow::Document edited = doc;
    edited.handler.at(2).name = "notify-boss";
    BranchChoice choice;
    choice.kind = BranchChoice::Kind::EditHandler;
    choice.handler = std::make_shared<const workflow::Body>(edited.handler);
    ASSERT_TRUE(diverge(**sim, choice, Execution::BranchOrigin{arn, "approval-1", index + 1, ""}).ok());
    // It waits for the callback still (the edit applies from the next invocation): answer it.
    Engine& branch = (*sim)->engine();
    auto pending = branch.pending_callbacks((*sim)->arn());
    ASSERT_EQ(pending.size(), 1u);
    ASSERT_TRUE(branch.send_callback_success(pending[0].callback_id, R"({"approved":true})").ok());
    branch.run_to_end((*sim)->arn());
    const Execution& e = *branch.execution((*sim)->arn());
    ASSERT_EQ(e.status, ExecutionStatus::Failed);
    EXPECT_EQ(e.error->error_type, "NonDeterministicExecutionError");
    if (std::string(runtime) == "nodejs22.x") { // replay-validation.ts, the step by its logical id
      EXPECT_NE(
          e.error->error_message->find("[Unrecoverable Execution] Non-deterministic execution detected: "
                                       "Operation name mismatch for step \"3\""),
          std::string::npos)
          << *e.error->error_message;
      EXPECT_NE(e.error->error_message->find(R"(Expected name "notify-manager", but got "notify-boss")"),
                std::string::npos)
          << *e.error->error_message;
    } else { // Python 2.0's identifier.py, the step by its wire id
      EXPECT_NE(e.error->error_message->find("Non-deterministic operation identity at id='"),
                std::string::npos)
          << *e.error->error_message;
      EXPECT_NE(e.error->error_message->find("name checkpoint='notify-manager' current='notify-boss'"),
                std::string::npos)
          << *e.error->error_message;
    }
  }
}

TEST(Branch, ACrashInjectedMidInvocationIsReplayedFromTheLastCheckpoint) {
  Engine engine;
  const workflow::Document doc = example("order.json");
  const std::string arn = test::run(engine, doc);
  // Right after the first step body ran, before its checkpoint.
  const size_t index =
      point_where(engine, arn, [](const TraceEvent& t) { return t.kind == TraceKind::StepBodyRan; });
  auto sim = Resimulation::run(engine, arn, trace_points(engine.trace(), arn)[index], "order-2");
  ASSERT_TRUE(sim.ok()) << sim.error().text();
  ASSERT_TRUE(situation(**sim).invocation_running);
  BranchChoice choice;
  choice.kind = BranchChoice::Kind::InjectCrash;
  ASSERT_TRUE(diverge(**sim, choice, Execution::BranchOrigin{arn, "order-1", index + 1, ""}).ok());
  const Execution& b = *(*sim)->engine().execution((*sim)->arn());
  EXPECT_EQ(b.status, ExecutionStatus::Succeeded);
  ASSERT_GE(b.invocations.size(), 2u);
  EXPECT_EQ(b.invocations[0].outcome, InvocationOutcome::Crashed);
  EXPECT_EQ(b.invocations.size(), engine.execution(arn)->invocations.size() + 1);
  EXPECT_EQ(b.result, engine.execution(arn)->result);
  // The crash comes right after the engine event that holds the point (the step's checkpoint is part of
  // it): the next invocation replays that step and runs the rest.
  const auto& trace = (*sim)->engine().trace();
  const size_t shared = (*sim)->entries().size();
  ASSERT_GT(trace.size(), (*sim)->entries().back() + 1);
  EXPECT_EQ(trace[(*sim)->entries().back() + 1].kind, TraceKind::Crash);
  EXPECT_GE(shared, (*sim)->original_entries().size());
  EXPECT_EQ(test::count_trace((*sim)->engine(), TraceKind::StepBodyRan),
            test::count_trace(engine, TraceKind::StepBodyRan));
}

TEST(Branch, RemovingAPlannedCrashAndChangingTheInput) {
  Engine engine;
  workflow::Document doc = example("order.json", "nodejs22.x");
  workflow::Fault crash;
  crash.at = *doc.handler.at(1).name;
  crash.when = workflow::FaultWhen::AfterBody;
  doc.simulation.faults.push_back(crash);
  const std::string arn = test::run(engine, doc);
  ASSERT_EQ(test::count_trace(engine, TraceKind::Crash), 1);
  const TracePoint start = trace_points(engine.trace(), arn).front();
  {
    auto sim = Resimulation::run(engine, arn, start, "order-2");
    ASSERT_TRUE(sim.ok()) << sim.error().text();
    ASSERT_EQ(situation(**sim).crashes_ahead.size(), 1u);
    BranchChoice choice;
    choice.kind = BranchChoice::Kind::RemoveCrashes;
    ASSERT_TRUE(diverge(**sim, choice, Execution::BranchOrigin{arn, "order-1", 1, ""}).ok());
    EXPECT_EQ(test::count_trace((*sim)->engine(), TraceKind::Crash), 0);
    EXPECT_EQ((*sim)->engine().execution((*sim)->arn())->status, ExecutionStatus::Succeeded);
    // Nothing left to remove now.
    EXPECT_FALSE(diverge(**sim, choice, Execution::BranchOrigin{arn, "order-1", 1, ""}).ok());
  }
  {
    auto sim = Resimulation::run(engine, arn, start, "order-3");
    ASSERT_TRUE(sim.ok());
    BranchChoice choice;
    choice.kind = BranchChoice::Kind::ChangeInput;
    choice.input_json = R"({"orderId":"o-branch","amount":5})";
    ASSERT_TRUE(diverge(**sim, choice, Execution::BranchOrigin{arn, "order-1", 1, ""}).ok());
    const Execution& b = *(*sim)->engine().execution((*sim)->arn());
    EXPECT_EQ(b.input_payload, choice.input_json);
    ASSERT_TRUE(b.result.has_value());
    EXPECT_NE(*b.result, *engine.execution(arn)->result);
  }
}

TEST(Branch, FromAPointWhereNothingCanDifferSaysWhy) {
  Engine engine;
  const std::string arn = test::run(engine, example("order.json"));
  const TracePoint end = trace_points(engine.trace(), arn).back();
  auto sim = Resimulation::run(engine, arn, end, "order-2");
  ASSERT_TRUE(sim.ok()) << sim.error().text();
  const BranchSituation here = situation(**sim);
  EXPECT_NE(here.nothing_differs.find("had already ended (SUCCEEDED)"), std::string::npos)
      << here.nothing_differs;
  BranchChoice choice;
  choice.kind = BranchChoice::Kind::InjectCrash;
  Status refused = diverge(**sim, choice, Execution::BranchOrigin{arn, "order-1", 1, ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Nothing can differ here"), std::string::npos);
  // A crash needs a running invocation.
  auto waiting = Resimulation::run(engine, arn, trace_points(engine.trace(), arn).front(), "order-3");
  ASSERT_TRUE(waiting.ok());
  EXPECT_FALSE(situation(**waiting).invocation_running);
  EXPECT_FALSE(diverge(**waiting, choice, Execution::BranchOrigin{arn, "order-1", 1, ""}).ok());
}

} // namespace
} // namespace dp::engine
