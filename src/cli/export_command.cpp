// `durable-sim export DOC.json --out DIR [--lang python|nodejs|both]`: writes the starter project.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "export/export.hpp"
#include "workflow/loader.hpp"

namespace dp::cli {
namespace {

int export_error(const std::string& message, int code = 2) {
  std::fprintf(stderr, "durable-sim export: %s\n", message.c_str());
  return code;
}

} // namespace

int cmd_export(const std::vector<std::string>& args) {
  std::string doc_path, out_dir, lang = "both";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--out" || a == "--lang") {
      if (i + 1 >= args.size())
        return export_error(a + " needs a value");
      (a == "--out" ? out_dir : lang) = args[++i];
    } else if (a.rfind("--", 0) == 0) {
      return export_error(a + ": unknown option (export DOC.json --out DIR [--lang python|nodejs|both])");
    } else if (doc_path.empty()) {
      doc_path = a;
    } else {
      return export_error("'" + a + "': export takes one workflow document");
    }
  }
  if (doc_path.empty())
    return export_error("needs a workflow document (export DOC.json --out DIR)");
  if (out_dir.empty())
    return export_error("needs --out DIR (the folder to write the project into)");
  exporter::Language language;
  if (!exporter::parse_language(lang, language))
    return export_error("--lang: expected python, nodejs or both, got '" + lang + "'");
  std::ifstream in(doc_path, std::ios::binary);
  if (!in)
    return export_error(doc_path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  auto doc = workflow::load_document(text.str());
  if (!doc.ok())
    return export_error(doc_path + ": " + doc.error().text());

  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& file : exporter::export_project(*doc, {language})) {
    fs::path path = fs::path(out_dir) / file.path;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      return export_error(path.parent_path().string() + ": cannot create the folder (" + ec.message() + ")");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << file.content;
    if (!out)
      return export_error(path.string() + ": cannot write the file");
    std::printf("%s\n", path.string().c_str());
  }
  return 0;
}

} // namespace dp::cli
