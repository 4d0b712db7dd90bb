// `durable-sim scripts list|verify [ID...] [--root DIR] [--steps]`: the demo scripts of
// lessons/scripts/index.json (docs/script-format.md). `verify` plays each script: every step's action must
// apply and its `expect` hold, and going back to any step must reach the state playing forward reached.
// Exit 0 only when every script does, 1 when one does not, 2 when a script file does not load.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "lessons/playground.hpp"
#include "lessons/script.hpp"

namespace dp::cli {
namespace {

int scripts_error(const std::string& message) {
  std::fprintf(stderr, "durable-sim scripts: %s\n", message.c_str());
  return 2;
}

// For script authors: each step's caption, in order, as the audience will read them.
void print_captions(const lessons::Script& s) {
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const lessons::Action& a = s.steps[i].action;
    std::printf("  %2zu. [%s] %s\n", i + 1, a.name.empty() ? "words" : lessons::describe(a).c_str(),
                a.caption.c_str());
  }
}

} // namespace

int cmd_scripts(const std::vector<std::string>& args) {
  const char* usage = "usage: durable-sim scripts list|verify [ID...] [--root DIR] [--steps]";
  if (args.empty())
    return scripts_error(usage);
  const std::string verb = args[0];
  auto parsed = parse_args(std::vector<std::string>(args.begin() + 1, args.end()), {"--root"}, {"--steps"});
  if (!parsed.ok())
    return scripts_error(parsed.error().text() + " (" + usage + ")");
  const std::vector<std::string>& ids = parsed->positional;
  const bool steps = !parsed->flags.empty();
  const std::string root_arg = parsed->options.count("--root") ? parsed->options.at("--root") : std::string();
  if (verb != "list" && verb != "verify")
    return scripts_error("unknown subcommand '" + verb + "' (" + usage + ")");

  const std::string root = find_repository_root(root_arg);
  auto all = lessons::load_all_scripts(lessons::directory_reader(root));
  if (!all.ok())
    return scripts_error(all.error().text() +
                         (all.error().where == lessons::kScriptIndexPath
                              ? " (looked in " + root + "; run from the repository or pass --root DIR)"
                              : ""));
  std::vector<const lessons::Script*> chosen;
  for (const auto& id : ids) {
    const lessons::Script* found = nullptr;
    for (const auto& s : *all)
      if (s.id == id)
        found = &s;
    if (found == nullptr)
      return scripts_error("no script '" + id + "' in " + lessons::kScriptIndexPath +
                           " (durable-sim scripts list)");
    chosen.push_back(found);
  }
  if (ids.empty())
    for (const auto& s : *all)
      chosen.push_back(&s);

  if (verb == "list") {
    for (size_t i = 0; i < chosen.size(); ++i) {
      std::printf("%2zu. %-26s %s (%zu steps)\n", i + 1, chosen[i]->id.c_str(), chosen[i]->title.c_str(),
                  chosen[i]->steps.size());
      if (steps)
        print_captions(*chosen[i]);
    }
    return 0;
  }

  int failed = 0;
  for (const lessons::Script* s : chosen) {
    const lessons::ScriptVerdict v = lessons::verify_script(*s);
    std::printf("%s %s (%s): %zu of %zu steps performed\n", v.ok() ? "PASS" : "FAIL", s->id.c_str(),
                s->title.c_str(), v.steps_performed, s->steps.size());
    if (!v.ok())
      std::printf("  %s\n", v.error.c_str());
    if (steps)
      print_captions(*s);
    failed += !v.ok();
  }
  std::printf("%zu script(s) verified, %d failed\n", chosen.size(), failed);
  return failed == 0 ? 0 : 1;
}

} // namespace dp::cli
