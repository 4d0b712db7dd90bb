#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "../temp_file.hpp"
#include "../test_support.hpp"
#include "engine/branch.hpp"
#include "schema6.hpp"
#include "store/compact.hpp"
#include "store/store.hpp"

#include <sqlite3.h>

namespace dp::store {
namespace {

std::string temp_path(const char* name) {
  return test::temp_file(name);
}

TEST(Store, ASecondProcessCarriesOnWithTheExecution) {
  std::string path = temp_path("carry.db");
  std::filesystem::remove(path);
  auto doc = test::load(test::document_text(
      R"([{"step": "a", "returns": 1, "as": "a"}, {"create_callback": "approve", "as": "cb"}, {"await_callback": "cb", "as": "v"}, {"return": "${v}"}])"));
  std::string arn;
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    ASSERT_TRUE((*db)->attach(first).ok());
    arn = *first.start_execution(doc);
    first.run_to_end(arn);
    ASSERT_TRUE((*db)->save_clock(first.now()).ok());
    EXPECT_GT((*db)->transactions(), 3);
  }
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(second).ok());
  // The trace the first process recorded is back before anything new happens (the timeline after a reload).
  ASSERT_GT(second.trace().size(), 5u);
  EXPECT_EQ(second.trace().front().kind, engine::TraceKind::ExecutionStarted);
  size_t restored = second.trace().size();
  ASSERT_NE(second.execution(arn), nullptr);
  auto id = second.service().callback_id_by_name(arn, "approve");
  ASSERT_TRUE(id.ok()) << id.error().text();
  ASSERT_TRUE(second.send_callback_success(*id, "\"yes\"").ok());
  second.run_to_end(arn);
  ASSERT_GT(second.trace().size(), restored); // ... and goes on from where it was, numbered on
  for (size_t i = 0; i < second.trace().size(); ++i)
    EXPECT_EQ(second.trace()[i].seq, static_cast<int64_t>(i) + 1);
  EXPECT_EQ(second.execution(arn)->status, engine::ExecutionStatus::Succeeded);
  EXPECT_EQ(*second.execution(arn)->result, "\"\\\"yes\\\"\"");
  auto rows =
      (*db)->query("SELECT event_type FROM events WHERE execution_arn = '" + arn + "' ORDER BY event_id");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->rows.back()[0], "ExecutionSucceeded");
  std::filesystem::remove(path);
}

// Issue 9: a branch adopted by an engine reaches its store whole (operations, events, trace) with where it
// branched from, and a second process re-simulates it from the stored trace to travel in it.
TEST(Store, ABranchIsStoredWithItsOriginAndCanBeTravelledAfterARestore) {
  std::string path = temp_path("branch.db");
  std::filesystem::remove(path);
  auto doc = test::load(test::document_text(
      R"([{"step": "a", "returns": 1, "as": "a"}, {"create_callback": "approve", "as": "cb"}, {"await_callback": "cb", "as": "v"}, {"return": "${v}"}])"));
  std::string arn, branch_arn;
  std::vector<engine::TraceEvent> branch_entries;
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    ASSERT_TRUE((*db)->attach(first).ok());
    arn = *first.start_execution(doc, std::nullopt, "fn-1");
    first.run_to_end(arn);
    auto sim = engine::Resimulation::run(first, arn, std::nullopt, "fn-2", "branch-id");
    ASSERT_TRUE(sim.ok()) << sim.error().text();
    engine::BranchChoice choice;
    choice.kind = engine::BranchChoice::Kind::AnswerCallback;
    choice.callback_operation_id = engine::situation(**sim).callbacks.at(0).operation_id;
    choice.callback_result = "\"no\"";
    ASSERT_TRUE(engine::diverge(**sim, choice, engine::Execution::BranchOrigin{arn, "fn-1", 9, ""}).ok());
    ASSERT_TRUE(first.adopt_execution((*sim)->engine(), (*sim)->arn()).ok());
    branch_arn = (*sim)->arn();
    ASSERT_TRUE((*db)->last_error().ok()) << (*db)->last_error().error().text();
    for (const auto& t : first.trace())
      if (t.execution_arn == branch_arn)
        branch_entries.push_back(t);
  }
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(second).ok());
  const engine::Execution* b = second.execution(branch_arn);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->status, engine::ExecutionStatus::Succeeded);
  EXPECT_EQ(*b->result, "\"\\\"no\\\"\"");
  ASSERT_TRUE(b->branched_from.has_value());
  EXPECT_EQ(b->branched_from->name, "fn-1");
  EXPECT_EQ(b->branched_from->point, 9u);
  size_t stored = 0;
  for (const auto& t : second.trace())
    stored += t.execution_arn == branch_arn;
  EXPECT_EQ(stored, branch_entries.size());
  // The restored branch has no recording: re-simulated from its stored trace, it gets one.
  auto again = engine::Resimulation::run(second, branch_arn, std::nullopt);
  ASSERT_TRUE(again.ok()) << again.error().text();
  EXPECT_EQ((*again)->original_entries().size(), branch_entries.size());
  std::filesystem::remove(path);
}

// Every trace entry as text, and the replayed operations expanded (engine/trace.hpp), per invocation.
std::vector<std::string> entries(const engine::Engine& engine) {
  std::vector<std::string> out;
  for (const auto& t : engine.trace())
    out.push_back(std::to_string(t.seq) + " " + engine::to_json(t).dump() + " " + t.execution_arn);
  return out;
}
std::vector<std::string> expanded_replays(const engine::Engine& engine) {
  std::vector<std::string> out;
  for (const auto& t : engine.trace())
    if (t.kind == engine::TraceKind::OperationReplayed)
      for (const auto& op : engine::replayed_operations(t, *engine.execution(t.execution_arn)))
        out.push_back(std::to_string(t.invocation) + " " + std::string(op.operation_id) + " " +
                      std::string(op.name) + " " + std::string(op.what));
  return out;
}

