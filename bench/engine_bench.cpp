// Engine and store throughput, printed as figures (tools/bench runs this natively and in wasm under Node).
//   (a) a 200-step workflow; (b) 10,000 steps with a 1-second wait after every 100 (100 invocations, each
//   replaying everything before it); (c) the same with the SQLite store on (checkpointed operations/s).
// Each case runs `repeats` times; the median is reported. Peak memory: ru_maxrss natively, the wasm heap size
// in the browser build (linear memory never shrinks, so its size is the peak).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#endif

#include "engine/engine.hpp"
#include "store/store.hpp"
#include "workflow/loader.hpp"

using namespace dp;

static workflow::Document make_doc(int steps, int wait_every) {
  workflow::Document doc;
  doc.function.runtime = "nodejs22.x";
  doc.function.timeout = 900;
  doc.function.execution_timeout = 31'622'400;
  for (int i = 1; i <= steps; ++i) {
    workflow::Statement s;
    s.kind = workflow::StatementKind::Step;
    s.name = "step-" + std::to_string(i);
    s.body.returns = i;
    s.body.has_returns = true;
    doc.handler.push_back(s);
    if (wait_every > 0 && i % wait_every == 0 && i < steps) {
      workflow::Statement w;
      w.kind = workflow::StatementKind::Wait;
      w.wait_seconds = 1;
      doc.handler.push_back(w);
    }
  }
  return doc;
}

struct Run {
  double seconds;
  int64_t operations; // operations the SDK handled: replayed + executed, over all invocations
  int64_t executed;
  int invocations;
};

static Run run_once(const workflow::Document& doc, const std::string& db_path) {
  engine::EngineOptions options;
  options.trace_replays = false;
  engine::Engine engine(options);
  std::unique_ptr<store::Store> db;
  if (!db_path.empty()) {
    std::filesystem::remove(db_path);
    auto opened = store::Store::open(db_path);
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.error().text().c_str());
      std::exit(2);
    }
    db = std::move(*opened);
    (void)db->attach(engine);
  }
  auto start = std::chrono::steady_clock::now();
  auto arn = engine.start_execution(doc);
  engine.run_to_end(*arn, engine::Engine::Clock::LetTimeoutsFire);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const engine::Execution* e = engine.execution(*arn);
  if (e->status != engine::ExecutionStatus::Succeeded) {
    std::fprintf(stderr, "benchmark execution did not succeed: %s\n", to_string(e->status));
    std::exit(1);
  }
  Run r{seconds, 0, 0, static_cast<int>(e->invocations.size())};
  for (const auto& inv : e->invocations) {
    r.operations += inv.replayed + inv.executed;
    r.executed += inv.executed;
  }
  return r;
}

static double peak_memory_mb() {
#ifdef __EMSCRIPTEN__
  return static_cast<double>(emscripten_get_heap_size()) / (1024.0 * 1024.0);
#else
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
#endif
}

static void report(const char* name, const workflow::Document& doc, const std::string& db, int repeats) {
  std::vector<Run> runs;
  for (int i = 0; i < repeats; ++i)
    runs.push_back(run_once(doc, db));
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
  const Run& m = runs[runs.size() / 2];
  std::printf(
      "{\"case\": \"%s\", \"median_s\": %.4f, \"invocations\": %d, \"operations\": %lld, \"executed\": %lld, "
      "\"operations_per_s\": %.0f, \"checkpointed_per_s\": %.0f, \"peak_mb\": %.1f}\n",
      name, m.seconds, m.invocations, static_cast<long long>(m.operations),
      static_cast<long long>(m.executed), m.operations / m.seconds, m.executed / m.seconds, peak_memory_mb());
  std::fflush(stdout);
}

int main(int argc, char** argv) {
  int repeats = argc > 1 ? std::atoi(argv[1]) : 5;
  std::string db = argc > 2 ? argv[2] : "bench-store.db";
  std::string only = argc > 3 ? argv[3] : "";
  if (only.empty() || only == "a")
    report("a_200_steps", make_doc(200, 0), "", repeats);
  if (only.empty() || only == "b")
    report("b_10000_steps_100_invocations", make_doc(10'000, 100), "", repeats);
  if (only.empty() || only == "c")
    report("c_store_2000_steps_20_invocations", make_doc(2'000, 100), db, repeats);
  std::filesystem::remove(db);
  return 0;
}
