// The session: document management and persistence (engine calls are in session_engine.cpp).
#include "ui/session.hpp"

#include "platform/platform.hpp"
#include "ui/data_files.hpp"
#include "workflow/loader.hpp"

namespace dp::ui {
namespace {

constexpr const char* kDocumentFile = "/data/document.json";

} // namespace

void Session::notify(Notice::Level level, std::string text, Notice::Until until) {
  Notice notice;
  notice.level = level;
  notice.text = std::move(text);
  notice.until = until;
  notify(std::move(notice));
}

void Session::notify(Notice notice) {
  notice.shown_ms = platform::now_ms();
  notice.revision = notice.until == Notice::Until::DocumentChanges ? m_document_revision : m_revision;
  // A repeat replaces the earlier one (it applies again from now); the oldest goes when a fifth arrives.
  for (size_t i = 0; i < m_notices.size(); ++i)
    if (m_notices[i].text == notice.text) {
      m_notices.erase(m_notices.begin() + static_cast<long>(i));
      break;
    }
  if (m_notices.size() >= 4)
    m_notices.erase(m_notices.begin());
  m_notices.push_back(std::move(notice));
  platform::request_frames(2);
}

void Session::expire_notices(double now_ms) {
  for (size_t i = 0; i < m_notices.size();) {
    const Notice& n = m_notices[i];
    const bool faded = n.until == Notice::Until::Dismissed && n.level == Notice::Level::Info &&
                       n.action.empty() && now_ms - n.shown_ms > 12000.0;
    const bool moot = (n.until == Notice::Until::EngineChanges && n.revision != m_revision) ||
                      (n.until == Notice::Until::DocumentChanges && n.revision != m_document_revision);
    if (faded || moot)
      m_notices.erase(m_notices.begin() + static_cast<long>(i));
    else
      ++i;
  }
}

void Session::set_document(workflow::Document document) {
  m_document = std::move(document);
  m_document_text = json_text(workflow::save_document(m_document), 2);
  m_document_error.reset();
  ++m_document_revision;
  platform::request_frames(2);
  save_document_file();
}

bool Session::set_document_text(const std::string& text) {
  Result<workflow::Document> loaded = workflow::load_document(std::string_view(text));
  if (!loaded.ok()) {
    m_document_error = loaded.error();
    return false;
  }
  m_document = std::move(loaded.value());
  m_document_text = text;
  m_document_error.reset();
  ++m_document_revision;
  platform::request_frames(2);
  save_document_file();
  return true;
}

void Session::save_document_file() {
  if (write_data_file(kDocumentFile, m_document_text))
    platform::request_sync();
}

void Session::start(const std::string& default_text) {
  open_store();
  platform::SharedDocument shared = platform::take_shared_document();
  if (shared.present && shared.error.empty()) {
    if (set_document_text(shared.text)) {
      notify(Notice::Level::Info, "Opened the workflow from the share link.");
      return;
    }
    shared.error = m_document_error->text();
  }
  // The workflow saved in this browser: what the user had, kept when a share link cannot be opened.
  const std::string saved = read_data_file(kDocumentFile);
  const bool saved_loads = !saved.empty() && set_document_text(saved);
  if (shared.present) {
    // The address keeps the link (a reload shows this notice again, never an abort); the button copies it
    // for a bug report or for whoever sent it.
    Notice notice;
    notice.level = Notice::Level::Error;
    notice.text =
        "The share link could not be opened: " + shared.error +
        (saved_loads ? ". Your saved workflow is still open." : ". The default workflow was loaded instead.");
    notice.action = "Copy the link";
    notice.on_action = [link = shared.link] { platform::copy_to_clipboard(link); };
    notify(std::move(notice));
  }
  if (saved_loads)
    return;
  if (default_text.empty()) {
    notify(Notice::Level::Warning,
           "examples/order.json could not be fetched; starting from an empty workflow.");
    workflow::Document empty;
    empty.name = "untitled";
    empty.function.execution_timeout = 900;
    set_document(std::move(empty));
    return;
  }
  if (!set_document_text(default_text)) {
    notify(Notice::Level::Error, "The default workflow does not load: " + m_document_error->text());
  }
}

} // namespace dp::ui
