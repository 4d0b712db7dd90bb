// Explain (issue 9): golden narrations of every example and of the fault cases in both SDK flavours, the
// side-effect ledger for each fault kind, the links of sentences, the ledger in the store (round trip and
// migration from schema 3), and the cost of narrating a 1,000-operation execution.
//
// Goldens: tests/unit/explain/golden/<document>.<py|js>.txt, one block per sentence. After a deliberate
// change of wording, regenerate them and read the diff as a learner would:
//   DP_UPDATE_GOLDEN=1 build/native/bin/explain_test --gtest_filter='Golden*'
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "explain/explain.hpp"
#include "explain/words.hpp"
#include "store/schema6.hpp"
#include "store/store.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace dp::explain {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A document from a file, switched to the other SDK's runtime when asked.
workflow::Document load_as(const fs::path& path, workflow::Flavor flavor) {
  auto doc = workflow::load_document(read(path));
  EXPECT_TRUE(doc.ok()) << path << ": " << (doc.ok() ? "" : doc.error().text());
  if (!doc.ok())
    return {};
  if (doc->function.flavor() != flavor)
    doc->function.runtime = flavor == workflow::Flavor::Python ? "python3.14" : "nodejs24.x";
  for (auto& [name, target] : doc->functions)
    if (target.workflow && target.workflow->function.flavor() != flavor)
      target.workflow->function.runtime = doc->function.runtime;
  return *doc;
}

// The story as the golden files hold it: time, invocation, kind, then text and why.
std::string golden_text(const std::vector<Sentence>& story, const Ledger& ledger, int64_t start_ms) {
  std::string out;
  for (const auto& s : story)
    out += offset_text(s.at_ms, start_ms) + "  #" + std::to_string(s.invocation) + "  " + to_string(s.kind) +
           "\n  " + s.text + "\n  why: " + s.why + "\n";
  for (const auto& r : ledger.runs)
    out += "ledger: " + r.operation_name + " attempt " + std::to_string(r.attempt) + " invocation " +
           std::to_string(r.invocation) + ": " + r.effect + " [" +
           (r.recorded.empty() ? "not recorded" : r.recorded) + "] run " + std::to_string(r.run) + "/" +
           std::to_string(r.times) + " " + kRunCauseNames[static_cast<size_t>(r.cause)] +
           (r.rerun_skipped ? " rerun_skipped" : "") + "\n";
  for (const auto& f : ledger.flags())
    out += "flag: " + f + "\n";
  return out;
}

void check_golden(const fs::path& doc_path, workflow::Flavor flavor) {
  engine::Engine engine;
  std::string arn = test::run(engine, load_as(doc_path, flavor));
  const engine::Execution* e = engine.execution(arn);
  ASSERT_NE(e, nullptr);
  std::string got = golden_text(narrate(engine, arn), side_effects(engine, arn), e->start_ms);
  fs::path golden = fs::path(DP_SOURCE_DIR) / "tests/unit/explain/golden" /
                    (doc_path.stem().string() + (flavor == workflow::Flavor::Python ? ".py.txt" : ".js.txt"));
  if (std::getenv("DP_UPDATE_GOLDEN")) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: DP_UPDATE_GOLDEN=1 writes it";
  EXPECT_EQ(read(golden), got) << "narration of " << doc_path << " changed; see the comment at the top";
  EXPECT_EQ(got.find('{' + std::string("op}")), std::string::npos) << "an unfilled blank";
}

std::vector<fs::path> documents(const char* folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(DP_SOURCE_DIR) / folder))
    if (entry.path().extension() == ".json")
      out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// [SECTION] goldens

TEST(Golden, EveryExampleInBothFlavours) {
  for (const auto& doc : documents("examples"))
    for (auto flavor : {workflow::Flavor::Python, workflow::Flavor::JavaScript}) {
      SCOPED_TRACE(doc.string());
      check_golden(doc, flavor);
    }
}

TEST(Golden, FaultCasesInBothFlavours) {
  for (const auto& doc : documents("tests/unit/explain/cases"))
    for (auto flavor : {workflow::Flavor::Python, workflow::Flavor::JavaScript}) {
      SCOPED_TRACE(doc.string());
      check_golden(doc, flavor);
    }
}

