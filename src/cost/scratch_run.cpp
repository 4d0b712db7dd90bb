#include "cost/scratch_run.hpp"

namespace dp::cost {
namespace {

void set_nesting(workflow::Body& body, bool flat) {
  for (auto& s : body) {
    if (s.kind == workflow::StatementKind::Parallel || s.kind == workflow::StatementKind::Map)
      s.flat_nesting = flat;
    set_nesting(s.children, flat);
    set_nesting(s.catch_body, flat);
    set_nesting(s.else_body, flat);
    for (auto& b : s.branches)
      set_nesting(b.body, flat);
  }
}

} // namespace

bool has_batch(const workflow::Body& body) {
  for (const auto& s : body) {
    if (s.kind == workflow::StatementKind::Parallel || s.kind == workflow::StatementKind::Map)
      return true;
    if (has_batch(s.children) || has_batch(s.catch_body) || has_batch(s.else_body))
      return true;
    for (const auto& b : s.branches)
      if (has_batch(b.body))
        return true;
  }
  return false;
}

workflow::Document with_nesting(const workflow::Document& doc, bool flat) {
  workflow::Document out = doc;
  set_nesting(out.handler, flat);
  for (auto& edit : out.simulation.edits)
    set_nesting(edit.handler, flat);
  return out;
}

Result<ScratchRun> run_scratch(const workflow::Document& doc, const std::optional<Json>& input) {
  ScratchRun r{std::make_unique<engine::Engine>(), ""};
  auto arn = r.engine->start_execution(doc, input);
  if (!arn.ok())
    return arn.error();
  r.arn = *arn;
  r.engine->run_to_end(r.arn);
  return r;
}

} // namespace dp::cost
