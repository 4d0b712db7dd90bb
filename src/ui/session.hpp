// The session: the workflow document being edited and the engine (service + SDK simulation) running it,
// seen by the panels. Panels read through it and change things only through its commands, which are the
// same calls the CLI makes on the engine.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/branch.hpp"
#include "engine/engine.hpp"
#include "engine/recording.hpp"
#include "explain/explain.hpp"
#include "importer/execution_builder.hpp"
#include "importer/sam_store.hpp"
#include "store/store.hpp"
#include "workflow/document.hpp"

namespace dp::ui {

// A notice for the menu bar's notice area (storage failures, bad share links, engine errors). It has a
// fixed place there, so raising or clearing one never moves a control (issue 9: a strip that pushed the
// layout down made repeated clicks on Step land on "Start new execution").
struct Notice {
  enum class Level { Info, Warning, Error };
  // When the notice stops applying and leaves by itself (every notice also has a Dismiss button).
  enum class Until {
    Dismissed,       // about the page itself (storage, a bad link); notes (Info) fade after 12 s
    EngineChanges,   // about the run ("nothing can happen now", "waits for a callback"): the next engine
                     // command that changes something ends it
    DocumentChanges, // about the document ("opened X", with Undo): the next document change ends it
  };
  Level level = Level::Info;
  std::string text;
  double shown_ms = 0.0; // page time it was raised (notes fade after a while)
  Until until = Until::Dismissed;
  uint64_t revision = 0;           // the engine or document revision when raised (see `until`)
  std::string action;              // label of a button beside the text ("Undo"); "" = none
  std::function<void()> on_action; // run when that button is clicked (the notice then goes)
};

class Session {
public:
  Session();
  ~Session();

  // --- The document --------------------------------------------------------------------------------
  // The last valid document (the editor's outline and the engine use it).
  const workflow::Document& document() const { return m_document; }
  // Its JSON text as last serialised or typed.
  const std::string& document_text() const { return m_document_text; }
  // Why the last text given to set_document_text() was refused (JSON mode shows it with the path).
  const std::optional<Error>& document_error() const { return m_document_error; }
  // Bumped on every accepted change; panels cache derived data by it.
  uint64_t document_revision() const { return m_document_revision; }

  // Replaces the document (outline and inspector edits); re-serialises the text and saves it.
  void set_document(workflow::Document document);
  // Parses and validates text (JSON mode, upload, share link). Accepted text replaces the document;
  // refused text is kept as the pending text with the error.
  bool set_document_text(const std::string& text);

  // --- Executions (the engine) -----------------------------------------------------------------------
  // Bumped after every engine command; panels cache derived data by it.
  uint64_t revision() const { return m_revision; }
  // Bumped only when the engine changes (not when time travel moves the point shown).
  uint64_t engine_revision() const { return m_engine_revision; }
  // All executions, in start order (running and finished).
  std::vector<const engine::Execution*> executions() const;
  const engine::Execution* execution(const std::string& arn) const;
  // The trace of everything the engine did since the page loaded, in order (all executions). Executions
  // restored from the store after a reload have no trace before it.
  const std::vector<engine::TraceEvent>& trace() const;
  // The virtual clock (epoch ms) and the next timer, if any.
  int64_t clock_ms() const;
  std::optional<int64_t> next_timer_ms() const;
  std::vector<engine::PendingCallback> pending_callbacks(const std::string& arn) const;