// [SECTION] specific cases

struct Told {
  engine::Engine engine;
  std::string arn;
  std::vector<Sentence> story;
  Ledger ledger;
};

std::unique_ptr<Told> tell(const std::string& case_file, workflow::Flavor flavor = workflow::Flavor::Python) {
  auto t = std::make_unique<Told>();
  t->arn =
      test::run(t->engine, load_as(fs::path(DP_SOURCE_DIR) / "tests/unit/explain/cases" / case_file, flavor));
  t->story = narrate(t->engine, t->arn);
  t->ledger = side_effects(t->engine, t->arn);
  return t;
}

const Sentence* find(const std::vector<Sentence>& story, SentenceKind kind, size_t nth = 0) {
  for (const auto& s : story)
    if (s.kind == kind && nth-- == 0)
      return &s;
  return nullptr;
}

TEST(Explain, CrashAfterBodyRunsTheBodyAgainAndTheLedgerSaysTwice) {
  for (auto flavor : {workflow::Flavor::Python, workflow::Flavor::JavaScript}) {
    auto t = tell("crash-after-body.json", flavor);
    const Sentence* crash = find(t->story, SentenceKind::Crash);
    ASSERT_NE(crash, nullptr);
    EXPECT_NE(
        crash->text.find("\"charge the customer's card\" already happened but no checkpoint recorded it"),
        std::string::npos)
        << crash->text;
    EXPECT_NE(crash->text.find("will run the body again"), std::string::npos);
    const Sentence* again = find(t->story, SentenceKind::StepRunsAgain);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->invocation, 2);
    ASSERT_EQ(t->ledger.runs.size(), 2u);
    EXPECT_EQ(t->ledger.runs[0].recorded, "");
    EXPECT_EQ(t->ledger.runs[1].recorded, "SUCCEED");
    EXPECT_EQ(t->ledger.runs[1].cause, RunCause::CrashBeforeCheckpoint);
    EXPECT_EQ(t->ledger.times(t->ledger.runs[0].operation_id), 2);
    EXPECT_TRUE(t->ledger.repeated());
    const Sentence* second = find(t->story, SentenceKind::StepBodyRan, 2); // validate, pay, pay again
    ASSERT_NE(second, nullptr);
    EXPECT_NE(second->text.find("×2"), std::string::npos) << second->text;
    ASSERT_EQ(t->ledger.flags().size(), 1u);
    EXPECT_NE(t->ledger.flags()[0].find("×2"), std::string::npos);
  }
}

TEST(Explain, ARetryNamesTheStrategyTheDelayAndTheRepeatedEffect) {
  auto t = tell("retry.json");
  const Sentence* retry = find(t->story, SentenceKind::RetryScheduled);
  ASSERT_NE(retry, nullptr);
  EXPECT_NE(retry->text.find("the default retry strategy"), std::string::npos) << retry->text;
  EXPECT_NE(retry->text.find("CardNetworkTimeout"), std::string::npos);
  ASSERT_TRUE(retry->checkpoint_call.has_value());
  ASSERT_TRUE(retry->history_event_id.has_value());
  const auto& events = t->engine.execution(t->arn)->events;
  EXPECT_EQ(events[static_cast<size_t>(*retry->history_event_id - 1)].event_type, "StepFailed");
  const Sentence* woke = find(t->story, SentenceKind::InvocationAgain);
  ASSERT_NE(woke, nullptr);
  EXPECT_NE(woke->text.find("the retry of process_payment is due"), std::string::npos) << woke->text;
  ASSERT_EQ(t->ledger.runs.size(), 2u);
  EXPECT_EQ(t->ledger.runs[0].recorded, "RETRY");
  EXPECT_EQ(t->ledger.runs[1].attempt, 2);
  EXPECT_EQ(t->ledger.runs[1].cause, RunCause::RetryAfterFailure);
}

