// Session: imported executions (issue 13). A history dropped or pasted on the page becomes an execution
// in the same store as the simulated ones, marked imported; the replay check and the history export are
// the importer's, as in the CLI.
#include <filesystem>
#include <fstream>

#include "importer/execution_builder.hpp"
#include "importer/history_export.hpp"
#include "importer/history_reader.hpp"
#include "importer/replay_check.hpp"
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
