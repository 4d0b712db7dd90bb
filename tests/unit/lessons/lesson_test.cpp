// Lesson files: the loader's errors (which file, which JSON path, what), the JSON Patch subset, solutions
// played on an EnginePlayground, and every lesson of lessons/index.json verified (start fails, solution
// passes).
#include <map>

#include "../test_support.hpp"
#include "lessons/lesson.hpp"
#include "lessons/solution.hpp"
#include "lessons/verify.hpp"
#include "memory_reader.hpp"

namespace dp::lessons {
namespace {

using test::reader;

const char* kLesson = R"({
  "format": 1, "id": "tiny", "title": "Tiny", "goal": "Run it.",
  "workflow": "examples/order.json",
  "instructions": ["Press Start."], "hints": ["Press To end."],
  "check": {"execution_status": "SUCCEEDED"},
  "solution": [{"start": {}}, {"run": "end"}],
  "learned": "Runs end.",
  "links": [{"title": "AWS", "url": "https://docs.aws.amazon.com/lambda/latest/dg/durable-functions.html"}]
})";

// The lesson text with one field replaced (or removed, with a null value).
std::string with(const std::string& key, const Json& value) {
  Json j = *parse_json(kLesson);
  if (value.is_null())
    j.erase(key);
  else
    j[key] = value;
  return j.dump();
}

std::string load_error(const std::string& text) {
  auto l = parse_lesson("lessons/tiny.json", text, reader({}));
  return l.ok() ? "(loaded)" : l.error().text();
}

TEST(LessonLoader, LoadsAValidLesson) {
  auto l = parse_lesson("lessons/tiny.json", kLesson, reader({}));
  ASSERT_TRUE(l.ok()) << l.error().text();
  EXPECT_EQ(l->id, "tiny");
  EXPECT_EQ(l->workflow.name, "order-processing");
  EXPECT_EQ(l->workflow_source, "examples/order.json");
  EXPECT_EQ(l->solution.size(), 2u);
  EXPECT_EQ(l->check.name, "execution_status");
}

