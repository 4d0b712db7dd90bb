// The session: the workflow document being edited and the engine (service + SDK simulation) running it,
// seen by the panels. Panels read through it and change things only through its commands, which are the
// same calls the CLI makes on the engine.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "base/result.hpp"
#include "workflow/document.hpp"

namespace dp::ui {

// A notice for the banner line under the menu bar (storage failures, bad share links, engine errors).
struct Notice {
  enum class Level { Info, Warning, Error };
  Level level = Level::Info;
  std::string text;
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

  // --- Notices -------------------------------------------------------------------------------------
  std::vector<Notice>& notices() { return m_notices; }
  void notify(Notice::Level level, std::string text);

  // --- Persistence ---------------------------------------------------------------------------------
  // Loads the saved document, or the shared one, or the default; reports a bad share link.
  void start(const std::string& default_text);
  // Writes the document to the persistent directory and asks the page to sync it.
  void save_document_file();

private:
  workflow::Document m_document;
  std::string m_document_text;
  std::optional<Error> m_document_error;
  uint64_t m_document_revision = 0;
  std::vector<Notice> m_notices;
};

} // namespace dp::ui
