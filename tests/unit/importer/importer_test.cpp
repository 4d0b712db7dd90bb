// The history importer (issue 13): reading AWS's JSON, bad input named by file and event, building the
// execution, the store's all-or-nothing import, the export round trip and SAM's local store.
#include <cstdio>
#include <fstream>
#include <sqlite3.h>
#include <sstream>
#include <unistd.h>
#include <utility>

#include "explain/explain.hpp"
#include "importer/execution_builder.hpp"
#include "importer/history_export.hpp"
#include "importer/history_reader.hpp"
#include "importer/replay_check.hpp"
#include "importer/sam_store.hpp"
#include "store/store.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace dp::importer {
namespace {

std::string example(const std::string& name) {
  std::ifstream in(std::string(DP_SOURCE_DIR) + "/examples/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A small history in the service's shape: one step that fails once, is retried and succeeds, in two
// invocations.
const char* kHistory = R"({"Events": [
 {"EventType": "ExecutionStarted", "EventId": 1, "Id": "exec-1", "EventTimestamp": "2025-12-02T09:00:00.000Z",
  "ExecutionStartedDetails": {"Input": {"Payload": "{\"x\":1}"}}},
 {"EventType": "StepStarted", "SubType": "Step", "EventId": 2, "Id": "s1", "Name": "charge",
  "EventTimestamp": "2025-12-02T09:00:00.010Z", "StepStartedDetails": {}},
 {"EventType": "StepFailed", "SubType": "Step", "EventId": 3, "Id": "s1", "Name": "charge",
  "EventTimestamp": "2025-12-02T09:00:00.020Z",
  "StepFailedDetails": {"Error": {"Payload": {"ErrorType": "Boom", "ErrorMessage": "no"}},
                        "RetryDetails": {"CurrentAttempt": 1, "NextAttemptDelaySeconds": 5}}},
 {"EventType": "InvocationCompleted", "EventId": 4, "EventTimestamp": "2025-12-02T09:00:00.030Z",
  "InvocationCompletedDetails": {"StartTimestamp": "2025-12-02T09:00:00.000Z",
                                 "EndTimestamp": "2025-12-02T09:00:00.030Z", "RequestId": "r1"}}
]}
{"Events": [
 {"EventType": "StepStarted", "SubType": "Step", "EventId": 5, "Id": "s1", "Name": "charge",
  "EventTimestamp": "2025-12-02T09:00:05.010Z", "StepStartedDetails": {}},
 {"EventType": "StepSucceeded", "SubType": "Step", "EventId": 6, "Id": "s1", "Name": "charge",
  "EventTimestamp": "2025-12-02T09:00:05.020+00:00",
  "StepSucceededDetails": {"Result": {"Payload": "42"}, "RetryDetails": {"CurrentAttempt": 2}}},
 {"EventType": "ExecutionSucceeded", "EventId": 7, "EventTimestamp": "2025-12-02T09:00:05.025Z",
  "ExecutionSucceededDetails": {"Result": {"Payload": "{\"ok\":true}"}}},
 {"EventType": "InvocationCompleted", "EventId": 8, "EventTimestamp": 1764666005.03,
  "InvocationCompletedDetails": {"StartTimestamp": "2025-12-02T09:00:05.000Z",
                                 "EndTimestamp": "2025-12-02T09:00:05.030Z", "RequestId": "r2"}}
]})";

Result<History> read(const std::string& text, const std::string& name = "h.json") {
  return read_history({Source{name, text}});
}

std::string error_of(const std::string& text) {
  auto h = read(text);
  if (h.ok()) {
    auto built = build_execution(*h, "test");
    return built.ok() ? "" : built.error().text();
  }
  return h.error().text();
}