workflow::Document straight_workflow() {
  // 40 steps of 100 ms under a 1-second timeout: several invocations, each replaying the earlier steps.
  std::string handler = "[";
  for (int i = 0; i < 40; ++i)
    handler +=
        std::string(i ? ", " : "") + R"({"step": "s)" + std::to_string(i) + R"(", "duration_ms": 100})";
  auto doc = test::load(test::document_text(handler + "]", "python3.14"));
  doc.function.timeout = 1;
  return doc;
}

TEST(Store, CompactReplayEntriesRoundTripWhileTheyGrow) {
  std::string path = temp_path("replays.db");
  std::filesystem::remove(path);
  engine::Engine first;
  std::string arn;
  {
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    ASSERT_TRUE((*db)->attach(first).ok());
    arn = *first.start_execution(straight_workflow());
    // The trace is stored after every step, so a replay entry is stored while it still grows.
    while (first.step(engine::Engine::Clock::LetTimeoutsFire))
      ASSERT_TRUE((*db)->save_clock(first.now()).ok());
    ASSERT_TRUE((*db)->last_error().ok());
    EXPECT_EQ(first.execution(arn)->status, engine::ExecutionStatus::Succeeded);
    auto rows = (*db)->query("SELECT count(*) FROM trace");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->rows[0][0], std::to_string(first.trace().size()));
    // One row per invocation that replayed, not one per replayed operation.
    auto replay_rows = (*db)->query("SELECT count(*) FROM trace WHERE kind = 'OperationReplayed'");
    ASSERT_TRUE(replay_rows.ok());
    EXPECT_EQ(replay_rows->rows[0][0], std::to_string(first.execution(arn)->invocations.size() - 1));
  }
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(second).ok());
  EXPECT_EQ(entries(second), entries(first));
  const auto replays = expanded_replays(first);
  EXPECT_GT(replays.size(), 40u);
  EXPECT_EQ(expanded_replays(second), replays);
  std::filesystem::remove(path);
}

TEST(Store, PerOperationReplayEntriesOfOlderTracesStillExpand) {
  std::string path = temp_path("replays_per_op.db");
  std::filesystem::remove(path);
  engine::EngineOptions per_op;
  per_op.compact_replays = false; // the form the store kept before replays were compact
  engine::Engine first(per_op), compact;
  {
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(first).ok());
    test::run(first, straight_workflow());
  }
  test::run(compact, straight_workflow());
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(second).ok());
  EXPECT_EQ(entries(second), entries(first));
  EXPECT_EQ(expanded_replays(second), expanded_replays(compact));
  std::filesystem::remove(path);
}

// Issue 14: a process killed in the middle of an invocation left it PENDING forever. The next writer ends it
// as Lambda ends an invocation that never reports back (Runtime.ExitError), and the retry replays from the
// last committed checkpoint. The page restores through the same calls after a reload.
TEST(Store, AnInvocationAStoppedProcessLeftRunningFailsAndIsInvokedAgain) {
  std::string path = temp_path("interrupted.db");
  std::filesystem::remove(path);
  auto doc = test::load(test::document_text(
      R"([{"step": "a", "returns": 1, "as": "a"}, {"step": "b", "returns": 2, "duration_ms": 500, "as": "b"}, {"return": "${a}"}])"));
  std::string arn;
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(first).ok());
    arn = *first.start_execution(doc);
    // Until step b has started: its START is committed, the invocation still runs (the body takes 500 ms).
    while (first.execution(arn)->ops.size() < 3 || !first.invocation_active())
      ASSERT_TRUE(first.step(engine::Engine::Clock::Hold));
  } // the process stops here: no end of the invocation reaches the file
  engine::Engine reader;
  {
    auto db = Store::open(path, true);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(reader).ok());
    EXPECT_EQ(reader.execution(arn)->invocations.back().end_ms, 0); // a reader changes nothing
  }
  engine::Engine second;
  auto db = Store::open(path, true, /*lock_writer=*/true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(second).ok());
  auto recovered = second.recover_interrupted_invocations();
  ASSERT_EQ(recovered.size(), 1u);
  const engine::Execution& e = *second.execution(arn);
  EXPECT_EQ(e.invocations.back().outcome, engine::InvocationOutcome::Crashed);
  EXPECT_EQ(e.events.back().event_type, "InvocationCompleted");
  EXPECT_NE(e.events.back().details.dump().find("Runtime.ExitError"), std::string::npos);
  EXPECT_TRUE(second.recover_interrupted_invocations().empty()); // once
  second.run_to_end(arn);
  EXPECT_EQ(e.status, engine::ExecutionStatus::Succeeded);
  EXPECT_EQ(e.invocations.size(), 2u);
  EXPECT_EQ(e.invocations[1].start_ms - e.invocations[0].end_ms, 5000); // the failed-invocation backoff
  ASSERT_TRUE((*db)->save_clock(second.now()).ok());
  auto rows =
      (*db)->query("SELECT outcome FROM invocations WHERE execution_arn = '" + arn + "' ORDER BY idx");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0][0], "CRASHED");
  std::filesystem::remove(path);
}

