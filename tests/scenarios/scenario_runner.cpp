// Runs every scenario folder under a directory: workflow.json (document, fault plan, callback script) and
// expected.json (final status and result, invocation outcomes, and the whole history as event type and
// operation name, in order). Built natively and with Emscripten (run under Node): both must agree.
// Usage: scenario_runner DIR [--update]   (--update rewrites expected.json from the current engine)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/json_text.hpp"
#include "engine/engine.hpp"
#include "workflow/loader.hpp"

namespace fs = std::filesystem;
using dp::Json;

static std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The observable outcome the scenario pins.
static Json observe(const dp::engine::Engine& engine, const std::string& arn) {
  const dp::engine::Execution* e = engine.execution(arn);
  Json out = Json::object();
  out["status"] = to_string(e->status);
  out["result"] = e->result ? Json(*e->result) : Json(nullptr);
  out["error"] = e->error ? dp::engine::to_json(*e->error) : Json(nullptr);
  Json invocations = Json::array();
  for (const auto& inv : e->invocations)
    invocations.push_back(to_string(inv.outcome));
  out["invocations"] = invocations;
  Json events = Json::array();
  for (const auto& ev : e->events) {
    std::string line = std::to_string(ev.event_id) + " " + ev.event_type;
    if (ev.name)
      line += " " + *ev.name;
    if (ev.details.is_object() && !ev.details.empty()) {
      const Json& d = ev.details.begin().value();
      if (const Json* r = dp::find_member(d, "RetryDetails"))
        line += " " + dp::to_js_json(*r);
      if (const Json* er = dp::find_member(d, "Error"))
        if (const Json* p = dp::find_member(*er, "Payload"); p && p->contains("ErrorType"))
          line += " " + (*p)["ErrorType"].get<std::string>();
    }
    events.push_back(line);
  }
  out["events"] = events;
  Json ops = Json::array();
  for (const auto& op : engine.operations(arn)) {
    if (op->type == dp::engine::OperationType::Execution)
      continue;
    std::string line = std::string(to_string(op->type)) + " " + op->sub_type.value_or("-") + " " +
                       op->name.value_or("-") + " " + to_string(op->status) + " id=" + op->id.substr(0, 16) +
                       " parent=" + (op->parent_id ? op->parent_id->substr(0, 16) : "-");
    if (op->step_details)
      line += " attempt=" + std::to_string(op->step_details->attempt);
    ops.push_back(line);
  }
  out["operations"] = ops;
  return out;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: scenario_runner DIR [--update]\n");
    return 2;
  }
  bool update = argc > 2 && std::string(argv[2]) == "--update";
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(argv[1]))
    if (entry.is_directory() && fs::exists(entry.path() / "workflow.json"))
      dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  int failures = 0;
  for (const auto& dir : dirs) {
    std::string name = dir.filename().string();
    auto doc = dp::workflow::load_document(read(dir / "workflow.json"));
    if (!doc.ok()) {
      std::printf("FAIL %s: %s\n", name.c_str(), doc.error().text().c_str());
      ++failures;
      continue;
    }
    dp::engine::Engine engine;
    auto arn = engine.start_execution(*doc);
    if (!arn.ok()) {
      std::printf("FAIL %s: %s\n", name.c_str(), arn.error().text().c_str());
      ++failures;
      continue;
    }
    engine.run_to_end(*arn,
                      dp::engine::Engine::Clock::LetTimeoutsFire); // nobody answers unscripted callbacks
    Json actual = observe(engine, *arn);
    fs::path expected_path = dir / "expected.json";
    if (update) {
      std::ofstream(expected_path) << actual.dump(2) << "\n";
      std::printf("UPDATED %s\n", name.c_str());
      continue;
    }
    auto expected = dp::parse_json(read(expected_path));
    if (!expected.ok()) {
      std::printf("FAIL %s: expected.json: %s\n", name.c_str(), expected.error().text().c_str());
      ++failures;
      continue;
    }
    if (*expected != actual) {
      ++failures;
      std::printf("FAIL %s\n", name.c_str());
      for (auto it = expected->begin(); it != expected->end(); ++it)
        if (actual[it.key()] != it.value())
          std::printf("  %s\n    expected %s\n    actual   %s\n", it.key().c_str(), it.value().dump().c_str(),
                      actual[it.key()].dump().c_str());
    } else {
      std::printf("ok   %s\n", name.c_str());
    }
  }
  std::printf("%zu scenarios, %d failed\n", dirs.size(), failures);
  return failures == 0 && !dirs.empty() ? 0 : 1;
}