TEST(LessonLoader, ErrorsNameTheFileAndThePath) {
  EXPECT_EQ(load_error("{\"format\": 1,").substr(0, 52),
            "lessons/tiny.json: line 1, column 14: invalid JSON: ");
  EXPECT_EQ(load_error(with("titel", "x")),
            "lessons/tiny.json: $.titel: unknown field (a typo? see docs/lessons-format.md)");
  EXPECT_EQ(load_error(with("format", 2)), "lessons/tiny.json: $.format: expected \"format\": 1");
  EXPECT_EQ(load_error(with("id", "Tiny Lesson")),
            "lessons/tiny.json: $.id: expected 1-64 of a-z, 0-9 and - (it is part of links: #lesson=ID)");
  EXPECT_EQ(load_error(with("goal", nullptr)), "lessons/tiny.json: $: the lesson needs 'goal'");
  EXPECT_EQ(load_error(with("hints", Json::array({"a", 3}))),
            "lessons/tiny.json: $.hints[1]: expected a non-empty string");
  EXPECT_EQ(load_error(with("workflow", "examples/nowhere.json")),
            "lessons/tiny.json: $.workflow: cannot read examples/nowhere.json: cannot read the file");
  EXPECT_EQ(load_error(with("workflow", Json{{"format", 1}, {"handler", Json::array()}})).substr(0, 40),
            "lessons/tiny.json: $.workflow.function: ");
  EXPECT_EQ(load_error(with("workflow_edit",
                            Json::array({{{"op", "replace"}, {"path", "/handler/9"}, {"value", 1}}}))),
            "lessons/tiny.json: $.workflow_edit[0]: the path /handler/9 is not an index of the list");
  EXPECT_EQ(load_error(with("workflow_edit",
                            Json::array({{{"op", "add"}, {"path", "/handler/0/seconds"}, {"value", "ten"}}})))
                .substr(0, 55),
            "lessons/tiny.json: $.workflow (examples/order.json) $.h");
  EXPECT_EQ(load_error(with("check", Json{{"all", Json::array({Json{{"execution_status", "DONE"}}})}})),
            "lessons/tiny.json: $.check.all[0].execution_status: unknown execution status 'DONE' (RUNNING, "
            "SUCCEEDED, "
            "FAILED, TIMED_OUT, STOPPED)");
  EXPECT_EQ(load_error(with("solution", Json::array({Json{{"launch", Json::object()}}}))).substr(0, 70),
            "lessons/tiny.json: $.solution[0].launch: unknown action 'launch' (know");
  EXPECT_EQ(
      load_error(with("solution", Json::array({Json{{"run", "forever"}}}))),
      "lessons/tiny.json: $.solution[0].run: expected \"suspension\", \"end\" or \"end_with_timeouts\"");
  EXPECT_EQ(load_error(with("solution", Json::array({Json{{"callback", Json{{"name", "a"}}}}}))),
            "lessons/tiny.json: $.solution[0].callback: needs exactly one of succeed, fail or heartbeat");
  EXPECT_EQ(
      load_error(with("solution", Json::array({Json{{"set_workflow", "examples/none.json"}}}))),
      "lessons/tiny.json: $.solution[0].set_workflow: cannot read examples/none.json: cannot read the file");
  EXPECT_EQ(load_error(with("terraform", "lessons/none.tf")),
            "lessons/tiny.json: $.terraform: cannot read lessons/none.tf: cannot read the file");
  EXPECT_EQ(load_error(with("links", Json::array({{{"title", "x"}, {"url", "http://example.com"}}}))),
            "lessons/tiny.json: $.links[0].url: expected an https:// address");
  EXPECT_EQ(load_error(with("panels", Json::array({"run", "timline"}))),
            "lessons/tiny.json: $.panels[1]: unknown panel 'timline' (callbacks, checkpoints, code, editor, "
            "executions, export, faults, history, operations, run, story, terraform, timeline)");
}

TEST(LessonLoader, IndexErrors) {
  auto bad = [](const std::string& index) {
    auto r = load_all(reader({{kIndexPath, index}, {"lessons/tiny.json", kLesson}}));
    return r.ok() ? std::string("(loaded)") : r.error().text();
  };
  EXPECT_EQ(bad(R"({"format": 1, "lessons": ["tiny"]})"), "(loaded)");
  EXPECT_EQ(bad(R"({"format": 1, "lessons": []})"),
            "lessons/index.json: $: expected {\"format\": 1, \"lessons\": [\"id\", ...]}");
  EXPECT_EQ(bad(R"({"format": 1, "lessons": ["tiny", "tiny"]})"),
            "lessons/index.json: $.lessons[1]: the lesson is listed twice");
  EXPECT_EQ(bad(R"({"format": 1, "lessons": ["gone"]})"), "lessons/gone.json: cannot read the file");
}

TEST(Patch, AddRemoveReplaceMoveCopy) {
  Json doc = *parse_json(R"({"a": [1, 2, 3], "b": {"c": 1}})");
  auto r = apply_patch(doc, *parse_json(R"([
    {"op": "add", "path": "/a/1", "value": 9}, {"op": "remove", "path": "/a/0"},
    {"op": "replace", "path": "/b/c", "value": 2}, {"op": "add", "path": "/a/-", "value": 4},
    {"op": "copy", "from": "/b", "path": "/d"}, {"op": "move", "from": "/a/0", "path": "/e"},
    {"op": "add", "path": "/x~1y", "value": true}])"));
  ASSERT_TRUE(r.ok()) << r.error().text();
  EXPECT_EQ(r->dump(), R"({"a":[2,3,4],"b":{"c":2},"d":{"c":2},"e":9,"x/y":true})");
  auto bad = [&](const std::string& patch) {
    auto p = apply_patch(doc, *parse_json(patch));
    return p.ok() ? std::string("(applied)") : p.error().text();
  };
  EXPECT_EQ(bad(R"([{"op": "test", "path": "/a"}])"),
            "$[0]: unsupported op 'test' (add, remove, replace, move or copy)");
  EXPECT_EQ(bad(R"([{"op": "remove", "path": "/z"}])"), "$[0]: the path /z does not exist");
  EXPECT_EQ(bad(R"([{"op": "replace", "path": "/a/01", "value": 1}])"),
            "$[0]: the path /a/01 is not an index of the list");
  EXPECT_EQ(bad(R"([{"op": "add", "path": "a", "value": 1}])"), "$[0]: a JSON pointer starts with /");
  EXPECT_EQ(bad(R"([{"op": "move", "from": "/q", "path": "/r"}])"), "$[0]: the path /q does not exist");
  EXPECT_EQ(bad(R"([{"op": "add", "path": "/b/c/d", "value": 1}])"),
            "$[0]: the path /b/c/d goes through a value that is neither an object nor a list");
}