TEST(Explain, ACallbackTimeoutIsToldAndWakesTheExecution) {
  Told t;
  t.arn = test::run(t.engine,
                    load_as(fs::path(DP_SOURCE_DIR) / "examples/approval.json", workflow::Flavor::Python));
  t.story = narrate(t.engine, t.arn);
  const Sentence* created = find(t.story, SentenceKind::CallbackCreated);
  ASSERT_NE(created, nullptr);
  EXPECT_NE(created->text.find("times out after 1 d"), std::string::npos) << created->text;
  const Sentence* timeout = find(t.story, SentenceKind::CallbackTimedOut);
  ASSERT_NE(timeout, nullptr);
  EXPECT_EQ(timeout->invocation, 0); // between invocations: no compute runs while it waits
  EXPECT_NE(timeout->text.find("nobody answered within 1 d"), std::string::npos) << timeout->text;
  const Sentence* pending = find(t.story, SentenceKind::InvocationPending);
  ASSERT_NE(pending, nullptr);
  EXPECT_NE(pending->text.find("no compute is billed"), std::string::npos);
  const Sentence* woke = find(t.story, SentenceKind::InvocationAgain);
  ASSERT_NE(woke, nullptr);
  EXPECT_NE(woke->text.find("timed out"), std::string::npos) << woke->text;
}

TEST(Explain, ANonDeterministicEditSaysWhatWasExpectedAndWhatTheCodeDid) {
  auto t = tell("non-determinism.json");
  const Sentence* nd = find(t->story, SentenceKind::NonDeterminism);
  ASSERT_NE(nd, nullptr);
  EXPECT_NE(nd->text.find("\"WAIT\""), std::string::npos) << nd->text;
  EXPECT_NE(nd->text.find("\"STEP\""), std::string::npos) << nd->text;
  EXPECT_NE(find(t->story, SentenceKind::ExecutionFailed), nullptr);
}

// Issue 10: a value computed outside a step is new on every replay; the story says which, why, and which
// step still holds the old one.
TEST(Explain, AValueComputedOutsideAStepIsToldWhenItChanges) {
  for (auto flavor : {workflow::Flavor::Python, workflow::Flavor::JavaScript}) {
    engine::Engine engine;
    auto arn = test::run(engine, load_as(fs::path(DP_SOURCE_DIR) / "examples/determinism.json", flavor));
    auto story = narrate(engine, arn);
    const Sentence* changed = find(story, SentenceKind::ValueChanged);
    ASSERT_NE(changed, nullptr);
    EXPECT_EQ(changed->invocation, 2);
    EXPECT_NE(changed->text.find("order_ref is a new value on this replay: uuid() ran again outside a step"),
              std::string::npos)
        << changed->text;
    EXPECT_NE(changed->text.find("in invocation 1"), std::string::npos) << changed->text;
    EXPECT_NE(changed->text.find("process_payment used the old one"), std::string::npos) << changed->text;
    EXPECT_EQ(find(story, SentenceKind::ValueChanged, 1), nullptr) << "told once";
    // Told before the replay that follows it in the trace.
    const Sentence* replayed = find(story, SentenceKind::Replayed);
    ASSERT_NE(replayed, nullptr);
    EXPECT_LT(changed->trace_index, replayed->trace_index);
  }
}

