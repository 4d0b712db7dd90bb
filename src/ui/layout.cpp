// The dock layout (see layout.hpp): regions, splitters, tab bars, per-panel help.
#include "ui/layout.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "imgui_internal.h"
#include "platform/platform.hpp"
#include "ui/controls.hpp"

namespace dp::ui {
namespace {

constexpr const char* kRegionNames[kRegionCount] = {"left", "center", "bottom", "right"};
// Below this many UI units across, the layout has two columns (see draw_layout).
constexpr float kNarrowUnits = 1000.0f;
// The right column's least width in the two-column layout, in UI units (the Run panel's buttons fit).
constexpr float kNarrowSideUnits = 330.0f;
// Below this many UI units of height, the centre column is not split (see draw_layout).
constexpr float kShortUnits = 420.0f;

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
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (ImGui::IsItemHovered() || active) {
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                        ImGui::GetColorU32(ImGuiCol_SeparatorActive));
  } else {
    // A hairline in the middle says "a border you can drag"; the whole bar lights up on hover.
    const ImVec2 mid(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);
    draw->AddLine(vertical ? ImVec2(mid.x, pos.y) : ImVec2(pos.x, mid.y),
                  vertical ? ImVec2(mid.x, pos.y + size.y) : ImVec2(pos.x + size.x, mid.y),
                  ImGui::GetColorU32(ImGuiCol_Separator), 1.0f);
  }
  delta = 0.0f;
  if (active)
    delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
  ImGui::End();
  ImGui::PopStyleVar(2);
  return active && delta != 0.0f;
}

// Where each row of tabs starts: as many tabs on a row as fit `width`, the first row keeping room for the
// help button. Rows instead of a tab bar that scrolls or shrinks: every tab keeps its whole name and stays
// one click away however narrow the region (1280 px at 200% UI scale).
std::vector<size_t> tab_row_starts(const std::vector<std::string>& titles, float width, float help_w) {
  const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
  std::vector<size_t> starts{0};
  float used = help_w; // and a spacing before each tab (ImGui puts one between the tabs and the button)
  for (size_t t = 0; t < titles.size(); ++t) {
    const float w = ImGui::TabItemCalcSize(titles[t].c_str(), false).x;
    if (t > starts.back() && used + spacing + w > width) {
      starts.push_back(t);
      used = -spacing;
    }
    used += spacing + w;
  }
  return starts;
}

// ImGui remembers each tab bar's selected tab itself: make it the shown panel's tab (0: none in this row).
// The tabs that were selected before are buttons now, and are marked so at once: otherwise ImGui would
// select one of them again in this frame.
void keep_tab_bar_selection(ImGuiID shown_tab) {
  ImGuiTabBar* bar = ImGui::GetCurrentTabBar();
  bar->SelectedTabId = shown_tab;
  bar->NextSelectedTabId = 0;
  for (ImGuiTabItem& tab : bar->Tabs)
    if (tab.ID != shown_tab)
      tab.Flags |= ImGuiTabItemFlags_Button;
}

// The panel's "?" button and its help popup.
void help_button(const Panel& panel, PanelContext& context) {
  if (ImGui::TabItemButton("?", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip))
    ImGui::OpenPopup("panel_help");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("What is this panel?");
  if (ImGui::BeginPopup("panel_help")) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::PushFont(context.fonts.ui_bold);
    ImGui::TextUnformatted(panel.title());
    ImGui::PopFont();
    ImGui::TextUnformatted(panel.help());
    ImGui::PopTextWrapPos();
    ImGui::EndPopup();
  }
}

