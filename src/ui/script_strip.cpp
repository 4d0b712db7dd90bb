// The demo script's caption strip: a band across the top of the page while a script is open. The script's
// title and the step number, the buttons (Previous, Next, Restart, Close: N and P do the same), and the
// caption of the step last played in the strip's whole width, where the room reads it.
#include <algorithm>

#include "imgui.h"
#include "ui/controls.hpp"
#include "ui/script_player.hpp"
#include "ui/theme.hpp"

namespace dp::ui {
namespace {

ImVec4 warning_color(Theme theme) {
  return theme == Theme::Light ? ImVec4(0.60f, 0.30f, 0.0f, 1.0f) : ImVec4(0.98f, 0.75f, 0.35f, 1.0f);
}

// Before a button after the first of a row: on the same line when it fits, else on the next.
void flow(const char* next_label) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(next_label, nullptr, true).x + style.FramePadding.x * 2.0f;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + w <= right)
    ImGui::SameLine();
}

} // namespace

float ScriptPlayer::draw_strip(PanelContext& ctx, ImVec2 origin, float width, float max_height) {
  if (!is_open())
    return 0.0f;
  const lessons::Script& script = m_scripts[*m_open];
  const size_t position = m_run->position();
  // As tall as its content: the title row, the caption wrapped to the width, the hint or a warning.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = width - style.WindowPadding.x * 2.0f;
  const std::string& caption =
      position == 0 ? (script.summary.empty() ? std::string() : script.summary) : m_run->caption();
  // The title row flows onto a second row when the buttons do not fit beside the title.
  float row = ImGui::CalcTextSize(script.title.c_str()).x + ImGui::CalcTextSize("step 00 of 00 (?)").x;
  for (const char* label : {"< Previous (P)", "Next (N) >", "Restart", "Close"})
    row += ImGui::CalcTextSize(label).x + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
  const float rows = row > wrap ? 2.0f : 1.0f;
  float content = ImGui::GetFrameHeightWithSpacing() * rows + style.ItemSpacing.y * 2.0f +
                  ImGui::CalcTextSize(caption.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  if (position == 0)
    content += ImGui::GetTextLineHeightWithSpacing();
  if (!m_step_error.empty() || !m_expect_missing.empty())
    content += ImGui::GetTextLineHeightWithSpacing() * 2.0f;
  const float height = std::min(max_height, content + style.WindowPadding.y * 2.0f);
  ImGui::SetNextWindowPos(origin);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin("##script_strip", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  mark_control("script.strip");

  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(ctx.fonts.ui_bold);
  ImGui::Text("%s", script.title.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("step %zu of %zu", position, script.steps.size());
  mark_control("script.position");
  ImGui::SameLine();
  help_marker("A demo script: a story told one caption per key press. N or PageDown plays the next step; "
              "P or PageUp goes back one (the script is played again from its start, so every step shows "
              "the same state every time). The arrows stay time travel. The address holds the script "
              "and the step: copy it to open the story there.");

  flow("< Previous (P)");
  ImGui::BeginDisabled(position == 0);
  if (ImGui::Button("< Previous (P)"))
    previous();
  ImGui::EndDisabled();
  mark_control("script.previous");
  flow("Next (N) >");
  ImGui::BeginDisabled(m_run->done());
  if (ImGui::Button("Next (N) >"))
    next();
  ImGui::EndDisabled();
  mark_control("script.next");
  flow("Restart");
  if (ImGui::Button("Restart"))
    go_to(0);
  mark_control("script.restart");
  flow("Close");
  if (ImGui::Button("Close")) {
    close();
    ImGui::End();
    return height;
  }
  mark_control("script.close");

  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushFont(ctx.fonts.ui_bold);
  if (position == 0) {
    ImGui::TextUnformatted(script.summary.empty() ? "Press N (or PageDown) to begin."
                                                  : script.summary.c_str());
  } else {
    ImGui::TextUnformatted(m_run->caption().c_str());
  }
  ImGui::PopFont();
  mark_control("script.caption");
  if (position == 0 && !script.summary.empty())
    ImGui::TextDisabled("Press N (or PageDown) to begin.");
  if (!m_step_error.empty() || !m_expect_missing.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, warning_color(ctx.theme));
    if (!m_step_error.empty())
      ImGui::Text("This step could not be played: %s", m_step_error.c_str());
    else
      ImGui::Text("Not as the script expects: %s", m_expect_missing.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
  return height;
}

} // namespace dp::ui
