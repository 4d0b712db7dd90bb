// Compact replay entries (engine/trace.hpp): expanded, they are exactly the per-operation entries the
// engine records with EngineOptions::compact_replays off, and nothing else in the trace changes.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "cli/run_report.hpp"

namespace dp::engine {
namespace {

namespace fs = std::filesystem;

// One trace entry with replays expanded, seq left out (a compact entry stands for several).
struct Flat {
  int64_t time_ms = 0;
  std::string arn;
  int invocation = 0;
  std::string kind, operation_id, name, text, data;
  bool operator==(const Flat&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Flat& f) {
  return out << f.time_ms << " " << f.invocation << " " << f.kind << " " << f.operation_id << " '" << f.name
             << "' " << f.text << " " << f.data;
}

std::vector<Flat> flatten(const Engine& engine) {
  std::vector<Flat> out;
  for (const TraceEvent& t : engine.trace()) {
    if (t.kind == TraceKind::OperationReplayed) {
      const Execution* e = engine.execution(t.execution_arn);
      EXPECT_NE(e, nullptr);
      if (!e)
        continue;
      for (const ReplayedOperation& op : replayed_operations(t, *e))
        out.push_back(Flat{t.time_ms, t.execution_arn, t.invocation, to_string(t.kind),
                           std::string(op.operation_id), std::string(op.name),
                           "replayed " + std::string(op.what), ""});
      continue;
    }
    out.push_back(Flat{t.time_ms, t.execution_arn, t.invocation, to_string(t.kind), t.operation_id, t.name,
                       t.text, t.data.is_null() ? "" : t.data.dump()});
  }
  return out;
}

// Replayed operations per (execution, invocation), from the trace.
std::map<std::pair<std::string, int>, size_t> replays_per_invocation(const Engine& engine) {
  std::map<std::pair<std::string, int>, size_t> out;
  for (const TraceEvent& t : engine.trace())
    if (t.kind == TraceKind::OperationReplayed)
      out[{t.execution_arn, t.invocation}] += replayed_count(t);
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `doc` twice, compact and per operation, and compares the traces.
void expect_same_replays(const workflow::Document& doc, const std::string& what, bool legacy = false) {
  EngineOptions compact_options, per_op_options;
  compact_options.legacy_python_replay = per_op_options.legacy_python_replay = legacy;
  per_op_options.compact_replays = false;
  Engine compact(compact_options), per_op(per_op_options);
  auto arn_c = compact.start_execution(doc);
  auto arn_p = per_op.start_execution(doc);
  ASSERT_TRUE(arn_c.ok() && arn_p.ok()) << what;
  compact.run_to_end(*arn_c, Engine::Clock::LetTimeoutsFire);
  per_op.run_to_end(*arn_p, Engine::Clock::LetTimeoutsFire);
  EXPECT_EQ(cli::run_report(compact, *arn_c), cli::run_report(per_op, *arn_p)) << what;
  const std::vector<Flat> a = flatten(compact), b = flatten(per_op);
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_EQ(a[i], b[i]) << what << ": entry " << i;
  // The per-operation form is one operation an entry; the compact one never has more entries.
  for (const TraceEvent& t : per_op.trace()) {
    if (t.kind == TraceKind::OperationReplayed) {
      EXPECT_EQ(replayed_count(t), 1u) << what;
    }
  }
  EXPECT_LE(compact.trace().size(), per_op.trace().size()) << what;
  // Every replay the invocation records counted is in the trace.
  auto counted = replays_per_invocation(compact);
  const Execution& e = *compact.execution(*arn_c);
  for (const InvocationRecord& inv : e.invocations) {
    const auto it = counted.find({e.arn, inv.index});
    EXPECT_EQ(it == counted.end() ? 0u : it->second, static_cast<size_t>(inv.replayed))
        << what << ": invocation " << inv.index;
  }
}

TEST(CompactReplays, ExpandToThePerOperationEntriesInEveryScenarioAndExample) {
  size_t checked = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DP_SOURCE_DIR) / "tests/scenarios"))
    if (fs::exists(entry.path() / "workflow.json"))
      files.push_back(entry.path() / "workflow.json");
  for (const auto& entry : fs::directory_iterator(fs::path(DP_SOURCE_DIR) / "examples"))
    if (entry.path().extension() == ".json")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    auto doc = workflow::load_document(read(file));
    if (!doc.ok())
      continue; // a scenario of a refused document: nothing runs
    expect_same_replays(*doc, file.string());
    ++checked;
  }
  EXPECT_GT(checked, 300u);
}

