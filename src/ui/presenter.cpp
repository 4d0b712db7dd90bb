// Presenter mode (see presenter.hpp): settings, the story layout, the high-contrast style, the menu items.
#include "ui/presenter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "imgui.h"
#include "platform/platform.hpp"
#include "ui/controls.hpp"

namespace dp::ui {
namespace {

constexpr float kMinFontPx = 16.0f;
constexpr float kMaxFontPx = 64.0f;

bool has_panel(const std::vector<Panel*>& panels, const char* id) {
  for (const Panel* panel : panels)
    if (std::string_view(panel->id()) == id)
      return true;
  return false;
}

bool truthy(const std::string& value) {
  return value == "1" || value == "true" || value == "on" || value == "yes";
}

} // namespace

Layout Presenter::presenter_layout(const std::vector<Panel*>& panels) const {
  Layout layout;
  layout.left_fraction = 0.24f;
  layout.right_fraction = 0.24f;
  layout.bottom_fraction = 0.46f;
  // Only what a story needs; the Story and Code panels join when the page has them.
  auto add = [&](int region, const char* id) {
    if (has_panel(panels, id))
      layout.tabs[region].push_back(id);
  };
  add(0, "run");
  add(0, "callbacks");
  add(1, "timeline");
  add(1, "compare");
  add(2, "story");
  add(2, "operations");
  add(2, "history");
  add(3, "code");
  add(3, "executions");
  return layout;
}

void Presenter::load(const std::vector<Panel*>& panels) {
  m_layout = presenter_layout(panels);
  // Keep the presenter's own splitter positions (not its panel list: that is fixed).
  const std::string saved_layout = platform::load_setting("presenter.layout");
  if (!saved_layout.empty()) {
    const Layout saved = Layout::load(saved_layout);
    m_layout.left_fraction = saved.left_fraction;
    m_layout.right_fraction = saved.right_fraction;
    m_layout.bottom_fraction = saved.bottom_fraction;
  }
  m_enabled = truthy(platform::load_setting("presenter"));
  const std::string size = platform::load_setting("presenter.font_px");
  if (!size.empty())
    set_font_px(std::strtof(size.c_str(), nullptr));
  // The address wins over the saved settings ("?presenter=1", "#v1.…&presenter=1&presenter_px=32").
  const std::string url = platform::url_parameter("presenter");
  if (!url.empty())
    m_enabled = truthy(url);
  const std::string url_size = platform::url_parameter("presenter_px");
  if (!url_size.empty())
    set_font_px(std::strtof(url_size.c_str(), nullptr));
}

void Presenter::save() const {
  platform::save_setting("presenter", m_enabled ? "1" : "0");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", static_cast<double>(m_font_px));
  platform::save_setting("presenter.font_px", buffer);
  platform::save_setting("presenter.layout", m_layout.save());
}

void Presenter::set_enabled(bool enabled) {
  m_enabled = enabled;
}

void Presenter::set_font_px(float px) {
  if (std::isfinite(px))
    m_font_px = std::clamp(std::round(px), kMinFontPx, kMaxFontPx);
}

float Presenter::ui_scale(float normal) const {
  return m_enabled ? m_font_px / kUiFontSize : normal;
}

void Presenter::apply_contrast(Theme theme) const {
  if (!m_enabled)
    return;
  ImGuiStyle& style = ImGui::GetStyle();
  ImVec4* c = style.Colors;
  if (theme == Theme::Dark) {
    c[ImGuiCol_WindowBg] = ImVec4(0.02f, 0.02f, 0.03f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.06f, 0.06f, 0.08f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.08f, 0.08f, 0.10f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.82f, 0.86f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.13f, 0.16f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.10f, 0.30f, 0.62f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.16f, 0.40f, 0.78f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.75f, 0.78f, 0.85f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.55f, 0.58f, 0.65f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.10f, 0.11f, 0.14f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.10f, 0.30f, 0.62f, 1.0f);
    c[ImGuiCol_TabUnfocusedActive] = ImVec4(0.10f, 0.30f, 0.62f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1.0f, 1.0f, 1.0f, 0.05f);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.22f, 0.23f, 0.26f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.70f, 0.80f, 0.98f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.58f, 0.71f, 0.97f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.20f, 0.22f, 0.26f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.35f, 0.37f, 0.42f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.86f, 0.87f, 0.90f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.62f, 0.75f, 0.97f, 1.0f);
    c[ImGuiCol_TabUnfocusedActive] = ImVec4(0.62f, 0.75f, 0.97f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.05f);
  }
  // Outlined controls: a button is recognisable on a washed-out projector.
  style.FrameBorderSize = 1.0f;
}

bool Presenter::draw_menu_items() {
  bool changed = false;
  if (ImGui::MenuItem("Presenter mode", nullptr, m_enabled)) {
    m_enabled = !m_enabled; // the platform rebuilds fonts at the next frame
    save();
    changed = true;
  }
  mark_control("menu.view.presenter");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Large, high-contrast text and only the panels a story needs, for a projector. "
                      "Keys: Space plays to the end or pauses, R restarts, F full screen.");
  if (ImGui::BeginMenu("Presenter text size")) {
    for (float px : kFontSizes) {
      char label[16];
      std::snprintf(label, sizeof label, "%.0f px", static_cast<double>(px));
      if (ImGui::MenuItem(label, nullptr, m_font_px == px)) {
        m_font_px = px;
        m_enabled = true;
        save();
        changed = true;
      }
      char name[48];
      std::snprintf(name, sizeof name, "menu.view.presenter_px.%.0f", static_cast<double>(px));
      mark_control(name);
    }
    ImGui::EndMenu();
  }
  mark_control("menu.view.presenter_px");
  return changed;
}

void Presenter::test_state(Json& out) const {
  out["presenter"] = Json::object();
  out["presenter"]["enabled"] = m_enabled;
  out["presenter"]["font_px"] = m_font_px;
}

} // namespace dp::ui