TEST(HistoryReader, ReadsPagesAndBuildsTheExecution) {
  auto h = read(kHistory);
  ASSERT_TRUE(h.ok()) << h.error().text();
  EXPECT_EQ(h->events.size(), 8u);
  auto built = build_execution(*h, "aws-history: h.json");
  ASSERT_TRUE(built.ok()) << built.error().text();
  const engine::Execution& e = built->execution;
  EXPECT_EQ(e.status, engine::ExecutionStatus::Succeeded);
  EXPECT_EQ(e.result.value_or(""), "{\"ok\":true}");
  EXPECT_EQ(e.input_payload, "{\"x\":1}");
  ASSERT_EQ(e.op_order.size(), 2u);
  const engine::Operation* step = e.op("s1");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->status, engine::OperationStatus::Succeeded);
  EXPECT_EQ(step->step_details->attempt, 2);
  EXPECT_EQ(step->step_details->result.value_or(""), "42");
  EXPECT_EQ(step->start_timestamp, 1764666000010);
  EXPECT_EQ(step->end_timestamp.value_or(0), 1764666005020);
  ASSERT_EQ(e.invocations.size(), 2u);
  EXPECT_EQ(e.invocations[0].start_ms, 1764666000000);
  EXPECT_EQ(e.invocations[0].outcome, engine::InvocationOutcome::Pending);
  EXPECT_EQ(e.invocations[1].outcome, engine::InvocationOutcome::Succeeded);
  EXPECT_EQ(e.invocations[1].replayed, 1); // the step recorded before invocation 2
  EXPECT_EQ(e.imported_from, "aws-history: h.json");
}

TEST(HistoryReader, PagesInSeveralFilesInAnyOrder) {
  std::string text = kHistory;
  size_t split = text.find("{\"Events\"", 10);
  auto h =
      read_history({Source{"page2.json", text.substr(split)}, Source{"page1.json", text.substr(0, split)}});
  ASSERT_TRUE(h.ok()) << h.error().text();
  EXPECT_EQ(h->events.front().event.event_type, "ExecutionStarted");
  EXPECT_EQ(h->events.size(), 8u);
}

TEST(HistoryReader, BadInputNamesTheFileAndTheEvent) {
  EXPECT_NE(error_of("{\"Foo\": 1}").find("h.json:1: not a history"), std::string::npos)
      << error_of("{\"Foo\": 1}");
  std::string truncated = std::string(kHistory).substr(0, 300);
  EXPECT_NE(error_of(truncated).find("h.json: the JSON ends early (truncated?)"), std::string::npos)
      << error_of(truncated);
  std::string out_of_order = kHistory;
  out_of_order.replace(out_of_order.find("\"EventId\": 3"), 12, "\"EventId\": 1");
  EXPECT_NE(error_of(out_of_order).find("h.json: event 3: duplicate EventId 1"), std::string::npos)
      << error_of(out_of_order);
  std::string swapped = kHistory;
  swapped.replace(swapped.find("\"EventId\": 3"), 12, "\"EventId\": 9");
  EXPECT_NE(error_of(swapped).find("h.json: event 4: events out of order"), std::string::npos)
      << error_of(swapped);
  std::string no_type = kHistory;
  no_type.replace(no_type.find("\"EventType\": \"StepFailed\""), 25, "\"Event\": \"StepFailed\"");
  EXPECT_NE(error_of(no_type).find("h.json: event 3: the event has no EventType"), std::string::npos)
      << error_of(no_type);
  std::string bad_time = kHistory;
  bad_time.replace(bad_time.find("2025-12-02T09:00:00.010Z"), 24, "yesterday");
  EXPECT_NE(error_of(bad_time).find("event 2 (EventId 2, StepStarted): EventTimestamp is not a timestamp"),
            std::string::npos)
      << error_of(bad_time);
  EXPECT_NE(error_of("").find("the file is empty"), std::string::npos);
  std::string no_start = kHistory;
  no_start = "{\"Events\": [" + no_start.substr(no_start.find("{\"EventType\": \"StepStarted\""));
  EXPECT_NE(error_of(no_start).find("does not start with ExecutionStarted"), std::string::npos)
      << error_of(no_start);
  std::string ended_twice = kHistory;
  ended_twice.replace(
      ended_twice.find("\"EventType\": \"StepStarted\", \"SubType\": \"Step\", \"EventId\": 5"), 26,
      "\"EventType\": \"StepFailed\"");
  // A StepFailed without RetryDetails delay where a start was: still one STEP; never a crash.
  EXPECT_TRUE(read(ended_twice).ok());
}

