// Engine and store throughput, printed as figures (tools/bench runs this natively and in wasm under Node).
//   (a) a 200-step workflow; (b) 10,000 steps with a 1-second wait after every 100 (100 invocations, each
//   replaying everything before it); (c) the same with the SQLite store on (checkpointed operations/s);
//   (d) the page's "To end" run of tests/e2e/bench_web.mjs: 10,000 Python steps of 1 ms, the default
//   invocation timeout (each invocation replays all earlier steps), store on and every replay traced;
//   (e) (b) with the store on and every replay traced (500,000 replays: the trace's own cost);
//   (f) 50 steps returning 200 KB each, store on (schema 8 keeps each large payload once);
//   (g) the story panel's narration (explain::narrate) of (d)'s execution at 1,000 and 10,000 steps: the
//   page tells the whole story again after each change, and Step in the Run panel narrates at least
//   twice, so this is the floor of a Step's cost in a long execution.
//   (h) the Operations panel's tree (engine::OperationTree) of a 40,000-operation execution, the size of
//   the 100 MB import of docs/import-history.md: 20,000 top-level steps and 2,000 child contexts of 9 steps,
//   with 64-character ids as the SDKs make them. The page builds it in one frame after a change.
// Each case runs `repeats` times; the median is reported. Peak memory: ru_maxrss natively, the wasm heap size
// in the browser build (linear memory never shrinks, so its size is the peak).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#endif

#include "engine/engine.hpp"
#include "engine/operation_tree.hpp"
#include "explain/explain.hpp"
#include "store/store.hpp"
#include "workflow/loader.hpp"

using namespace dp;

