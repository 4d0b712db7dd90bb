// Does the cost grow with the input, or faster? (issue 14, item 4: no quadratic paths on accepted input.)
// One case at one size per process, so that the peak memory printed is that case's own:
//   scaling_bench CASE SIZE [REPEATS]
// CASE: check_nested_if (load and validate `if` nested SIZE deep), run_nested_parallel (run parallels
// nested SIZE deep), run_map (run a map over SIZE items, one step each), run_wide_parallel (run one
// parallel of SIZE branches). Prints one JSON line: the median wall and CPU time and the peak RSS.
// tools/bench-scaling runs each case at n and 10n and prints the ratios.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "engine/engine.hpp"
#include "workflow/loader.hpp"

using namespace dp;

namespace {

Json document(Json handler) {
  return Json{{"format", 1},
              {"name", "scaling"},
              {"function",
               {{"name", "scaling"},
                {"runtime", "python3.14"},
                {"timeout", 900},
                {"durable_config", {{"execution_timeout", 86400}}}}},
              {"input", Json::object()},
              {"handler", std::move(handler)},
              // Inputs grown 10x pass the 3,000-operation quota (docs/limits.md): measure the engine anyway.
              {"simulation", {{"seed", 1}, {"lift_quotas", true}}}};
}

Json nested_if(int depth) {
  Json body = Json::array({Json{{"step", "inner"}, {"returns", 1}, {"as", "x"}}});
  for (int i = 0; i < depth; ++i)
    body = Json::array({Json{{"if", true}, {"then", body}}});
  body.push_back(Json{{"return", "done"}});
  return document(body);
}

Json nested_parallel(int depth) {
  Json body = Json::array({Json{{"step", "leaf"}, {"returns", 1}, {"as", "x"}}, Json{{"return", "${x}"}}});
  for (int i = 0; i < depth; ++i)
    body = Json::array({Json{{"parallel", "p" + std::to_string(i)},
                             {"branches", Json::array({Json{{"name", "b"}, {"body", body}}})},
                             {"as", "r"}},
                        Json{{"return", "${r.status}"}}});
  return document(body);
}

Json map_over(int items) {
  Json list = Json::array();
  for (int i = 0; i < items; ++i)
    list.push_back(i);
  Json doc = document(
      Json::array({Json{{"map", "each"},
                        {"items", "${input.items}"},
                        {"item_as", "it"},
                        {"body", Json::array({Json{{"step", "work"}, {"returns", "${it}"}, {"as", "w"}},
                                              Json{{"return", "${w}"}}})},
                        {"as", "m"}},
                   Json{{"return", "${m.successCount}"}}}));
  doc["input"] = Json{{"items", list}};
  return doc;
}

Json wide_parallel(int branches) {
  Json list = Json::array();
  for (int i = 0; i < branches; ++i)
    list.push_back(Json{
        {"name", "b" + std::to_string(i)},
        {"body", Json::array({Json{{"step", "s"}, {"returns", i}, {"as", "x"}}, Json{{"return", "${x}"}}})}});
  return document(Json::array(
      {Json{{"parallel", "wide"}, {"branches", list}, {"as", "r"}}, Json{{"return", "${r.successCount}"}}}));
}

struct Timing {
  double wall;
  double cpu;
};

template <typename F>
Timing measure(F&& f) {
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  f();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC};
}

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "scaling_bench: %s\n", why.c_str());
  std::exit(2);
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3)
    fail("usage: scaling_bench CASE SIZE [REPEATS]");
  std::string which = argv[1];
  int size = std::atoi(argv[2]);
  int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  Json doc = which == "check_nested_if"       ? nested_if(size)
             : which == "run_nested_parallel" ? nested_parallel(size)
             : which == "run_map"             ? map_over(size)
             : which == "run_wide_parallel"   ? wide_parallel(size)
                                              : Json();
  if (doc.is_null())
    fail("unknown case " + which);
  // The document as a user gives it: text, loaded and validated (what `check` does).
  std::string text = doc.dump();
  size_t operations = 0;
  std::vector<Timing> runs;
  for (int r = 0; r < repeats; ++r) {
    runs.push_back(measure([&] {
      auto loaded = workflow::load_document(text);
      if (!loaded.ok())
        fail("document refused: " + loaded.error().text());
      if (which.rfind("run_", 0) != 0)
        return;
      engine::EngineOptions options;
      options.trace_replays = false;
      engine::Engine engine(options);
      auto arn = engine.start_execution(*loaded);
      engine.run_to_end(*arn, engine::Engine::Clock::LetTimeoutsFire);
      const engine::Execution* e = engine.execution(*arn);
      if (e->status != engine::ExecutionStatus::Succeeded)
        fail(std::string("execution ended ") + to_string(e->status));
      operations = e->ops.size();
    }));
  }
  std::sort(runs.begin(), runs.end(), [](const Timing& a, const Timing& b) { return a.wall < b.wall; });
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("{\"case\": \"%s\", \"size\": %d, \"median_s\": %.4f, \"cpu_s\": %.4f, \"operations\": %zu, "
              "\"document_bytes\": %zu, \"peak_mb\": %.1f}\n",
              which.c_str(), size, runs[runs.size() / 2].wall, runs[runs.size() / 2].cpu, operations,
              text.size(), static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