// Issue 13, a 100 MB history froze the page: the reader and the builder work in slices. One event per
// slice must give exactly what one call gives.
TEST(HistoryReader, ReadingAndBuildingInSlicesGivesTheSameExecution) {
  auto whole = read(kHistory);
  ASSERT_TRUE(whole.ok()) << whole.error().text();
  HistoryReader reader({Source{"h.json", kHistory}});
  int slices = 0;
  while (!reader.done()) {
    bool asked = false; // one unit of work per slice: stop at the second ask
    ASSERT_TRUE(reader.advance([&] { return std::exchange(asked, true); }).ok());
    ++slices;
    EXPECT_LE(reader.events_read(), reader.events_found());
  }
  EXPECT_GT(slices, 3);
  EXPECT_EQ(reader.bytes_scanned(), reader.bytes_total());
  auto sliced = reader.take();
  ASSERT_TRUE(sliced.ok()) << sliced.error().text();
  ASSERT_EQ(sliced->events.size(), whole->events.size());
  for (size_t i = 0; i < whole->events.size(); ++i)
    EXPECT_EQ(engine::to_json(sliced->events[i].event), engine::to_json(whole->events[i].event)) << i;

  auto at_once = build_execution(*whole, "test");
  ASSERT_TRUE(at_once.ok()) << at_once.error().text();
  ExecutionBuilder builder(std::move(*sliced), "test");
  EXPECT_EQ(builder.events_total(), 8u);
  while (!builder.done()) {
    bool asked = false;
    ASSERT_TRUE(builder.advance([&] { return std::exchange(asked, true); }).ok());
  }
  auto built = builder.take();
  ASSERT_TRUE(built.ok()) << built.error().text();
  const engine::Execution &x = built->execution, &y = at_once->execution;
  EXPECT_EQ(x.arn, y.arn);
  EXPECT_EQ(x.status, y.status);
  EXPECT_EQ(x.result, y.result);
  ASSERT_EQ(x.op_order, y.op_order);
  for (const std::string& id : x.op_order)
    EXPECT_EQ(engine::to_json(*x.op(id)), engine::to_json(*y.op(id))) << id;
  ASSERT_EQ(x.events.size(), y.events.size());
  for (size_t i = 0; i < x.events.size(); ++i)
    EXPECT_EQ(engine::to_json(x.events[i]), engine::to_json(y.events[i])) << i;
  ASSERT_EQ(x.invocations.size(), y.invocations.size());
  for (size_t i = 0; i < x.invocations.size(); ++i)
    EXPECT_EQ(x.invocations[i].replayed, y.invocations[i].replayed) << i;
  ASSERT_EQ(built->trace.size(), at_once->trace.size());
  for (size_t i = 0; i < built->trace.size(); ++i)
    EXPECT_EQ(engine::to_json(built->trace[i]), engine::to_json(at_once->trace[i])) << i;
}

// The scanner finds the events without parsing them, so it checks the punctuation between them itself.
TEST(HistoryReader, PunctuationBetweenEventsIsChecked) {
  const std::string a =
      R"({"EventType": "ExecutionStarted", "EventId": 1, "Id": "x", "EventTimestamp": 1764666000})";
  const std::string b = R"({"EventType": "ExecutionSucceeded", "EventId": 2, "EventTimestamp": 1764666001})";
  EXPECT_TRUE(read("{\"Events\": [" + a + ", " + b + "]}").ok());
  EXPECT_TRUE(read("[" + a + ",\n" + b + "]").ok());
  EXPECT_NE(
      error_of("{\"Events\": [" + a + "\n " + b + "]}").find("h.json:2: not valid JSON: a ',' is missing"),
      std::string::npos)
      << error_of("{\"Events\": [" + a + "\n " + b + "]}");
  EXPECT_NE(error_of("[" + a + ", ]").find("a ',' after the last event"), std::string::npos);
  EXPECT_NE(error_of("[, " + a + "]").find("a ',' with no event before it"), std::string::npos);
  EXPECT_NE(error_of("{\"Events\": [" + a + "}}").find("closed with '}'"), std::string::npos);
  EXPECT_NE(error_of("{\"Events\": [" + a + ", 7]}").find("event 2: an event must be a JSON object"),
            std::string::npos)
      << error_of("{\"Events\": [" + a + ", 7]}");
  EXPECT_NE(error_of("{\"Events\": [" + a + ", {\"EventType\": tru}]}").find("event 2 is not valid JSON"),
            std::string::npos)
      << error_of("{\"Events\": [" + a + ", {\"EventType\": tru}]}");
  // A string holding brackets, commas and escaped quotes is one string.
  std::string tricky = a;
  tricky.replace(tricky.find("\"x\""), 3, R"("x],{\"[,")");
  EXPECT_TRUE(read("[" + tricky + "," + b + "]").ok()) << error_of("[" + tricky + "," + b + "]");
}