// Issue 14: two processes computing from the same state: the second writer is refused, not merged.
TEST(Store, AWriterActingOnAStaleStateIsRefused) {
  std::string path = temp_path("stale.db");
  std::filesystem::remove(path);
  auto doc = test::load(test::document_text(
      R"([{"create_callback": "approve", "as": "cb"}, {"await_callback": "cb", "as": "v"}, {"return": "${v}"}])"));
  std::string arn;
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(first).ok());
    arn = *first.start_execution(doc);
    first.run_to_end(arn);
  }
  engine::Engine a, b;
  auto da = Store::open(path, true), dbb = Store::open(path, true);
  ASSERT_TRUE(da.ok() && dbb.ok());
  ASSERT_TRUE((*da)->attach(a).ok());
  ASSERT_TRUE((*dbb)->attach(b).ok());
  ASSERT_TRUE(a.send_callback_success(*a.service().callback_id_by_name(arn, "approve"), "\"a\"").ok());
  EXPECT_TRUE((*da)->last_error().ok());
  ASSERT_TRUE(b.send_callback_success(*b.service().callback_id_by_name(arn, "approve"), "\"b\"").ok());
  ASSERT_FALSE((*dbb)->last_error().ok());
  EXPECT_NE((*dbb)->last_error().error().message.find("another process changed the execution"),
            std::string::npos);
  b.run_to_end(arn); // nothing more of the stale process reaches the file
  EXPECT_FALSE((*dbb)->save_clock(b.now()).ok());
  a.run_to_end(arn);
  ASSERT_TRUE((*da)->save_clock(a.now()).ok());
  auto rows = (*da)->query("SELECT result FROM executions");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->rows[0][0], "\"\\\"a\\\"\"");
  std::filesystem::remove(path);
}

TEST(Store, ForeignAndCorruptFilesAreNeverOverwritten) {
  std::string path = temp_path("foreign.db");
  { std::ofstream(path) << "plain text, not SQLite"; }
  auto db = Store::open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.error().message.find("left untouched"), std::string::npos);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "plain text, not SQLite");
  std::filesystem::remove(path);
}

TEST(Store, TheConsoleIsReadOnly) {
  auto db = Store::open(":memory:");
  ASSERT_TRUE(db.ok());
  auto write = (*db)->query("DELETE FROM executions");
  ASSERT_FALSE(write.ok());
  EXPECT_NE(write.error().message.find("read-only"), std::string::npos);
  for (const char* view :
       {"DELETE FROM operations", "UPDATE events SET name = 'x'", "INSERT INTO trace DEFAULT VALUES"}) {
    auto refused = (*db)->query(view); // schema 7's views: refused with the same words
    ASSERT_FALSE(refused.ok()) << view;
    EXPECT_NE(refused.error().message.find("read-only"), std::string::npos) << refused.error().message;
  }
  auto bad = (*db)->query("SELEKT 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("syntax error"), std::string::npos); // SQLite's own message
  // The names a learner queries: tables, and since schema 7 the views over the compact_* tables.
  auto ok = (*db)->query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE "
                         "'compact_%' ORDER BY name");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->rows.size(), 10u); // with `documents` (3), `side_effects` (4) and `imports` (5)
}

TEST(Store, NewerSchemaIsRefusedAndLeftAlone) {
  std::string path = temp_path("newer.db");
  std::filesystem::remove(path);
  {
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok());
  }
  {
    // A database written by a future version of the playground.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = Store::open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.error().message.find("newer"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(Store, MigratesAVersionOneDatabase) {
  std::string path = temp_path("v1.db");
  std::filesystem::remove(path);
  {
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok());
  }
  ASSERT_EQ(test::downgrade_to_schema6(path), "");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    // The version 1 shape: no trace, the document in the executions row.
    ASSERT_EQ(sqlite3_exec(raw,
                           "DROP TABLE trace; DROP TABLE documents;"
                           "ALTER TABLE executions ADD COLUMN document TEXT NOT NULL DEFAULT '';"
                           "PRAGMA user_version=1",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  auto db = Store::open(path);
  ASSERT_TRUE(db.ok()) << db.error().text();
  auto v = (*db)->query("PRAGMA user_version");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->rows[0][0], std::to_string(kSchemaVersion));
  EXPECT_TRUE((*db)->query("SELECT count(*) FROM trace").ok());
  std::filesystem::remove(path);
}

TEST(Store, MigratesAVersionTwoDatabaseKeepingItsDocuments) {
  std::string path = temp_path("v2.db");
  std::filesystem::remove(path);
  std::string arn;
  {
    engine::Engine engine;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->attach(engine).ok());
    arn = test::run(engine, straight_workflow());
  }
  ASSERT_EQ(test::downgrade_to_schema6(path), "");
  {
    // Back to the version 2 shape: the document in the executions row.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "ALTER TABLE executions ADD COLUMN document TEXT NOT NULL DEFAULT '';"
                           "UPDATE executions SET document = (SELECT document FROM documents"
                           " WHERE execution_arn = executions.arn);"
                           "DROP TABLE documents; PRAGMA user_version=2",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  engine::Engine engine;
  auto db = Store::open(path);
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(engine).ok());
  auto v = (*db)->query("PRAGMA user_version");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->rows[0][0], std::to_string(kSchemaVersion));
  ASSERT_NE(engine.execution(arn), nullptr);
  EXPECT_EQ(engine.execution(arn)->document->handler.size(), 40u);
  EXPECT_FALSE((*db)->query("SELECT document FROM executions").ok()); // moved to `documents`
  std::filesystem::remove(path);
}