TEST(Explain, ABranchOnRandomThatFlipsIsToldBeforeTheNonDeterminism) {
  auto t = tell("random-branch.json");
  const Sentence* coin = find(t->story, SentenceKind::ValueChanged);
  const Sentence* branch = find(t->story, SentenceKind::ValueChanged, 1);
  const Sentence* nd = find(t->story, SentenceKind::NonDeterminism);
  ASSERT_NE(coin, nullptr);
  ASSERT_NE(branch, nullptr);
  ASSERT_NE(nd, nullptr);
  EXPECT_NE(coin->text.find("coin is a new value on this replay: random() ran again"), std::string::npos)
      << coin->text;
  EXPECT_NE(branch->text.find("The if at $.handler[1] goes the other way on this replay: its condition was "
                              "true in invocation 1 and is false now"),
            std::string::npos)
      << branch->text;
  EXPECT_LT(branch->trace_index, nd->trace_index);
  // A value that does not change is not told.
  engine::Engine engine;
  auto arn = test::run(engine, test::load(test::document_text(
                                   R"([{"let": "x", "value": "${input.x}"}, {"wait": null, "seconds": 1},
                                       {"return": "${x}"}])")));
  EXPECT_EQ(find(narrate(engine, arn), SentenceKind::ValueChanged), nullptr);
}

TEST(Explain, AtMostOnceInterruptedDoesNotRunTheBodyAgain) {
  for (auto flavor : {workflow::Flavor::Python, workflow::Flavor::JavaScript}) {
    auto t = tell("at-most-once.json", flavor);
    const Sentence* crash = find(t->story, SentenceKind::Crash);
    ASSERT_NE(crash, nullptr);
    EXPECT_NE(crash->text.find("at-most-once"), std::string::npos) << crash->text;
    const Sentence* interrupted = find(t->story, SentenceKind::StepInterrupted);
    ASSERT_NE(interrupted, nullptr);
    EXPECT_NE(interrupted->text.find("StepInterruptedError"), std::string::npos);
    EXPECT_EQ(find(t->story, SentenceKind::StepRunsAgain), nullptr);
    ASSERT_EQ(t->ledger.runs.size(), 1u);
    EXPECT_EQ(t->ledger.runs[0].recorded, ""); // the FAIL recorded the interruption, not this run
    EXPECT_TRUE(t->ledger.runs[0].rerun_skipped);
    EXPECT_FALSE(t->ledger.repeated());
    ASSERT_EQ(t->ledger.flags().size(), 1u);
    EXPECT_NE(t->ledger.flags()[0].find("not run again"), std::string::npos);
  }
}

// The ledger for each fault point: how many runs, which were recorded.
TEST(Ledger, CountsForEachFaultKind) {
  struct Case {
    const char* when;
    const char* kind;
    size_t runs;
    const char* first_recorded;
  };
  const Case cases[] = {{"before_body", "crash", 1, "SUCCEED"}, // START only; the body runs once, later
                        {"after_body", "crash", 2, ""},
                        {"after_checkpoint", "crash", 1, "SUCCEED"},
                        {"after_body", "timeout", 2, ""}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.when) + " " + c.kind);
    auto doc = load_as(fs::path(DP_SOURCE_DIR) / "examples/order.json", workflow::Flavor::Python);
    doc.simulation.faults.push_back(workflow::Fault{});
    workflow::Fault& f = doc.simulation.faults.back();
    f.at = "process_payment";
    f.when = std::string(c.when) == "before_body"  ? workflow::FaultWhen::BeforeBody
             : std::string(c.when) == "after_body" ? workflow::FaultWhen::AfterBody
                                                   : workflow::FaultWhen::AfterCheckpoint;
    f.kind = std::string(c.kind) == "crash" ? workflow::FaultKind::Crash : workflow::FaultKind::Timeout;
    engine::Engine engine;
    std::string arn = test::run(engine, doc);
    Ledger ledger = side_effects(engine, arn);
    ASSERT_EQ(ledger.runs.size(), c.runs);
    EXPECT_EQ(ledger.runs[0].recorded, c.first_recorded);
    EXPECT_EQ(ledger.repeated(), c.runs > 1);
    EXPECT_EQ(ledger.runs.back().recorded, "SUCCEED");
    EXPECT_NE(find(narrate(engine, arn), SentenceKind::Crash), nullptr);
  }
}

// [SECTION] links and positions

