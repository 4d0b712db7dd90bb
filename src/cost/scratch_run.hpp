// Runs a workflow document to its end in an engine of its own, for an estimate of a run that is not the
// one on screen: the same workflow with every parallel and map NESTED or FLAT (issue 12: "a Compare of
// NESTED vs FLAT for the same workflow"). Nothing is stored; the engine lives as long as the result.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/engine.hpp"
#include "workflow/document.hpp"

namespace dp::cost {

// True when the handler has a parallel or a map (the only operations whose nesting can change).
bool has_batch(const workflow::Body& body);
// A copy of the document with every parallel and map (also in simulation edits) NESTED or FLAT.
workflow::Document with_nesting(const workflow::Document& doc, bool flat);

struct ScratchRun {
  std::unique_ptr<engine::Engine> engine;
  std::string arn;
  const engine::Execution& execution() const { return *engine->execution(arn); }
};
// Runs as `durable-sim run` does: scripted callbacks answer, timers fire, until the end or an unscripted
// callback.
Result<ScratchRun> run_scratch(const workflow::Document& doc, const std::optional<Json>& input);

} // namespace dp::cost
