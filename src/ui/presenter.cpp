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

// WCAG 2 contrast ratio of two opaque colours (1 to 21): relative luminance of linearised sRGB.
double contrast(const ImVec4& a, const ImVec4& b) {
  auto luminance = [](const ImVec4& c) {
    auto channel = [](float v) {
      const double x = v;
      return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
  };
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Fitting the screen: the largest listed size at which the screen is at least this many text heights tall
// and wide. At 1280x720 that is 32 px: the Run panel's buttons and the two lines of the last Step stay
// whole in presenter mode's layout (36 px cuts them). Never above 32 px: at 48 px on 1920x1080 the items
// of Learn > Demo scripts could not be reached (e2e 22); a larger size is one + key away.
constexpr float kFitHeightEms = 22.0f;
constexpr float kFitWidthEms = 40.0f;
constexpr float kFitMaxPx = 32.0f;

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

Layout& Presenter::layout_for(const std::vector<std::string>* story_panels) {
  if (story_panels == nullptr || story_panels->empty())
    return m_layout;
  if (*story_panels != m_story_ids || m_story_layout.tabs[1].empty()) {
    m_story_ids = *story_panels;
    m_story_layout = Layout{};
    // Each panel in the region it has in the presenter's layout (and the default one), in the story's order.
    auto home = [](const std::string& id) {
      if (id == "run" || id == "callbacks" || id == "faults" || id == "executions")
        return 0;
      if (id == "timeline" || id == "editor" || id == "terraform")
        return 1;
      if (id == "story" || id == "operations" || id == "history" || id == "checkpoints" || id == "export")
        return 2;
      return 3; // code
    };
    for (const std::string& id : m_story_ids)
      m_story_layout.tabs[home(id)].push_back(id);
    // The centre column is never folded: the story's first panel goes there when none has it as home.
    if (m_story_layout.tabs[1].empty() && m_story_layout.tabs[2].empty())
      for (auto& tabs : m_story_layout.tabs)
        if (!tabs.empty()) {
          m_story_layout.tabs[1].push_back(tabs.front());
          tabs.erase(tabs.begin());
          break;
        }
    m_story_layout.fold_empty_regions = true;
    for (int r = 0; r < kRegionCount; ++r)
      if (!m_story_layout.tabs[r].empty())
        m_story_layout.focus_request[r] = m_story_layout.tabs[r].front();
  }
  m_story_layout.left_fraction = m_layout.left_fraction;
  m_story_layout.right_fraction = m_layout.right_fraction;
  m_story_layout.bottom_fraction = m_layout.bottom_fraction;
  return m_story_layout;
}

void Presenter::keep_fractions(const Layout& dragged) {
  m_layout.left_fraction = dragged.left_fraction;
  m_layout.right_fraction = dragged.right_fraction;
  m_layout.bottom_fraction = dragged.bottom_fraction;
}

float Presenter::font_px() const {
  if (m_font_px != kFitFontPx)
    return m_font_px;
  if (m_screen.x <= 0.0f || m_screen.y <= 0.0f)
    return kFontSizes[2];
  const float fitting = std::min(m_screen.y / kFitHeightEms, m_screen.x / kFitWidthEms);
  float px = kFontSizes[0];
  for (float size : kFontSizes)
    if (size <= std::min(fitting, kFitMaxPx))
      px = size;
  return px;
}

bool Presenter::step_font(int direction) {
  const size_t count = sizeof kFontSizes / sizeof kFontSizes[0];
  // The nearest listed size in that direction from the current one (which may be any saved size).
  const float current = font_px();
  float next = current;
  if (direction > 0) {
    for (size_t i = 0; i < count && next == current; ++i)
      if (kFontSizes[i] > current)
        next = kFontSizes[i];
  } else {
    for (size_t i = count; i-- > 0 && next == current;)
      if (kFontSizes[i] < current)
        next = kFontSizes[i];
  }
  if (next == current)
    return false;
  m_font_px = next;
  save();
  return true;
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
  if (!size.empty() && size != "fit")
    set_font_px(std::strtof(size.c_str(), nullptr));
  // The address wins over the saved settings ("?presenter=1", "#v1.…&presenter=1&presenter_px=32").
  const std::string url = platform::url_parameter("presenter");
  if (!url.empty())
    m_enabled = truthy(url);
  const std::string url_size = platform::url_parameter("presenter_px");
  if (url_size == "fit")
    set_font_px(kFitFontPx);
  else if (!url_size.empty())
    set_font_px(std::strtof(url_size.c_str(), nullptr));
}

void Presenter::save() const {
  platform::save_setting("presenter", m_enabled ? "1" : "0");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", static_cast<double>(m_font_px));
  platform::save_setting("presenter.font_px", fits_screen() ? "fit" : buffer);
  platform::save_setting("presenter.layout", m_layout.save());
}

void Presenter::set_enabled(bool enabled) {
  m_enabled = enabled;
}

void Presenter::set_font_px(float px) {
  if (px == kFitFontPx)
    m_font_px = kFitFontPx;
  else if (std::isfinite(px))
    m_font_px = std::clamp(std::round(px), kMinFontPx, kMaxFontPx);
}

float Presenter::ui_scale(float normal) const {
  return m_enabled ? font_px() / kUiFontSize : normal;
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
                      "Keys: Page Down and Page Up (a clicker's keys) step forward and back in time, or "
                      "through the open demo script or lesson (N and P too); Left and Right time travel; "
                      "Space plays to the end or pauses, R starts a new run, F full screen, + and - the "
                      "text size.");
  if (ImGui::BeginMenu("Presenter text size")) {
    if (ImGui::MenuItem("As large as the screen allows", nullptr, fits_screen())) {
      m_font_px = kFitFontPx;
      m_enabled = true;
      save();
      changed = true;
    }
    mark_control("menu.view.presenter_px.fit");
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
  out["presenter"]["font_px"] = font_px();
  out["presenter"]["fits_screen"] = fits_screen();
  // The contrast of text on what it is drawn on, for the high-contrast check (WCAG: 7 is AAA, 4.5 AA).
  const ImVec4* c = ImGui::GetStyle().Colors;
  Json ratios = Json::object();
  ratios["text"] = contrast(c[ImGuiCol_Text], c[ImGuiCol_WindowBg]);
  ratios["muted"] = contrast(c[ImGuiCol_TextDisabled], c[ImGuiCol_WindowBg]);
  ratios["button"] = contrast(c[ImGuiCol_Text], c[ImGuiCol_Button]);
  ratios["field"] = contrast(c[ImGuiCol_Text], c[ImGuiCol_FrameBg]);
  ratios["tab"] = contrast(c[ImGuiCol_Text], c[ImGuiCol_TabActive]);
  ratios["popup"] = contrast(c[ImGuiCol_Text], c[ImGuiCol_PopupBg]);
  ratios["menu"] = contrast(c[ImGuiCol_Text], c[ImGuiCol_MenuBarBg]);
  out["presenter"]["contrast"] = ratios;
}

} // namespace dp::ui