TEST(Explain, SentencesFollowTheTraceAndLinkToHistoryAndCheckpoints) {
  engine::Engine engine;
  std::string arn =
      test::run(engine, load_as(fs::path(DP_SOURCE_DIR) / "examples/order.json", workflow::Flavor::Python));
  auto story = narrate(engine, arn);
  ASSERT_FALSE(story.empty());
  const engine::Execution* e = engine.execution(arn);
  size_t last = 0;
  for (const auto& s : story) {
    EXPECT_GE(s.trace_index, last);
    EXPECT_LE(s.trace_index, s.trace_last);
    EXPECT_LT(s.trace_last, engine.trace().size());
    EXPECT_EQ(s.execution_arn, arn);
    last = s.trace_index;
    if (s.history_event_id) {
      ASSERT_GE(*s.history_event_id, 1);
      ASSERT_LE(*s.history_event_id, static_cast<int64_t>(e->events.size()));
    }
    if (s.checkpoint_call) {
      EXPECT_LE(*s.checkpoint_call, static_cast<int64_t>(e->checkpoint_calls.size()));
    }
  }
  // The first run of validate_order links its StepStarted event, its START call and its operation.
  const Sentence* runs = find(story, SentenceKind::StepRuns);
  ASSERT_NE(runs, nullptr);
  ASSERT_TRUE(runs->operation_id && runs->history_event_id && runs->checkpoint_call);
  EXPECT_EQ(runs->operation_name, "validate_order");
  EXPECT_EQ(e->events[static_cast<size_t>(*runs->history_event_id - 1)].event_type, "StepStarted");
  EXPECT_EQ(*runs->checkpoint_call, 1);
  const Sentence* replayed = find(story, SentenceKind::Replayed);
  ASSERT_NE(replayed, nullptr);
  EXPECT_NE(replayed->text.find("Replayed 3 operations from checkpoints: validate_order, process_payment"),
            std::string::npos)
      << replayed->text;
  // The JavaScript wording names the JavaScript calls.
  auto js = narrate(engine, arn, workflow::Flavor::JavaScript);
  std::string all;
  for (const auto& s : js)
    all += s.text + "\n";
  EXPECT_NE(all.find("context.wait"), std::string::npos);
  auto appr = load_as(fs::path(DP_SOURCE_DIR) / "examples/approval.json", workflow::Flavor::JavaScript);
  engine::Engine e2;
  std::string a2 = test::run(e2, appr);
  std::string js_text;
  for (const auto& s : narrate(e2, a2))
    js_text += s.text + "\n";
  EXPECT_NE(js_text.find("context.createCallback"), std::string::npos) << js_text;
}

TEST(Explain, JsonHasTheKeysTheCliPrints) {
  engine::Engine engine;
  std::string arn =
      test::run(engine, load_as(fs::path(DP_SOURCE_DIR) / "examples/order.json", workflow::Flavor::Python));
  auto story = narrate(engine, arn);
  Json j = to_json(*find(story, SentenceKind::StepRuns));
  for (const char* key : {"at_ms", "invocation", "kind", "text", "why", "operation_id"})
    EXPECT_TRUE(j.contains(key)) << key;
  Json first = to_json(story.front());
  EXPECT_FALSE(first.contains("operation_id"));
  Json run = to_json(side_effects(engine, arn).runs.at(0));
  for (const char* key :
       {"at_ms", "invocation", "operation_id", "name", "attempt", "effect", "checkpointed", "times"})
    EXPECT_TRUE(run.contains(key)) << key;
}

TEST(Words, EveryTemplateIsFilledAndEveryKindHasWords) {
  const Words& w = english();
  for (size_t k = 0; k < static_cast<size_t>(SentenceKind::Count); ++k) {
    EXPECT_NE(std::string(w.kinds[k].text), "") << kSentenceKindNames[k];
    EXPECT_NE(std::string(w.kinds[k].why), "") << kSentenceKindNames[k];
  }
  EXPECT_EQ(fill("{a} and {b}", {{"a", "x"}, {"b", "y"}}), "x and y");
  EXPECT_EQ(fill("{unknown}", {}), "{unknown}");
  // Every sentence of every golden is filled: no "{" left from a template.
  for (const auto& doc : documents("examples")) {
    engine::Engine engine;
    std::string arn = test::run(engine, load_as(doc, workflow::Flavor::JavaScript));
    for (const auto& s : narrate(engine, arn)) {
      EXPECT_EQ(s.text.find("{op"), std::string::npos) << s.text;
      EXPECT_EQ(s.text.find("{n}"), std::string::npos) << s.text;
    }
  }
}

// [SECTION] the store

std::string temp_path(const char* name) {
  return test::temp_file(name);
}