static workflow::Document make_doc(int steps, int wait_every) {
  workflow::Document doc;
  doc.function.runtime = "nodejs22.x";
  doc.function.timeout = 900;
  doc.function.execution_timeout = 31'622'400;
  doc.simulation.lift_quotas = true; // 10,000 steps: past the 3,000-operation quota (docs/limits.md)
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

// 50 steps whose results are 200 KB each, all different (issue 12: a payload was stored three times).
static workflow::Document make_large_results_doc(int steps, size_t bytes) {
  workflow::Document doc = make_doc(steps, 0);
  doc.simulation.lift_quotas = false; // 50 operations, 10 MB: well within the quotas
  for (size_t i = 0; i < doc.handler.size(); ++i) {
    std::string result = std::to_string(i) + ":";
    result.resize(bytes, static_cast<char>('a' + i % 26));
    doc.handler[i].body.returns = result;
  }
  return doc;
}

struct Run {
  double seconds;
  double cpu_seconds; // process CPU time: the figure to trust on a loaded machine
  int64_t operations; // operations the SDK handled: replayed + executed, over all invocations
  int64_t executed;
  int invocations;
  size_t trace_entries;
  int64_t db_bytes = 0; // the database file after the run (issue 12: at most 10 MB for 10,000 steps)
};

// The document tests/e2e/bench_web.mjs loads into the page.
static workflow::Document make_page_doc(int steps) {
  Json handler = Json::array();
  for (int i = 0; i < steps; ++i)
    handler.push_back(Json{{"step", "s" + std::to_string(i)}, {"returns", i}, {"duration_ms", 1}});
  Json doc{
      {"format", 1},
      {"name", "bench-" + std::to_string(steps)},
      {"function",
       {{"name", "bench"}, {"runtime", "python3.14"}, {"durable_config", {{"execution_timeout", 86400}}}}},
      {"input", Json::object()},
      {"handler", handler},
      {"simulation", {{"seed", 1}, {"lift_quotas", true}}}};
  auto loaded = workflow::load_document_json(doc);
  if (!loaded.ok()) {
    std::fprintf(stderr, "page document refused: %s\n", loaded.error().text().c_str());
    std::exit(2);
  }
  return *loaded;
}

static Run run_once(const workflow::Document& doc, const std::string& db_path, bool trace_replays) {
  engine::EngineOptions options;
  options.trace_replays = trace_replays;
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
  const std::clock_t cpu_start = std::clock();
  auto arn = engine.start_execution(doc);
  engine.run_to_end(*arn, engine::Engine::Clock::LetTimeoutsFire);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const engine::Execution* e = engine.execution(*arn);
  if (e->status != engine::ExecutionStatus::Succeeded) {
    std::fprintf(stderr, "benchmark execution did not succeed: %s\n", to_string(e->status));
    std::exit(1);
  }
  Run r{seconds, cpu_seconds, 0, 0, static_cast<int>(e->invocations.size()), engine.trace().size()};
  if (db) {
    db.reset(); // closed: everything is in the main file
    std::error_code ec;
    auto bytes = std::filesystem::file_size(db_path, ec);
    r.db_bytes = ec ? -1 : static_cast<int64_t>(bytes);
  }
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

static void report(const char* name, const workflow::Document& doc, const std::string& db, int repeats,
                   bool trace_replays = false) {
  std::vector<Run> runs;
  for (int i = 0; i < repeats; ++i)
    runs.push_back(run_once(doc, db, trace_replays));
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
  const Run& m = runs[runs.size() / 2];
  std::printf(
      "{\"case\": \"%s\", \"median_s\": %.4f, \"cpu_s\": %.4f, \"invocations\": %d, \"operations\": %lld, "
      "\"executed\": %lld, "
      "\"operations_per_s\": %.0f, \"checkpointed_per_s\": %.0f, \"trace_entries\": %zu, \"peak_mb\": "
      "%.1f, \"db_bytes\": %lld}\n",
      name, m.seconds, m.cpu_seconds, m.invocations, static_cast<long long>(m.operations),
      static_cast<long long>(m.executed), m.operations / m.seconds, m.executed / m.seconds, m.trace_entries,
      peak_memory_mb(), static_cast<long long>(m.db_bytes));
  std::fflush(stdout);
}

static void report_narration(int steps, int repeats) {
  engine::Engine engine; // replays traced, as in the page
  auto arn = engine.start_execution(make_page_doc(steps));
  engine.run_to_end(*arn, engine::Engine::Clock::LetTimeoutsFire);
  std::vector<double> seconds;
  size_t sentences = 0;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    sentences = explain::narrate(engine, *arn).size();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("{\"case\": \"g_narrate_%d_steps\", \"median_s\": %.4f, \"sentences\": %zu, "
              "\"trace_entries\": %zu}\n",
              steps, seconds[seconds.size() / 2], sentences, engine.trace().size());
  std::fflush(stdout);
}

static void report_tree(int repeats) {
  engine::Execution e;
  auto add = [&](std::string id, std::optional<std::string> parent, engine::OperationType type) {
    auto op = std::make_shared<engine::Operation>();
    op->id = id;
    op->parent_id = std::move(parent);
    op->type = type;
    e.op_order.push_back(id);
    e.ops[id] = std::move(op);
  };
  auto id_of = [](int n) {
    char hex[65];
    std::snprintf(hex, sizeof hex, "%016x%016x%016x%016x", n * 2654435761u, n, ~n, n * 40503u);
    return std::string(hex);
  };
  int n = 0;
  add(id_of(n++), std::nullopt, engine::OperationType::Execution);
  for (int i = 0; i < 2'000; ++i) {
    for (int k = 0; k < 10; ++k)
      add(id_of(n++), id_of(0), engine::OperationType::Step);
    const std::string context = id_of(n++);
    add(context, id_of(0), engine::OperationType::Context);
    for (int k = 0; k < 9; ++k)
      add(id_of(n++), context, engine::OperationType::Step);
  }
  std::vector<double> seconds;
  size_t top = 0;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    top = engine::OperationTree::of(e).top().size();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("{\"case\": \"h_operation_tree_%zu_operations\", \"median_s\": %.4f, \"top_level\": %zu}\n",
              e.op_order.size(), seconds[seconds.size() / 2], top);
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
  if (only.empty() || only == "d")
    report("d_page_10000_steps_store_trace", make_page_doc(10'000), db, repeats, true);
  if (only.empty() || only == "e")
    report("e_store_trace_10000_steps_100_invocations", make_doc(10'000, 100), db, repeats, true);
  if (only.empty() || only == "f")
    report("f_store_50_steps_200kb_results", make_large_results_doc(50, 200'000), db, repeats);
  if (only.empty() || only == "g") {
    report_narration(1'000, repeats);
    report_narration(10'000, repeats);
  }
  if (only.empty() || only == "h")
    report_tree(repeats);
  if (!std::getenv("BENCH_KEEP_DB"))
    std::filesystem::remove(db);
  return 0;
}
