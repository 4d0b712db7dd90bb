// `durable-sim lessons list|verify [ID...] [--root DIR]`: the lessons of lessons/index.json. `verify` plays
// each lesson: its starting state must fail its check and its solution must pass it; exit 0 only when every
// lesson does, 2 when a lesson file does not load.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "lessons/lesson.hpp"
#include "lessons/playground.hpp"
#include "lessons/solution.hpp"
#include "lessons/verify.hpp"

namespace dp::cli {
namespace {

int lessons_error(const std::string& message) {
  std::fprintf(stderr, "durable-sim lessons: %s\n", message.c_str());
  return 2;
}

} // namespace

std::string find_repository_root(const std::string& given) {
  namespace fs = std::filesystem;
  if (!given.empty())
    return given;
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  for (int i = 0; i < 16 && !ec; ++i) {
    if (fs::exists(dir / lessons::kIndexPath, ec))
      return dir.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir)
      break;
    dir = dir.parent_path();
  }
  return ".";
}

namespace {

void print_items(const lessons::Report& r, const char* indent) {
  for (const auto& item : r.items)
    std::printf("%s%s %s\n", indent, item.passed ? "[x]" : "[ ]",
                (item.passed ? item.want : item.missing()).c_str());
}

// For lesson authors: the check after each action of the solution (what the lesson strip would say).
void print_steps(const lessons::Lesson& l) {
  lessons::EnginePlayground pg;
  if (!lessons::open_lesson(l, pg).ok())
    return;
  lessons::SolutionRun run(l);
  while (!run.done()) {
    const lessons::Action& a = l.solution[run.position()];
    if (auto st = run.next(pg); !st.ok()) {
      std::printf("  after %s: stopped (%s)\n", lessons::describe(a).c_str(), st.error().text().c_str());
      return;
    }
    lessons::Report r = lessons::evaluate(l.check, pg.subject());
    std::string missing = r.missing();
    std::printf("  after %s: %s\n", lessons::describe(a).c_str(),
                r.passed ? "the check passes"
                         : ("missing: " + missing.substr(0, missing.find('\n'))).c_str());
  }
}

} // namespace

int cmd_lessons(const std::vector<std::string>& args) {
  const char* usage = "usage: durable-sim lessons list|verify [ID...] [--root DIR] [--steps]";
  if (args.empty())
    return lessons_error(usage);
  const std::string verb = args[0];
  auto parsed = parse_args(std::vector<std::string>(args.begin() + 1, args.end()), {"--root"}, {"--steps"});
  if (!parsed.ok())
    return lessons_error(parsed.error().text() + " (" + usage + ")");
  const std::vector<std::string>& ids = parsed->positional;
  const bool steps = !parsed->flags.empty();
  const std::string root_arg = parsed->options.count("--root") ? parsed->options.at("--root") : std::string();
  if (verb != "list" && verb != "verify")
    return lessons_error("unknown subcommand '" + verb + "' (" + usage + ")");

  std::string root = find_repository_root(root_arg);
  auto read = lessons::directory_reader(root);
  auto all = lessons::load_all(read);
  if (!all.ok())
    return lessons_error(all.error().text() +
                         (all.error().where == lessons::kIndexPath
                              ? " (looked in " + root + "; run from the repository or pass --root DIR)"
                              : ""));
  std::vector<const lessons::Lesson*> chosen;
  for (const auto& id : ids) {
    const lessons::Lesson* found = nullptr;
    for (const auto& l : *all)
      if (l.id == id)
        found = &l;
    if (!found)
      return lessons_error("no lesson '" + id + "' in " + lessons::kIndexPath +
                           " (durable-sim lessons list)");
    chosen.push_back(found);
  }
  if (ids.empty())
    for (const auto& l : *all)
      chosen.push_back(&l);

  if (verb == "list") {
    for (size_t i = 0; i < chosen.size(); ++i)
      std::printf("%2zu. %-26s %s\n    %s\n", i + 1, chosen[i]->id.c_str(), chosen[i]->title.c_str(),
                  chosen[i]->goal.c_str());
    return 0;
  }

  int failed = 0;
  for (const lessons::Lesson* l : chosen) {
    lessons::Verdict v = lessons::verify(*l);
    std::printf("%s %s (%s)\n", v.ok() ? "PASS" : "FAIL", l->id.c_str(), l->title.c_str());
    std::printf("  start: the check %s\n",
                v.start.passed ? "PASSES, but it must fail (nothing to do)" : "fails, as it must");
    print_items(v.start, "    ");
    std::printf("  solution: %zu of %zu actions performed", v.actions_performed, l->solution.size());
    if (!v.solution_error.empty())
      std::printf(" (stopped: %s)", v.solution_error.c_str());
    std::printf("\n  end: the check %s\n", v.end.passed ? "passes" : "FAILS, but it must pass");
    print_items(v.end, "    ");
    if (steps)
      print_steps(*l);
    failed += !v.ok();
  }
  std::printf("%zu lesson(s) verified, %d failed\n", chosen.size(), failed);
  return failed == 0 ? 0 : 1;
}

} // namespace dp::cli
