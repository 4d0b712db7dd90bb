// The demo script's caption strip: a band across the top of the page while a script is open. The script's
// title and the step number, the buttons (Previous, Next, Restart, Close: N and P do the same), and the
// caption of the step last played in the strip's whole width, where the room reads it.
#include <algorithm>

#include "imgui.h"
#include "ui/controls.hpp"
#include "ui/flow.hpp"
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

float ScriptPlayer::draw_strip(PanelContext& ctx, ImVec2 origin, float width, float max_height,
                               bool compact) {
  if (!is_open())
    return 0.0f;
  const lessons::Script& script = m_scripts[*m_open];
  const size_t position = m_run->position();
  // As tall as its content: the title row, the caption wrapped to the width, the hint or a warning.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = width - style.WindowPadding.x * 2.0f;
  const std::string& caption =
      position == 0 ? (script.summary.empty() ? std::string() : script.summary) : m_run->caption();
  // Compact (presenter mode, where every line is large): one row whose title is cut to the room the
  // buttons leave, and the caption in the body font rather than the larger bold one, so that the timeline
  // below keeps room for its lanes.
  ImFont* caption_font = compact ? ctx.fonts.ui : ctx.fonts.ui_bold;
  // The title row flows onto a second row when the buttons do not fit beside the title.
  float buttons = ImGui::CalcTextSize("step 00 of 00 (?)").x;
  for (const char* label : {"< Previous (P)", "Next (N) >", "Restart", "Close"})
    buttons += ImGui::CalcTextSize(label).x + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
  const float title_room = wrap - buttons - style.ItemSpacing.x;
  const float rows = !compact && ImGui::CalcTextSize(script.title.c_str()).x > title_room ? 2.0f : 1.0f;
  float content = ImGui::GetFrameHeightWithSpacing() * rows + style.ItemSpacing.y * 2.0f +
                  caption_font->CalcTextSizeA(caption_font->FontSize, FLT_MAX, wrap, caption.c_str()).y +
                  style.ItemSpacing.y;
  if (position == 0)
    content += ImGui::GetTextLineHeightWithSpacing();
  if (!m_step_error.empty() || !m_expect_missing.empty())
    content += ImGui::GetTextLineHeightWithSpacing() * 2.0f;
  // The estimate above is replaced by what the last frame measured once the same text was drawn at the
  // same width (the caption's wrapped lines, the separator and the spacing, exactly).
  // Thin above and below when compact, as the notice strip.
  const float padding_y = compact ? style.WindowPadding.y * 0.5f : style.WindowPadding.y;
  const StripMeasure measure{width, position, m_step_error.size() + m_expect_missing.size(), compact};
  if (m_strip_measure.key == measure && m_strip_measure.height > 0.0f)
    content = m_strip_measure.height - padding_y * 2.0f;
  const float height = std::min(max_height, content + padding_y * 2.0f);
  ImGui::SetNextWindowPos(origin);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(style.WindowPadding.x, padding_y));
  ImGui::Begin("##script_strip", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  mark_control("script.strip");

  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(ctx.fonts.ui_bold);
  if (compact && ImGui::CalcTextSize(script.title.c_str()).x > title_room) {
    // On the buttons' baseline, as Text() puts it after AlignTextToFramePadding.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + style.FramePadding.y);
    m_title_cut = text_in_lines(script.title.c_str(), 1, std::max(title_room, ImGui::GetFontSize() * 3.0f));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", script.title.c_str());
  } else {
    m_title_cut = false;
    ImGui::Text("%s", script.title.c_str());
  }
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
  ImGui::PushFont(caption_font);
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
  m_strip_measure = {measure, ImGui::GetCursorPosY() - style.ItemSpacing.y + padding_y};
  ImGui::End();
  m_strip_height = height;
  return height;
}

} // namespace dp::ui