  // Commands: the same engine calls the CLI makes. Each returns an error for the notices when refused.
  // They act on the present: a view of the past (time travel) returns to the present first.
  // With the document's input and a readable name ("order-processing-3": the workflow's name and a
  // counter, in the characters the service allows in an execution name); returns the execution ARN.
  Result<std::string> start_execution();
  // The name start_execution() gives the next execution.
  std::string next_execution_name() const;
  // The next free name for an execution of a workflow named `workflow_name`.
  std::string next_execution_name(const std::string& workflow_name) const;
  // Forgets every execution (with its trace and stored checkpoints) and sets the virtual clock back to
  // its start: a new engine on a new database. The document stays.
  void clear_executions();
  // One engine event (the expert "Step event"); false when nothing can happen (with allow_clock, the clock
  // jumps to the next timer). Many events change nothing one can see (a step body's simulated time passes).
  bool step_event(bool allow_clock);
  // The learner's Step: engine events until the story of execution `arn` (src/explain's narration) has a
  // new sentence: an invocation starts or ends, an operation is replayed or runs, a checkpoint is sent, a
  // timer fires, a callback is answered, a crash ... The clock may move to the next timer, but not to a
  // timeout while a callback waits for an answer. False when nothing can happen. `told` receives the new
  // sentences.
  bool step_narrated(const std::string& arn, std::vector<std::string>* told = nullptr);
  // The story of execution `arn` as the engine holds it now, told again only after the engine changed:
  // the Story panel and Step share it (telling a 1,000-step story takes about 40 ms in the page, 10,000
  // steps about 430 ms: tools/bench, case g).
  const std::vector<explain::Sentence>& story(const std::string& arn);
  // The story as already told at this engine revision (by the Story panel or a Step), or nullptr: the Run
  // panel reads a long execution's story without telling it again in every frame of a run.
  const std::vector<explain::Sentence>* told_story(const std::string& arn) const;
  // How far the story of `arn` goes at the point shown: the trace position of the point while its past is
  // shown, else the whole trace. The sentence shown is the last one whose trace_index is at or before it.
  size_t story_position(const std::string& arn) const;
  // The service's pending timers (due time -> what fires), to say what each one is.
  const std::multimap<int64_t, engine::Timer>& timers() const;
  Status run_to_suspension(const std::string& arn);
  Status run_to_end(const std::string& arn);
  // Runs engine events for about `budget_ms` of page time (the clock may move to the next timer, but not
  // to a timeout while a callback waits for an answer). Returns false when nothing more can happen now.
  // The page's "To end" uses slices so that it keeps drawing during a long run.
  bool run_slice(double budget_ms);
  Status stop_execution(const std::string& arn);
  Status advance_clock_seconds(int64_t seconds);
  Status advance_to_next_timer();
  Status send_callback_success(const std::string& callback_id, const std::string& result_json);
  Status send_callback_failure(const std::string& callback_id, const std::string& error_type,
                               const std::string& error_message);
  Status send_callback_heartbeat(const std::string& callback_id);

  // --- Imported executions (session_import.cpp, issue 13) ----------------------------------------------
  // Whether a dropped or pasted text is a history rather than a workflow document.
  static bool looks_like_history(const std::string& text);
  // Reads a history (AWS's get-durable-execution-history JSON), stores it as an imported execution and
  // returns its ARN; a bad file changes nothing and the error names the file and the event.
  Result<std::string> import_history(const std::string& file_name, const std::string& text);
  // The same import across frames (a 100 MB history must not freeze the page): begin_history_import
  // takes the text, continue_history_import does about `budget_ms` of the work (reading the events,
  // building the execution, writing it to the store in one transaction) and returns true while more is
  // left; take_history_import then gives the ARN or the error. cancel_history_import leaves the store
  // and the open executions exactly as they were. While an import runs, the engine's commands are refused
  // (the store's transaction is open).
  Status begin_history_import(const std::string& file_name, std::string text);
  bool continue_history_import(double budget_ms);
  std::optional<Result<std::string>> take_history_import();
  void cancel_history_import();
  bool importing() const { return m_import_job != nullptr; }
  // What the running import is doing, for its progress line and bar.
  struct ImportProgress {
    std::string file;
    std::string text;      // "reading event 41,000 of 80,120"
    float fraction = 0.0f; // of the whole import, 0..1
  };
  ImportProgress import_progress() const;
  // Where the last import's final step went, in ms (the test state's "import_ms"): the execution's last
  // rows, the commit, the hand-over to the engine, and the session's own bookkeeping after it.
  const Json& import_finish_times() const { return m_import_finish_times; }
  // The Executions panel's "Paste history" asks the page for its paste dialog (the page owns it, as it
  // owns the drop).
  void request_paste_history() { m_paste_requested = true; }
  bool take_paste_request() { return std::exchange(m_paste_requested, false); }
  // Whether a dropped file is a SQLite database (SAM local's store starts with SQLite's header).
  static bool looks_like_sqlite(const std::string& bytes);
  // Opens a dropped SAM local store (its bytes, written to a temporary file) and lists its executions;
  // it stays open for import_from_sam_store() until close_sam_store() or the next one.
  Result<std::vector<importer::SamExecution>> open_sam_store(const std::string& file_name,
                                                             const std::string& bytes);
  Result<std::string> import_from_sam_store(const std::string& arn);
  void close_sam_store();
  const std::string& sam_store_name() const { return m_sam_file_name; }
  // Runs the current workflow against the execution's recorded operations (importer/replay_check.hpp).
  // Returns the message for the notice: "replays cleanly" or the SDK's non-determinism message.
  Result<std::pair<bool, std::string>> replay_with_current_workflow(const std::string& arn) const;
  // The execution's history as AWS prints it (importer/history_export.hpp).
  std::string export_history(const std::string& arn) const;

