// The dock layout (see layout.hpp): regions, splitters, tab bars, per-panel help.
#include "ui/layout.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "platform/platform.hpp"
#include "ui/controls.hpp"

namespace dp::ui {
namespace {

constexpr const char* kRegionNames[kRegionCount] = {"left", "center", "bottom", "right"};

Panel* find_panel(std::vector<Panel*>& panels, const std::string& id) {
  for (Panel* panel : panels)
    if (id == panel->id())
      return panel;
  return nullptr;
}

// A draggable bar between two regions; returns the new position (in pixels along the axis).
bool splitter(const char* id, ImVec2 pos, ImVec2 size, bool vertical, float& delta) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav);
  ImGui::InvisibleButton("##bar", size);
  const bool active = ImGui::IsItemActive();
  if (ImGui::IsItemHovered() || active) {
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                        ImGui::GetColorU32(ImGuiCol_SeparatorActive));
  }
  delta = 0.0f;
  if (active)
    delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
  ImGui::End();
  ImGui::PopStyleVar(2);
  return active && delta != 0.0f;
}

} // namespace

std::map<std::string, double>& panel_times() {
  static std::map<std::string, double> times; // test/bench figure only
  return times;
}

const char* region_name(Region region) {
  return kRegionNames[static_cast<int>(region)];
}

Layout Layout::defaults() {
  Layout layout;
  layout.tabs[0] = {"editor", "story", "export", "terraform"};
  layout.tabs[1] = {"timeline", "code", "executions"};
  layout.tabs[2] = {"operations", "history", "checkpoints"};
  layout.tabs[3] = {"run", "callbacks", "faults"};
  return layout;
}

std::string Layout::save() const {
  std::ostringstream out;
  out << "v1 " << left_fraction << ' ' << right_fraction << ' ' << bottom_fraction;
  for (int r = 0; r < kRegionCount; ++r) {
    out << " |";
    for (const std::string& id : tabs[r])
      out << ' ' << id;
  }
  return out.str();
}

Layout Layout::load(const std::string& text) {
  Layout defaults_layout = defaults();
  std::istringstream in(text);
  std::string version;
  Layout layout;
  if (!(in >> version) || version != "v1")
    return defaults_layout;
  if (!(in >> layout.left_fraction >> layout.right_fraction >> layout.bottom_fraction))
    return defaults_layout;
  auto sane = [](float f) { return f > 0.05f && f < 0.8f; };
  if (!sane(layout.left_fraction) || !sane(layout.right_fraction) || !sane(layout.bottom_fraction))
    return defaults_layout;
  int region = -1;
  std::string word;
  while (in >> word) {
    if (word == "|") {
      if (++region >= kRegionCount)
        return defaults_layout;
      continue;
    }
    if (region < 0)
      return defaults_layout;
    layout.tabs[region].push_back(word);
  }
  // Every known panel exactly once; a panel added in a newer version lands where the defaults put it.
  for (int r = 0; r < kRegionCount; ++r)
    for (const std::string& id : defaults_layout.tabs[r]) {
      bool found = false;
      for (const auto& list : layout.tabs)
        found = found || std::find(list.begin(), list.end(), id) != list.end();
      if (!found)
        layout.tabs[r].push_back(id);
    }
  return layout;
}

void Layout::move_panel(const std::string& panel_id, Region to) {
  for (auto& list : tabs)
    list.erase(std::remove(list.begin(), list.end(), panel_id), list.end());
  tabs[static_cast<int>(to)].push_back(panel_id);
  focus_request[static_cast<int>(to)] = panel_id;
}

void Layout::focus(const std::string& panel_id) {
  for (int r = 0; r < kRegionCount; ++r)
    if (std::find(tabs[r].begin(), tabs[r].end(), panel_id) != tabs[r].end())
      focus_request[r] = panel_id;
}

