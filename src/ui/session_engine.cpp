// The session's engine half: the engine commands the panels issue, and the store that keeps every change
// in SQLite (on IndexedDB in the browser). After each command the store's file is synced (debounced).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/hash.hpp"
#include "explain/explain.hpp"
#include "platform/platform.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

constexpr const char* kDatabaseFile = "/data/playground.db";

} // namespace

void Session::open_store() {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(kDatabaseFile);
  if (!opened.ok()) {
    notify(Notice::Level::Error, "The saved executions could not be opened (" + opened.error().text() +
                                     "); starting with an in-memory database.");
    opened = store::Store::open(":memory:");
    if (!opened.ok())
      return;
  }
  m_store = std::move(opened.value());
  Status attached = m_store->attach(*m_engine);
  if (!attached.ok())
    notify(Notice::Level::Error, "Restoring the saved executions failed: " + attached.error().text());
  // A run the page was in the middle of when it was closed or reloaded: its invocation never reported back,
  // so it failed, as in Lambda, and is invoked again after the backoff (issue 14). Only the tab that saves
  // recovers: in a read-only tab that invocation may still be running in the other one.
  if (attached.ok() && platform::storage_state() == platform::StorageState::ready)
    for (const std::string& what : m_engine->recover_interrupted_invocations())
      notify(Notice::Level::Info, "Execution " + what +
                                      " was running when the page closed; it never reported back, so it "
                                      "counts as failed and is invoked again after the 5 s backoff, "
                                      "replaying from the last checkpoint.");
  m_synced_transactions = m_store->transactions();
  // After the restore: executions restored from the store have no recorded past (can_travel says so).
  m_recording.attach(*m_engine);
  ++m_revision;
  ++m_engine_revision;
}

void Session::engine_changed() {
  ++m_revision;
  ++m_engine_revision;
  // Panels drawn earlier in this frame showed the state before the command: draw again.
  platform::request_frames(2);
  if (!m_store)
    return;
  Status saved = m_store->save_clock(m_engine->now());
  Status written = m_store->last_error();
  if (!written.ok())
    notify(Notice::Level::Error, "Saving to the database failed: " + written.error().text());
  (void)saved;
  if (m_store->transactions() != m_synced_transactions) {
    m_synced_transactions = m_store->transactions();
    platform::request_sync();
  }
}

std::vector<const engine::Execution*> Session::executions() const {
  std::vector<const engine::Execution*> list;
  for (const std::string& arn : m_engine->service().execution_order())
    if (const engine::Execution* e = m_engine->execution(arn))
      list.push_back(e);
  return list;
}

const engine::Execution* Session::execution(const std::string& arn) const {
  if (m_travel && m_travel->arn == arn)
    return &m_travel->state;
  return arn.empty() ? nullptr : m_engine->execution(arn);
}

const engine::Execution* Session::live_execution(const std::string& arn) const {
  return arn.empty() ? nullptr : m_engine->execution(arn);
}

// [SECTION] Time travel

const std::vector<engine::TracePoint>& Session::travel_points(const std::string& arn) const {
  if (m_points.revision != m_engine_revision || m_points.arn != arn) {
    m_points.revision = m_engine_revision;
    m_points.arn = arn;
    m_points.points =
        can_travel(arn) ? engine::trace_points(m_engine->trace(), arn) : std::vector<engine::TracePoint>{};
  }
  return m_points.points;
}

bool Session::can_travel(const std::string& arn) const {
  return m_recording.covers(arn);
}

void Session::ensure_recorded(const std::string& arn) {
  const engine::Execution* e = live_execution(arn);
  if (e == nullptr || m_recording.covers(arn) || m_unrecorded.count(arn) || m_engine->invocation_active())
    return;
  // The same name and id: the private execution has this one's ARN, so the recording fits it.
  auto sim = engine::Resimulation::run(*m_engine, arn, std::nullopt);
  if (!sim.ok()) {
    m_unrecorded[arn] = sim.error().message;
    return;
  }
  std::vector<size_t> from = (*sim)->entries();
  from.resize((*sim)->original_entries().size());
  m_recording.adopt((*sim)->recording(), arn, from, (*sim)->original_entries());
  if (!m_recording.covers(arn))
    m_unrecorded[arn] = "its re-simulation recorded nothing";
  m_points = PointsCache{};
  ++m_revision;
}

std::string Session::unrecorded_reason(const std::string& arn) const {
  auto it = m_unrecorded.find(arn);
  return it == m_unrecorded.end() ? std::string() : it->second;
}

