// Export panel: the starter project generated from the document (Terraform, the Python and Node.js handlers,
// their tests, a README), each file read-only with a copy button, the whole project as a .zip, and the
// handler with the lines of the selected operation's statement highlighted.
#include <algorithm>
#include <string>
#include <vector>

#include "imgui.h"

#include "export/export.hpp"
#include "export/zip.hpp"
#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"
#include "workflow/loader.hpp"

namespace dp::ui {
namespace {

// Finds the JSON path of the statement whose operation is named `name` (the timeline's selection).
void find_named(const workflow::Body& body, const std::string& name, std::string& out) {
  for (const auto& s : body) {
    if (!out.empty())
      return;
    if (s.name && *s.name == name) {
      out = s.path;
      return;
    }
    find_named(s.children, name, out);
    find_named(s.else_body, name, out);
    find_named(s.catch_body, name, out);
    for (const auto& b : s.branches)
      find_named(b.body, name, out);
  }
}

class ExportPanel final : public Panel {
public:
  const char* id() const override { return "export"; }
  const char* title() const override { return "Export"; }
  const char* help() const override {
    return "The starter project for this workflow: main.tf and friends (provider >= 6.25, durable_config, a "
           "published version and an alias, a least-privilege role with the two checkpoint permissions), a "
           "Python "
           "handler for aws_durable_execution_sdk_python and a Node.js handler for "
           "@aws/durable-execution-sdk-js, a "
           "test for each with the official testing libraries, and a README with the deploy and invoke "
           "commands. "
           "Select an operation anywhere to see its lines in the handler. The same files come from "
           "durable-sim export on the command line.";
  }

  void draw(PanelContext& ctx) override {
    regenerate_if_needed(ctx);
    if (!m_error.empty()) {
      empty_state("Nothing to export", m_error.c_str());
      return;
    }
    bool download = ImGui::Button("Download .zip");
    mark_control("export.zip");
    if (download) {
      std::string root =
          ctx.session.document().name.empty() ? "durable-function" : ctx.session.document().name;
      platform::download_file(root + ".zip", "application/zip", exporter::zip_archive(m_files, root));
    }
    ImGui::SameLine();
    if (ImGui::Button("Copy file") && m_selected < m_files.size())
      platform::copy_to_clipboard(m_files[m_selected].content);
    ImGui::SameLine();
    if (ImGui::Button(m_wide ? "Close wide view" : "Wide view"))
      m_wide = !m_wide;
    mark_control("export.wide");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Shows the file in a window at least 100 columns wide (this column is narrower).");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu files", m_files.size());

    // The file picker is a combo so that the code keeps the panel's whole width (the editor column is
    // narrow).
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::BeginCombo("##export_file",
                          m_selected < m_files.size() ? m_files[m_selected].path.c_str() : "")) {
      for (size_t i = 0; i < m_files.size(); ++i) {
        if (ImGui::Selectable(m_files[i].path.c_str(), m_selected == i)) {
          m_selected = i;
          m_user_picked = true;
        }
        mark_control("export.file." + m_files[i].path);
      }
      ImGui::EndCombo();
    }
    mark_control("export.files");
    if (ImGui::BeginChild("##export_content", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar)) {
      m_panel_columns = columns_that_fit(ctx);
      draw_file(ctx);
    }
    ImGui::EndChild();
  }

  // The wide view is its own window, drawn every frame while open (also when another tab of the Export
  // panel's region is shown): 100 columns of code at the default scale, plus the line numbers.
  void update(PanelContext& ctx) override {
    m_wide_columns = 0;
    if (!m_wide)
      return;
    regenerate_if_needed(ctx);
    if (!m_error.empty() || m_selected >= m_files.size())
      return;
    ImGui::PushFont(ctx.fonts.code);
    const float char_w = ImGui::CalcTextSize("M").x;
    ImGui::PopFont();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float want_w = char_w * (100.0f + kGutterColumns) + style.WindowPadding.x * 4.0f +
                         style.ScrollbarSize + style.ItemSpacing.x;
    const ImVec2 size(std::min(want_w, viewport->Size.x * 0.96f), viewport->Size.y * 0.8f);
    ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + (viewport->Size.x - size.x) * 0.5f,
                                   viewport->Pos.y + viewport->Size.y * 0.1f),
                            ImGuiCond_Appearing);
    const std::string title = m_files[m_selected].path + " — export###export_wide";
    if (ImGui::Begin(title.c_str(), &m_wide,
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
      mark_control("export.wide_window");
      if (ImGui::BeginChild("##wide_content", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar)) {
        m_wide_columns = columns_that_fit(ctx);
        draw_file(ctx);
      }
      ImGui::EndChild();
    }
    ImGui::End();
  }

  void test_state(Json& out) const override {
    Json files = Json::array();
    for (const auto& f : m_files)
      files.push_back({{"path", f.path}, {"bytes", f.content.size()}});
    out["export"] = {{"files", files},
                     {"panel_columns", m_panel_columns},
                     {"wide_columns", m_wide_columns},
                     {"shown", m_selected < m_files.size() ? m_files[m_selected].path : ""},
                     {"highlight", {m_highlight_first, m_highlight_last}}};
  }