bool draw_layout(Layout& layout, std::vector<Panel*>& panels, PanelContext& context, ImVec2 origin,
                 ImVec2 size) {
  bool changed = false;
  const float bar = 4.0f * context.scale;
  const float min_size = 120.0f * context.scale;
  const float left_w = std::clamp(size.x * layout.left_fraction, min_size, size.x * 0.6f);
  const float right_w = std::clamp(size.x * layout.right_fraction, min_size, size.x * 0.6f);
  const float center_w = std::max(size.x - left_w - right_w - 2.0f * bar, min_size);
  const float bottom_h =
      std::clamp(size.y * layout.bottom_fraction, min_size * 0.5f, size.y - min_size * 0.5f);
  const float top_h = std::max(size.y - bottom_h - bar, 1.0f);

  const ImVec2 rect_pos[kRegionCount] = {
      origin,
      ImVec2(origin.x + left_w + bar, origin.y),
      ImVec2(origin.x + left_w + bar, origin.y + top_h + bar),
      ImVec2(origin.x + left_w + center_w + 2.0f * bar, origin.y),
  };
  const ImVec2 rect_size[kRegionCount] = {
      ImVec2(left_w, size.y),
      ImVec2(center_w, top_h),
      ImVec2(center_w, bottom_h),
      ImVec2(right_w, size.y),
  };

  for (int r = 0; r < kRegionCount; ++r) {
    ImGui::SetNextWindowPos(rect_pos[r]);
    ImGui::SetNextWindowSize(rect_size[r]);
    std::string window_id = std::string("##region_") + kRegionNames[r];
    ImGui::Begin(window_id.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    if (layout.tabs[r].empty()) {
      empty_state("Empty region", "Move a panel here with a right-click on its tab.");
    } else if (ImGui::BeginTabBar("tabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
      for (size_t t = 0; t < layout.tabs[r].size(); ++t) {
        const std::string panel_id = layout.tabs[r][t];
        Panel* panel = find_panel(panels, panel_id);
        if (panel == nullptr)
          continue;
        ImGuiTabItemFlags flags = 0;
        if (layout.focus_request[r] == panel_id)
          flags |= ImGuiTabItemFlags_SetSelected;
        std::string label = std::string(panel->title()) + "###tab_" + panel_id;
        const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
        mark_control(std::string("tab.") + panel_id);
        if (ImGui::BeginPopupContextItem()) {
          ImGui::TextDisabled("Move \"%s\" to", panel->title());
          for (int to = 0; to < kRegionCount; ++to) {
            if (to == r)
              continue;
            if (ImGui::MenuItem(kRegionNames[to])) {
              layout.move_panel(panel_id, static_cast<Region>(to));
              changed = true;
            }
          }
          ImGui::EndPopup();
        }
        if (open) {
          if (ImGui::TabItemButton("?", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip))
            ImGui::OpenPopup("panel_help");
          if (ImGui::IsItemHovered())
            ImGui::SetTooltip("What is this panel?");
          if (ImGui::BeginPopup("panel_help")) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
            ImGui::PushFont(context.fonts.ui_bold);
            ImGui::TextUnformatted(panel->title());
            ImGui::PopFont();
            ImGui::TextUnformatted(panel->help());
            ImGui::PopTextWrapPos();
            ImGui::EndPopup();
          }
          ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_None);
          const double started = platform::now_ms();
          panel->draw(context);
          panel_times()[panel_id] = platform::now_ms() - started;
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
    layout.focus_request[r].clear();
    ImGui::End();
  }

  float delta = 0.0f;
  if (splitter("##split_left", ImVec2(origin.x + left_w, origin.y), ImVec2(bar, size.y), true, delta)) {
    layout.left_fraction = std::clamp((left_w + delta) / size.x, 0.1f, 0.6f);
    changed = true;
  }
  if (splitter("##split_right", ImVec2(origin.x + left_w + bar + center_w, origin.y), ImVec2(bar, size.y),
               true, delta)) {
    layout.right_fraction = std::clamp((right_w - delta) / size.x, 0.1f, 0.6f);
    changed = true;
  }
  if (splitter("##split_bottom", ImVec2(rect_pos[1].x, origin.y + top_h), ImVec2(center_w, bar), false,
               delta)) {
    layout.bottom_fraction = std::clamp((bottom_h - delta) / size.y, 0.1f, 0.9f);
    changed = true;
  }
  return changed;
}

} // namespace dp::ui