TEST(HistoryReader, UnknownEventTypesAreKeptAndShown) {
  std::string text = kHistory;
  text.insert(text.rfind("]}"),
              ",\n {\"EventType\": \"StepPaused\", \"EventId\": 9, \"Id\": \"s1\", "
              "\"EventTimestamp\": \"2025-12-02T09:00:06.000Z\", \"StepPausedDetails\": {}}");
  auto h = read(text);
  ASSERT_TRUE(h.ok()) << h.error().text();
  EXPECT_EQ(h->unknown_events, 1u);
  auto built = build_execution(*h, "test");
  ASSERT_TRUE(built.ok()) << built.error().text();
  EXPECT_EQ(built->execution.events.size(), 9u);
  EXPECT_EQ(built->execution.events.back().event_type, "StepPaused");
  auto story = explain::narrate_events(built->trace, built->execution);
  bool shown = false;
  for (const auto& s : story)
    shown = shown || s.text.find("does not know: StepPaused") != std::string::npos;
  EXPECT_TRUE(shown);
}

// The service cut an execution's error to 256 KB (EventError.Truncated, docs/limits.md): the imported
// story says so; an error it did not cut reads as before.
TEST(HistoryReader, AnErrorTheServiceCutIsToldAsCut) {
  for (bool truncated : {true, false}) {
    std::string text = kHistory;
    const std::string succeeded =
        R"({"EventType": "ExecutionSucceeded", "EventId": 7, "EventTimestamp": "2025-12-02T09:00:05.025Z",
  "ExecutionSucceededDetails": {"Result": {"Payload": "{\"ok\":true}"}}})";
    size_t at = text.find(succeeded);
    ASSERT_NE(at, std::string::npos);
    text.replace(
        at, succeeded.size(),
        std::string(
            R"({"EventType": "ExecutionFailed", "EventId": 7, "EventTimestamp": "2025-12-02T09:00:05.025Z",
  "ExecutionFailedDetails": {"Error": {"Payload": {"ErrorType": "Big", "ErrorMessage": "xxx"}, "Truncated": )") +
            (truncated ? "true" : "false") + "}}}");
    auto h = read(text);
    ASSERT_TRUE(h.ok()) << h.error().text();
    auto built = build_execution(*h, "test");
    ASSERT_TRUE(built.ok()) << built.error().text();
    bool cut = false, failed = false;
    for (const auto& s : explain::narrate_events(built->trace, built->execution)) {
      failed = failed || s.kind == explain::SentenceKind::ExecutionFailed;
      cut = cut || s.text.find("cut by the service to 262144 bytes") != std::string::npos;
    }
    EXPECT_TRUE(failed);
    EXPECT_EQ(cut, truncated);
  }
}

TEST(HistoryImport, StoreIsAllOrNothingAndViewsRestoreIt) {
  auto h = read(kHistory);
  ASSERT_TRUE(h.ok());
  auto built = build_execution(*h, "aws-history: h.json");
  ASSERT_TRUE(built.ok());
  auto db = store::Store::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->import_execution(built->execution, built->trace).ok());
  auto before = (*db)->query("SELECT count(*) FROM events");
  // The same ARN again: refused, nothing changes.
  auto again = (*db)->import_execution(built->execution, built->trace);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("already in the database"), std::string::npos);
  EXPECT_EQ((*db)->query("SELECT count(*) FROM events")->rows, before->rows);
  EXPECT_EQ((*db)->query("SELECT source FROM imports")->rows[0][0], "aws-history: h.json");
  engine::Engine engine;
  ASSERT_TRUE((*db)->attach(engine).ok());
  const engine::Execution* e = engine.execution(built->execution.arn);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->imported_from, "aws-history: h.json");
  EXPECT_EQ(e->events.size(), 8u);
  // Nothing simulates it: the engine never invokes it and its callbacks cannot be answered.
  EXPECT_FALSE(engine.step(engine::Engine::Clock::LetTimeoutsFire));
  auto ledger = explain::side_effects(engine, e->arn);
  ASSERT_EQ(ledger.runs.size(), 2u);
  EXPECT_EQ(ledger.runs[0].recorded, "RETRY");
  EXPECT_EQ(ledger.runs[1].cause, explain::RunCause::RetryAfterFailure);
  EXPECT_EQ(ledger.runs[1].times, 2);
}

