// The page's side of importing a history (issue 13): a dropped or pasted history is imported a slice per
// frame (Session::continue_history_import) behind a dialog with a progress line, a bar and Cancel; the
// paste dialog reads the clipboard or takes typed text. Errors name the file (or "pasted history"), the
// event and what is wrong, as the CLI's do.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "imgui_stdlib.h" // needs imgui.h first
#include "platform/platform.hpp"
#include "ui/app.hpp"
#include "ui/controls.hpp"
#include "ui/panel.hpp"

namespace dp::ui {
namespace {

constexpr const char* kPastedName = "pasted history";
constexpr const char* kProgressTitle = "Importing a history";
constexpr const char* kPasteTitle = "Paste a history";

} // namespace

void App::start_history_import(const std::string& name, std::string text) {
  if (Status st = m_session.begin_history_import(name, std::move(text)); !st.ok()) {
    m_session.notify(Notice::Level::Error, "Could not import " + name + ": " + st.error().text());
    return;
  }
  m_importing_name = name;
  m_importing_paste = name == kPastedName;
  m_open_import_progress = true;
  // The first slice: in this frame for a drop or Ctrl+V (App::frame advances right after taking them), in
  // the next one from the paste dialog.
  platform::request_frames(2);
}

void App::advance_history_import() {
  if (m_session.importing())
    m_session.continue_history_import(frame_slice_ms());
  std::optional<Result<std::string>> done = m_session.take_history_import();
  if (!done)
    return;
  const std::string name = m_importing_name;
  if (!done->ok()) {
    Notice notice;
    notice.level = Notice::Level::Error;
    notice.text = "Could not import " + name + ": " + done->error().text();
    if (m_importing_paste) { // the pasted text is still in the dialog: offer to fix it there
      notice.action = "Edit";
      notice.on_action = [this] { m_open_paste = true; };
    }
    m_session.notify(std::move(notice));
    return;
  }
  if (m_importing_paste)
    m_paste_text.clear(); // imported: the text has done its job
  m_selection = Selection{};
  m_selection.execution_id = **done;
  m_session.notify(Notice::Level::Info, "Imported " + name +
                                            ": it is in the Executions list, marked imported (no "
                                            "simulation stands behind it).");
}

// A modal dialog while an import runs: the page keeps drawing, the engine's commands wait (the store's
// transaction is open), and Cancel leaves everything as it was.
void App::draw_import_progress() {
  if (!m_session.importing())
    return;
  if (m_open_import_progress && !ImGui::IsPopupOpen(kProgressTitle)) {
    ImGui::OpenPopup(kProgressTitle);
    m_open_import_progress = false;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kProgressTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize))
    return;
  const Session::ImportProgress progress = m_session.import_progress();
  const std::string line = "Importing " + progress.file + ": " + progress.text;
  // A fixed width (the longest line's), so that the dialog does not jump as the numbers change.
  const float width =
      ImGui::CalcTextSize("Importing a-long-file-name.json: reading event 000,000 of 000,000").x;
  ImGui::TextUnformatted(line.c_str());
  mark_control("import.progress");
  char percent[16];
  std::snprintf(percent, sizeof percent, "%.0f%%", static_cast<double>(progress.fraction) * 100.0);
  ImGui::ProgressBar(progress.fraction, ImVec2(width, 0.0f), percent);
  ImGui::TextDisabled("Cancel leaves the executions and the database as they were.");
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    m_session.cancel_history_import();
    m_session.notify(Notice::Level::Info,
                     "Import of " + m_importing_name + " cancelled: nothing was changed.");
    ImGui::CloseCurrentPopup();
  }
  mark_control("import.cancel");
  ImGui::EndPopup();
}

// Ctrl/Cmd+V on the page (not in a text field) imports a history from the clipboard; the Executions
// panel's Paste history opens the dialog, which asks the browser for the clipboard's text.
void App::take_paste() {
  if (m_session.take_paste_request()) {
    m_open_paste = true;
    m_paste_note.clear();
    platform::request_clipboard_read();
  }
  platform::ClipboardRead read;
  while (platform::take_clipboard_read(read)) {
    if (!read.ok)
      m_paste_note = "The browser did not let the page read the clipboard (" + read.text +
                     "): paste the history into the box with Ctrl+V.";
    else if (!Session::looks_like_history(read.text))
      m_paste_note = read.text.empty() ? "The clipboard is empty: paste the history into the box."
                                       : "The clipboard does not hold a history (JSON with \"EventType\" "
                                         "fields): paste one into the box.";
    else
      m_paste_text = read.text;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const bool shortcut = (io.KeyCtrl || io.KeySuper) && !io.KeyAlt && ImGui::IsKeyPressed(ImGuiKey_V, false);
  if (!shortcut || io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) ||
      m_session.importing())
    return;
  std::string text = platform::clipboard_text();
  if (Session::looks_like_history(text)) {
    m_paste_text = text; // kept for the dialog, should the import fail
    start_history_import(kPastedName, std::move(text));
  }
}

void App::draw_paste_dialog() {
  if (m_open_paste && !m_session.importing()) {
    ImGui::OpenPopup(kPasteTitle);
    m_open_paste = false;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  // Tall enough at 200% on a 720-pixel page for the text, a few lines of the box and the buttons.
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x * 0.7f, viewport->Size.y * 0.8f), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kPasteTitle, nullptr, ImGuiWindowFlags_NoSavedSettings))
    return;
  // The commands in the code font, each on its own line: what the learner types in a terminal.
  auto command = [this](const char* text) {
    ImGui::PushFont(m_fonts.code);
    ImGui::Indent();
    ImGui::TextWrapped("%s", text);
    ImGui::Unindent();
    ImGui::PopFont();
  };
  ImGui::TextWrapped("Paste the JSON that this command prints (several pages one after another are fine):");
  command("aws lambda get-durable-execution-history --include-execution-data");
  ImGui::TextWrapped("You may add the output of this one after it:");
  command("aws lambda get-durable-execution");
  if (!m_paste_note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
    ImGui::TextWrapped("%s", m_paste_note.c_str());
    ImGui::PopStyleColor();
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttons = ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y;
  ImGui::InputTextMultiline(
      "##pasted_history", &m_paste_text,
      ImVec2(-1.0f, std::max(ImGui::GetTextLineHeight() * 3.0f, ImGui::GetContentRegionAvail().y - buttons)));
  mark_control("paste.text");
  ImGui::BeginDisabled(m_paste_text.empty());
  if (ImGui::Button("Import")) {
    if (!Session::looks_like_history(m_paste_text)) {
      m_paste_note = "This text is not a history: it has no \"EventType\" fields. Is it the output of "
                     "aws lambda get-durable-execution-history?";
    } else {
      m_paste_note.clear();
      ImGui::CloseCurrentPopup();
      start_history_import(kPastedName, m_paste_text); // a copy: the box keeps it until the import succeeds
    }
  }
  mark_control("paste.import");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGuiKey_Escape, false))
    ImGui::CloseCurrentPopup(); // the text stays for next time
  mark_control("paste.close");
  ImGui::EndPopup();
}

} // namespace dp::ui