TEST(CompactReplays, NamesThatDifferFromTheStoredOperationAreKept) {
  // Python SDK 1.x replays by position: the renamed step replays the stored "a" under the name "b".
  std::string edits =
      R"(, "simulation": {"edits": [{"before_invocation": 2, "handler": [{"step": "b"}, {"wait": null, "seconds": 1}, {"return": 1}]}]})";
  auto doc = test::load(test::document_text(R"([{"step": "a"}, {"wait": null, "seconds": 1}, {"return": 1}])",
                                            "python3.14", edits));
  expect_same_replays(doc, "legacy positional replay", true);
  EngineOptions options;
  options.legacy_python_replay = true;
  Engine engine(options);
  auto arn = test::run(engine, doc);
  bool renamed = false;
  for (const TraceEvent& t : engine.trace())
    if (t.kind == TraceKind::OperationReplayed)
      for (const ReplayedOperation& op : replayed_operations(t, *engine.execution(arn)))
        renamed = renamed || op.name == "b";
  EXPECT_TRUE(renamed);
}

TEST(CompactReplays, AStraightWorkflowReplaysInOneEntryOfOneRangePerInvocation) {
  // 40 steps of 100 ms under a 1-second timeout: the invocations time out and each replays the earlier steps.
  std::string handler = "[";
  for (int i = 0; i < 40; ++i)
    handler +=
        std::string(i ? ", " : "") + R"({"step": "s)" + std::to_string(i) + R"(", "duration_ms": 100})";
  handler += "]";
  auto doc = test::load(test::document_text(handler, "python3.14"));
  doc.function.timeout = 1;
  expect_same_replays(doc, "straight");
  Engine engine;
  auto arn = test::run(engine, doc);
  const Execution& e = *engine.execution(arn);
  EXPECT_EQ(e.status, ExecutionStatus::Succeeded);
  ASSERT_GT(e.invocations.size(), 3u);
  size_t entries = 0;
  for (const TraceEvent& t : engine.trace()) {
    if (t.kind != TraceKind::OperationReplayed)
      continue;
    ++entries;
    EXPECT_TRUE(t.operation_id.empty());
    const Json* ranges = find_member(t.data, "Replayed");
    ASSERT_NE(ranges, nullptr);
    ASSERT_EQ(ranges->size(), 1u) << t.data.dump();
    EXPECT_EQ((*ranges)[0][0].get<int>(), 1); // op_order[0] is the EXECUTION operation
    EXPECT_EQ(replayed_count(t),
              static_cast<size_t>(e.invocations[static_cast<size_t>(t.invocation) - 1].replayed));
    auto ops = replayed_operations(t, e);
    ASSERT_FALSE(ops.empty());
    EXPECT_EQ(ops.front().name, "s0");
    EXPECT_EQ(ops.front().what, "step (stored result)");
  }
  EXPECT_EQ(entries, e.invocations.size() - 1); // every invocation but the first replays
}

TEST(CompactReplays, TheOldPerOperationFormStillExpands) {
  TraceEvent t;
  t.kind = TraceKind::OperationReplayed;
  t.operation_id = "abc";
  t.name = "charge";
  t.text = "replayed step (stored result)";
  Execution e;
  auto ops = replayed_operations(t, e);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0].operation_id, "abc");
  EXPECT_EQ(ops[0].name, "charge");
  EXPECT_EQ(ops[0].what, "step (stored result)");
  EXPECT_EQ(replayed_count(t), 1u);
  // Indexes past the execution's operations (a corrupt row) are skipped, not read.
  t.operation_id.clear();
  t.data = Json{{"Replayed", Json::array({Json::array({5, 1000000, 0}), Json::array({-1, 2, 0})})},
                {"What", Json::array({"step (stored result)"})}};
  EXPECT_TRUE(replayed_operations(t, e).empty());
}

} // namespace
} // namespace dp::engine