// Issue 13: the page writes a large import across frames in one transaction, and Cancel rolls it back.
TEST(HistoryImport, WrittenInSlicesOrCancelledInTheMiddle) {
  auto h = read(kHistory);
  ASSERT_TRUE(h.ok());
  auto built = build_execution(*h, "aws-history: h.json");
  ASSERT_TRUE(built.ok());
  const std::string path = testing::TempDir() + "importer-slices-" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  auto db = store::Store::open(path);
  ASSERT_TRUE(db.ok()) << db.error().text();
  engine::Engine engine;
  ASSERT_TRUE((*db)->attach(engine).ok());
  auto counts = [&] {
    return (*db)
        ->query("SELECT (SELECT count(*) FROM executions), (SELECT count(*) FROM operations),"
                " (SELECT count(*) FROM events), (SELECT count(*) FROM trace),"
                " (SELECT count(*) FROM imports)")
        ->rows;
  };
  const auto empty = counts();
  auto write_part = [&](engine::Execution& x, std::vector<engine::TraceEvent>& t) {
    bool asked = false; // one unit of work, then stop
    return (*db)->continue_import(x, t, [&] { return std::exchange(asked, true); });
  };
  engine::Execution x = built->execution;
  std::vector<engine::TraceEvent> t = built->trace;
  ASSERT_TRUE((*db)->begin_import(x, t).ok());
  EXPECT_TRUE((*db)->importing());
  ASSERT_TRUE(write_part(x, t).ok());
  EXPECT_GT((*db)->import_rows_written(), 0u);
  EXPECT_FALSE((*db)->finish_import(x, t).ok()) << "not all written yet";
  (*db)->cancel_import();
  EXPECT_FALSE((*db)->importing());
  EXPECT_EQ(counts(), empty);
  EXPECT_EQ(engine.execution(x.arn), nullptr);
  // Again, to the end, a slice at a time: the same rows import_execution writes.
  ASSERT_TRUE((*db)->begin_import(x, t).ok());
  int slices = 0;
  while (!(*db)->import_written(x, t)) {
    ASSERT_TRUE(write_part(x, t).ok());
    ++slices;
  }
  EXPECT_GE(slices, 2); // the rows, then the trace
  ASSERT_TRUE((*db)->finish_import(std::move(x), std::move(t)).ok());
  auto reference = store::Store::open(":memory:");
  ASSERT_TRUE((*reference)->import_execution(built->execution, built->trace).ok());
  const char* rows = "SELECT (SELECT count(*) FROM executions), (SELECT count(*) FROM operations),"
                     " (SELECT count(*) FROM events), (SELECT count(*) FROM trace),"
                     " (SELECT count(*) FROM imports)";
  EXPECT_EQ(counts(), (*reference)->query(rows)->rows);
  EXPECT_NE(counts(), empty);
  ASSERT_NE(engine.execution(built->execution.arn), nullptr);
  EXPECT_EQ(engine.execution(built->execution.arn)->events.size(), 8u);
  std::remove(path.c_str());
}

TEST(HistoryImport, AStartWithoutOutcomeShowsTheBodyRanTwice) {
  std::string text = kHistory;
  // The first attempt's StepFailed is lost: the invocation ended after the START.
  size_t from = text.find("{\"EventType\": \"StepFailed\"");
  size_t to = text.find("{\"EventType\": \"InvocationCompleted\", \"EventId\": 4");
  text.erase(from, to - from);
  text.replace(text.find("\"EventId\": 4"), 12, "\"EventId\": 3");
  for (int id : {5, 6, 7, 8})
    text.replace(text.find("\"EventId\": " + std::to_string(id)), 12,
                 "\"EventId\": " + std::to_string(id - 1));
  auto h = read(text);
  ASSERT_TRUE(h.ok()) << h.error().text();
  auto built = build_execution(*h, "test");
  ASSERT_TRUE(built.ok()) << built.error().text();
  auto ledger = explain::side_effects_from_events(built->trace, built->execution);
  ASSERT_EQ(ledger.runs.size(), 2u);
  EXPECT_TRUE(ledger.repeated());
  EXPECT_EQ(ledger.runs[1].cause, explain::RunCause::NoOutcomeRecorded);
  ASSERT_EQ(ledger.flags().size(), 1u);
  EXPECT_NE(ledger.flags()[0].find("×2"), std::string::npos) << ledger.flags()[0];
}

