// The menu bar: File, View, Learn and Help, the notices between the menus and the storage state (or in a
// strip under the bar when it is too narrow), see app.hpp.
#include <cstdio>
#include <string>

#include "platform/platform.hpp"
#include "ui/app.hpp"
#include "ui/controls.hpp"

namespace dp::ui {
namespace {

// A menu bar with less room than this many font heights for notices puts them in a strip under it: at
// 1280 pixels and 100% the room (about 61) cut a planned crash's notice; at 1600 (about 85) the page keeps
// the line for its panels.
constexpr float kMenuNoticeEms = 70.0f;
constexpr float kScales[] = {0.8f, 0.9f, 1.0f, 1.1f, 1.25f, 1.5f, 1.75f, 2.0f};

// The starter gallery: workflow documents served from examples/ next to the page.
struct Example {
  const char* file;
  const char* title;
};
constexpr Example kExamples[] = {
    {"order.json", "Order processing (the blog's workflow)"},
    {"order-nodejs.json", "Order processing, Node.js SDK"},
    {"approval.json", "Human approval (callback)"},
    {"fan-out-map.json", "Fan-out with map"},
    {"parallel-checks.json", "Parallel checks"},
    {"polling.json", "Polling with wait_for_condition"},
    {"saga.json", "Saga with compensation"},
    {"chained-invoke.json", "Chained invoke"},
};

} // namespace

void App::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar())
    return;
  ImGui::PushFont(m_fonts.ui_bold);
  ImGui::TextUnformatted("Durable Playground");
  ImGui::PopFont();
  ImGui::Spacing();
  if (ImGui::BeginMenu("File")) {
    mark_control("menu.file");
    if (ImGui::MenuItem("Open workflow…", ""))
      platform::open_file_picker(".json,application/json");
    mark_control("menu.file.open");
    if (ImGui::MenuItem("Download workflow")) {
      const std::string name =
          (m_session.document().name.empty() ? "workflow" : m_session.document().name) + ".json";
      platform::download_file(name, "application/json", m_session.document_text());
    }
    mark_control("menu.file.download");
    if (ImGui::MenuItem("Copy share link")) {
      platform::set_share_parameters(share_parameters());
      platform::copy_share_link(m_session.document_text());
      m_session.notify(Notice::Level::Info,
                       "Share link copied: the workflow is in the address (nothing is uploaded).");
    }
    mark_control("menu.file.share");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Compresses the document (with its simulation plan) into the URL after '#'.");
    ImGui::Separator();
    if (ImGui::BeginMenu("Examples")) {
      for (const Example& example : kExamples) {
        if (ImGui::MenuItem(example.title))
          platform::fetch_text(std::string("examples/") + example.file);
        mark_control(std::string("menu.file.examples.") + example.file);
      }
      ImGui::EndMenu();
    }
    mark_control("menu.file.examples");
    ImGui::Separator();
    if (ImGui::MenuItem("Clear executions…"))
      m_commands.ask_clear_executions();
    mark_control("menu.file.clear");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Forget every execution and set the virtual clock back to its start.");
    ImGui::EndMenu();
  } else {
    mark_control("menu.file");
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Dark theme", nullptr, m_theme == Theme::Dark)) {
      m_theme = Theme::Dark;
      apply_style();
      save_settings();
    }
    mark_control("menu.view.dark");
    if (ImGui::MenuItem("Light theme", nullptr, m_theme == Theme::Light)) {
      m_theme = Theme::Light;
      apply_style();
      save_settings();
    }
    mark_control("menu.view.light");
    if (ImGui::BeginMenu("UI scale")) {
      for (float s : kScales) {
        char label[16];
        std::snprintf(label, sizeof label, "%d%%", static_cast<int>(s * 100.0f + 0.5f));
        if (ImGui::MenuItem(label, nullptr, m_ui_scale == s)) {
          m_ui_scale = s; // the platform rebuilds fonts at the next frame
          save_settings();
        }
        mark_control(std::string("menu.view.scale.") + label);
      }
      ImGui::EndMenu();
    }
    mark_control("menu.view.scale");
    ImGui::Separator();
    if (m_presenter.draw_menu_items())
      apply_style();
    ImGui::Separator();
    for (auto& p : m_panels) {
      if (ImGui::MenuItem(p->title()))
        m_layout.focus(p->id());
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Reset layout")) {
      m_layout = Layout::defaults();
      save_settings();
    }
    mark_control("menu.view.reset");
    ImGui::EndMenu();
  } else {
    mark_control("menu.view");
  }
  m_learn.draw_menu(m_scripts);
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("About"))
      m_show_about = true;
    ImGui::Separator();
    ImGui::MenuItem("ImGui metrics", nullptr, &m_show_metrics);
    ImGui::MenuItem("ImGui debug log", nullptr, &m_show_debug_log);
    ImGui::EndMenu();
  }
  // Right side: storage state; the notices fill the space between.
  const char* storage =
      platform::storage_state() == platform::StorageState::ready ? "saved in this browser" : "in memory only";
  const float width = ImGui::CalcTextSize(storage).x + ImGui::GetStyle().ItemSpacing.x * 2.0f;
  ImGui::Dummy(ImVec2(ImGui::GetFontSize(), 0.0f));
  const float right_x = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - width - ImGui::GetFontSize();
  // Too little room for a notice to be read whole (200%, presenter mode, a narrow window): the notices get
  // a strip of their own under the menu bar, there whether or not a notice shows, so nothing moves when
  // one comes or goes.
  m_notice_strip = right_x - ImGui::GetCursorScreenPos().x < ImGui::GetFontSize() * kMenuNoticeEms;
  if (!m_notice_strip)
    draw_notices(right_x, false);
  // A notice with a button can need more than the space left at 200% on a narrow window: it goes first,
  // and the storage state comes back once it is dismissed (drawn over, neither could be read).
  if (ImGui::GetCursorPosX() <= ImGui::GetWindowWidth() - width) {
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - width);
    ImGui::TextDisabled("%s", storage);
  }
  ImGui::EndMainMenuBar();
}

} // namespace dp::ui
