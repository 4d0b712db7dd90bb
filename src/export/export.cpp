// Export entry points: which generators run for which language, the handler's statement lines, and the
// simulated outcome the generated tests assert.
#include "export/export.hpp"

#include <algorithm>

#include "engine/engine.hpp"
#include "export/emit.hpp"
#include "export/handler_gen.hpp"
#include "export/handler_walk.hpp"
#include "workflow/computed_values.hpp"

namespace dp::exporter {

bool parse_language(const std::string& text, Language& out) {
  if (text == "python")
    out = Language::Python;
  else if (text == "nodejs")
    out = Language::NodeJs;
  else if (text == "both")
    out = Language::Both;
  else
    return false;
  return true;
}

std::string durable_project_name(const workflow::Document& doc) {
  std::string out;
  for (char c : doc.function.name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a'), ok = true;
    out += ok ? c : '-';
  }
  return out.empty() ? "durable-function" : out;
}

ExportFile handler_file(const workflow::Document& doc, Language language) {
  if (language == Language::Python)
    return {"python/lambda_function.py", generate_python_handler(doc).text};
  return {"nodejs/index.mjs", generate_node_handler(doc).text};
}

std::vector<StatementLines> statement_lines(const workflow::Document& doc, Language language) {
  auto lines =
      language == Language::Python ? generate_python_handler(doc).lines : generate_node_handler(doc).lines;
  std::stable_sort(lines.begin(), lines.end(), [](const StatementLines& a, const StatementLines& b) {
    return a.first_line != b.first_line ? a.first_line < b.first_line : a.last_line > b.last_line;
  });
  return lines;
}

std::string terraform_single_file(const workflow::Document& doc, Language language) {
  std::vector<ExportFile> files = terraform_files(doc, language);
  const std::string order[] = {"versions.tf", "variables.tf", "main.tf", "outputs.tf"};
  std::string out;
  for (const std::string& name : order)
    for (const ExportFile& f : files)
      if (f.path == name)
        out += (out.empty() ? "" : "\n") + f.content;
  return out;
}

std::vector<ExportFile> export_project(const workflow::Document& doc, const ExportOptions& options) {
  std::vector<ExportFile> files;
  files.push_back(readme_file(doc, options.language));
  for (auto& f : terraform_files(doc, options.language))
    files.push_back(std::move(f));
  if (options.language != Language::NodeJs) {
    files.push_back(handler_file(doc, Language::Python));
    for (auto& f : python_project_files(doc))
      files.push_back(std::move(f));
  }
  if (options.language != Language::Python) {
    files.push_back(handler_file(doc, Language::NodeJs));
    for (auto& f : node_project_files(doc))
      files.push_back(std::move(f));
  }
  return files;
}

SimulatedOutcome simulate(const workflow::Document& original, workflow::Flavor flavor) {
  SimulatedOutcome out;
  workflow::Document doc = original;
  if (doc.function.flavor() != flavor)
    doc.function.runtime = flavor == workflow::Flavor::Python ? "python3.14" : "nodejs24.x";
  engine::Engine engine;
  auto arn = engine.start_execution(doc);
  if (!arn.ok())
    return out;
  engine.run_to_end(*arn, engine::Engine::Clock::LetTimeoutsFire);
  const engine::Execution* e = engine.execution(*arn);
  if (!e || !e->terminal())
    return out;
  out.finished = true;
  out.status = engine::to_string(e->status);
  out.result = e->result;
  if (e->error) {
    out.error_type = e->error->error_type.value_or("");
    out.error_message = e->error->error_message.value_or("");
  }
  return out;
}

namespace {

// Variables a `let` binds, and whether a condition reads one of them or calls a function.
void let_names(const workflow::Body& body, std::set<std::string>& out) {
  for (const auto& s : body) {
    if (s.kind == workflow::StatementKind::Let)
      out.insert(s.as);
    for (const workflow::Body* inner : {&s.children, &s.catch_body, &s.else_body})
      let_names(*inner, out);
    for (const auto& b : s.branches)
      let_names(b.body, out);
  }
}

bool chance_decides(const workflow::Body& body, const std::set<std::string>& lets) {
  for (const auto& s : body) {
    if (s.kind == workflow::StatementKind::If)
      for (const auto& r : template_references(s.condition))
        if (r.function != workflow::ValueFunction::None || lets.count(r.root))
          return true;
    for (const workflow::Body* inner : {&s.children, &s.catch_body, &s.else_body})
      if (chance_decides(*inner, lets))
        return true;
    for (const auto& b : s.branches)
      if (chance_decides(b.body, lets))
        return true;
  }
  return false;
}

} // namespace

Chance chance_of(const workflow::Document& doc) {
  if (workflow::computed_values(doc).empty())
    return Chance::None;
  std::set<std::string> lets;
  let_names(doc.handler, lets);
  return chance_decides(doc.handler, lets) ? Chance::Path : Chance::Values;
}

const workflow::Statement* find_callback_statement(const workflow::Body& body, const std::string& name) {
  using K = workflow::StatementKind;
  for (const auto& s : body) {
    if ((s.kind == K::CreateCallback || s.kind == K::WaitForCallback) && s.name && *s.name == name)
      return &s;
    for (const workflow::Body* inner : {&s.children, &s.catch_body, &s.else_body})
      if (const workflow::Statement* found = find_callback_statement(*inner, name))
        return found;
    for (const auto& b : s.branches)
      if (const workflow::Statement* found = find_callback_statement(b.body, name))
        return found;
  }
  return nullptr;
}

} // namespace dp::exporter