// [SECTION] Branch and compare

const Session::BranchPreview& Session::prepare_branch(const std::string& arn, size_t index) {
  // Once per point and engine state (the dialog asks every frame), whether it worked or not.
  if (m_branch_preview.arn == arn && m_branch_preview.index == index &&
      m_branch_revision == m_engine_revision && (m_branch_sim || !m_branch_preview.error.empty()))
    return m_branch_preview;
  m_branch_sim.reset();
  m_branch_preview = BranchPreview{arn, index, "", {}, ""};
  m_branch_revision = m_engine_revision;
  const engine::Execution* origin = live_execution(arn);
  const std::vector<engine::TracePoint>& points = travel_points(arn);
  if (origin == nullptr || index >= points.size()) {
    m_branch_preview.error = "there is no such point to branch from";
    return m_branch_preview;
  }
  m_branch_preview.input_json = origin->input_payload;
  const workflow::Document& doc = *origin->document;
  const std::string name = next_execution_name(doc.name.empty() ? doc.function.name : doc.name);
  const std::string hash = md5_hex(origin->id + "/branch/" + name);
  const std::string id = hash.substr(0, 8) + "-" + hash.substr(8, 4) + "-" + hash.substr(12, 4) + "-" +
                         hash.substr(16, 4) + "-" + hash.substr(20, 12);
  auto sim = engine::Resimulation::run(*m_engine, arn, points[index], name, id);
  if (!sim.ok()) {
    m_branch_preview.error = sim.error().message;
    return m_branch_preview;
  }
  m_branch_sim = std::move(sim.value());
  m_branch_preview.situation = engine::situation(*m_branch_sim);
  return m_branch_preview;
}

Result<std::string> Session::branch(const engine::BranchChoice& choice) {
  if (importing())
    return import_busy();
  if (!m_branch_sim || m_branch_revision != m_engine_revision)
    return Error{"branch", "the execution changed since the branch was prepared: open Branch again"};
  const engine::Execution* origin = live_execution(m_branch_preview.arn);
  if (origin == nullptr)
    return Error{"branch", "the execution to branch from is gone"};
  std::unique_ptr<engine::Resimulation> sim = std::move(m_branch_sim);
  Status done = engine::diverge(
      *sim, choice,
      engine::Execution::BranchOrigin{origin->arn, origin->name, m_branch_preview.index + 1, ""});
  if (!done.ok())
    return done.error();
  travel_to_present();
  Result<engine::Engine::Adopted> adopted = m_engine->adopt_execution(sim->engine(), sim->arn());
  if (!adopted.ok())
    return adopted.error();
  m_recording.adopt(sim->recording(), sim->arn(), adopted->from_entries, adopted->entries);
  set_compare(origin->arn, sim->arn());
  engine_changed();
  return sim->arn();
}

void Session::set_compare(std::string left, std::string right) {
  m_compare = {std::move(left), std::move(right)};
  ++m_revision;
}

void Session::travel_to(const std::string& arn, size_t index) {
  const engine::Execution* live = live_execution(arn);
  const std::vector<engine::TracePoint>& points = travel_points(arn);
  if (live == nullptr || points.empty() || index + 1 >= points.size()) {
    travel_to_present();
    return;
  }
  if (m_travel && m_travel->arn == arn && m_travel->index == index)
    return;
  const double started = platform::now_ms();
  const engine::TracePoint point = points[index];
  // A point inside a replay run shows the same service state as the run's entry (replays change nothing
  // the service stores); only the panels that read the trace cut the run.
  if (!m_travel || m_travel->arn != arn || m_travel->point.entry != point.entry)
    m_travel = Travel{arn, index, point, m_recording.state_after(*live, point.entry)};
  m_travel->index = index;
  m_travel->point = point;
  m_travel_build_ms = platform::now_ms() - started;
  ++m_revision;
  platform::request_frames(2);
}

void Session::travel_to_present() {
  if (!m_travel)
    return;
  m_travel.reset();
  ++m_revision;
  platform::request_frames(2);
}

std::string Session::travel_arn() const {
  return m_travel ? m_travel->arn : std::string();
}

size_t Session::travel_index() const {
  if (m_travel)
    return m_travel->index;
  return 0;
}

const engine::TraceEvent* Session::travel_entry() const {
  if (!m_travel || m_travel->point.entry >= m_engine->trace().size())
    return nullptr;
  return &m_engine->trace()[m_travel->point.entry];
}