// Schema 6 stores a checkpoint call's trace entry as {"Call": seq}: a reload puts back the updates and
// tokens from its checkpoint_calls row, so the trace after a reload is the trace the engine recorded.
TEST(Store, TraceCheckpointCallsComeBackFromTheirRows) {
  std::string path = temp_path("calls.db");
  std::filesystem::remove(path);
  auto doc = test::load(test::document_text(
      R"([{"step": "a", "returns": {"n": 1}}, {"step": "b", "returns": 2, "duration_ms": 5},
          {"create_callback": "approve", "as": "cb"}, {"await_callback": "cb", "as": "v"}])"));
  std::vector<std::string> recorded;
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    ASSERT_TRUE((*db)->attach(first).ok());
    first.run_to_end(*first.start_execution(doc));
    for (const auto& t : first.trace())
      recorded.push_back(engine::to_json(t).dump());
    auto stored = (*db)->query("SELECT data FROM trace WHERE kind = 'CheckpointCall' ORDER BY seq LIMIT 1");
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->rows[0][0], R"({"Call":1})");
  }
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->attach(second).ok());
  std::vector<std::string> restored;
  for (const auto& t : second.trace())
    restored.push_back(engine::to_json(t).dump());
  EXPECT_EQ(restored, recorded);
  std::filesystem::remove(path);
}

// A database written by the program at schema 4 (tests/unit/store/fixtures/v4-callback.db, made by
// durable-sim at cd15492 from v4-callback.json, stopped at its unanswered callback) opens at the current
// schema: its big tables become compact tables behind views of the same names, the execution, trace, ledger
// and the Checkpoints panel's query read as before, and the execution carries on and is written.
TEST(Store, AVersionFourFileOpensAndCarriesOn) {
  std::string path = temp_path("v4.db");
  for (const char* suffix : {"", "-wal", "-shm"}) // a journal left by an earlier run would be replayed
    std::filesystem::remove(path + suffix);
  std::filesystem::copy_file(std::string(DP_SOURCE_DIR) + "/tests/unit/store/fixtures/v4-callback.db", path);
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* v = nullptr;
    sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &v, nullptr);
    ASSERT_EQ(sqlite3_step(v), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(v, 0), 4); // the fixture is what it says
    sqlite3_finalize(v);
    sqlite3_close(raw);
  }
  engine::Engine engine;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(engine).ok());
  auto version = (*db)->query("PRAGMA user_version");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->rows[0][0], std::to_string(kSchemaVersion));
  for (const char* table :
       {"compact_operations", "compact_checkpoint_calls", "invocations", "compact_events"}) {
    auto sql = (*db)->query(std::string("SELECT sql FROM sqlite_master WHERE name = '") + table + "'");
    ASSERT_TRUE(sql.ok());
    ASSERT_EQ(sql->rows.size(), 1u) << table;
    EXPECT_NE(sql->rows[0][0].find("WITHOUT ROWID"), std::string::npos) << table;
  }
  for (const char* view : {"operations", "checkpoint_calls", "events", "trace"}) {
    auto type = (*db)->query(std::string("SELECT type FROM sqlite_master WHERE name = '") + view + "'");
    ASSERT_TRUE(type.ok());
    EXPECT_EQ(type->rows, (std::vector<std::vector<std::string>>{{"view"}})) << view;
  }
  auto executions = (*db)->query("SELECT arn FROM executions");
  ASSERT_TRUE(executions.ok());
  ASSERT_EQ(executions->rows.size(), 1u);
  const std::string arn = executions->rows[0][0];
  const engine::Execution* e = engine.execution(arn);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, engine::ExecutionStatus::Running);
  size_t events_before = e->events.size();
  // The old trace kept the updates in its checkpoint call entries: they read as they were written.
  int calls = 0;
  for (const auto& t : engine.trace())
    if (t.kind == engine::TraceKind::CheckpointCall) {
      ++calls;
      EXPECT_NE(find_member(t.data, "Updates"), nullptr);
    }
  EXPECT_GT(calls, 0);
  auto effects = (*db)->query("SELECT effect, recorded FROM side_effects");
  ASSERT_TRUE(effects.ok());
  ASSERT_EQ(effects->rows.size(), 1u);
  EXPECT_EQ(effects->rows[0][0], "hold the stock");
  EXPECT_EQ(effects->rows[0][1], "SUCCEED");
  auto panel = (*db)->query("SELECT json_array_length(updates), (SELECT group_concat(json_extract(value, "
                            "'$.Action'), ' + ') FROM json_each(checkpoint_calls.updates)) FROM "
                            "checkpoint_calls ORDER BY seq");
  ASSERT_TRUE(panel.ok()) << panel.error().text();
  EXPECT_EQ(panel->rows.size(), static_cast<size_t>(calls));
  // It carries on: the answer arrives and the rest is written into the migrated tables.
  auto id = engine.service().callback_id_by_name(arn, "approve");
  ASSERT_TRUE(id.ok()) << id.error().text();
  ASSERT_TRUE(engine.send_callback_success(*id, "\"ok\"").ok());
  engine.run_to_end(arn);
  ASSERT_TRUE((*db)->last_error().ok()) << (*db)->last_error().error().text();
  EXPECT_EQ(engine.execution(arn)->status, engine::ExecutionStatus::Succeeded);
  auto rows = (*db)->query("SELECT count(*) FROM events WHERE execution_arn = '" + arn + "'");
  ASSERT_TRUE(rows.ok());
  EXPECT_GT(std::stoul(rows->rows[0][0]), events_before);
  std::filesystem::remove(path);
}