  // --- Lessons (session_lessons.cpp) ------------------------------------------------------------------
  // What a lesson's check reads, and the few commands a lesson's "show me" needs beyond the panels' own.
  const engine::Engine& engine() const { return *m_engine; }
  Result<std::string> start_execution_with_input(const std::optional<Json>& input);
  Status run_to_end_letting_timeouts_fire(const std::string& arn);
  // The Terraform panel's text, shared so that a lesson can set it and its check can read it; the panel
  // picks up a new revision and writes its edits back. Revision 0: nobody has set it yet.
  const std::string& terraform_text() const { return m_terraform_text; }
  uint64_t terraform_revision() const { return m_terraform_revision; }
  void set_terraform_text(std::string text);

  // --- Time travel (issue 9) ------------------------------------------------------------------------
  // The points of an execution's past: one per trace entry, one per replayed operation
  // (engine/recording.hpp). The last point is the present. Rebuilt when the engine moves.
  const std::vector<engine::TracePoint>& travel_points(const std::string& arn) const;
  // Whether the execution's past was recorded (not for executions restored after a reload).
  bool can_travel(const std::string& arn) const;
  // Shows execution `arn` as it was at point `index`: execution(arn) then returns that state and every
  // panel follows; the engine is not touched. The last point (or beyond) returns to the present.
  void travel_to(const std::string& arn, size_t index);
  void travel_to_present();
  // True while a point before the present is shown.
  bool travelling() const { return m_travel.has_value(); }
  std::string travel_arn() const; // "" when not travelling
  size_t travel_index() const;    // the point shown (0 when not travelling)
  // The trace entry of the point shown, and how many operations of it (a compact replay run) count.
  const engine::TraceEvent* travel_entry() const;
  // How many trace entries the panels of `arn` show: all of them, or the prefix up to the point.
  struct TraceLimit {
    size_t entries = 0;          // entries [0, entries) of trace()
    size_t replayed_in_last = 0; // the last entry is a replay run: only its first n operations (0: all)
  };
  TraceLimit trace_limit(const std::string& arn) const;
  // Scrubbing while a run plays pauses it: the time-travel bar asks, the Run panel takes the request.
  void request_pause() { m_pause_requested = true; }
  bool take_pause_request() { return std::exchange(m_pause_requested, false); }
  // How long the last travel_to() took to rebuild the state (ms; tools/bench-web).
  double travel_build_ms() const { return m_travel_build_ms; }
  // The execution as it is now, whatever point is shown (commands act on the present).
  const engine::Execution* live_execution(const std::string& arn) const;
  // An execution restored from the store after a reload has no recording: the first call re-simulates
  // it from its stored trace to rebuild one (engine/branch.hpp). Why that failed, if it did ("" = fine).
  void ensure_recorded(const std::string& arn);
  std::string unrecorded_reason(const std::string& arn) const;