// One region: its tabs in rows (the shown panel a selected tab, the others buttons that show theirs),
// then the shown panel. Returns true when a panel was moved to another region.
bool draw_region(Layout& layout, Region region, const std::vector<std::string>& tab_ids,
                 const std::string& focus, std::string& shown_id, std::vector<Panel*>& panels,
                 PanelContext& context) {
  bool changed = false;
  std::vector<Panel*> tab_panels;
  std::vector<std::string> titles;
  for (const std::string& id : tab_ids)
    if (Panel* panel = find_panel(panels, id)) {
      tab_panels.push_back(panel);
      titles.push_back(panel->title());
    }
  if (tab_panels.empty())
    return false;
  auto index_of = [&](const std::string& id) {
    for (size_t t = 0; t < tab_panels.size(); ++t)
      if (id == tab_panels[t]->id())
        return t;
    return tab_panels.size();
  };
  if (index_of(focus) < tab_panels.size())
    shown_id = focus;
  if (index_of(shown_id) == tab_panels.size())
    shown_id = tab_panels.front()->id();
  Panel* shown = tab_panels[index_of(shown_id)];

  std::vector<size_t> starts =
      tab_row_starts(titles, ImGui::GetContentRegionAvail().x, ImGui::TabItemCalcSize("?", false).x);
  starts.push_back(tab_panels.size());
  for (size_t row = 0; row + 1 < starts.size(); ++row) {
    ImGui::PushID(static_cast<int>(row));
    // Fitting by shrinking only covers rounding: the rows were cut to fit.
    if (ImGui::BeginTabBar("tabs", ImGuiTabBarFlags_FittingPolicyResizeDown)) {
      ImGuiID shown_tab = 0;
      for (size_t t = starts[row]; t < starts[row + 1]; ++t)
        if (tab_panels[t] == shown)
          shown_tab = ImGui::GetID((titles[t] + "###tab_" + shown->id()).c_str());
      keep_tab_bar_selection(shown_tab);
      for (size_t t = starts[row]; t < starts[row + 1]; ++t) {
        Panel* panel = tab_panels[t];
        const std::string label = titles[t] + "###tab_" + panel->id();
        if (panel == shown) {
          if (ImGui::BeginTabItem(label.c_str()))
            ImGui::EndTabItem();
        } else if (ImGui::TabItemButton(label.c_str())) {
          shown_id = panel->id();
        }
        mark_control(std::string("tab.") + panel->id());
        if (ImGui::BeginPopupContextItem()) {
          ImGui::TextDisabled("Move \"%s\" to", panel->title());
          for (int to = 0; to < kRegionCount; ++to) {
            if (static_cast<Region>(to) == region)
              continue;
            if (ImGui::MenuItem(kRegionNames[to])) {
              layout.move_panel(panel->id(), static_cast<Region>(to));
              changed = true;
            }
          }
          ImGui::EndPopup();
        }
      }
      if (row == 0)
        help_button(*shown, context);
      ImGui::EndTabBar();
    }
    ImGui::PopID();
  }
  // One child window per panel: each keeps its own scroll position across tab switches.
  ImGui::PushID(shown->id());
  ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_None);
  const double started = platform::now_ms();
  shown->draw(context);
  panel_times()[shown->id()] = platform::now_ms() - started;
  ImGui::EndChild();
  ImGui::PopID();
  return changed;
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
  layout.tabs[1] = {"timeline", "code", "executions", "compare"};
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
  panel_times().clear();
  const float bar = 4.0f * context.scale;
  const float min_size = 120.0f * context.scale;
  // A window narrow for its UI scale (1280 px at 150%, 1920 px at 200%) reflows to two columns: the left
  // region's tabs join the right column, so no panel is squeezed below what its controls need.
  const bool narrow = size.x / context.scale < kNarrowUnits;
  // A window short for its UI scale (720 px at 150% or more) gives the centre column's panels its whole
  // height: the bottom region's tabs join the centre's (split, each would show a few lines).
  const bool short_page = size.y / context.scale < kShortUnits;
  // Which regions take room: all of them, or with fold_empty_regions those with panels (the centre always).
  auto has_tabs = [&](Region r) { return !layout.tabs[static_cast<int>(r)].empty(); };
  const bool fold = layout.fold_empty_regions;
  const bool show_left = !narrow && (!fold || has_tabs(Region::Left));
  const bool show_right = !fold || has_tabs(Region::Right) || (narrow && has_tabs(Region::Left));
  const bool show_bottom = !short_page && (!fold || has_tabs(Region::Bottom));
  const bool show_center = !fold || has_tabs(Region::Center) || !show_bottom;
  const float left_w = show_left ? std::clamp(size.x * layout.left_fraction, min_size, size.x * 0.6f) : 0.0f;
  const float left_bar = show_left ? bar : 0.0f;
  const float right_w =
      !show_right ? 0.0f
      : narrow    ? std::clamp(std::max(size.x * layout.right_fraction, kNarrowSideUnits * context.scale),
                               min_size, size.x * 0.5f)
                  : std::clamp(size.x * layout.right_fraction, min_size, size.x * 0.6f);
  const float right_bar = show_right ? bar : 0.0f;
  const float center_w = std::max(size.x - left_w - right_w - left_bar - right_bar, min_size);
  const float bottom_bar = show_center && show_bottom ? bar : 0.0f;
  const float bottom_h =
      !show_bottom  ? 0.0f
      : show_center ? std::clamp(size.y * layout.bottom_fraction, min_size * 0.5f, size.y - min_size * 0.5f)
                    : size.y;
  const float top_h = show_center ? std::max(size.y - bottom_h - bottom_bar, 1.0f) : 0.0f;
  const bool shown[kRegionCount] = {show_left, show_center, show_bottom, show_right};

  const ImVec2 rect_pos[kRegionCount] = {
      origin,
      ImVec2(origin.x + left_w + left_bar, origin.y),
      ImVec2(origin.x + left_w + left_bar, origin.y + top_h + bottom_bar),
      ImVec2(origin.x + left_w + left_bar + center_w + right_bar, origin.y),
  };
  const ImVec2 rect_size[kRegionCount] = {
      ImVec2(left_w, size.y),
      ImVec2(center_w, top_h),
      ImVec2(center_w, bottom_h),
      ImVec2(right_w, size.y),
  };

  for (int r = 0; r < kRegionCount; ++r) {
    const Region region = static_cast<Region>(r);
    if (narrow && region == Region::Left)
      continue; // drawn in the right column
    if (!shown[r])
      continue;
    std::vector<std::string> tab_ids = layout.tabs[r];
    std::string* focus = &layout.focus_request[r];
    std::string* shown_id = &layout.shown[r];
    if (narrow && region == Region::Right) {
      const auto& left = layout.tabs[static_cast<int>(Region::Left)];
      tab_ids.insert(tab_ids.begin(), left.begin(), left.end());
      std::string& left_focus = layout.focus_request[static_cast<int>(Region::Left)];
      if (!left_focus.empty())
        *focus = left_focus;
      left_focus.clear();
      // A window that narrows keeps showing the right column's panel (the Run panel, by default).
      if (layout.shown_merged.empty())
        layout.shown_merged = layout.shown[r];
      shown_id = &layout.shown_merged;
    }
    if (short_page && region == Region::Center) {
      const auto& bottom = layout.tabs[static_cast<int>(Region::Bottom)];
      tab_ids.insert(tab_ids.end(), bottom.begin(), bottom.end());
      std::string& bottom_focus = layout.focus_request[static_cast<int>(Region::Bottom)];
      if (focus->empty())
        *focus = bottom_focus;
      bottom_focus.clear();
    }
    ImGui::SetNextWindowPos(rect_pos[r]);
    ImGui::SetNextWindowSize(rect_size[r]);
    std::string window_id = std::string("##region_") + kRegionNames[r];
    ImGui::Begin(window_id.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    // Taken before the panels draw: a panel may ask for another to come forward (next frame).
    const std::string focus_now = *focus;
    focus->clear();
    if (tab_ids.empty())
      empty_state("Empty region", "Move a panel here with a right-click on its tab.");
    else
      changed |= draw_region(layout, region, tab_ids, focus_now, *shown_id, panels, context);
    ImGui::End();
  }

  float delta = 0.0f;
  if (show_left &&
      splitter("##split_left", ImVec2(origin.x + left_w, origin.y), ImVec2(bar, size.y), true, delta)) {
    layout.left_fraction = std::clamp((left_w + delta) / size.x, 0.1f, 0.6f);
    changed = true;
  }
  if (show_right && splitter("##split_right", ImVec2(origin.x + left_w + left_bar + center_w, origin.y),
                             ImVec2(bar, size.y), true, delta)) {
    layout.right_fraction = std::clamp((right_w - delta) / size.x, 0.1f, 0.6f);
    changed = true;
  }
  if (bottom_bar > 0.0f && splitter("##split_bottom", ImVec2(rect_pos[1].x, origin.y + top_h),
                                    ImVec2(center_w, bar), false, delta)) {
    layout.bottom_fraction = std::clamp((bottom_h - delta) / size.y, 0.1f, 0.9f);
    changed = true;
  }
  return changed;
}

} // namespace dp::ui