// Time travel's console: a snapshot database holds one execution as given, queryable like the store.
TEST(Store, ASnapshotHoldsTheExecutionItIsGiven) {
  engine::Engine engine;
  const std::string arn = test::run(engine, straight_workflow());
  const engine::Execution& e = *engine.execution(arn);
  auto snap = Store::snapshot(e);
  ASSERT_TRUE(snap.ok()) << snap.error().text();
  auto ops = (*snap)->query("SELECT count(*) FROM operations");
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(ops->rows[0][0], std::to_string(e.op_order.size()));
  auto events = (*snap)->query("SELECT count(*) FROM events");
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->rows[0][0], std::to_string(e.events.size()));
  auto status = (*snap)->query("SELECT status FROM executions");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->rows[0][0], engine::to_string(e.status));
  EXPECT_FALSE((*snap)->query("DELETE FROM operations").ok()); // read-only like the store's console
}

// [SECTION] schema 7: the compact tables and their views (issue 12)

// The example workflows, and one whose names and payload need JSON escaping (a record the compact columns
// would not rebuild byte for byte, so it is kept verbatim).
std::vector<workflow::Document> varied_workflows() {
  std::vector<workflow::Document> docs;
  for (const char* name : {"order", "approval", "fan-out-map", "parallel-checks", "saga", "polling",
                           "chained-invoke", "determinism"}) {
    std::ifstream in(std::string(DP_SOURCE_DIR) + "/examples/" + name + ".json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    docs.push_back(test::load(text));
  }
  docs.push_back(test::load(test::document_text(
      R"([{"step": "say \"hi\" \\there", "returns": "a\"b\\c ☕\t", "as": "a"},
          {"step": "cafe", "returns": {"ü": "\u0001"}, "duration_ms": 5}])")));
  // Payloads of schema 8's size (compact::kPayloadMinBytes): a result two steps return, an error message
  // a retried attempt raises, a callback's answer.
  const std::string big(600, 'p'), message(400, 'm');
  docs.push_back(test::load(test::document_text(R"([{"step": "big", "returns": ")" + big +
                                                R"(", "as": "a"}, {"step": "again", "returns": "${a}"},
          {"step": "flaky", "returns": 1, "retry": {"max_attempts": 2, "initial_delay_seconds": 1,
           "jitter": "none"}, "throws": [{"attempts": [1], "error": {"type": "E", "message": ")" +
                                                message + R"("}}]}, {"return": "${a}"}])")));
  return docs;
}

// Every row of every view, in key order, as text (NULL as "NULL"); the columns first.
std::vector<std::vector<std::string>> dump_table(const Store& db, const std::string& sql) {
  auto rows = db.query(sql, 1'000'000);
  EXPECT_TRUE(rows.ok()) << sql << ": " << (rows.ok() ? "" : rows.error().text());
  if (!rows.ok())
    return {};
  std::vector<std::vector<std::string>> out{rows->columns};
  out.insert(out.end(), rows->rows.begin(), rows->rows.end());
  return out;
}
const char* const kEveryView[] = {
    "SELECT * FROM operations ORDER BY execution_arn, id",
    "SELECT * FROM events ORDER BY execution_arn, event_id",
    "SELECT * FROM checkpoint_calls ORDER BY execution_arn, seq",
    "SELECT * FROM trace ORDER BY seq",
    "SELECT typeof(operation_id), typeof(name), typeof(data) FROM trace ORDER BY seq",
    "SELECT typeof(parent_id), typeof(end_ms), count(*) FROM operations GROUP BY 1, 2",
    "SELECT typeof(token_in), typeof(token_out), typeof(error), count(*) FROM checkpoint_calls GROUP BY 1, "
    "2, 3"};

TEST(Store, CompactTokensAndUpdatesComeBackAsTheyWere) {
  const std::string id = "9ef9bc2e-904b-8d8b-4de6-c1981936a749";
  for (const std::string& token :
       std::vector<std::string>{id + ":7", id + ":0", id + ":007", id + ":+7", id + ":", "other:7", id, ""}) {
    Packed packed = compact::pack_token(token, id);
    EXPECT_EQ(packed.integer.has_value(), token == id + ":7" || token == id + ":0") << token;
    EXPECT_EQ(compact::unpack_token(packed, id), token);
  }
  auto updates =
      parse_json(R"([{"Id":"a1","Name":"s","Type":"STEP","Action":"START"},)"
                 R"({"Id":"q\"x","Type":"STEP","Action":"START"},{"Id":"unknown","Action":"FAIL"},)"
                 R"({"Name":"no id first","Id":"a1"}])");
  ASSERT_TRUE(updates.ok());
  auto position_of = [](const std::string& op) -> std::optional<int64_t> {
    return op == "a1" ? std::optional<int64_t>(12) : op == "q\"x" ? std::optional<int64_t>(3) : std::nullopt;
  };
  const std::string packed = compact::pack_updates(*updates, position_of);
  // Only a leading Id that needs no escaping becomes a number.
  EXPECT_EQ(packed, R"([{"Id":12,"Name":"s","Type":"STEP","Action":"START"},)"
                    R"({"Id":"q\"x","Type":"STEP","Action":"START"},{"Id":"unknown","Action":"FAIL"},)"
                    R"({"Name":"no id first","Id":"a1"}])");
  auto back = compact::unpack_updates(
      packed, [](int64_t p) { return p == 12 ? std::optional<std::string>("a1") : std::nullopt; });
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->dump(), updates->dump());
  EXPECT_FALSE(
      compact::unpack_updates(R"([{"Id":5}])", [](int64_t) { return std::optional<std::string>(); }).ok());
}