TEST(Solution, AnActionThatFailsNamesItsPathAndStops) {
  auto text = with("solution", Json::array({Json{{"run", "end"}}, Json{{"start", Json::object()}}}));
  auto l = parse_lesson("lessons/tiny.json", text, reader({}));
  ASSERT_TRUE(l.ok()) << l.error().text();
  EnginePlayground pg;
  ASSERT_TRUE(open_lesson(*l, pg).ok());
  SolutionRun run(*l);
  auto st = run.next(pg);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().text(), "$.solution[0].run: no execution yet: a start action must come first");
  EXPECT_EQ(run.position(), 0u);
  EXPECT_FALSE(run.done());

  // An edit that breaks the document is refused and leaves the document alone.
  auto edit =
      with("solution",
           Json::array({Json{
               {"edit", Json::array({{{"op", "add"}, {"path", "/handler/0/seconds"}, {"value", "ten"}}})}}}));
  auto l2 = parse_lesson("lessons/tiny.json", edit, reader({}));
  ASSERT_TRUE(l2.ok()) << l2.error().text();
  EnginePlayground pg2;
  ASSERT_TRUE(open_lesson(*l2, pg2).ok());
  SolutionRun run2(*l2);
  auto st2 = run2.next(pg2);
  ASSERT_FALSE(st2.ok());
  EXPECT_EQ(st2.error().text().substr(0, 70),
            "$.solution[0].edit: the changed document does not load: $.handler[0].s");
  EXPECT_EQ(pg2.document().handler.size(), l2->workflow.handler.size());
}

TEST(Solution, TinyLessonVerifies) {
  auto l = parse_lesson("lessons/tiny.json", kLesson, reader({}));
  ASSERT_TRUE(l.ok());
  Verdict v = verify(*l);
  EXPECT_FALSE(v.start.passed);
  EXPECT_TRUE(v.end.passed);
  EXPECT_TRUE(v.ok());
  // A lesson whose start already passes has nothing to teach: verify says so.
  auto empty = with("check", Json{{"not", Json{{"execution_status", "FAILED"}}}});
  auto l2 = parse_lesson("lessons/tiny.json", empty, reader({}));
  ASSERT_TRUE(l2.ok());
  EXPECT_FALSE(verify(*l2).ok());
}

// Issue 10: every lesson's starting state fails its check and its solution passes it.
TEST(Lessons, EveryLessonOfTheIndexVerifies) {
  auto all = load_all(directory_reader(DP_SOURCE_DIR));
  ASSERT_TRUE(all.ok()) << all.error().text();
  EXPECT_GE(all->size(), 12u);
  for (const auto& l : *all) {
    Verdict v = verify(l);
    EXPECT_FALSE(v.start.passed) << l.id << ": the starting state already passes the check";
    EXPECT_EQ(v.solution_error, "") << l.id;
    EXPECT_TRUE(v.end.passed) << l.id << ": " << v.end.missing();
  }
}

} // namespace
} // namespace dp::lessons
