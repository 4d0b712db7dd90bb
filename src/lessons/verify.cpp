// Verifying a lesson: the starting state must fail the check, the solution must pass it.
#include "lessons/verify.hpp"

#include "lessons/playground.hpp"
#include "lessons/solution.hpp"

namespace dp::lessons {

Verdict verify(const Lesson& lesson) {
  Verdict v;
  EnginePlayground pg;
  if (auto st = open_lesson(lesson, pg); !st.ok()) {
    v.solution_error = st.error().text();
    return v;
  }
  v.start = evaluate(lesson.check, pg.subject());
  SolutionRun run(lesson);
  Status st = run.finish(pg);
  v.actions_performed = run.position();
  if (!st.ok())
    v.solution_error = st.error().text();
  v.end = evaluate(lesson.check, pg.subject());
  return v;
}

} // namespace dp::lessons
