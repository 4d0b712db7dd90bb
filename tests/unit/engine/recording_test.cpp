// Time travel's recording (engine/recording.hpp): the state it rebuilds after any trace entry is exactly
// the live state the engine had at that moment, for every example workflow, stepped one event at a time.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "engine/recording.hpp"

namespace dp::engine {
namespace {

namespace fs = std::filesystem;

// What the panels read of an execution, as text: operations in order with their status and details,
// the sizes of the lists, the last invocation, the status.
std::string fingerprint(const Execution& e) {
  std::ostringstream out;
  out << to_string(e.status) << " end=" << e.end_ms.value_or(-1) << " events=" << e.events.size()
      << " calls=" << e.checkpoint_calls.size() << " invocations=" << e.invocations.size();
  if (!e.invocations.empty()) {
    const InvocationRecord& r = e.invocations.back();
    out << " last=" << r.index << "/" << to_string(r.outcome) << "/" << r.end_ms << "/" << r.replayed << "/"
        << r.executed << "/" << r.checkpoints;
  }
  out << " active=" << e.invocation_active << "\n";
  for (const std::string& id : e.op_order) {
    const Operation* op = e.op(id);
    out << "  " << (op ? to_json(*op).dump() : std::string("missing ") + id) << "\n";
  }
  return out.str();
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Recording, StateAfterEveryEntryIsTheLiveStateOfThatMoment) {
  int checked = 0;
  for (const auto& file : fs::directory_iterator(fs::path(DP_SOURCE_DIR) / "examples")) {
    if (file.path().extension() != ".json")
      continue;
    SCOPED_TRACE(file.path().filename().string());
    const workflow::Document doc = test::load(read(file.path()));
    Engine engine;
    Recording recording;
    recording.attach(engine);
    auto arn = engine.start_execution(doc);
    ASSERT_TRUE(arn.ok());
    // After each engine step: the live fingerprint, keyed by the execution's last entry when that entry is
    // new (a later step that changes the execution without an entry of its own, such as a plain invoke
    // target returning, shows at the execution's next entry).
    std::vector<std::pair<size_t, std::string>> seen;
    auto snapshot = [&] {
      const auto& trace = engine.trace();
      for (size_t i = trace.size(); i-- > 0;)
        if (trace[i].execution_arn == *arn) {
          if (seen.empty() || seen.back().first != i)
            seen.emplace_back(i, fingerprint(*engine.execution(*arn)));
          return;
        }
    };
    snapshot();
    for (int n = 0; n < 100000 && engine.step(Engine::Clock::LetTimeoutsFire); ++n)
      snapshot();
    ASSERT_TRUE(recording.covers(*arn));
    const Execution& live = *engine.execution(*arn);
    for (const auto& [entry, expected] : seen) {
      SCOPED_TRACE("after entry " + std::to_string(entry) + ": " + engine.trace()[entry].text);
      EXPECT_EQ(fingerprint(recording.state_after(live, entry)), expected);
      ++checked;
    }
    // The points: every entry of the execution, replay runs expanded one per operation.
    const std::vector<TracePoint> points = trace_points(engine.trace(), *arn);
    size_t replays = 0, entries = 0;
    for (const TraceEvent& t : engine.trace())
      if (t.execution_arn == *arn) {
        ++entries;
        replays += t.kind == TraceKind::OperationReplayed ? replayed_count(t) - 1 : 0;
      }
    EXPECT_EQ(points.size(), entries + replays);
  }
  EXPECT_GT(checked, 50);
}

TEST(Recording, AnExecutionRestoredBeforeAttachingIsNotCovered) {
  Engine engine;
  auto arn = engine.start_execution(test::load(test::document_text(R"([{"step": "a", "returns": 1}])")));
  ASSERT_TRUE(arn.ok());
  Recording recording;
  recording.attach(engine);
  engine.run_to_end(*arn);
  EXPECT_FALSE(recording.covers(*arn));
}

} // namespace
} // namespace dp::engine
