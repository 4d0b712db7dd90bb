// Helpers shared by the unit tests: build a document from JSON text and run it.
#pragma once

#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "workflow/loader.hpp"

namespace dp::test {

// A minimal valid document around a handler, in the given runtime.
inline std::string document_text(const std::string& handler, const std::string& runtime = "nodejs22.x",
                                 const std::string& extra = "") {
  return R"({"format": 1, "function": {"name": "fn", "runtime": ")" + runtime +
         R"(", "timeout": 60, "durable_config": {"execution_timeout": 3600}}, "input": {"x": 1}, "handler": )" +
         handler + extra + "}";
}

inline workflow::Document load(const std::string& text) {
  auto doc = workflow::load_document(text);
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().text());
  return doc.ok() ? *doc : workflow::Document{};
}

inline std::string run(engine::Engine& engine, const workflow::Document& doc) {
  auto arn = engine.start_execution(doc);
  EXPECT_TRUE(arn.ok());
  engine.run_to_end(*arn, engine::Engine::Clock::LetTimeoutsFire);
  return *arn;
}

inline int count_trace(const engine::Engine& engine, engine::TraceKind kind) {
  int n = 0;
  for (const auto& t : engine.trace())
    n += t.kind == kind;
  return n;
}

} // namespace dp::test