Session::TraceLimit Session::trace_limit(const std::string& arn) const {
  if (!m_travel || m_travel->arn != arn)
    return TraceLimit{m_engine->trace().size(), 0};
  return TraceLimit{m_travel->point.entry + 1, m_travel->point.replayed};
}

const std::vector<engine::TraceEvent>& Session::trace() const {
  return m_engine->trace();
}

int64_t Session::clock_ms() const {
  return m_engine->now();
}

std::optional<int64_t> Session::next_timer_ms() const {
  // Only timers that can still change something: a finished execution's leftovers are not "next".
  bool running = false;
  for (const engine::Execution* e : executions())
    running = running || !e->terminal();
  if (!running)
    return std::nullopt;
  return m_engine->service().next_timer_due();
}

std::vector<engine::PendingCallback> Session::pending_callbacks(const std::string& arn) const {
  return m_engine->pending_callbacks(arn);
}

std::string Session::next_execution_name() const {
  return next_execution_name(m_document.name.empty() ? m_document.function.name : m_document.name);
}

std::string Session::next_execution_name(const std::string& workflow_name) const {
  // The service allows 1 to 64 characters of [A-Za-z0-9_-] in an execution name.
  std::string base;
  for (char c : workflow_name) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    base += allowed ? c : '-';
  }
  if (base.empty())
    base = "execution";
  base = base.substr(0, 52) + "-";
  // One more than the highest counter in use under this name (names are unique per function).
  long long highest = 0;
  for (const engine::Execution* e : executions()) {
    if (e->name.size() <= base.size() || e->name.compare(0, base.size(), base) != 0)
      continue;
    const std::string digits = e->name.substr(base.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
      continue;
    highest = std::max(highest, std::strtoll(digits.c_str(), nullptr, 10));
  }
  return base + std::to_string(highest + 1);
}

void Session::clear_executions() {
  if (importing())
    return;
  // The store holds the database open: close it, delete the file (and SQLite's side files), start over.
  travel_to_present();
  m_travel_store.reset();
  m_travel_store_entry = SIZE_MAX;
  m_points = PointsCache{};
  m_store.reset();
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    std::remove((std::string(kDatabaseFile) + suffix).c_str());
  m_recording = engine::Recording();
  m_unrecorded.clear();
  m_branch_sim.reset();
  m_branch_preview = BranchPreview{};
  m_compare = {};
  m_engine = std::make_unique<engine::Engine>();
  open_store(); // attaches the new recording
  engine_changed();
  platform::request_sync();
}

Result<std::string> Session::start_execution() {
  if (importing())
    return import_busy();
  travel_to_present();
  Result<std::string> arn = m_engine->start_execution(m_document, std::nullopt, next_execution_name());
  engine_changed();
  return arn;
}

bool Session::step_event(bool allow_clock) {
  if (importing())
    return false;
  travel_to_present();
  const bool stepped =
      m_engine->step(allow_clock ? engine::Engine::Clock::UntilInput : engine::Engine::Clock::Hold);
  if (stepped) // nothing happened: notices about that ("nothing can happen now") stay
    engine_changed();
  return stepped;
}

bool Session::step_narrated(const std::string& arn, std::vector<std::string>* told) {
  if (importing())
    return false;
  travel_to_present(); // like every command: Step in the past goes on from now, and the view follows
  const size_t before = story(arn).size();
  std::vector<explain::Sentence> latest; // the story after the last engine event, when it was told
  const std::vector<engine::TraceEvent>& trace = m_engine->trace();
  size_t seen = trace.size();
  bool stepped = false;
  // Bounded: a step body that loops on simulated time still returns control to the page.
  for (int i = 0; i < 100000; ++i) {
    if (!m_engine->step(engine::Engine::Clock::UntilInput))
      break;
    stepped = true;
    // Only a new trace entry of this execution can start a sentence (a run of replays grows its entry in
    // place: it is told when it starts, and the next Step goes past the rest of it).
    bool entry = false;
    for (; seen < trace.size(); ++seen)
      entry = entry || trace[seen].execution_arn == arn;
    if (!entry)
      continue;
    latest = explain::narrate(*m_engine, arn);
    if (latest.size() > before) {
      if (told != nullptr)
        for (size_t k = before; k < latest.size(); ++k)
          told->push_back(latest[k].text);
      break;
    }
    latest.clear();
    const engine::Execution* e = m_engine->execution(arn);
    if (e == nullptr || e->terminal())
      break;
  }
  if (stepped)
    engine_changed();
  if (!latest.empty()) { // told after the last event: the panel need not tell it again
    m_story_arn = arn;
    m_story_revision = m_engine_revision;
    m_story = std::move(latest);
  }
  return stepped;
}

