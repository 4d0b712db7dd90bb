// Page-wide commands and their keys (see commands.hpp).
#include "ui/commands.hpp"

#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.hpp"
#include "ui/controls.hpp"

namespace dp::ui {

void Commands::frame(Session& session, Selection& selection, const PageKeys& keys) {
  // Space also activates the focused widget while keyboard navigation is visible: leave it that.
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  if (keys.pressed(ImGuiKey_Space) && (g.NavId == 0 || g.NavDisableHighlight)) {
    ++m_key_presses;
    play_pause(session, selection);
  }
  if (keys.pressed(ImGuiKey_R)) {
    ++m_key_presses;
    restart(session, selection);
  }
  if (keys.pressed(ImGuiKey_F)) {
    ++m_key_presses;
    platform::toggle_fullscreen();
  }
  if (m_playing)
    run_slice(session);
}

Commands::StepKey Commands::step_key(const PageKeys& keys) {
  StepKey key = StepKey::None;
  if (keys.pressed(ImGuiKey_N) || keys.pressed(ImGuiKey_PageDown))
    key = StepKey::Next;
  else if (keys.pressed(ImGuiKey_P) || keys.pressed(ImGuiKey_PageUp))
    key = StepKey::Previous;
  m_key_presses += key != StepKey::None;
  return key;
}

int Commands::text_size_key(const PageKeys& keys) {
  // '+' is Shift and '=' on most layouts; the keypad has its own.
  const int step = keys.pressed(ImGuiKey_Equal) || keys.pressed(ImGuiKey_KeypadAdd)        ? 1
                   : keys.pressed(ImGuiKey_Minus) || keys.pressed(ImGuiKey_KeypadSubtract) ? -1
                                                                                           : 0;
  m_key_presses += step != 0;
  return step;
}

void Commands::play_pause(Session& session, const Selection& selection) {
  if (m_playing) {
    m_playing = false;
    session.notify(Notice::Level::Info, "Paused.");
    return;
  }
  const engine::Execution* e = session.execution(selection.execution_id);
  if (e == nullptr || e->terminal()) {
    session.notify(Notice::Level::Info, "Nothing runs: press R (or Start new execution) to start one.");
    return;
  }
  m_playing = true;
  m_playing_arn = e->arn;
  platform::request_frames(2);
}

void Commands::restart(Session& session, Selection& selection) {
  m_playing = false;
  Result<std::string> started = session.start_execution();
  if (!started.ok()) {
    session.notify(Notice::Level::Error, "Could not start: " + started.error().text());
    return;
  }
  selection = Selection{};
  selection.execution_id = started.value();
}

// Like the Run panel's "To end": ~60 ms of engine events per frame, so the page keeps drawing.
void Commands::run_slice(Session& session) {
  const engine::Execution* e = session.execution(m_playing_arn);
  if (e == nullptr || e->terminal()) {
    m_playing = false;
    return;
  }
  const bool more = session.run_slice(60.0);
  e = session.execution(m_playing_arn);
  if (e == nullptr || e->terminal()) {
    m_playing = false;
  } else if (!more) {
    m_playing = false;
    session.notify(Notice::Level::Info, session.pending_callbacks(m_playing_arn).empty()
                                            ? "Nothing more can happen without input."
                                            : "The execution waits for a callback: answer it in the "
                                              "Callbacks panel.");
  } else {
    platform::request_frames(2);
  }
}

void Commands::draw_modals(Session& session, Selection& selection) {
  if (m_confirm_clear) {
    ImGui::OpenPopup("Clear executions?");
    m_confirm_clear = false;
  }
  if (!ImGui::BeginPopupModal("Clear executions?", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
    return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  const std::string question =
      "Forget every execution (" + std::to_string(session.executions().size()) +
      ") with its history and checkpoints, and set the virtual clock back to its start? "
      "The workflow document stays.";
  ImGui::TextUnformatted(question.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Clear executions")) {
    m_playing = false;
    selection = Selection{};
    session.clear_executions();
    session.notify(Notice::Level::Info, "Executions cleared; the clock is back at its start.");
    ImGui::CloseCurrentPopup();
  }
  mark_control("clear.confirm");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false))
    ImGui::CloseCurrentPopup();
  mark_control("clear.cancel");
  ImGui::EndPopup();
}

void Commands::test_state(Json& out) const {
  out["commands"] = Json::object();
  out["commands"]["playing"] = m_playing;
  out["commands"]["key_presses"] = m_key_presses;
}

} // namespace dp::ui
