// [SECTION] index: the document · Terraform · export · dispatch
// Predicates over what the learner wrote rather than what ran: the workflow document (a step's semantics
// and retry, where a value is computed), the Terraform text (the validator's diagnostics, the resources)
// and the project export writes from the document.
#include <algorithm>
#include <cctype>
#include <functional>

#include "export/export.hpp"
#include "lessons/check_impl.hpp"
#include "terraform/validate.hpp"
#include "workflow/loader.hpp"

namespace dp::lessons::detail {
namespace {

using workflow::Statement;

std::string in_quotes(const std::string& name) {
  return "'" + name + "'";
}

// [SECTION] the document

void visit_statements(const workflow::Body& body, const std::function<void(const Statement&)>& visit) {
  for (const auto& s : body) {
    visit(s);
    visit_statements(s.children, visit);
    for (const auto& b : s.branches)
      visit_statements(b.body, visit);
    visit_statements(s.catch_body, visit);
    visit_statements(s.else_body, visit);
  }
}

const Statement* find_statement(const workflow::Document& doc, const std::string& name,
                                workflow::StatementKind kind) {
  const Statement* found = nullptr;
  visit_statements(doc.handler, [&](const Statement& s) {
    if (!found && s.kind == kind && s.name && *s.name == name)
      found = &s;
  });
  return found;
}

Outcome no_document(const std::string& want) {
  return fail("no workflow document is loaded", want);
}

const char* retry_word(workflow::RetryMode m) {
  return m == workflow::RetryMode::None ? "none" : m == workflow::RetryMode::Custom ? "custom" : "default";
}

const char* jitter_word(workflow::Jitter j) {
  return j == workflow::Jitter::Full ? "full" : j == workflow::Jitter::Half ? "half" : "none";
}

bool is_body_statement(const Json& statement) {
  if (!statement.is_object() || statement.empty())
    return false;
  const std::string& kind = statement.begin().key();
  return kind == "step" || kind == "wait_for_callback" || kind == "wait_for_condition";
}

// Walks the serialised handler: `inside` gets the body values of steps (and submitters and checks),
// `outside` everything else the handler computes on every invocation.
void split_values(const Json& j, std::string& inside, std::string& outside, const std::string& only_step) {
  if (j.is_array()) {
    for (const auto& item : j)
      split_values(item, inside, outside, only_step);
    return;
  }
  if (!j.is_object()) {
    outside += json_text(j) + "\n";
    return;
  }
  bool body = is_body_statement(j);
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (body && (k == "returns" || k == "submitter" || k == "check")) {
      const Json& name = j.begin().value();
      if (only_step.empty() || (name.is_string() && name.get<std::string>() == only_step))
        inside += json_text(it.value()) + "\n";
      continue;
    }
    if (body && it == j.begin())
      continue; // the operation's name is not a value the handler computes
    split_values(it.value(), inside, outside, only_step);
  }
}

Outcome step(const Predicate& p, const Context& c) {
  std::string name = str(p.args, "name");
  std::string q = "the step " + in_quotes(name);
  std::vector<std::string> parts;
  if (const Json* s = opt(p.args, "semantics"))
    parts.push_back("use " + s->get<std::string>() + " semantics");
  if (const Json* r = opt(p.args, "retry"))
    parts.push_back("have retry " + r->get<std::string>());
  if (const Json* m = opt(p.args, "max_attempts"))
    parts.push_back("allow " + range_text(range_of(*m), "attempts"));
  if (const Json* b = opt(p.args, "backoff_rate"))
    parts.push_back("back off by a rate of " + range_text(range_of(*b), ""));
  if (const Json* j = opt(p.args, "jitter"))
    parts.push_back("use " + j->get<std::string>() + " jitter");
  if (const Json* t = opt(p.args, "returns_contains"))
    parts.push_back("return something with " + t->get<std::string>() + " in it");
  std::string want = q + " should ";
  for (size_t i = 0; i < parts.size(); ++i)
    want += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  if (parts.empty())
    want += "exist";
  if (!c.subject.document)
    return no_document(want);
  const Statement* s = find_statement(*c.subject.document, name, workflow::StatementKind::Step);
  if (!s)
    return fail("the workflow has no step named " + in_quotes(name), want);
  if (const Json* sem = opt(p.args, "semantics")) {
    std::string got = s->semantics == workflow::StepSemantics::AtMostOncePerRetry ? "at_most_once_per_retry"
                                                                                  : "at_least_once_per_retry";
    if (got != sem->get<std::string>())
      return fail(q + " uses " + got + " semantics", want);
  }
  if (const Json* r = opt(p.args, "retry"); r && retry_word(s->retry_mode) != r->get<std::string>())
    return fail(q + " has retry " + std::string(retry_word(s->retry_mode)), want);
  bool custom = s->retry_mode == workflow::RetryMode::Custom;
  if (const Json* m = opt(p.args, "max_attempts")) {
    if (!custom || !s->retry.max_attempts)
      return fail(q + " does not set max_attempts", want);
    if (!range_of(*m).contains(*s->retry.max_attempts))
      return fail(q + " allows " + number_text(*s->retry.max_attempts) + " attempts", want);
  }
  if (const Json* b = opt(p.args, "backoff_rate")) {
    if (!custom || !s->retry.backoff_rate)
      return fail(q + " does not set backoff_rate", want);
    if (!range_of(*b).contains(*s->retry.backoff_rate))
      return fail(q + " backs off by a rate of " + number_text(*s->retry.backoff_rate), want);
  }
  if (const Json* j = opt(p.args, "jitter")) {
    if (!custom || !s->retry.jitter)
      return fail(q + " does not set jitter", want);
    if (jitter_word(*s->retry.jitter) != j->get<std::string>())
      return fail(q + " uses " + std::string(jitter_word(*s->retry.jitter)) + " jitter", want);
  }
  if (const Json* t = opt(p.args, "returns_contains")) {
    if (json_text(s->body.returns).find(t->get<std::string>()) == std::string::npos)
      return fail(q + " returns nothing with " + t->get<std::string>() + " in it", want);
  }
  return pass(q + " is written that way", want);
}

Outcome in_step(const Predicate& p, const Context& c) {
  std::string text = str(p.args, "text");
  std::string only = str(p.args, "step");
  std::string where = only.empty() ? "inside a step" : "inside the step " + in_quotes(only);
  std::string want = text + " should be computed " + where;
  if (!c.subject.document)
    return no_document(want);
  std::string inside, outside;
  split_values(workflow::save_body(c.subject.document->handler), inside, outside, only);
  if (inside.find(text) != std::string::npos)
    return pass(text + " is computed " + where, want);
  return fail(text + " is not computed " + where, want);
}

Outcome outside_steps(const Predicate& p, const Context& c) {
  std::string text = str(p.args, "text");
  std::string want = text + " should be computed outside any step";
  if (!c.subject.document)
    return no_document(want);
  std::string inside, outside;
  split_values(workflow::save_body(c.subject.document->handler), inside, outside, "");
  if (outside.find(text) != std::string::npos)
    return pass(text + " is computed outside steps, again on every invocation", want);
  return fail(text + " is not computed outside steps", want);
}

Outcome statement(const Predicate& p, const Context& c) {
  std::string kind = str(p.args, "kind");
  std::string name = str(p.args, "name");
  Range r = opt(p.args, "count") ? range_of(p.args["count"]) : Range{1, std::nullopt};
  std::string what = kind + (name.empty() ? "" : " " + in_quotes(name));
  std::string want = "the workflow should have " + range_text(r, what + " statements");
  if (!c.subject.document)
    return no_document(want);
  int n = 0;
  visit_statements(c.subject.document->handler, [&](const Statement& s) {
    n += statement_keyword(s.kind) == kind && (name.empty() || (s.name && *s.name == name));
  });
  std::string now = "the workflow has " + count_text(n, what + " statement", what + " statements");
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

// [SECTION] Terraform

Outcome terraform_diagnostics(const Predicate& p, const Context& c) {
  std::string severity = str(p.args, "severity");
  std::string rule = str(p.args, "rule");
  Range r = range_of(p.args["count"]);
  std::string kind =
      (severity.empty() ? "diagnostics" : severity + "s") + (rule.empty() ? "" : " of rule " + rule);
  std::string want = "the validator should report " + range_text(r, kind);
  if (!c.subject.terraform)
    return fail("there is no Terraform text", want);
  tf::Report report = tf::validate({{"main.tf", *c.subject.terraform}});
  int n = 0;
  std::vector<std::string> rules;
  for (const auto& d : report.diagnostics) {
    if ((!severity.empty() && severity_name(d.severity) != severity) || (!rule.empty() && d.rule != rule))
      continue;
    ++n;
    if (!d.rule.empty() && std::find(rules.begin(), rules.end(), d.rule) == rules.end())
      rules.push_back(d.rule);
  }
  std::string listed;
  for (const auto& id : rules)
    listed += (listed.empty() ? " (" : ", ") + id;
  if (!listed.empty())
    listed += ")";
  std::string singular = severity.empty() ? "diagnostic" : severity;
  std::string now = "the validator reports " + count_text(n, singular, singular + "s") + listed;
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

Outcome terraform_resource(const Predicate& p, const Context& c) {
  std::string type = str(p.args, "type");
  std::string block = str(p.args, "block");
  std::string attribute = str(p.args, "attribute");
  Range r = opt(p.args, "count") ? range_of(p.args["count"]) : Range{1, std::nullopt};
  std::string with = !block.empty()       ? " with a " + block + " block"
                     : !attribute.empty() ? " that sets " + attribute
                                          : "";
  std::string want = "main.tf should declare " + range_text(r, type + " resources" + with);
  if (!c.subject.terraform)
    return fail("there is no Terraform text", want);
  tf::Report report = tf::validate({{"main.tf", *c.subject.terraform}});
  int n = 0;
  for (const auto& ref : report.module.resources_of(type)) {
    if (!block.empty() && std::none_of(ref.block->body.blocks.begin(), ref.block->body.blocks.end(),
                                       [&](const tf::Block& b) { return b.type == block; }))
      continue;
    if (!attribute.empty() && !ref.attr(attribute))
      continue;
    ++n;
  }
  std::string now =
      "main.tf declares " + count_text(n, type + " resource" + with, type + " resources" + with);
  return r.contains(n) ? pass(now, want) : fail(now, want);
}

// [SECTION] export

// Runs of spaces, tabs and newlines count as one space, so a check does not depend on how the exporter
// aligns `=` signs.
std::string squeeze(const std::string& s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = true;
      continue;
    }
    if (space && !out.empty())
      out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

Outcome export_file(const Predicate& p, const Context& c) {
  std::string path = str(p.args, "path");
  std::string text = str(p.args, "contains");
  std::string want = "the exported " + path + " should contain " + text;
  if (!c.subject.document)
    return no_document(want);
  for (const auto& f : exporter::export_project(*c.subject.document)) {
    if (f.path != path)
      continue;
    if (squeeze(f.content).find(squeeze(text)) != std::string::npos)
      return pass("the exported " + path + " contains " + text, want);
    return fail("the exported " + path + " does not contain " + text, want);
  }
  return fail("the export has no file " + path, want);
}

Outcome export_terraform(const Predicate& p, const Context& c) {
  const Json* errors = opt(p.args, "errors");
  const Json* warnings = opt(p.args, "warnings");
  std::string want = "the exported Terraform should pass the validator";
  if (errors)
    want += " with " + range_text(range_of(*errors), "errors");
  if (warnings)
    want += std::string(errors ? " and " : " with ") + range_text(range_of(*warnings), "warnings");
  if (!c.subject.document)
    return no_document(want);
  std::vector<tf::SourceText> files;
  for (auto& f : exporter::export_project(*c.subject.document))
    if (f.path.size() > 3 && f.path.compare(f.path.size() - 3, 3, ".tf") == 0)
      files.push_back({f.path, std::move(f.content)});
  tf::Report report = tf::validate(std::move(files));
  std::string now = "the exported Terraform has " + count_text(report.error_count, "error", "errors") +
                    " and " + count_text(report.warning_count, "warning", "warnings");
  bool ok = (!errors || range_of(*errors).contains(report.error_count)) &&
            (!warnings || range_of(*warnings).contains(report.warning_count));
  return ok ? pass(now, want) : fail(now, want);
}

} // namespace

// [SECTION] dispatch

std::optional<Outcome> evaluate_static(const Predicate& p, const Context& c) {
  const std::string& n = p.name;
  if (n == "step")
    return step(p, c);
  if (n == "in_step")
    return in_step(p, c);
  if (n == "outside_steps")
    return outside_steps(p, c);
  if (n == "statement")
    return statement(p, c);
  if (n == "terraform_diagnostics")
    return terraform_diagnostics(p, c);
  if (n == "terraform_resource")
    return terraform_resource(p, c);
  if (n == "export_file")
    return export_file(p, c);
  if (n == "export_terraform")
    return export_terraform(p, c);
  return std::nullopt;
}

} // namespace dp::lessons::detail