// Export then import gives the same operations, events and invocations as the simulation that made them.
void expect_round_trip(const std::string& example_name) {
  SCOPED_TRACE(example_name);
  engine::Engine engine;
  workflow::Document doc = test::load(example(example_name));
  std::string arn = test::run(engine, doc);
  const engine::Execution& sim = *engine.execution(arn);
  auto h = read(export_history_text(sim), "exported.json");
  ASSERT_TRUE(h.ok()) << h.error().text();
  auto built = build_execution(*h, "aws-history: exported.json");
  ASSERT_TRUE(built.ok()) << built.error().text();
  const engine::Execution& imp = built->execution;
  EXPECT_EQ(imp.arn, sim.arn);
  EXPECT_EQ(imp.name, sim.name);
  EXPECT_EQ(imp.status, sim.status);
  EXPECT_EQ(imp.result, sim.result);
  EXPECT_EQ(imp.op_order, sim.op_order);
  for (const auto& id : sim.op_order) {
    Json a = engine::to_json(*sim.ops.at(id)), b = engine::to_json(*imp.ops.at(id));
    // ReplayChildren is an option of the checkpoint, not in any event.
    if (a.contains("ContextDetails")) {
      a["ContextDetails"].erase("ReplayChildren");
      b["ContextDetails"].erase("ReplayChildren");
    }
    EXPECT_EQ(a, b) << id;
  }
  ASSERT_EQ(imp.events.size(), sim.events.size());
  for (size_t k = 0; k < sim.events.size(); ++k)
    EXPECT_EQ(engine::to_json(imp.events[k]), engine::to_json(sim.events[k]));
  ASSERT_EQ(imp.invocations.size(), sim.invocations.size());
  for (size_t k = 0; k < sim.invocations.size(); ++k) {
    EXPECT_EQ(imp.invocations[k].start_ms, sim.invocations[k].start_ms);
    EXPECT_EQ(imp.invocations[k].end_ms, sim.invocations[k].end_ms);
    if (sim.invocations[k].outcome != engine::InvocationOutcome::Crashed) {
      EXPECT_EQ(imp.invocations[k].outcome, sim.invocations[k].outcome) << "invocation " << k + 1;
    }
  }
}

TEST(HistoryExport, RoundTripGivesTheSameExecution) {
  for (const char* name : {"order.json", "order-nodejs.json", "approval.json", "saga.json",
                           "parallel-checks.json", "fan-out-map.json", "polling.json", "chained-invoke.json"})
    expect_round_trip(name);
}

