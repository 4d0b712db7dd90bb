// Demo scripts: the loader's errors (which file, which JSON path, what), playing forward and going back to
// the same state, a failed expectation named by its step, and every script of lessons/scripts/index.json
// verified.
#include <map>

#include "../test_support.hpp"
#include "lessons/script.hpp"
#include "memory_reader.hpp"

namespace dp::lessons {
namespace {

using test::reader;

const char* kScript = R"({
  "format": 1, "id": "tiny", "title": "Tiny",
  "workflow": "examples/order.json",
  "panels": ["run", "timeline"],
  "steps": [
    {"caption": "The order workflow."},
    {"caption": "Start.", "start": {}},
    {"caption": "To the wait.", "run": "suspension", "expect": {"invocation": {"index": 1, "status": "PENDING"}}},
    {"caption": "To the end.", "run": "end", "expect": {"execution_status": "SUCCEEDED"}}
  ]
})";

std::string with(const std::string& key, const Json& value) {
  Json j = *parse_json(kScript);
  if (value.is_null())
    j.erase(key);
  else
    j[key] = value;
  return j.dump();
}

std::string load_error(const std::string& text) {
  auto s = parse_script("lessons/scripts/tiny.json", text, reader({}));
  return s.ok() ? "(loaded)" : s.error().text();
}

const engine::Execution* only_execution(const EnginePlayground& pg) {
  const auto& order = pg.engine().service().execution_order();
  return order.size() == 1 ? pg.engine().execution(order[0]) : nullptr;
}

TEST(ScriptLoader, LoadsAValidScript) {
  auto s = parse_script("lessons/scripts/tiny.json", kScript, reader({}));
  ASSERT_TRUE(s.ok()) << s.error().text();
  EXPECT_EQ(s->id, "tiny");
  ASSERT_EQ(s->steps.size(), 4u);
  EXPECT_EQ(s->steps[0].action.name, ""); // words only
  EXPECT_EQ(s->steps[0].action.caption, "The order workflow.");
  EXPECT_EQ(s->steps[1].action.name, "start");
  EXPECT_TRUE(s->steps[2].expect.has_value());
}

TEST(ScriptLoader, ErrorsNameTheFileAndThePath) {
  EXPECT_EQ(load_error("{").substr(0, 46), "lessons/scripts/tiny.json: line 1, column 2: i");
  EXPECT_EQ(load_error(with("colour", "red")),
            "lessons/scripts/tiny.json: $.colour: unknown field (a typo? see docs/script-format.md)");
  EXPECT_EQ(
      load_error(with("steps", Json::array({Json{{"start", Json::object()}}}))),
      "lessons/scripts/tiny.json: $.steps[0]: every step needs a 'caption': the words shown while it plays");
  EXPECT_EQ(
      load_error(with("steps", Json::array({Json{{"caption", "x"}, {"run", "far"}}}))),
      "lessons/scripts/tiny.json: $.steps[0].run: expected \"suspension\", \"end\" or \"end_with_timeouts\"");
  EXPECT_EQ(load_error(with(
                "steps", Json::array({Json{{"caption", "x"}, {"start", Json::object()}, {"run", "end"}}}))),
            "lessons/scripts/tiny.json: $.steps[0].run: an action does one thing (this one is 'start')");
  EXPECT_EQ(load_error(with("panels", Json::array({"run", "slides"}))).substr(0, 67),
            "lessons/scripts/tiny.json: $.panels[1]: unknown panel 'slides' (cal");
  EXPECT_EQ(load_error(with("workflow", "examples/missing.json")),
            "lessons/scripts/tiny.json: $.workflow: cannot read examples/missing.json: cannot read the file");
  EXPECT_EQ(
      load_error(with("id", "Tiny Script")),
      "lessons/scripts/tiny.json: $.id: expected 1-64 of a-z, 0-9 and - (it is part of links: #script=ID)");
  EXPECT_EQ(load_error(with("steps", Json::array({Json{{"caption", "x"}, {"expect", Json{{"colour", 1}}}}})))
                .substr(0, 50),
            "lessons/scripts/tiny.json: $.steps[0].expect.colou");
}

TEST(ScriptRun, GoingBackPlaysTheScriptAgainToTheSameState) {
  auto s = parse_script("lessons/scripts/tiny.json", kScript, reader({}));
  ASSERT_TRUE(s.ok()) << s.error().text();
  EnginePlayground pg;
  ScriptRun run(*s);
  ASSERT_TRUE(run.open(pg).ok());
  EXPECT_EQ(run.caption(), "");
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(run.next(pg).ok());
  EXPECT_EQ(run.caption(), "To the wait.");
  const engine::Execution* e = only_execution(pg);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->invocations.size(), 1u);
  const int64_t clock_at_wait = pg.engine().now();
  ASSERT_TRUE(run.next(pg).ok());
  EXPECT_TRUE(run.done());
  EXPECT_EQ(only_execution(pg)->status, engine::ExecutionStatus::Succeeded);

  // Back one step: the executions are cleared and the script plays again to the wait.
  ASSERT_TRUE(run.go_to(3, pg).ok());
  EXPECT_EQ(run.position(), 3u);
  EXPECT_EQ(run.caption(), "To the wait.");
  e = only_execution(pg);
  ASSERT_NE(e, nullptr) << "going back leaves one execution, not two";
  EXPECT_EQ(e->status, engine::ExecutionStatus::Running);
  EXPECT_EQ(e->invocations.size(), 1u);
  EXPECT_EQ(pg.engine().now(), clock_at_wait);
  ASSERT_TRUE(run.go_to(0, pg).ok());
  EXPECT_EQ(pg.engine().service().execution_order().size(), 0u);
}

TEST(ScriptVerify, AFailedExpectationNamesItsStep) {
  auto steps = parse_json(R"([
    {"caption": "Start.", "start": {}},
    {"caption": "To the wait.", "run": "suspension", "expect": {"execution_status": "SUCCEEDED"}}
  ])");
  auto s = parse_script("lessons/scripts/tiny.json", with("steps", *steps), reader({}));
  ASSERT_TRUE(s.ok()) << s.error().text();
  ScriptVerdict v = verify_script(*s);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.steps_performed, 2u);
  EXPECT_EQ(v.error.substr(0, 40), "$.steps[1].expect: after this step the e");

  // An action that cannot apply: a run before any start.
  auto early = parse_script("lessons/scripts/tiny.json",
                            with("steps", Json::array({Json{{"caption", "x"}, {"run", "end"}}})), reader({}));
  ASSERT_TRUE(early.ok());
  ScriptVerdict v2 = verify_script(*early);
  EXPECT_EQ(v2.error, "$.steps[0].run: no execution yet: a start action must come first");
  EXPECT_EQ(v2.steps_performed, 0u);
}

TEST(Scripts, EveryScriptOfTheIndexVerifies) {
  auto all = load_all_scripts(directory_reader(DP_SOURCE_DIR));
  ASSERT_TRUE(all.ok()) << all.error().text();
  EXPECT_GE(all->size(), 2u);
  for (const auto& s : *all) {
    ScriptVerdict v = verify_script(s);
    EXPECT_TRUE(v.ok()) << s.id << ": " << v.error;
    EXPECT_EQ(v.steps_performed, s.steps.size()) << s.id;
  }
}

} // namespace
} // namespace dp::lessons
