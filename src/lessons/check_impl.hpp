// Internal to the check language: the evaluation context and the helpers the predicate files share
// (check.cpp: parsing and combinators; check_engine.cpp: executions; check_static.cpp: document, Terraform
// and export).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lessons/check.hpp"

namespace dp::lessons::detail {

// What a predicate is evaluated against: the subject, and the execution that execution predicates read
// (the latest of the lesson's, or the one some_execution is trying).
struct Context {
  const Subject& subject;
  const engine::Execution* execution = nullptr;
  bool any_execution = false; // the lesson has started at least one execution
};

// The lesson's top-level executions (not durable invoke targets), in start order.
std::vector<const engine::Execution*> lesson_executions(const Subject& s);

// An integer range as the lesson wrote it: a number (exactly) or {"min", "max"}.
struct Range {
  std::optional<double> min;
  std::optional<double> max;
  bool contains(double v) const { return (!min || v >= *min) && (!max || v <= *max); }
};
Range range_of(const Json& j);
// "exactly 1", "at least 4", "at most 0", "between 2 and 3" (with the unit after the number).
std::string range_text(const Range& r, const std::string& unit);
// "1 time", "2 times".
std::string count_text(double n, const std::string& singular, const std::string& plural);
std::string number_text(double n);

// Member lookups on validated arguments.
std::string str(const Json& args, const char* key);
const Json* opt(const Json& args, const char* key);

Outcome pass(std::string now, std::string want);
Outcome fail(std::string now, std::string want);

// Predicates by family; each returns nullopt when `p.name` is not one of its own.
std::optional<Outcome> evaluate_engine(const Predicate& p, const Context& c);
std::optional<Outcome> evaluate_static(const Predicate& p, const Context& c);

} // namespace dp::lessons::detail