  // --- Branch and compare (issue 9; simulation only: Lambda has no in-place redrive) ----------------
  // What a branch from point `index` of execution `arn` could do differently: the execution is
  // re-simulated up to there in a private engine, kept for branch() while the same point is asked for.
  struct BranchPreview {
    std::string arn;
    size_t index = 0;  // the travel point (0-based)
    std::string error; // the re-simulation failed: why
    engine::BranchSituation situation;
    std::string input_json; // the execution's input, as stored
  };
  const BranchPreview& prepare_branch(const std::string& arn, size_t index);
  // Makes the branch prepare_branch() re-simulated: a new execution that shares the history up to the
  // point and then does `choice`, run until it ends or waits for an answer. Returns its ARN.
  Result<std::string> branch(const engine::BranchChoice& choice);
  // The two executions the Compare panel puts side by side (ARNs); a branch sets them to its origin
  // and itself.
  void set_compare(std::string left, std::string right);
  const std::pair<std::string, std::string>& compare_pair() const { return m_compare; }

  // The store's read-only SQL console (the checkpoint browser); errors are SQLite's own words. While a
  // point of the past is shown, `at_point` queries a copy of the database as it was then (that execution
  // only, built from the recording) instead of the store.
  Result<store::QueryResult> query(const std::string& sql, size_t max_rows, bool at_point = false) const;
  bool has_store() const;

  // --- Notices -------------------------------------------------------------------------------------
  std::vector<Notice>& notices() { return m_notices; }
  const std::vector<Notice>& notices() const { return m_notices; }
  void notify(Notice::Level level, std::string text, Notice::Until until = Notice::Until::Dismissed);
  // A notice with a button (Undo); `until` decides when it leaves by itself.
  void notify(Notice notice);
  // Drops the notices that no longer apply (see Notice::Until); `now_ms` is the page time.
  void expire_notices(double now_ms);

  // --- Persistence ---------------------------------------------------------------------------------
  // Loads the saved document, or the shared one, or the default; reports a bad share link.
  void start(const std::string& default_text);
  // Writes the document to the persistent directory and asks the page to sync it.
  void save_document_file();

private:
  // After every engine command: bump the revision, save the clock, sync the store's file to IndexedDB.
  void engine_changed();
  void open_store();

  std::unique_ptr<engine::Engine> m_engine;
  std::unique_ptr<store::Store> m_store;
  // The dropped SAM local store being imported from, and the file it was dropped as.
  std::unique_ptr<importer::SamStore> m_sam_store;
  std::string m_sam_file_name;
  Result<std::string> store_imported(importer::ImportedExecution built, const std::string& file_name);
  // The import running across frames (session_import.cpp), and how the last one ended.
  struct HistoryImportJob;
  std::unique_ptr<HistoryImportJob> m_import_job;
  std::optional<Result<std::string>> m_import_result;
  Json m_import_finish_times = Json::object();
  static Error import_busy();
  int64_t m_synced_transactions = 0;
  uint64_t m_revision = 0;
  uint64_t m_engine_revision = 0;
  std::string m_story_arn; // story(): whose story m_story is, and at which engine revision
  uint64_t m_story_revision = 0;
  std::vector<explain::Sentence> m_story;
  workflow::Document m_document;
  std::string m_document_text;
  std::optional<Error> m_document_error;
  uint64_t m_document_revision = 0;
  std::vector<Notice> m_notices;

  engine::Recording m_recording;
  struct Travel {
    std::string arn;
    size_t index = 0;
    engine::TracePoint point;
    engine::Execution state; // the execution at that point
  };
  std::optional<Travel> m_travel;
  mutable std::unique_ptr<store::Store> m_travel_store; // the database at the point (built when queried)
  mutable size_t m_travel_store_entry = SIZE_MAX;
  double m_travel_build_ms = 0.0;
  bool m_pause_requested = false;
  bool m_paste_requested = false;
  struct PointsCache {
    uint64_t revision = ~0ull;
    std::string arn;
    std::vector<engine::TracePoint> points;
  };
  mutable PointsCache m_points;
  std::string m_terraform_text;
  uint64_t m_terraform_revision = 0;
  std::map<std::string, std::string> m_unrecorded; // ARN -> why its recording could not be rebuilt
  BranchPreview m_branch_preview;
  std::unique_ptr<engine::Resimulation> m_branch_sim; // the private engine at m_branch_preview's point
  uint64_t m_branch_revision = ~0ull;                 // the engine revision it was built at
  std::pair<std::string, std::string> m_compare;
};

} // namespace dp::ui