// What schema 6 stored for these rows is what the engine's JSON renderings print (store.cpp at 175bc36):
// the views must show exactly that.
TEST(Store, TheViewsShowTheRowsAsSchemaSixStoredThem) {
  engine::Engine engine;
  auto db = Store::open(":memory:");
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(engine).ok());
  for (const auto& doc : varied_workflows())
    test::run(engine, doc);
  ASSERT_TRUE((*db)->save_clock(engine.now()).ok());
  size_t executions = 0;
  for (const auto& arn : engine.service().execution_order()) {
    const engine::Execution& e = *engine.execution(arn);
    ++executions;
    const std::string where = " WHERE execution_arn = '" + arn + "'";
    auto ops =
        (*db)->query("SELECT id, parent_id, name, type, subtype, status, start_ms, end_ms, record FROM "
                     "operations" +
                         where + " ORDER BY position",
                     100'000);
    ASSERT_TRUE(ops.ok()) << ops.error().text();
    ASSERT_EQ(ops->rows.size(), e.op_order.size()) << arn;
    for (size_t i = 0; i < e.op_order.size(); ++i) {
      const engine::Operation& op = *e.ops.at(e.op_order[i]);
      const auto& row = ops->rows[i];
      EXPECT_EQ(row[0], op.id);
      EXPECT_EQ(row[1], op.parent_id.value_or("NULL"));
      EXPECT_EQ(row[2], op.name.value_or("NULL"));
      EXPECT_EQ(row[3], to_string(op.type));
      EXPECT_EQ(row[5], to_string(op.status));
      EXPECT_EQ(row[6], std::to_string(op.start_timestamp));
      EXPECT_EQ(row[7], op.end_timestamp ? std::to_string(*op.end_timestamp) : "NULL");
      EXPECT_EQ(row[8], engine::to_json(op).dump());
    }
    auto events =
        (*db)->query("SELECT event_id, event_type, timestamp_ms, operation_id, name, record FROM events" +
                         where + " ORDER BY event_id",
                     100'000);
    ASSERT_TRUE(events.ok()) << events.error().text();
    ASSERT_EQ(events->rows.size(), e.events.size());
    for (size_t i = 0; i < e.events.size(); ++i) {
      const engine::HistoryEvent& x = e.events[i];
      EXPECT_EQ(events->rows[i],
                (std::vector<std::string>{std::to_string(x.event_id), x.event_type,
                                          std::to_string(x.event_timestamp), x.id.value_or("NULL"),
                                          x.name.value_or("NULL"), engine::to_json(x).dump()}));
    }
    auto calls = (*db)->query("SELECT seq, invocation, time_ms, token_in, token_out, updates, error FROM "
                              "checkpoint_calls" +
                                  where + " ORDER BY seq",
                              100'000);
    ASSERT_TRUE(calls.ok()) << calls.error().text();
    ASSERT_EQ(calls->rows.size(), e.checkpoint_calls.size());
    for (size_t i = 0; i < e.checkpoint_calls.size(); ++i) {
      const engine::CheckpointCallRecord& c = e.checkpoint_calls[i];
      Json updates = Json::array();
      for (const auto& u : c.updates)
        updates.push_back(engine::to_json(u));
      EXPECT_EQ(calls->rows[i],
                (std::vector<std::string>{std::to_string(c.seq), std::to_string(c.invocation),
                                          std::to_string(c.time_ms), c.token_in,
                                          c.token_out.empty() ? "NULL" : c.token_out, updates.dump(),
                                          c.error.empty() ? "NULL" : c.error}));
    }
  }
  EXPECT_EQ(executions, 11u); // the chained invoke starts a child execution
  auto trace = (*db)->query("SELECT seq, time_ms, execution_arn, invocation, kind, operation_id, name, text "
                            "FROM trace ORDER BY seq",
                            1'000'000);
  ASSERT_TRUE(trace.ok()) << trace.error().text();
  ASSERT_EQ(trace->rows.size(), engine.trace().size());
  for (size_t i = 0; i < engine.trace().size(); ++i) {
    const engine::TraceEvent& t = engine.trace()[i];
    EXPECT_EQ(trace->rows[i], (std::vector<std::string>{std::to_string(t.seq), std::to_string(t.time_ms),
                                                        t.execution_arn, std::to_string(t.invocation),
                                                        to_string(t.kind), t.operation_id, t.name, t.text}));
  }
  // Compact, except where escaping makes the columns' text differ from the record's: the names with a
  // quote, a tab and a control character (their operations, events and the calls naming them).
  auto verbatim = (*db)->query("SELECT (SELECT count(*) FROM compact_operations WHERE record IS NOT NULL),"
                               " (SELECT count(*) FROM compact_events WHERE record IS NOT NULL),"
                               " (SELECT count(*) FROM compact_operations)");
  ASSERT_TRUE(verbatim.ok());
  EXPECT_EQ(verbatim->rows[0][0], "1"); // say "hi" \there
  EXPECT_EQ(verbatim->rows[0][1], "2"); // its StepStarted and StepSucceeded
  EXPECT_GT(std::stoul(verbatim->rows[0][2]), 50u);
}

// A schema-6 file (the rows the program wrote, in schema 6's own tables, plus rows an older program or a
// hand could have left: a record with a leading space, a trace kind this program does not know) opens
// at schema 8 (through 7): every view shows what the table held, and the engine restores what it had
// recorded.
TEST(Store, ASchemaSixFileMigratesAndReadsTheSame) {
  std::string path = temp_path("v6.db");
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  std::vector<std::string> recorded;
  std::vector<std::string> records;
  auto records_of = [](const engine::Engine& engine) {
    std::vector<std::string> out;
    for (const auto& arn : engine.service().execution_order()) {
      const engine::Execution& e = *engine.execution(arn);
      for (const auto& id : e.op_order)
        out.push_back(engine::to_json(*e.ops.at(id)).dump());
      for (const auto& x : e.events)
        out.push_back(engine::to_json(x).dump());
      out.push_back(std::to_string(e.checkpoint_calls.size()) + " calls");
    }
    return out;
  };
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    ASSERT_TRUE((*db)->attach(first).ok());
    for (const auto& doc : varied_workflows())
      test::run(first, doc);
    ASSERT_TRUE((*db)->save_clock(first.now()).ok());
    recorded = entries(first);
    records = records_of(first);
  }
  ASSERT_EQ(test::downgrade_to_schema6(path), "");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "UPDATE operations SET record = ' ' || record WHERE position = 1;"
                           "UPDATE events SET record = ' ' || record WHERE event_id = 2;"
                           "INSERT INTO trace(seq, time_ms, execution_arn, invocation, kind, operation_id,"
                           " name, text, data) SELECT max(seq) + 1, 0, execution_arn, 0, 'AFutureKind', NULL,"
                           " NULL, 'from a later release', NULL FROM trace;"
                           "",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  // Schema 6's tables as they are, read with SQLite alone (a Store would migrate them first).
  std::vector<std::vector<std::vector<std::string>>> before;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    for (const char* sql : kEveryView) {
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr), SQLITE_OK) << sql;
      std::vector<std::vector<std::string>> rows;
      std::vector<std::string> columns;
      for (int c = 0; c < sqlite3_column_count(st); ++c)
        columns.push_back(sqlite3_column_name(st, c));
      rows.push_back(columns);
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
          const unsigned char* t = sqlite3_column_text(st, c);
          row.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
        }
        rows.push_back(row);
      }
      sqlite3_finalize(st);
      before.push_back(rows);
    }
    sqlite3_close(raw);
  }
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(second).ok());
  auto version = (*db)->query("PRAGMA user_version");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->rows[0][0], "8");
  for (size_t i = 0; i < std::size(kEveryView); ++i)
    EXPECT_EQ(dump_table(**db, kEveryView[i]), before[i]) << kEveryView[i];
  std::vector<std::string> restored = entries(second);
  ASSERT_EQ(restored.size(), recorded.size() + 1); // and the later release's entry
  restored.pop_back();
  EXPECT_EQ(restored, recorded);
  EXPECT_EQ(records_of(second), records);
  auto verbatim = (*db)->query("SELECT (SELECT count(*) FROM compact_operations WHERE record LIKE ' %'),"
                               " (SELECT count(*) FROM compact_events WHERE record LIKE ' %')");
  ASSERT_TRUE(verbatim.ok());
  auto executions = (*db)->query("SELECT count(*) FROM executions");
  ASSERT_TRUE(executions.ok());
  EXPECT_EQ(executions->rows[0][0], "11"); // the examples', the chained invoke's child and ours
  EXPECT_EQ(verbatim->rows[0], (std::vector<std::string>{"11", "11"})); // one each per execution
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
}