TEST(SamStore, DerivesTheHistoryFromStoredOperations) {
  // A row's `data` as the Python testing library's SQLite store writes it (execution.py to_dict; times
  // in epoch seconds).
  const char* data = R"({"DurableExecutionArn": "arn:sam:1",
    "StartInput": {"AccountId": "123456789012", "FunctionName": "orders", "FunctionQualifier": "$LATEST",
                   "ExecutionName": "run-1", "ExecutionTimeoutSeconds": 300, "ExecutionRetentionPeriodDays": 1,
                   "InvocationId": "inv-1", "Input": "{\"x\": 1}"},
    "Operations": [
      {"Id": "inv-1", "Type": "EXECUTION", "Status": "SUCCEEDED", "StartTimestamp": 1764666000.0,
       "EndTimestamp": 1764666012.0, "ExecutionDetails": {"InputPayload": "{\"x\": 1}"}},
      {"Id": "s1", "Type": "STEP", "SubType": "Step", "Name": "charge", "Status": "SUCCEEDED",
       "StartTimestamp": 1764666000.1, "EndTimestamp": 1764666000.2, "StepDetails": {"Attempt": 1, "Result": "42"}},
      {"Id": "w1", "Type": "WAIT", "SubType": "Wait", "Name": "pause", "Status": "SUCCEEDED",
       "StartTimestamp": 1764666000.3, "EndTimestamp": 1764666010.3,
       "WaitDetails": {"ScheduledEndTimestamp": 1764666010.3}}],
    "Updates": [], "InvocationCompletions": [
      {"StartTimestamp": 1764666000.0, "EndTimestamp": 1764666000.4, "RequestId": "a"},
      {"StartTimestamp": 1764666011.0, "EndTimestamp": 1764666012.0, "RequestId": "b"}],
    "UsedTokens": [], "TokenSequence": 3, "IsComplete": true,
    "Result": {"Status": "SUCCEEDED", "Result": "\"done\""}, "ConsecutiveFailedInvocationAttempts": 0,
    "CloseStatus": "SUCCEEDED"})";
  auto h = sam_history("sam.db: arn:sam:1", data);
  ASSERT_TRUE(h.ok()) << h.error().text();
  auto built = build_execution(*h, "sam: sam.db");
  ASSERT_TRUE(built.ok()) << built.error().text();
  const engine::Execution& e = built->execution;
  EXPECT_EQ(e.arn, "arn:sam:1");
  EXPECT_EQ(e.name, "run-1");
  EXPECT_EQ(e.status, engine::ExecutionStatus::Succeeded);
  EXPECT_EQ(e.result.value_or(""), "\"done\"");
  EXPECT_EQ(e.op_order.size(), 3u);
  EXPECT_EQ(e.invocations.size(), 2u);
  EXPECT_EQ(e.op("w1")->wait_details->scheduled_end_timestamp, 1764666010300);
  EXPECT_EQ(e.op("s1")->step_details->result.value_or(""), "42");
  EXPECT_FALSE(sam_history("x", "{\"Operations\": 3}").ok());

  // A database built from the store's schema (stores/sqlite.py: one executions table), as SAM leaves it.
  std::string path = test::temp_file("sam-durable-executions.db");
  std::remove(path.c_str());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db,
                   "CREATE TABLE executions (durable_execution_arn TEXT PRIMARY KEY, function_name TEXT NOT "
                   "NULL, execution_name TEXT, status TEXT NOT NULL, start_timestamp REAL, end_timestamp "
                   "REAL, data TEXT NOT NULL);"
                   "CREATE INDEX idx_status ON executions(status);",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_stmt* ins = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO executions VALUES('arn:sam:1', 'orders', 'run-1', 'SUCCEEDED', "
                               "1764666000.0, 1764666012.0, ?1)",
                               -1, &ins, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(ins, 1, data, -1, SQLITE_STATIC);
  ASSERT_EQ(sqlite3_step(ins), SQLITE_DONE);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  auto sam = SamStore::open(path);
  ASSERT_TRUE(sam.ok()) << sam.error().text();
  auto list = (*sam)->list();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].arn, "arn:sam:1");
  EXPECT_EQ((*list)[0].execution_name, "run-1");
  EXPECT_EQ((*list)[0].start_ms.value_or(0), 1764666000000);
  auto from_file = (*sam)->history("arn:sam:1");
  ASSERT_TRUE(from_file.ok()) << from_file.error().text();
  EXPECT_EQ(from_file->events.size(), h->events.size());
  EXPECT_FALSE((*sam)->history("arn:sam:nope").ok());
  // Our own database is not a SAM store: refused by name.
  const std::string not_sam = test::temp_file("not-sam.db");
  auto ours = store::Store::open(not_sam);
  ASSERT_TRUE(ours.ok());
  auto refused = SamStore::open(not_sam);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("not a SAM local durable-executions store"), std::string::npos);
}

} // namespace
} // namespace dp::importer

namespace dp::importer {
namespace {

// The history of `handler` run until it first suspends, exported and read back as an import would.
engine::Execution recorded(const std::string& handler, const std::string& runtime) {
  engine::Engine engine;
  workflow::Document doc = test::load(test::document_text(handler, runtime));
  auto arn = engine.start_execution(doc);
  EXPECT_TRUE(arn.ok());
  engine.run_until_suspended(*arn);
  auto h = read_history({Source{"h.json", export_history_text(*engine.execution(*arn))}});
  EXPECT_TRUE(h.ok());
  auto built = build_execution(*h, "test");
  EXPECT_TRUE(built.ok());
  return built.ok() ? built->execution : engine::Execution{};
}

ReplayReport check(const std::string& handler, const engine::Execution& history, const std::string& runtime) {
  auto r = replay_check(test::load(test::document_text(handler, runtime)), history);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().text());
  return r.ok() ? *r : ReplayReport{};
}

const char* kRecorded = R"([{"step": "reserve"}, {"step": "charge"}, {"wait": "cool_off", "seconds": 10},
                            {"step": "ship"}])";

TEST(ReplayCheck, SameCodeReplaysCleanlyInBothFlavours) {
  for (const char* runtime : {"nodejs22.x", "python3.14"}) {
    SCOPED_TRACE(runtime);
    engine::Execution h = recorded(kRecorded, runtime);
    ReplayReport r = check(kRecorded, h, runtime);
    EXPECT_TRUE(r.clean) << r.message;
    EXPECT_EQ(r.message, "replays cleanly");
    EXPECT_EQ(r.matched, 3);
    EXPECT_TRUE(r.not_reached.empty());
  }
}

