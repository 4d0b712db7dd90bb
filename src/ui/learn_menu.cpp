// The Learn menu: every lesson in teaching order, done ones ticked, and the demo scripts; the list of
// lessons in the strip.
#include "imgui.h"
#include "ui/controls.hpp"
#include "ui/learn.hpp"
#include "ui/script_player.hpp"

namespace dp::ui {

void Learn::draw_menu(ScriptPlayer& scripts) {
  if (!ImGui::BeginMenu("Learn")) {
    mark_control("menu.learn");
    return;
  }
  mark_control("menu.learn");
  if (ImGui::MenuItem("All lessons"))
    open_list();
  mark_control("menu.learn.list");
  scripts.draw_menu();
  if (m_mode == Mode::Lesson) {
    if (ImGui::MenuItem("Close the lesson"))
      close();
    mark_control("menu.learn.close");
  }
  ImGui::Separator();
  if (m_lessons.empty())
    ImGui::TextDisabled("No lessons loaded.");
  for (size_t i = 0; i < m_lessons.size(); ++i) {
    const lessons::Lesson& lesson = m_lessons[i];
    const std::string label = std::to_string(i + 1) + ". " + lesson.title + "##" + lesson.id;
    // The tick is progress (the check passed once), not "open now".
    if (ImGui::MenuItem(label.c_str(), m_mode == Mode::Lesson && m_current == i ? "open" : nullptr,
                        m_done.count(lesson.id) > 0))
      open_lesson(i);
    mark_control("menu.learn." + lesson.id);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", lesson.goal.c_str());
  }
  ImGui::EndMenu();
}

void Learn::draw_list(PanelContext& ctx) {
  ImGui::PushFont(ctx.fonts.ui_bold);
  ImGui::TextUnformatted("Lessons");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu of %zu done. Each lesson checks what you did on the simulator's state.",
                      m_done.size(), m_lessons.size());
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - ImGui::CalcTextSize("Close").x -
                  ImGui::GetStyle().FramePadding.x * 2.0f);
  if (ImGui::Button("Close"))
    close();
  mark_control("lesson.close");
  if (ImGui::BeginTable("lesson_list", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Lesson", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Goal", ImGuiTableColumnFlags_WidthStretch, 2.5f);
    for (size_t i = 0; i < m_lessons.size(); ++i) {
      const lessons::Lesson& lesson = m_lessons[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool open = ImGui::SmallButton("Open");
      mark_control("lesson.list." + lesson.id);
      ImGui::TableNextColumn();
      ImGui::Text("%s%zu. %s", m_done.count(lesson.id) > 0 ? "[done] " : "", i + 1, lesson.title.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", lesson.goal.c_str());
      ImGui::PopID();
      if (open)
        open_lesson(i);
    }
    ImGui::EndTable();
  }
}

} // namespace dp::ui