private:
  void regenerate_if_needed(PanelContext& ctx) {
    if (m_built && m_revision == ctx.session.document_revision())
      return;
    m_built = true;
    m_revision = ctx.session.document_revision();
    // Reload from the text so every statement carries its JSON path (the exporter maps paths to lines).
    auto doc = workflow::load_document(ctx.session.document_text());
    if (!doc.ok()) {
      m_error = "The document does not load: " + doc.error().text();
      m_files.clear();
      return;
    }
    m_error.clear();
    m_document = std::move(*doc);
    m_files = exporter::export_project(m_document);
    m_lines_python = exporter::statement_lines(m_document, exporter::Language::Python);
    m_lines_node = exporter::statement_lines(m_document, exporter::Language::NodeJs);
    if (m_selected >= m_files.size())
      m_selected = 0;
    // Open on the handler of the document's own runtime.
    bool python = m_document.function.flavor() == workflow::Flavor::Python;
    for (size_t i = 0; i < m_files.size(); ++i)
      if (m_files[i].path == (python ? "python/lambda_function.py" : "nodejs/index.mjs") && !m_user_picked)
        m_selected = i;
  }

  // Line numbers take this many columns ("1234 ").
  static constexpr float kGutterColumns = 5.0f;

  // How many columns of code the current child window shows without scrolling.
  static int columns_that_fit(PanelContext& ctx) {
    ImGui::PushFont(ctx.fonts.code);
    const float char_w = ImGui::CalcTextSize("M").x;
    ImGui::PopFont();
    return static_cast<int>(ImGui::GetContentRegionAvail().x / char_w - kGutterColumns);
  }

  void draw_file(PanelContext& ctx) {
    if (m_selected >= m_files.size())
      return;
    const exporter::ExportFile& f = m_files[m_selected];
    // Highlight: the lines of the statement behind the selected operation, in this handler.
    m_highlight_first = m_highlight_last = 0;
    const std::vector<exporter::StatementLines>* lines = nullptr;
    if (f.path == "python/lambda_function.py")
      lines = &m_lines_python;
    else if (f.path == "nodejs/index.mjs")
      lines = &m_lines_node;
    if (lines && !ctx.selection.operation_name.empty()) {
      std::string path;
      find_named(m_document.handler, ctx.selection.operation_name, path);
      for (const auto& l : *lines)
        if (!path.empty() && l.path == path) {
          m_highlight_first = l.first_line;
          m_highlight_last = l.last_line;
          break;
        }
    }
    ImGui::PushFont(ctx.fonts.code);
    int line_number = 1;
    size_t start = 0;
    const ImU32 highlight = IM_COL32(80, 140, 230, 60);
    while (start <= f.content.size()) {
      size_t end = f.content.find('\n', start);
      if (end == std::string::npos)
        end = f.content.size();
      bool lit = line_number >= m_highlight_first && line_number <= m_highlight_last && m_highlight_first > 0;
      ImVec2 pos = ImGui::GetCursorScreenPos();
      if (lit) {
        ImGui::GetWindowDrawList()->AddRectFilled(
            pos,
            ImVec2(pos.x + ImGui::GetContentRegionAvail().x + ImGui::GetScrollMaxX() + 4000.0f,
                   pos.y + ImGui::GetTextLineHeight()),
            highlight);
        if (line_number == m_highlight_first && m_scrolled_to != m_highlight_first) {
          ImGui::SetScrollHereY(0.3f);
          m_scrolled_to = m_highlight_first;
        }
      }
      ImGui::TextDisabled("%4d", line_number);
      ImGui::SameLine();
      ImGui::TextUnformatted(f.content.data() + start, f.content.data() + end);
      if (end == f.content.size())
        break;
      start = end + 1;
      ++line_number;
    }
    ImGui::PopFont();
  }

  bool m_wide = false;     // the wide view's window is open
  int m_panel_columns = 0; // columns of code that fit, in the panel and in the wide view (test API)
  int m_wide_columns = 0;
  bool m_built = false;
  uint64_t m_revision = 0;
  std::string m_error;
  workflow::Document m_document;
  std::vector<exporter::ExportFile> m_files;
  std::vector<exporter::StatementLines> m_lines_python, m_lines_node;
  size_t m_selected = 0;
  bool m_user_picked = false;
  int m_highlight_first = 0, m_highlight_last = 0, m_scrolled_to = 0;
};

} // namespace

std::unique_ptr<Panel> make_export_panel() {
  return std::make_unique<ExportPanel>();
}

} // namespace dp::ui
