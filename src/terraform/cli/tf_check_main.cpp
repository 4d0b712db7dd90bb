// tf-check: validates Terraform files with the playground's validator and prints Terraform-shaped
// diagnostics. Files in the same directory, and each directory given, form one module.
// Exit status: 1 when there is an error diagnostic, 0 otherwise, 2 on bad arguments.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "terraform/render.hpp"
#include "terraform/validate.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: tf-check [--format text|json|line] [--explain] [--color] [--all-errors] [--audit-min-days N] "
    "PATH...\n"
    "  PATH        a .tf file or a directory (its *.tf files form one module)\n"
    "  --format    text (Terraform's layout, default), json (terraform validate -json plus rule ids) or "
    "line\n"
    "  --explain   add each rule's why, fix and source to text output\n"
    "  --color     colour the text output\n"
    "  --audit-min-days N   retention the host requires for audits (DUR016)\n"
    "  --all-errors  report every unterminated string (HCL001), not only the first of a file\n"
    "  --list-rules  print every rule with its explanation (text, or JSON with --format json)\n"
    "exit status: 1 if any error diagnostic, 0 otherwise, 2 on bad arguments\n";

int bad_arguments(const std::string& message) {
  std::cerr << "tf-check: " << message << "\n" << kUsage;
  return 2;
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in)
    return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

} // namespace

int main(int argc, char** argv) {
  std::string format = "text";
  bool explain = false;
  bool color = false;
  dp::tf::ValidateOptions options;
  std::vector<std::string> paths;
  bool list_rules = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc)
        return false;
      out = argv[++i];
      return true;
    };
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--format" || a.rfind("--format=", 0) == 0) {
      if (a == "--format" && !value(format))
        return bad_arguments("--format needs a value: text or json");
      if (a != "--format")
        format = a.substr(9);
      if (format != "text" && format != "json" && format != "line")
        return bad_arguments("unknown format \"" + format + "\": use text, json or line");
    } else if (a == "--all-errors") {
      options.parse.all_unterminated = true;
    } else if (a == "--list-rules") {
      list_rules = true;
    } else if (a == "--explain") {
      explain = true;
    } else if (a == "--color") {
      color = true;
    } else if (a == "--audit-min-days") {
      std::string n;
      if (!value(n) || n.empty() || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 6)
        return bad_arguments("--audit-min-days needs a number of days");
      options.audit_min_days = std::stoi(n);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return bad_arguments("unknown option \"" + a + "\"");
    } else {
      paths.push_back(a);
    }
  }
  if (list_rules) {
    if (format == "json") {
      std::cout << dp::json_text(dp::tf::render_rules(), 2) << "\n";
    } else {
      for (const dp::tf::RuleInfo& r : dp::tf::all_rules())
        std::cout << r.id << " (" << dp::severity_name(r.severity) << ") " << r.title
                  << "\n  When: " << r.what << "\n  Why:  " << r.why << "\n  Fix:  " << r.fix
                  << "\n  See:  " << r.source << "\n";
    }
    return 0;
  }
  if (paths.empty())
    return bad_arguments("no PATH given: name .tf files or directories to check");

  // Group into modules: each directory argument, and the file arguments by their directory.
  std::map<std::string, std::vector<fs::path>> modules;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::path path(p);
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".tf")
          files.push_back(entry.path());
      if (ec)
        return bad_arguments("cannot read directory \"" + p + "\": " + ec.message());
      if (files.empty())
        return bad_arguments("no .tf files in directory \"" + p + "\"");
      std::sort(files.begin(), files.end());
      auto& list = modules[path.lexically_normal().string()];
      list.insert(list.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(path, ec)) {
      modules[path.parent_path().lexically_normal().string() + "/"].push_back(path);
    } else {
      return bad_arguments("no such file or directory: \"" + p + "\"");
    }
  }

  int errors = 0, warnings = 0, infos = 0;
  dp::Json merged = dp::Json::array();
  std::string text;
  for (auto& [dir, files] : modules) {
    std::vector<dp::tf::SourceText> sources;
    for (const fs::path& f : files) {
      std::string content;
      if (!read_file(f, content))
        return bad_arguments("cannot read \"" + f.string() + "\"");
      sources.push_back({f.string(), std::move(content)});
    }
    dp::tf::Report report = dp::tf::validate(std::move(sources), options);
    errors += report.error_count;
    warnings += report.warning_count;
    infos += report.info_count;
    if (format == "json") {
      dp::Json rendered = dp::tf::render_json(report);
      for (auto& d : rendered["diagnostics"])
        merged.push_back(d);
    } else if (format == "line") {
      for (const auto& d : report.diagnostics)
        text += dp::tf::render_line(d) + "\n";
    } else {
      text += dp::tf::render_text(report, color, explain);
    }
  }
  if (format == "json") {
    dp::Json out = dp::Json::object();
    out["format_version"] = "1.0";
    out["valid"] = errors == 0;
    out["error_count"] = errors;
    out["warning_count"] = warnings;
    out["info_count"] = infos;
    out["diagnostics"] = merged;
    std::cout << dp::json_text(out, 2) << "\n";
  } else {
    if (errors + warnings + infos == 0 && format == "text")
      text = "Success! The configuration is valid.\n";
    std::cout << text;
  }
  return errors > 0 ? 1 : 0;
}
