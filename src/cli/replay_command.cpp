// `durable-sim replay DOC.json --history FILE... [--flavour js|python]` (issue 13): does the document, as
// it is now, replay the recorded history? Exit 0 when it replays cleanly, 1 when an operation differs.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "importer/execution_builder.hpp"
#include "importer/history_reader.hpp"
#include "importer/replay_check.hpp"
#include "workflow/loader.hpp"

namespace dp::cli {
namespace {

int replay_error(const std::string& message) {
  std::fprintf(stderr, "durable-sim replay: %s\n", message.c_str());
  return 2;
}

Result<std::string> slurp(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Error{path, "cannot read the file (no such file, or not a regular file)"};
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace

int cmd_replay(const std::vector<std::string>& args) {
  std::string doc_path, flavour;
  std::vector<std::string> histories;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--history" || a == "--flavour") {
      if (i + 1 >= args.size())
        return replay_error(a + " needs a value");
      (a == "--history" ? histories.emplace_back() : flavour) = args[++i];
    } else if (a.rfind("--", 0) == 0) {
      return replay_error("unknown option " + a);
    } else if (doc_path.empty()) {
      doc_path = a;
    } else {
      histories.push_back(a); // more pages of the history after --history FILE
    }
  }
  if (doc_path.empty() || histories.empty())
    return replay_error("usage: durable-sim replay DOC.json --history FILE... [--flavour js|python]");
  auto doc_text = slurp(doc_path);
  if (!doc_text.ok())
    return replay_error(doc_text.error().text());
  auto doc = workflow::load_document(*doc_text);
  if (!doc.ok())
    return replay_error(doc_path + ": " + doc.error().text());
  std::vector<importer::Source> sources;
  for (const std::string& path : histories) {
    auto text = slurp(path);
    if (!text.ok())
      return replay_error(text.error().text());
    sources.push_back({path, std::move(*text)});
  }
  auto history = importer::read_history(sources);
  if (!history.ok())
    return replay_error(history.error().text());
  auto built = importer::build_execution(*history, "aws-history: " + histories.front());
  if (!built.ok())
    return replay_error(built.error().text());
  auto report = importer::replay_check(*doc, built->execution, flavour);
  if (!report.ok())
    return replay_error(report.error().text());
  std::printf("%s\n", json_text(importer::to_json(*report), 2).c_str());
  return report->clean ? 0 : 1;
}

} // namespace dp::cli
