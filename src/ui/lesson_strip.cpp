// The lesson strip: a band across the top of the page while a lesson is open (or the lesson list). Left:
// the lesson's goal, instructions and the hints asked for. Right: the check, evaluated on the engine's
// state whenever the session changes (each missing item says what is missing), the buttons (Hint, Show
// me, Previous, Next, Restart, Close), the caption of the last "show me" action and, once the check
// passes, what the lesson taught with its AWS documentation links.
#include <algorithm>

#include "imgui.h"

#include "imgui_stdlib.h" // needs imgui.h first
#include "ui/controls.hpp"
#include "ui/learn.hpp"
#include "ui/theme.hpp"

namespace dp::ui {
namespace {

ImVec4 pass_color(Theme theme) {
  return theme == Theme::Light ? ImVec4(0.10f, 0.50f, 0.20f, 1.0f) : ImVec4(0.45f, 0.85f, 0.50f, 1.0f);
}
ImVec4 miss_color(Theme theme) {
  return theme == Theme::Light ? ImVec4(0.65f, 0.38f, 0.0f, 1.0f) : ImVec4(0.98f, 0.75f, 0.35f, 1.0f);
}

// A filled dot in the colour of a check item, on the current line.
void status_dot(ImVec4 color) {
  const float r = ImGui::GetFontSize() * 0.30f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                              ImGui::GetColorU32(color));
  ImGui::Dummy(ImVec2(r * 2.0f, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
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

float Learn::draw_strip(PanelContext& ctx, ImVec2 origin, float width, float max_height) {
  if (m_mode == Mode::Closed)
    return 0.0f;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float height = std::min(
      max_height, std::clamp(max_height * 0.34f, line * (m_mode == Mode::List ? 8.0f : 9.0f), line * 16.0f));
  ImGui::SetNextWindowPos(origin);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin("##lesson_strip", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  mark_control("lesson.strip");
  if (m_mode == Mode::List)
    draw_list(ctx);
  else
    draw_lesson(ctx);
  ImGui::End();
  return height;
}

void Learn::draw_lesson(PanelContext& ctx) {
  const lessons::Lesson& lesson = m_lessons[m_current];
  const float left_w = ImGui::GetContentRegionAvail().x * 0.55f;

  // --- Left: what to do ----------------------------------------------------------------------------
  ImGui::BeginChild("lesson_text", ImVec2(left_w, 0), ImGuiChildFlags_None);
  ImGui::PushFont(ctx.fonts.ui_bold);
  ImGui::Text("Lesson %zu of %zu: %s", m_current + 1, m_lessons.size(), lesson.title.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  help_marker("A lesson: a goal, a starting workflow, and a check the page evaluates on the simulator's "
              "state after every change (never on which buttons you pressed). Hint shows one more hint "
              "per click; Show me performs the solution one action per click, from the lesson's start. "
              "Progress stays in this browser; link a lesson with #lesson=ID.");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(("Goal: " + lesson.goal).c_str());
  ImGui::Spacing();
  // Once the check passes, what the lesson taught comes first, where it is seen without scrolling.
  if (m_report.passed) {
    ImGui::PushStyleColor(ImGuiCol_Text, pass_color(ctx.theme));
    ImGui::PushFont(ctx.fonts.ui_bold);
    ImGui::TextUnformatted("What you learned");
    ImGui::PopFont();
    ImGui::PopStyleColor();
    mark_control("lesson.learned");
    ImGui::TextUnformatted(lesson.learned.c_str());
    for (size_t i = 0; i < lesson.links.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton(("Read: " + lesson.links[i].title).c_str()))
        open_link(lesson.links[i].url);
      mark_control("lesson.link." + std::to_string(i));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", lesson.links[i].url.c_str());
      ImGui::PopID();
    }
    if (!m_link_shown.empty()) {
      ImGui::SetNextItemWidth(-1.0f);
      ImGui::InputText("##link", &m_link_shown, ImGuiInputTextFlags_ReadOnly);
    }
    ImGui::Separator();
    ImGui::Spacing();
  }
  for (const std::string& paragraph : lesson.instructions) {
    ImGui::TextUnformatted(paragraph.c_str());
    ImGui::Spacing();
  }
  for (size_t i = 0; i < m_hints_shown && i < lesson.hints.size(); ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, miss_color(ctx.theme));
    ImGui::Text("Hint %zu:", i + 1);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(lesson.hints[i].c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();

  ImGui::SameLine();

  // --- Right: the check, the buttons, what was learned ---------------------------------------------
  ImGui::BeginChild("lesson_check", ImVec2(0, 0), ImGuiChildFlags_Border);
  // Buttons.
  const size_t hints_left = lesson.hints.size() - std::min(m_hints_shown, lesson.hints.size());
  ImGui::BeginDisabled(hints_left == 0);
  const std::string hint_label = "Hint (" + std::to_string(hints_left) + " left)";
  if (ImGui::Button(hint_label.c_str()))
    show_hint();
  ImGui::EndDisabled();
  mark_control("lesson.hint");
  const size_t step = m_solution && !m_solution->done() ? m_solution->position() : 0;
  const std::string show_label = m_solution && m_solution->done()
                                     ? std::string("Show me again###showme")
                                     : "Show me (" + std::to_string(step + 1) + "/" +
                                           std::to_string(lesson.solution.size()) + ")###showme";
  flow(show_label.c_str());
  if (ImGui::Button(show_label.c_str()))
    show_me();
  mark_control("lesson.showme");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Performs the next action of the solution (the first one restarts the lesson).");
  flow("Previous");
  ImGui::BeginDisabled(m_current == 0);
  if (ImGui::Button("Previous"))
    open_lesson(m_current - 1);
  ImGui::EndDisabled();
  mark_control("lesson.prev");
  flow("Next lesson");
  ImGui::BeginDisabled(m_current + 1 >= m_lessons.size());
  if (ImGui::Button("Next lesson"))
    open_lesson(m_current + 1);
  ImGui::EndDisabled();
  mark_control("lesson.next");
  flow("Restart");
  if (ImGui::Button("Restart"))
    open_lesson(m_current);
  mark_control("lesson.restart");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Loads the lesson's starting workflow again; earlier executions no longer count.");
  flow("Lessons");
  if (ImGui::Button("Lessons"))
    open_list();
  mark_control("lesson.list");
  flow("Close");
  if (ImGui::Button("Close"))
    close();
  mark_control("lesson.close");

  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, m_report.passed ? pass_color(ctx.theme) : miss_color(ctx.theme));
  ImGui::PushFont(ctx.fonts.ui_bold);
  ImGui::TextUnformatted(m_report.passed ? "Goal reached" : "Not yet: what is missing");
  ImGui::PopFont();
  ImGui::PopStyleColor();
  mark_control("lesson.status");
  ImGui::PushTextWrapPos(0.0f);
  // One line per item: a done item says its goal (muted); a missing one what is the case and what is
  // wanted, the "what is the case" half once when several items fail for the same reason.
  const std::string* last_now = nullptr;
  for (const lessons::Outcome& item : m_report.items) {
    if (m_report.passed)
      break; // "Goal reached" says it all; what was learned follows
    status_dot(item.passed ? pass_color(ctx.theme) : miss_color(ctx.theme));
    if (item.passed) {
      ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
      ImGui::TextUnformatted(!item.want.empty() ? item.want.c_str()
                             : item.now.empty() ? "done"
                                                : item.now.c_str());
      ImGui::PopStyleColor();
    } else if (last_now != nullptr && *last_now == item.now && !item.want.empty()) {
      ImGui::TextUnformatted(item.want.c_str());
    } else {
      ImGui::TextUnformatted(item.missing().c_str());
      last_now = &item.now;
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  if (!m_caption.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Show me:");
    ImGui::SameLine();
    ImGui::TextUnformatted(m_caption.c_str());
    if (!m_solution_error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, miss_color(ctx.theme));
      ImGui::TextUnformatted(m_solution_error.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
  }

  ImGui::EndChild();
}

} // namespace dp::ui
