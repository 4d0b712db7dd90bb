// Session: imported executions (issue 13). A history dropped or pasted on the page becomes an execution
// in the same store as the simulated ones, marked imported; the replay check and the history export are
// the importer's, as in the CLI.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "importer/execution_builder.hpp"
#include "importer/history_export.hpp"
#include "importer/history_reader.hpp"
#include "importer/replay_check.hpp"
#include "platform/platform.hpp"
#include "ui/session.hpp"

namespace dp::ui {

namespace {
// Where a dropped SAM store's bytes are written for SQLite to read (MEMFS on the page).
std::filesystem::path dropped_sam_store_path() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  return (ec ? std::filesystem::path("/tmp") : dir) / "dropped-sam-store.db";
}
void remove_dropped_sam_store() {
  std::error_code ignored; // a file already gone is fine
  std::filesystem::remove(dropped_sam_store_path(), ignored);
}
} // namespace

bool Session::looks_like_history(const std::string& text) {
  // A history page or an event list names EventType; a workflow document never has that key.
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[') &&
         text.find("\"EventType\"") != std::string::npos;
}

Result<std::string> Session::import_history(const std::string& file_name, const std::string& text) {
  auto history = importer::read_history({importer::Source{file_name, text}});
  if (!history.ok())
    return history.error();
  auto built = importer::build_execution(*history, "aws-history: " + file_name);
  if (!built.ok())
    return built.error();
  return store_imported(std::move(*built), file_name);
}

// [SECTION] a history imported across frames

// The phases, in order: the reader scans and parses the events, the builder makes the execution, the
// store writes it in one open transaction, then one commit. Each phase's share of the progress bar is
// its share of the time measured for a 100 MB history (docs/import-history.md).
struct Session::HistoryImportJob {
  std::string file_name;
  std::unique_ptr<importer::HistoryReader> reader;
  std::unique_ptr<importer::ExecutionBuilder> builder;
  std::optional<importer::ImportedExecution> built;
  size_t rows_total = 0; // operations, events and trace entries to write
};

// Here, where HistoryImportJob is complete (its unique_ptr is built and destroyed with the session).
Session::Session() : m_engine(std::make_unique<engine::Engine>()) {}
Session::~Session() = default;

Error Session::import_busy() {
  return Error{"", "A history is being imported: wait for it to end, or cancel it."};
}

Status Session::begin_history_import(const std::string& file_name, std::string text) {
  if (m_import_job)
    return Error{file_name, "another history is being imported; drop this one again when it ends"};
  travel_to_present();
  m_import_result.reset();
  m_import_job = std::make_unique<HistoryImportJob>();
  m_import_job->file_name = file_name;
  m_import_job->reader =
      std::make_unique<importer::HistoryReader>(std::vector<importer::Source>{{file_name, std::move(text)}});
  return ok_status();
}

bool Session::continue_history_import(double budget_ms) {
  if (!m_import_job)
    return false;
  HistoryImportJob& job = *m_import_job;
  // Whichever way this slice ends, syncs wait while the store's import transaction stays open across frames
  // (platform::hold_syncs), and resume once it is committed or rolled back.
  struct SyncHold {
    const store::Store* store;
    ~SyncHold() { platform::hold_syncs(store && store->importing()); }
  } sync_hold{m_store.get()};
  const double start = platform::now_ms();
  auto out_of_time = [&] { return platform::now_ms() - start >= budget_ms; };
  auto fail = [&](Error error) {
    if (m_store)
      m_store->cancel_import();
    m_import_job.reset();
    m_import_result = Result<std::string>(std::move(error));
    platform::request_frames(2);
    return false;
  };
  platform::request_frames(2); // the next slice, and the progress line drawn between
  if (job.reader) {
    if (Status st = job.reader->advance(out_of_time); !st.ok())
      return fail(st.error());
    if (!job.reader->done())
      return true;
    auto history = job.reader->take();
    job.reader.reset();
    if (!history.ok())
      return fail(history.error());
    job.builder =
        std::make_unique<importer::ExecutionBuilder>(std::move(*history), "aws-history: " + job.file_name);
  }
  if (job.builder) {
    if (Status st = job.builder->advance(out_of_time); !st.ok())
      return fail(st.error());
    if (!job.builder->done())
      return true;
    auto built = job.builder->take();
    job.builder.reset();
    if (!built.ok())
      return fail(built.error());
    job.built = std::move(*built);
    const engine::Execution& e = job.built->execution;
    if (m_engine->execution(e.arn))
      return fail(Error{job.file_name, "execution " + e.arn + " is already open here; nothing was changed"});
    if (m_store) {
      if (Status st = m_store->begin_import(e, job.built->trace); !st.ok())
        return fail(st.error());
      job.rows_total = e.op_order.size() + e.events.size() + job.built->trace.size();
    }
  }
  if (m_store && !m_store->import_written(job.built->execution, job.built->trace)) {
    if (Status st = m_store->continue_import(job.built->execution, job.built->trace, out_of_time); !st.ok())
      return fail(st.error());
    if (!m_store->import_written(job.built->execution, job.built->trace) || out_of_time())
      return true;
  }
  // The last step: the commit (or, with storage off, the engine alone), in this slice.
  importer::ImportedExecution built = std::move(*job.built);
  const std::string file_name = job.file_name;
  m_import_job.reset();
  if (m_store) {
    std::string arn = built.execution.arn;
    if (Status st = m_store->finish_import(std::move(built.execution), std::move(built.trace)); !st.ok()) {
      m_import_result = Result<std::string>(st.error());
      return false;
    }
    const double changing = platform::now_ms();
    engine_changed();
    const store::Store::FinishTimes& t = m_store->last_finish_times();
    m_import_finish_times = Json{{"rows_ms", t.rows_ms},
                                 {"commit_ms", t.commit_ms},
                                 {"engine_ms", t.engine_ms},
                                 {"changed_ms", platform::now_ms() - changing}};
    m_import_result = Result<std::string>(std::move(arn));
  } else {
    m_import_result = store_imported(std::move(built), file_name);
  }
  return false;
}

std::optional<Result<std::string>> Session::take_history_import() {
  return std::exchange(m_import_result, std::nullopt);
}

void Session::cancel_history_import() {
  if (!m_import_job)
    return;
  if (m_store)
    m_store->cancel_import();
  platform::hold_syncs(false);
  m_import_job.reset();
  platform::request_frames(2);
}

Session::ImportProgress Session::import_progress() const {
  ImportProgress p;
  if (!m_import_job)
    return p;
  const HistoryImportJob& job = *m_import_job;
  p.file = job.file_name;
  auto count = [](size_t n) { // 41,000
    std::string digits = std::to_string(n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
      digits.insert(static_cast<size_t>(at), ",");
    return digits;
  };
  // Shares of the bar: scanning 5%, reading events 40%, building 25%, saving 30% (the measured split).
  if (job.reader) {
    const importer::HistoryReader& r = *job.reader;
    if (r.bytes_scanned() < r.bytes_total()) {
      char mb[64];
      std::snprintf(mb, sizeof mb, "%.0f of %.0f MB", static_cast<double>(r.bytes_scanned()) / 1e6,
                    static_cast<double>(r.bytes_total()) / 1e6);
      p.text = std::string("finding the events: ") + mb;
      p.fraction = 0.05f * static_cast<float>(r.bytes_scanned()) /
                   static_cast<float>(std::max<size_t>(1, r.bytes_total()));
    } else {
      p.text = "reading event " + count(r.events_read()) + " of " + count(r.events_found());
      p.fraction = 0.05f + 0.40f * static_cast<float>(r.events_read()) /
                               static_cast<float>(std::max<size_t>(1, r.events_found()));
    }
  } else if (job.builder) {
    p.text = "building " + count(job.builder->events_added()) + " of " + count(job.builder->events_total()) +
             " events";
    p.fraction = 0.45f + 0.25f * static_cast<float>(job.builder->events_added()) /
                             static_cast<float>(std::max<size_t>(1, job.builder->events_total()));
  } else {
    const size_t written = m_store ? m_store->import_rows_written() : job.rows_total;
    p.text = "saving " + count(written) + " of " + count(job.rows_total) + " rows";
    p.fraction =
        0.70f + 0.30f * static_cast<float>(written) / static_cast<float>(std::max<size_t>(1, job.rows_total));
  }
  return p;
}

bool Session::looks_like_sqlite(const std::string& bytes) {
  static constexpr char header[] = "SQLite format 3"; // followed by a NUL: 16 bytes
  return bytes.size() >= sizeof(header) && bytes.compare(0, sizeof(header), header, sizeof(header)) == 0;
}

Result<std::vector<importer::SamExecution>> Session::open_sam_store(const std::string& file_name,
                                                                    const std::string& bytes) {
  close_sam_store();
  // SQLite reads files, not memory: the bytes go to a temporary file.
  const std::filesystem::path path = dropped_sam_store_path();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
      return Error{file_name, "could not be written to " + path.string() + " to be read"};
  }
  auto sam = importer::SamStore::open(path.string(), file_name);
  if (!sam.ok()) {
    remove_dropped_sam_store();
    return sam.error();
  }
  auto list = (*sam)->list();
  if (!list.ok()) {
    remove_dropped_sam_store();
    return list.error();
  }
  m_sam_store = std::move(*sam);
  m_sam_file_name = file_name;
  return list;
}

Result<std::string> Session::import_from_sam_store(const std::string& arn) {
  if (!m_sam_store)
    return Error{"import", "no SAM local store is open"};
  auto history = m_sam_store->history(arn);
  if (!history.ok())
    return history.error();
  auto built = importer::build_execution(*history, "sam: " + m_sam_file_name);
  if (!built.ok())
    return built.error();
  return store_imported(std::move(*built), m_sam_file_name);
}

void Session::close_sam_store() {
  if (!m_sam_store)
    return;
  m_sam_store.reset();
  m_sam_file_name.clear();
  remove_dropped_sam_store();
}

Result<std::string> Session::store_imported(importer::ImportedExecution built, const std::string& file_name) {
  travel_to_present();
  std::string arn = built.execution.arn;
  if (m_engine->execution(arn))
    return Error{file_name, "execution " + arn + " is already open here; nothing was changed"};
  if (m_store) {
    if (Status st = m_store->import_execution(std::move(built.execution), std::move(built.trace)); !st.ok())
      return st.error();
  } else {
    // Storage off: the engine alone holds it, like every other execution of this tab.
    std::vector<engine::TraceEvent> trace = m_engine->trace();
    for (engine::TraceEvent& t : built.trace) {
      t.seq = static_cast<int64_t>(trace.size()) + 1;
      trace.push_back(std::move(t));
    }
    if (Status st = m_engine->service_mut().restore_execution(std::move(built.execution),
                                                              Json{{"needs_invocation", false}});
        !st.ok())
      return st.error();
    m_engine->restore_trace(std::move(trace));
  }
  engine_changed();
  return arn;
}

Result<std::pair<bool, std::string>> Session::replay_with_current_workflow(const std::string& arn) const {
  const engine::Execution* e = m_engine->execution(arn);
  if (!e)
    return Error{"replay", "no execution " + arn};
  auto report = importer::replay_check(m_document, *e);
  if (!report.ok())
    return report.error();
  std::string text = report->clean
                         ? "The current workflow replays " + e->name + " cleanly (" +
                               std::to_string(report->matched) + " recorded operations matched; " +
                               report->stopped + ")."
                         : "The current workflow does not replay " + e->name + ": " + report->message;
  return std::make_pair(report->clean, text);
}

std::string Session::export_history(const std::string& arn) const {
  const engine::Execution* e = m_engine->execution(arn);
  return e ? importer::export_history_text(*e) : std::string();
}

} // namespace dp::ui
