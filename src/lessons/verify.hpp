// `durable-sim lessons verify` and the tests: a lesson is sound when its starting state fails its check
// (there is something to do) and its solution, played from that state, passes it.
#pragma once

#include <string>

#include "lessons/check.hpp"
#include "lessons/lesson.hpp"

namespace dp::lessons {

struct Verdict {
  Report start;               // the check on the starting state: must fail
  std::string solution_error; // an action that could not be performed ("" when all were)
  Report end;                 // the check after the solution: must pass
  size_t actions_performed = 0;
  bool ok() const { return !start.passed && solution_error.empty() && end.passed; }
};

// Opens the lesson in a fresh EnginePlayground, checks, plays the solution, checks again.
Verdict verify(const Lesson& lesson);

} // namespace dp::lessons
