#include "workflow/computed_values.hpp"

#include "workflow/value_template.hpp"

namespace dp::workflow {
namespace {

void calls_in(const Json& value, const std::string& path, std::vector<ComputedValue>& out) {
  for (ValueFunction f : called_functions(value))
    out.push_back({path, std::string(function_name(f)) + "()"});
}

void throws_in(const std::vector<ThrowSpec>& throws, const std::string& path,
               std::vector<ComputedValue>& out) {
  for (size_t i = 0; i < throws.size(); ++i)
    calls_in(Json(throws[i].error.message),
             path_key(path_key(path_index(path_key(path, "throws"), i), "error"), "message"), out);
}

void body_in(const Body& body, const std::string& path, std::vector<ComputedValue>& out) {
  using K = StatementKind;
  for (size_t i = 0; i < body.size(); ++i) {
    const Statement& s = body[i];
    std::string sp = path_index(path, i);
    switch (s.kind) {
    case K::Step:
      calls_in(s.body.returns, path_key(sp, "returns"), out);
      throws_in(s.body.throws, sp, out);
      break;
    case K::WaitForCallback:
      calls_in(s.body.returns, path_key(path_key(sp, "submitter"), "returns"), out);
      throws_in(s.body.throws, path_key(sp, "submitter"), out);
      break;
    case K::WaitForCondition:
      calls_in(s.initial_state, path_key(sp, "initial_state"), out);
      calls_in(s.check_returns, path_key(path_key(sp, "check"), "returns"), out);
      throws_in(s.check_throws, path_key(sp, "check"), out);
      break;
    case K::ChildContext:
      body_in(s.children, path_key(sp, "body"), out);
      break;
    case K::Parallel:
      for (size_t b = 0; b < s.branches.size(); ++b)
        body_in(s.branches[b].body, path_key(path_index(path_key(sp, "branches"), b), "body"), out);
      break;
    case K::Map:
      calls_in(s.items, path_key(sp, "items"), out);
      body_in(s.children, path_key(sp, "body"), out);
      break;
    case K::Invoke:
      calls_in(s.payload, path_key(sp, "payload"), out);
      break;
    case K::Try:
      body_in(s.children, path_key(sp, "try"), out);
      body_in(s.catch_body, path_key(sp, "catch"), out);
      break;
    case K::If:
      calls_in(s.condition, path_key(sp, "if"), out);
      body_in(s.children, path_key(sp, "then"), out);
      body_in(s.else_body, path_key(sp, "else"), out);
      break;
    case K::Log:
      calls_in(s.value, path_key(sp, "log"), out);
      break;
    case K::Return:
      calls_in(s.value, path_key(sp, "return"), out);
      break;
    case K::Raise:
      calls_in(Json(s.error.message), path_key(path_key(sp, "raise"), "message"), out);
      break;
    case K::Let:
      out.push_back({sp, "let " + s.as});
      calls_in(s.value, path_key(sp, "value"), out);
      break;
    case K::Wait:
    case K::CreateCallback:
    case K::AwaitCallback:
      break;
    }
  }
}

void document_in(const Document& doc, const std::string& path, std::vector<ComputedValue>& out) {
  body_in(doc.handler, path_key(path, "handler"), out);
  for (size_t i = 0; i < doc.simulation.edits.size(); ++i)
    body_in(doc.simulation.edits[i].handler,
            path_key(path_index(path_key(path_key(path, "simulation"), "edits"), i), "handler"), out);
  for (const auto& [name, target] : doc.functions)
    if (target.workflow)
      document_in(*target.workflow, path_key(path_key(path_key(path, "functions"), name), "workflow"), out);
}

} // namespace

std::vector<ComputedValue> computed_values(const Document& doc) {
  std::vector<ComputedValue> out;
  document_in(doc, "$", out);
  return out;
}

} // namespace dp::workflow