TEST(Store, TheLedgerIsStoredAndAStoredExecutionIsToldBySecondProcess) {
  std::string path = temp_path("ledger.db");
  fs::remove(path);
  std::string arn;
  std::vector<Sentence> first;
  {
    engine::Engine engine;
    auto db = store::Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(engine).ok());
    arn =
        test::run(engine, load_as(fs::path(DP_SOURCE_DIR) / "tests/unit/explain/cases/crash-after-body.json",
                                  workflow::Flavor::Python));
    ASSERT_TRUE((*db)->save_clock(engine.now()).ok());
    first = narrate(engine, arn);
  }
  engine::Engine engine;
  auto db = store::Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(engine).ok());
  auto again = narrate(engine, arn);
  ASSERT_EQ(again.size(), first.size());
  for (size_t i = 0; i < first.size(); ++i)
    EXPECT_EQ(again[i].text, first[i].text);
  auto rows =
      (*db)->query("SELECT name, invocation, attempt, effect, recorded FROM side_effects ORDER BY trace_seq");
  ASSERT_TRUE(rows.ok()) << rows.error().text();
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0],
            (std::vector<std::string>{"process_payment", "1", "1", "charge the customer's card", "NULL"}));
  EXPECT_EQ(rows->rows[1][4], "SUCCEED");
  EXPECT_EQ(side_effects(engine, arn).runs.size(), 2u);
  fs::remove(path);
}

TEST(Store, AVersionThreeFileGetsItsLedgerFromItsTrace) {
  std::string path = temp_path("v3.db");
  fs::remove(path);
  std::string arn;
  {
    engine::Engine engine;
    auto db = store::Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(engine).ok());
    arn = test::run(engine, load_as(fs::path(DP_SOURCE_DIR) / "tests/unit/explain/cases/retry.json",
                                    workflow::Flavor::JavaScript));
  }
  ASSERT_EQ(test::downgrade_to_schema6(path), "");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "DROP TABLE side_effects; PRAGMA user_version=3", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  engine::Engine engine;
  auto db = store::Store::open(path, true);
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(engine).ok());
  auto v = (*db)->query("PRAGMA user_version");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->rows[0][0], std::to_string(store::kSchemaVersion));
  auto rows = (*db)->query("SELECT attempt, recorded FROM side_effects ORDER BY trace_seq");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->rows, (std::vector<std::vector<std::string>>{{"1", "RETRY"}, {"2", "SUCCEED"}}));
  EXPECT_FALSE(narrate(engine, arn).empty());
  EXPECT_EQ(missing_story(engine.trace(), *engine.execution(arn)), "");
  fs::remove(path);
}

TEST(Store, AFileWithoutATraceSaysWhatIsMissing) {
  std::string path = temp_path("notrace.db");
  fs::remove(path);
  std::string arn;
  {
    engine::Engine engine;
    auto db = store::Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(engine).ok());
    arn =
        test::run(engine, load_as(fs::path(DP_SOURCE_DIR) / "examples/order.json", workflow::Flavor::Python));
  }
  ASSERT_EQ(test::downgrade_to_schema6(path), "");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "DELETE FROM trace", nullptr, nullptr, nullptr),
              SQLITE_OK); // as schema 1 left it
    sqlite3_close(raw);
  }
  engine::Engine engine;
  auto db = store::Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(engine).ok());
  std::string missing = missing_story(engine.trace(), *engine.execution(arn));
  EXPECT_NE(missing.find("no trace is stored"), std::string::npos) << missing;
  fs::remove(path);
}

// [SECTION] a long story
// How long telling it takes is a benchmark figure (tools/bench, case g), not a timed test: CI machines are
// busy. What a test can hold: every step of a 1,000-operation execution is told, in time order.

TEST(LongStory, AThousandOperationExecutionIsToldWhole) {
  std::string handler = "[";
  for (int i = 0; i < 1000; ++i)
    handler += std::string(i ? "," : "") + R"({"step": "s)" + std::to_string(i) + R"(", "returns": )" +
               std::to_string(i) +
               (i % 100 == 99 ? R"(}, {"wait": "w)" + std::to_string(i) + R"(", "seconds": 1})" : "}");
  handler += "]";
  engine::Engine engine;
  std::string arn = test::run(engine, test::load(test::document_text(handler, "python3.14")));
  ASSERT_EQ(engine.execution(arn)->status, engine::ExecutionStatus::Succeeded);
  const std::vector<Sentence> story = narrate(engine, arn);
  std::set<std::string> told_steps;
  for (const Sentence& s : story)
    if (s.kind == SentenceKind::StepSucceeded)
      told_steps.insert(s.operation_name);
  EXPECT_EQ(told_steps.size(), 1000u);
  for (size_t i = 1; i < story.size(); ++i)
    ASSERT_LE(story[i - 1].at_ms, story[i].at_ms) << "sentence " << i << " is told out of time order";
}

} // namespace
} // namespace dp::explain
