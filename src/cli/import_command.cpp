// `durable-sim import` and `durable-sim export-history` (issue 13): executions from AWS histories and SAM's
// local store into a playground database, and a stored execution's history back out in AWS's JSON shape.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "engine/engine.hpp"
#include "importer/execution_builder.hpp"
#include "importer/history_export.hpp"
#include "importer/history_reader.hpp"
#include "importer/sam_store.hpp"
#include "store/store.hpp"

namespace dp::cli {
namespace {

int fail(const char* command, const std::string& message) {
  std::fprintf(stderr, "durable-sim %s: %s\n", command, message.c_str());
  return 2;
}

// Histories are bigger than documents: a long execution's pages run to tens of megabytes.
constexpr uintmax_t kMaxHistoryBytes = 512u << 20;

Result<std::string> read_history_file(const std::string& path) {
  return read_input_file(path, kMaxHistoryBytes, "is larger than 512 MB");
}

Json summary(const engine::Execution& e, size_t unknown) {
  return Json{{"executionArn", e.arn},
              {"name", e.name},
              {"imported_from", e.imported_from},
              {"status", to_string(e.status)},
              {"operations", e.op_order.size()},
              {"events", e.events.size()},
              {"invocations", e.invocations.size()},
              {"unknown_events", unknown}};
}

int store_imported(const char* command, const std::string& db_path, importer::ImportedExecution imported,
                   size_t unknown) {
  auto db = store::Store::open(db_path, /*must_exist=*/false, /*lock_writer=*/true);
  if (!db.ok())
    return fail(command, db.error().text());
  Json report = summary(imported.execution, unknown);
  if (auto st = (*db)->import_execution(std::move(imported.execution), std::move(imported.trace)); !st.ok())
    return fail(command, st.error().text());
  std::printf("%s\n", json_text(report, 2).c_str());
  return 0;
}

int import_sam(const Args& o) {
  const std::string& path = o.options.at("--sam");
  auto sam = importer::SamStore::open(path);
  if (!sam.ok())
    return fail("import", sam.error().text());
  auto it = o.options.find("--execution");
  if (it == o.options.end()) {
    auto list = (*sam)->list();
    if (!list.ok())
      return fail("import", list.error().text());
    Json out = Json::array();
    for (const auto& x : *list)
      out.push_back(
          Json{{"DurableExecutionArn", x.arn},
               {"FunctionName", x.function_name},
               {"DurableExecutionName", x.execution_name},
               {"Status", x.status},
               {"StartTimestamp", x.start_ms ? Json(engine::iso8601(*x.start_ms)) : Json(nullptr)}});
    std::printf("%s\n", json_text(Json{{"Executions", out}}, 2).c_str());
    if (!out.empty() && !o.options.count("--db"))
      std::fprintf(stderr, "durable-sim import: import one with --execution ARN --db PATH\n");
    return 0;
  }
  if (!o.options.count("--db"))
    return fail("import", "--sam with --execution needs --db PATH (the playground database to import into)");
  auto history = (*sam)->history(it->second);
  if (!history.ok())
    return fail("import", history.error().text());
  auto built = importer::build_execution(*history, "sam: " + path);
  if (!built.ok())
    return fail("import", built.error().text());
  return store_imported("import", o.options.at("--db"), std::move(*built), history->unknown_events);
}

} // namespace

int cmd_import(const std::vector<std::string>& args) {
  auto o = parse_args(args, {"--db", "--sam", "--execution"}, {});
  if (!o.ok())
    return fail("import", o.error().text());
  if (o->options.count("--sam")) {
    if (!o->positional.empty())
      return fail("import", "give either history files or --sam FILE, not both");
    return import_sam(*o);
  }
  if (o->positional.empty())
    return fail("import", "give the history files (the JSON `aws lambda get-durable-execution-history "
                          "--include-execution-data` prints) and --db PATH");
  if (!o->options.count("--db"))
    return fail("import", "needs --db PATH (the playground database to import into)");
  std::vector<importer::Source> sources;
  for (const std::string& path : o->positional) {
    auto text = read_history_file(path);
    if (!text.ok())
      return fail("import", text.error().text());
    sources.push_back({path, std::move(*text)});
  }
  auto history = importer::read_history(sources);
  if (!history.ok())
    return fail("import", history.error().text());
  auto built = importer::build_execution(
      *history, "aws-history: " + std::filesystem::path(o->positional.front()).filename().string());
  if (!built.ok())
    return fail("import", built.error().text());
  return store_imported("import", o->options.at("--db"), std::move(*built), history->unknown_events);
}

int cmd_export_history(const std::vector<std::string>& args) {
  auto o = parse_args(args, {"--db", "--execution"}, {"--events-only"});
  if (!o.ok())
    return fail("export-history", o.error().text());
  if (!o->positional.empty())
    return fail("export-history", "unexpected argument '" + o->positional.front() + "'");
  auto path = o->options.find("--db");
  if (path == o->options.end())
    return fail("export-history", "needs --db PATH");
  auto db = store::Store::open(path->second, /*must_exist=*/true);
  if (!db.ok())
    return fail("export-history", db.error().text());
  engine::Engine engine;
  if (auto st = (*db)->attach(engine); !st.ok())
    return fail("export-history", st.error().text());
  const auto& order = engine.service().execution_order();
  std::string arn = order.empty() ? "" : order.back();
  if (auto it = o->options.find("--execution"); it != o->options.end())
    arn = it->second;
  const engine::Execution* e = engine.execution(arn);
  if (!e)
    return fail("export-history", arn.empty() ? "the database holds no execution"
                                              : "no execution " + arn + " in " + path->second);
  bool events_only = !o->flags.empty();
  std::fputs(events_only ? (json_text(importer::history_page(*e), 2) + "\n").c_str()
                         : importer::export_history_text(*e).c_str(),
             stdout);
  return 0;
}

} // namespace dp::cli