const std::vector<explain::Sentence>& Session::story(const std::string& arn) {
  if (m_story_arn != arn || m_story_revision != m_engine_revision) {
    m_story_arn = arn;
    m_story_revision = m_engine_revision;
    m_story = explain::narrate(*m_engine, arn);
  }
  return m_story;
}

const std::vector<explain::Sentence>* Session::told_story(const std::string& arn) const {
  return m_story_arn == arn && m_story_revision == m_engine_revision ? &m_story : nullptr;
}

size_t Session::story_position(const std::string& arn) const {
  if (m_travel && m_travel->arn == arn)
    return m_travel->point.entry;
  return m_engine->trace().size();
}

const std::multimap<int64_t, engine::Timer>& Session::timers() const {
  return m_engine->service().timers();
}

Status Session::run_to_suspension(const std::string& arn) {
  if (importing())
    return import_busy();
  travel_to_present();
  if (execution(arn) == nullptr)
    return Error{"", "No execution is open."};
  m_engine->run_until_suspended(arn);
  engine_changed();
  return ok_status();
}

Status Session::run_to_end(const std::string& arn) {
  if (importing())
    return import_busy();
  travel_to_present();
  if (execution(arn) == nullptr)
    return Error{"", "No execution is open."};
  m_engine->run_to_end(arn);
  engine_changed();
  const engine::Execution* e = execution(arn);
  if (e != nullptr && !e->terminal() && !m_engine->pending_callbacks(arn).empty())
    return Error{"", "The execution waits for a callback: answer it in the Callbacks panel."};
  return ok_status();
}

bool Session::run_slice(double budget_ms) {
  if (importing())
    return false;
  travel_to_present();
  const double start = platform::now_ms();
  bool more = true;
  int steps = 0;
  while (more && (steps % 16 != 0 || platform::now_ms() - start < budget_ms)) {
    more = m_engine->step(engine::Engine::Clock::UntilInput);
    ++steps;
  }
  engine_changed();
  return more;
}

Status Session::stop_execution(const std::string& arn) {
  if (importing())
    return import_busy();
  travel_to_present();
  Status status = m_engine->stop_execution(arn);
  engine_changed();
  return status;
}

Status Session::advance_clock_seconds(int64_t seconds) {
  if (importing())
    return import_busy();
  travel_to_present();
  m_engine->advance_clock(seconds * 1000);
  engine_changed();
  return ok_status();
}

Status Session::advance_to_next_timer() {
  if (importing())
    return import_busy();
  travel_to_present();
  const bool moved = m_engine->advance_to_next_timer();
  engine_changed();
  if (!moved)
    return Error{"", "No timer is pending."};
  return ok_status();
}

Status Session::send_callback_success(const std::string& callback_id, const std::string& result_json) {
  if (importing())
    return import_busy();
  travel_to_present();
  Status status = m_engine->send_callback_success(callback_id, result_json);
  engine_changed();
  return status;
}

Status Session::send_callback_failure(const std::string& callback_id, const std::string& error_type,
                                      const std::string& error_message) {
  if (importing())
    return import_busy();
  travel_to_present();
  engine::ErrorObject error;
  error.error_type = error_type;
  error.error_message = error_message;
  Status status = m_engine->send_callback_failure(callback_id, error);
  engine_changed();
  return status;
}

Status Session::send_callback_heartbeat(const std::string& callback_id) {
  if (importing())
    return import_busy();
  travel_to_present();
  Status status = m_engine->send_callback_heartbeat(callback_id);
  engine_changed();
  return status;
}

Result<store::QueryResult> Session::query(const std::string& sql, size_t max_rows, bool at_point) const {
  if (at_point && m_travel) {
    if (!m_travel_store || m_travel_store_entry != m_travel->point.entry) {
      Result<std::unique_ptr<store::Store>> snapshot = store::Store::snapshot(m_travel->state);
      if (!snapshot.ok())
        return snapshot.error();
      m_travel_store = std::move(snapshot.value());
      m_travel_store_entry = m_travel->point.entry;
    }
    return m_travel_store->query(sql, max_rows);
  }
  if (!m_store)
    return Error{"", "There is no database."};
  return m_store->query(sql, max_rows);
}

bool Session::has_store() const {
  return m_store != nullptr;
}

} // namespace dp::ui