// Schema 8: a large payload is stored once per execution, whichever record, event or update carried it,
// and comes back in each.
TEST(Store, ALargePayloadIsStoredOnceAndShownInEveryView) {
  engine::Engine engine;
  auto db = Store::open(":memory:");
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(engine).ok());
  // Three steps of distinct 10,000-character results.
  std::string handler = "[";
  for (char c : {'x', 'y', 'z'})
    handler +=
        std::string(c == 'x' ? "" : ",") + R"({"step": "s", "returns": ")" + std::string(10'000, c) + R"("})";
  std::string arn = test::run(engine, test::load(test::document_text(handler + "]")));
  ASSERT_EQ(engine.execution(arn)->status, engine::ExecutionStatus::Succeeded);
  auto sizes = (*db)->query("SELECT (SELECT count(*) FROM compact_payloads), (SELECT sum(length(text)) FROM "
                            "compact_payloads), (SELECT sum(length(details)) FROM compact_operations) + "
                            "(SELECT sum(length(details)) FROM compact_events) + (SELECT "
                            "sum(length(updates)) FROM compact_checkpoint_calls)");
  ASSERT_TRUE(sizes.ok()) << sizes.error().text();
  // JavaScript stores the result as JSON text: the literal is the string's JSON with its quotes escaped.
  EXPECT_EQ(sizes->rows[0][0], "3");
  EXPECT_EQ(sizes->rows[0][1], std::to_string(3 * (10'000 + 6)));
  EXPECT_LT(std::stoll(sizes->rows[0][2]), 5'000); // each result held 3 times before: 90 KB
  auto shown = (*db)->query(
      "SELECT (SELECT count(*) FROM operations WHERE record LIKE '%' || printf('%.10000c', 'y') || '%'),"
      " (SELECT count(*) FROM events WHERE record LIKE '%' || printf('%.10000c', 'y') || '%'),"
      " (SELECT count(*) FROM checkpoint_calls WHERE updates LIKE '%' || printf('%.10000c', 'y') || '%')");
  ASSERT_TRUE(shown.ok()) << shown.error().text();
  EXPECT_EQ(shown->rows[0], (std::vector<std::string>{"1", "1", "1"}));
}

// What a text's payload markers stand for: the literal back, a missing row named; a text without any
// string long enough keeps its bytes.
TEST(Store, PayloadMarkersComeBackAsTheLiteral) {
  const std::string literal = "\"" + std::string(300, 'a') + "\\\"q\"";
  std::string text = R"({"Id":3,"Payload":)" + literal +
                     R"(,"Error":{"ErrorMessage":"short"}},{"Id":4,"P":)" + literal + "}";
  text = "[" + text + "]";
  const std::string original = text;
  std::vector<std::string> stored;
  ASSERT_TRUE(compact::extract_payloads(text, [&](std::string_view l) -> Result<int64_t> {
                stored.emplace_back(l);
                return static_cast<int64_t>(stored.size());
              }).ok());
  EXPECT_EQ(text, R"([{"Id":3,"Payload":{"$payload":1},"Error":{"ErrorMessage":"short"}},)"
                  R"({"Id":4,"P":{"$payload":2}}])");
  EXPECT_EQ(stored, (std::vector<std::string>{literal, literal}));
  auto back = compact::expand_payloads(text, [&](int64_t id) -> std::optional<std::string> {
    return id >= 1 && id <= 2 ? std::optional<std::string>(stored[id - 1]) : std::nullopt;
  });
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, original);
  EXPECT_FALSE(compact::expand_payloads(R"({"Payload":{"$payload":9}})", [](int64_t) {
                 return std::optional<std::string>();
               }).ok());
  std::string small = R"("StepDetails":{"Result":"short"})";
  ASSERT_TRUE(compact::extract_payloads(small, [](std::string_view) -> Result<int64_t> { return 1; }).ok());
  EXPECT_EQ(small, R"("StepDetails":{"Result":"short"})");
}

// A schema-7 file (payloads inside the rows, the views that read no payloads table) opens at schema 8:
// the same views, the same restored executions, and the large payloads moved out.
TEST(Store, ASchemaSevenFileMigratesAndReadsTheSame) {
  std::string path = temp_path("v7.db");
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  std::vector<std::string> recorded;
  {
    engine::Engine first;
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    ASSERT_TRUE((*db)->attach(first).ok());
    for (const auto& doc : varied_workflows())
      test::run(first, doc);
    ASSERT_TRUE((*db)->save_clock(first.now()).ok());
    recorded = entries(first);
  }
  std::vector<std::vector<std::vector<std::string>>> before;
  {
    auto db = Store::open(path);
    ASSERT_TRUE(db.ok()) << db.error().text();
    for (const char* sql : kEveryView)
      before.push_back(dump_table(**db, sql));
  }
  {
    // Back to schema 7: every marker replaced by its literal, then the payloads table and the views gone.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    std::map<int64_t, std::string> payloads;
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT id, text FROM compact_payloads", -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
      payloads[sqlite3_column_int64(st, 0)] = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    EXPECT_GE(payloads.size(), 2u); // our workflow's result (once) and error message, at least
    auto literal_of = [&](int64_t id) {
      auto it = payloads.find(id);
      return it == payloads.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    for (auto [table, column, key] : {std::tuple{"compact_operations", "details", "position"},
                                      std::tuple{"compact_events", "details", "event_id"},
                                      std::tuple{"compact_checkpoint_calls", "updates", "seq"}}) {
      std::vector<std::tuple<int64_t, int64_t, std::string>> rows;
      std::string select = std::string("SELECT ex, ") + key + ", " + column + " FROM " + table + " WHERE " +
                           column + " LIKE '%{\"$payload\":%'";
      ASSERT_EQ(sqlite3_prepare_v2(raw, select.c_str(), -1, &st, nullptr), SQLITE_OK);
      while (sqlite3_step(st) == SQLITE_ROW)
        rows.emplace_back(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                          reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
      sqlite3_finalize(st);
      EXPECT_FALSE(rows.empty()) << table;
      std::string update =
          std::string("UPDATE ") + table + " SET " + column + "=?3 WHERE ex=?1 AND " + key + "=?2";
      for (auto& [ex, k, text] : rows) {
        auto expanded = compact::expand_payloads(text, literal_of);
        ASSERT_TRUE(expanded.ok());
        ASSERT_EQ(sqlite3_prepare_v2(raw, update.c_str(), -1, &st, nullptr), SQLITE_OK);
        sqlite3_bind_int64(st, 1, ex);
        sqlite3_bind_int64(st, 2, k);
        sqlite3_bind_text(st, 3, expanded->c_str(), -1, SQLITE_TRANSIENT);
        EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
      }
    }
    std::string sql = "DROP VIEW operations; DROP VIEW events; DROP VIEW checkpoint_calls; DROP VIEW trace;"
                      "DROP TABLE compact_payloads;" +
                      compact::views_sql(false) + "PRAGMA user_version=7;";
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  engine::Engine second;
  auto db = Store::open(path, true);
  ASSERT_TRUE(db.ok()) << db.error().text();
  ASSERT_TRUE((*db)->attach(second).ok());
  auto version = (*db)->query("PRAGMA user_version");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->rows[0][0], "8");
  for (size_t i = 0; i < std::size(kEveryView); ++i)
    EXPECT_EQ(dump_table(**db, kEveryView[i]), before[i]) << kEveryView[i];
  EXPECT_EQ(entries(second), recorded);
  auto moved = (*db)->query("SELECT (SELECT count(*) FROM compact_payloads),"
                            " (SELECT count(*) FROM compact_operations"
                            "  WHERE details LIKE '%' || printf('%.600c', 'p') || '%')");
  ASSERT_TRUE(moved.ok());
  EXPECT_NE(moved->rows[0][0], "0");
  EXPECT_EQ(moved->rows[0][1], "0");
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
}

} // namespace
} // namespace dp::store