TEST(ReplayCheck, RenamedStepIsTheFirstDifference) {
  for (const char* runtime : {"nodejs22.x", "python3.14"}) {
    SCOPED_TRACE(runtime);
    engine::Execution h = recorded(kRecorded, runtime);
    ReplayReport r = check(
        R"([{"step": "reserve"}, {"step": "charge_card"}, {"wait": "cool_off", "seconds": 10}])", h, runtime);
    EXPECT_FALSE(r.clean);
    EXPECT_EQ(r.expected_name.value_or(""), "charge");
    EXPECT_EQ(r.got, "charge_card");
    EXPECT_EQ(r.matched, 1);
    if (std::string(runtime) == "nodejs22.x") { // replay-validation.ts: the first field that differs
      EXPECT_NE(r.message.find("Non-deterministic execution detected: Operation name mismatch"),
                std::string::npos)
          << r.message;
      EXPECT_NE(r.message.find("Expected name \"charge\", but got \"charge_card\""), std::string::npos)
          << r.message;
    } else { // Python 2.0's identifier.py: every field that differs, in repr()
      EXPECT_EQ(r.message.rfind("Non-deterministic operation identity at id='", 0), 0u) << r.message;
      EXPECT_NE(r.message.find("': name checkpoint='charge' current='charge_card'"), std::string::npos)
          << r.message;
    }
  }
}

TEST(ReplayCheck, ReorderedStepsDifferAtTheFirstPosition) {
  for (const char* runtime : {"nodejs22.x", "python3.14"}) {
    SCOPED_TRACE(runtime);
    engine::Execution h = recorded(kRecorded, runtime);
    ReplayReport r = check(
        R"([{"step": "charge"}, {"step": "reserve"}, {"wait": "cool_off", "seconds": 10}])", h, runtime);
    EXPECT_FALSE(r.clean);
    EXPECT_EQ(r.expected_name.value_or(""), "reserve");
    EXPECT_EQ(r.got, "charge");
    EXPECT_EQ(r.matched, 0);
  }
}

TEST(ReplayCheck, NewCodeAfterTheRecordedPointStillReplaysCleanly) {
  engine::Execution h = recorded(kRecorded, "nodejs22.x");
  ReplayReport r = check(R"([{"step": "reserve"}, {"step": "charge"}, {"wait": "cool_off", "seconds": 10},
                              {"step": "notify"}, {"step": "ship"}])",
                         h, "nodejs22.x");
  EXPECT_TRUE(r.clean) << r.message;
}

TEST(ReplayCheck, ABranchOnARandomValueDiffersOnReplay) {
  // Seed 1 draws 0.205 in invocation 1 (ship_express) and 0.687 in invocation 2 (ship_standard):
  // tests/scenarios/det-2-branch-on-random-*.
  const char* handler = R"([{"let": "coin", "value": "${random()}"},
    {"if": {"less_than": ["${coin}", 0.5]}, "then": [{"step": "ship_express"}], "else": [{"step": "ship_standard"}]},
    {"wait": "wait_for_pickup", "seconds": 10}, {"return": "shipped"}])";
  for (const char* runtime : {"nodejs22.x", "python3.14"}) {
    SCOPED_TRACE(runtime);
    engine::Execution h = recorded(handler, runtime);
    ASSERT_NE(h.op_order.size(), 0u);
    ReplayReport r = check(handler, h, runtime);
    EXPECT_FALSE(r.clean);
    EXPECT_EQ(r.expected_name.value_or(""), "ship_express");
    EXPECT_EQ(r.got, "ship_standard");
    EXPECT_EQ(r.flavour, std::string(runtime).rfind("python", 0) == 0 ? "python" : "javascript");
  }
}

TEST(ReplayCheck, ReplaysAHistoryFromTheJsLocalRunnerShape) {
  // The runner's history of examples/order-nodejs.json after its first invocation (ids as the JS SDK makes
  // them).
  engine::Engine engine;
  workflow::Document doc = test::load(example("order-nodejs.json"));
  auto arn = engine.start_execution(doc);
  ASSERT_TRUE(arn.ok());
  engine.run_until_suspended(*arn);
  auto h = read_history({Source{"h.json", history_page(*engine.execution(*arn)).dump()}});
  ASSERT_TRUE(h.ok());
  auto built = build_execution(*h, "test");
  ASSERT_TRUE(built.ok());
  auto r = replay_check(doc, built->execution);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->clean) << r->message;
  auto other = replay_check(test::load(example("order.json")), built->execution, "js");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->clean); // validate_order is spelt validate-order in the Node.js example
}

} // namespace
} // namespace dp::importer
