// `durable-sim cost DOC.json [DOC2.json | --compare-nesting] [--input JSON|@file] [--seed N] [--prices
// FILE]`: runs each document as `run` does (scripted callbacks answer, timers fire) and prints the estimated
// AWS cost (src/cost), or two estimates and their difference. --compare-nesting runs one document twice,
// every parallel and map NESTED and then FLAT, the design choice whose cost people ask about first.
#include <cstdio>

#include "base/json_text.hpp"
#include "cli/commands.hpp"
#include "cost/scratch_run.hpp"

namespace dp::cli {
namespace {

int cost_error(const std::string& message) {
  std::fprintf(stderr, "durable-sim cost: %s\n", message.c_str());
  return 2;
}

} // namespace

int cmd_cost(const std::vector<std::string>& args) {
  std::vector<std::string> docs;
  std::string prices_path, input_text, seed_text;
  bool compare_nesting = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--prices" || a == "--input" || a == "--seed") {
      if (i + 1 >= args.size())
        return cost_error(a + " needs a value");
      (a == "--prices" ? prices_path : a == "--input" ? input_text : seed_text) = args[++i];
    } else if (a == "--compare-nesting") {
      compare_nesting = true;
    } else if (a.rfind("--", 0) == 0) {
      return cost_error(a + ": unknown option");
    } else {
      docs.push_back(a);
    }
  }
  if (docs.empty() || docs.size() > 2 || (compare_nesting && docs.size() != 1))
    return cost_error("expected one workflow document, two to compare, or one with --compare-nesting");
  std::optional<Json> input;
  if (!input_text.empty()) {
    if (input_text[0] == '@') {
      auto file = read_input_file(input_text.substr(1));
      if (!file.ok())
        return cost_error("--input " + file.error().text());
      input_text = *file;
    }
    auto parsed = parse_json(input_text);
    if (!parsed.ok())
      return cost_error("--input: " + parsed.error().text());
    input = *parsed;
  }
  std::vector<workflow::Document> loaded;
  for (const auto& path : docs) {
    auto doc = load_document_file(path);
    if (!doc.ok())
      return cost_error(doc.error().text());
    loaded.push_back(std::move(*doc));
  }
  if (!seed_text.empty()) {
    auto seed = parse_json(seed_text);
    if (!seed.ok() || !seed->is_number_unsigned())
      return cost_error("--seed: expected a non-negative integer, got '" + seed_text + "'");
    for (auto& d : loaded)
      d.simulation.seed = seed->get<uint64_t>();
  }
  if (compare_nesting) {
    if (!cost::has_batch(loaded[0].handler))
      return cost_error(docs[0] + ": no parallel or map to compare NESTED with FLAT");
    workflow::Document original = std::move(loaded[0]);
    loaded = {cost::with_nesting(original, false), cost::with_nesting(original, true)};
  }
  // A missing or malformed price table is not bad input: the report says "no estimate" and why.
  Result<cost::PriceTable> prices = load_prices(prices_path);
  std::vector<cost::ScratchRun> runs;
  for (const auto& d : loaded) {
    auto r = cost::run_scratch(d, input);
    if (!r.ok())
      return cost_error(r.error().text());
    runs.push_back(std::move(*r));
  }
  const engine::Execution* a = runs[0].engine->execution(runs[0].arn);
  if (runs.size() == 1) {
    Json out = cost::to_json(cost::estimate(*a, prices));
    out["status"] = to_string(a->status);
    std::printf("%s\n", json_text(out, 2).c_str());
    return 0;
  }
  const engine::Execution* b = runs[1].engine->execution(runs[1].arn);
  Json out = cost::to_json(cost::compare(*a, *b, prices));
  out["a"]["run"] = compare_nesting ? "NESTED" : docs[0];
  out["b"]["run"] = compare_nesting ? "FLAT" : docs[1];
  out["a"]["status"] = to_string(a->status);
  out["b"]["status"] = to_string(b->status);
  std::printf("%s\n", json_text(out, 2).c_str());
  return 0;
}

} // namespace dp::cli
