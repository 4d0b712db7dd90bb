// Terraform panel: an editor for a module's Terraform (it opens on what File > Export writes for the order
// workflow), its diagnostics from our validator updating as one types (debounced; a 1 MB file validates in
// ~30 ms in wasm), click a diagnostic to select its range in the editor, scrolled into view, and the rule's
// explanation (what, why, how to fix, source).
#include <algorithm>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "imgui_internal.h" // ImGuiWindow: the editor's scroll, for the test state

#include "export/export.hpp"
#include "imgui_stdlib.h" // needs imgui.h first
#include "platform/platform.hpp"
#include "terraform/validate.hpp"
#include "ui/controls.hpp"
#include "ui/flow.hpp"
#include "ui/learn.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"
#include "workflow/loader.hpp"

namespace dp::ui {
namespace {

constexpr double kDebounceMs = 250.0;

// The panel's starting text: the Terraform the exporter writes for the order workflow (the blog's
// resources), made from the embedded examples/order.json so it never drifts from File > Export.
// examples/terraform/order-lesson/00_blog.tf holds the same text (export_test checks it).
std::string exported_order_terraform() {
  Result<std::string> json = embedded_lesson_reader()("examples/order.json");
  if (!json.ok())
    return "# The order workflow is not in the page: " + json.error().text() + "\n";
  Result<workflow::Document> doc = workflow::load_document(*json);
  if (!doc.ok())
    return "# examples/order.json does not load: " + doc.error().text() + "\n";
  return exporter::terraform_single_file(*doc);
}

ImU32 severity_color(Severity s) {
  switch (s) {
  case Severity::Error:
    return IM_COL32(235, 87, 87, 255);
  case Severity::Warning:
    return IM_COL32(230, 170, 60, 255);
  case Severity::Info:
    return IM_COL32(90, 160, 235, 255);
  }
  return IM_COL32(200, 200, 200, 255);
}

const char* severity_glyph(Severity s) {
  return s == Severity::Error ? "x" : s == Severity::Warning ? "!" : "i";
}

class TerraformPanel final : public Panel {
public:
  TerraformPanel() : m_default(exported_order_terraform()), m_text(m_default) {}

  const char* id() const override { return "terraform"; }
  const char* title() const override { return "Terraform"; }
  const char* help() const override {
    return "It opens on the Terraform that File > Export writes for the order workflow (one file instead of "
           "versions.tf, variables.tf, main.tf and outputs.tf). Paste or edit the Terraform of a durable "
           "function: the validator checks HCL syntax, the Lambda schema and the durable-function rules "
           "(durable_config ranges, runtimes that support durable execution, the checkpoint permissions on "
           "the qualified ARN, publish and alias, the provider version) as you type. Click a diagnostic to "
           "select its place in the text and read why the rule exists and how to fix it. The same checks run "
           "in tf-check on the command line.";
  }

  void draw(PanelContext& ctx) override {
    // The session's copy of the text (a lesson sets it; a lesson's check reads it).
    if (ctx.session.terraform_revision() != m_session_revision) {
      m_session_revision = ctx.session.terraform_revision();
      m_text = ctx.session.terraform_text();
      m_dirty = true;
      m_extent_stale = true;
      m_dirty_since = 0;
    }
    validate_if_due();
    // Below the editor: the counts and the diagnostics when there are any (up to 13 lines, at most half
    // the panel: a short panel at 200% keeps lines of code to read), else one line saying there are none.
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    // With none, the caption row says so and the editor keeps the footer's line.
    const float footer = m_report.diagnostics.empty() ? 0.0f
                                                      : std::clamp(ImGui::GetContentRegionAvail().y * 0.5f,
                                                                   4.0f * line_h, 13.0f * line_h);
    // One row: the button, then what the editor holds (a short caption: a short panel at 200% keeps its
    // lines for the code; the whole sentence is in the tooltips).
    const bool exported = m_text == m_default;
    const char* about =
        "main.tf as File > Export writes it for the order workflow (one file instead of four)";
    ImGui::BeginDisabled(exported);
    const bool reset = ImGui::SmallButton("Reset to the export");
    ImGui::EndDisabled();
    mark_control("terraform.reset");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("Put back %s", about);
    // Then whether the module passes, short enough to share the row at 200% (the editor keeps the line);
    // the hover says what the editor holds.
    ImGui::SameLine();
    const char* holds = exported ? "main.tf as exported" : "main.tf, edited";
    if (m_report.diagnostics.empty())
      ImGui::TextColored(ImVec4(0.4f, 0.8f, 0.5f, 1.0f), "No problems");
    else
      ImGui::TextDisabled("%s", holds);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s%s", exported ? about : holds,
                        m_report.diagnostics.empty() ? ": the module passes every rule." : "");
    if (reset) {
      m_text = m_default;
      m_dirty_since = 0;
      m_dirty = true;
      m_extent_stale = true;
      ctx.session.set_terraform_text(m_text);
      m_session_revision = ctx.session.terraform_revision();
    }
    // The editor in a view that scrolls both ways: the field is as wide as the longest line and as tall as
    // the text, so a narrow column shows a scrollbar instead of cutting lines (ImGui 1.90's multiline field
    // has neither a horizontal scrollbar nor wrapping). The view follows the caret.
    ImGui::BeginChild("##terraform_view", ImVec2(-1.0f, ImGui::GetContentRegionAvail().y - footer),
                      ImGuiChildFlags_None, ImGuiWindowFlags_HorizontalScrollbar);
    ImGuiWindow* view = ImGui::GetCurrentWindow();
    ImGui::PushFont(ctx.fonts.code);
    const ImVec2 padding = ImGui::GetStyle().FramePadding;
    const float column = ImGui::CalcTextSize("M").x;
    const float line = ImGui::GetTextLineHeight();
    if (m_extent_stale) {
      m_extent = measure(m_text);
      m_extent_stale = false;
    }
    const TextExtent& extent = m_extent;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // A few columns and a line to spare: the field's own window must never scroll (it would take the wheel).
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 size(std::max(avail.x, static_cast<float>(extent.columns + 4) * column + 2.0f * padding.x +
                                            style.ScrollbarSize),
                      std::max(avail.y, static_cast<float>(extent.lines + 2) * line + 2.0f * padding.y));
    if (ImGui::InputTextMultiline("##terraform_source", &m_text, size,
                                  ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackAlways,
                                  &on_edit_callback, this)) {
      m_dirty = true;
      m_extent_stale = true;
      m_dirty_since = platform::now_ms();
      ctx.session.set_terraform_text(m_text);
      m_session_revision = ctx.session.terraform_revision();
      platform::request_frames(static_cast<int>(kDebounceMs / 16.0) + 2);
    }
    mark_control("terraform.source");
    m_editor_id = ImGui::GetItemID();
    // The field's own window is a padding wider than its text (InputTextEx sizes its content so) and would
    // take the sideways wheel to scroll by that padding: it leaves the wheel to the view. Flags are set
    // again by each Begin, and the wheel is handled in NewFrame, before the field's next Begin.
    char field_window[256];
    std::snprintf(field_window, sizeof field_window, "%s/%s_%08X", view->Name, "##terraform_source",
                  m_editor_id);
    if (ImGuiWindow* field = ImGui::FindWindowByName(field_window)) {
      field->Flags |= ImGuiWindowFlags_NoScrollWithMouse;
      field->Scroll.x = 0.0f;
    }
    const bool active = ImGui::GetActiveID() == m_editor_id;
    if (m_center_line > 0) {
      const ImVec2 caret = caret_place(column, line);
      // A diagnostic's line goes to the middle of the view, not just inside its edge.
      ImGui::SetScrollY(std::max(0.0f, (static_cast<float>(m_center_line) - 0.5f) * line -
                                           view->InnerRect.GetHeight() * 0.5f));
      ImGui::SetScrollX(std::max(0.0f, caret.x - view->InnerRect.GetWidth() * 0.5f));
      m_center_line = 0;
      m_followed_byte = m_cursor_byte;
      platform::request_frames(2);
    } else if (active && m_cursor_byte != m_followed_byte) {
      // The caret moved (typing, arrows, a click): bring it into the view with a margin.
      m_followed_byte = m_cursor_byte;
      const ImVec2 caret = caret_place(column, line);
      const ImVec2 shown(view->InnerRect.GetWidth(), view->InnerRect.GetHeight());
      const float margin_x = column * 4.0f;
      if (caret.x - margin_x < view->Scroll.x)
        ImGui::SetScrollX(std::max(0.0f, caret.x - margin_x));
      else if (caret.x + margin_x > view->Scroll.x + shown.x)
        ImGui::SetScrollX(caret.x + margin_x - shown.x);
      if (caret.y < view->Scroll.y)
        ImGui::SetScrollY(caret.y);
      else if (caret.y + 2.0f * line > view->Scroll.y + shown.y)
        ImGui::SetScrollY(caret.y + 2.0f * line - shown.y);
      platform::request_frames(2);
    }
    m_editor_active = active;
    m_first_visible_line = static_cast<int>(view->Scroll.y / line) + 1;
    m_visible_lines = static_cast<int>(view->InnerRect.GetHeight() / line);
    m_view_columns = static_cast<int>(view->InnerRect.GetWidth() / column);
    m_longest_line = extent.columns;
    m_scroll_x = view->Scroll.x;
    ImGui::PopFont();
    ImGui::EndChild();
    draw_diagnostics(ctx);
  }

  void test_state(Json& out) const override {
    Json diags = Json::array();
    for (const auto& d : m_report.diagnostics)
      diags.push_back({{"rule", d.rule},
                       {"severity", severity_name(d.severity)},
                       {"line", d.subject.start.line},
                       {"column", d.subject.start.column},
                       {"byte", d.subject.start.byte},
                       {"end_byte", d.subject.end.byte},
                       {"summary", d.summary}});
    out["terraform"] = {{"diagnostics", diags},
                        {"bytes", m_text.size()},
                        {"validations", m_validations},
                        {"selected", m_selected},
                        {"editor",
                         {{"active", m_editor_active},
                          {"cursor", m_cursor_byte},
                          {"selection_start", m_selection_start},
                          {"selection_end", m_selection_end},
                          {"first_visible_line", m_first_visible_line},
                          {"visible_lines", m_visible_lines},
                          {"view_columns", m_view_columns},
                          {"longest_line", m_longest_line},
                          {"scroll_x", m_scroll_x}}}};
  }

private:
  static int on_edit_callback(ImGuiInputTextCallbackData* data) {
    auto* self = static_cast<TerraformPanel*>(data->UserData);
    if (self->m_jump_to_byte >= 0 && self->m_jump_to_byte <= data->BufTextLen) {
      self->m_center_line =
          1 + static_cast<int>(std::count(data->Buf, data->Buf + self->m_jump_to_byte, '\n'));
      data->CursorPos = self->m_jump_to_byte;
      data->SelectionStart = self->m_jump_to_byte;
      data->SelectionEnd = std::min(data->BufTextLen, self->m_jump_end_byte);
      self->m_jump_to_byte = -1;
    }
    self->m_cursor_byte = data->CursorPos;
    self->m_selection_start = std::min(data->SelectionStart, data->SelectionEnd);
    self->m_selection_end = std::max(data->SelectionStart, data->SelectionEnd);
    return 0;
  }

  // Gives the editor the keyboard on the next frame; its callback then puts the caret and selection on
  // the diagnostic, and ImGui scrolls the caret into view. SetKeyboardFocusHere() cannot do this (issue 11:
  // the click did nothing): it activates "by tabbing", and a field that takes Tab as input refuses that
  // (InputTextEx in imgui_widgets.cpp clears NavActivateId for ImGuiActivateFlags_FromTabbing).
  void activate_editor() {
    if (m_editor_id == 0)
      return;
    ImGui::ActivateItemByID(m_editor_id);
    GImGui->NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
  }

  // How many lines the text has and how many columns its longest line (a tab counts four, as ImGui draws it).
  struct TextExtent {
    int lines = 1;
    int columns = 0;
  };
  static TextExtent measure(const std::string& text) {
    TextExtent extent;
    int columns = 0;
    for (const char c : text) {
      if (c == '\n') {
        ++extent.lines;
        columns = 0;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) { // a UTF-8 character's first byte
        columns += c == '\t' ? 4 : 1;
        extent.columns = std::max(extent.columns, columns);
      }
    }
    return extent;
  }

  // Where the caret is inside the field, in pixels from its top-left corner (the code font is monospaced).
  ImVec2 caret_place(float column, float line) const {
    const size_t end = std::min(static_cast<size_t>(std::max(m_cursor_byte, 0)), m_text.size());
    const size_t line_start = m_text.rfind('\n', end == 0 ? std::string::npos : end - 1);
    const size_t from = line_start == std::string::npos || end == 0 ? 0 : line_start + 1;
    const int line_index =
        static_cast<int>(std::count(m_text.begin(), m_text.begin() + static_cast<long>(from), '\n'));
    const TextExtent on_line = measure(m_text.substr(from, end - from));
    const ImVec2 padding = ImGui::GetStyle().FramePadding;
    return ImVec2(padding.x + static_cast<float>(on_line.columns) * column,
                  padding.y + static_cast<float>(line_index) * line);
  }

  void validate_if_due() {
    if (!m_dirty)
      return;
    if (m_dirty_since > 0 && platform::now_ms() - m_dirty_since < kDebounceMs) {
      platform::request_frames(2);
      return;
    }
    m_report = tf::validate({{"main.tf", m_text}});
    m_dirty = false;
    ++m_validations;
    if (m_selected >= static_cast<int>(m_report.diagnostics.size()))
      m_selected = -1;
  }

  void draw_diagnostics(PanelContext& ctx) {
    if (m_report.diagnostics.empty())
      return; // said on the caption row
    ImGui::Separator();
    // The counts head the list (below the editor, so that the editor keeps its lines in a short panel).
    ImGui::Text("%d error(s), %d warning(s), %d info", m_report.error_count, m_report.warning_count,
                m_report.info_count);
    const float list_height = ImGui::GetContentRegionAvail().y * (m_selected >= 0 ? 0.45f : 1.0f);
    if (ImGui::BeginChild("##diagnostics", ImVec2(0, list_height))) {
      for (int i = 0; i < static_cast<int>(m_report.diagnostics.size()); ++i) {
        const Diagnostic& d = m_report.diagnostics[static_cast<size_t>(i)];
        ImGui::PushID(i);
        ImGui::PushStyleColor(ImGuiCol_Text, severity_color(d.severity));
        ImGui::TextUnformatted(severity_glyph(d.severity));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        std::string label = d.rule + "  " + std::to_string(d.subject.start.line) + ":" +
                            std::to_string(d.subject.start.column) + "  " + d.summary;
        bool picked = ImGui::Selectable(label.c_str(), m_selected == i);
        mark_control("terraform.diagnostic." + std::to_string(i));
        if (picked) {
          m_selected = i;
          m_jump_to_byte = d.subject.start.byte;
          m_jump_end_byte = std::max(d.subject.end.byte, d.subject.start.byte);
          activate_editor();
          platform::request_frames(4);
        }
        ImGui::PopID();
      }
    }
    ImGui::EndChild();
    if (m_selected < 0)
      return;
    const Diagnostic& d = m_report.diagnostics[static_cast<size_t>(m_selected)];
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(ctx.fonts.ui_bold);
    ImGui::TextUnformatted(d.summary.c_str());
    ImGui::PopFont();
    ImGui::TextUnformatted(d.detail.c_str());
    if (const tf::RuleInfo* rule = tf::find_rule(d.rule)) {
      ImGui::TextDisabled("Why: ");
      ImGui::SameLine(0, 0);
      ImGui::TextUnformatted(rule->why);
      ImGui::TextDisabled("Fix: ");
      ImGui::SameLine(0, 0);
      ImGui::TextUnformatted(rule->fix);
      ImGui::TextDisabled("Source: ");
      ImGui::SameLine(0, 0);
      ImGui::TextUnformatted(rule->source);
    }
    ImGui::PopTextWrapPos();
  }

  std::string m_default; // the order workflow's export (Reset brings it back)
  std::string m_text;
  uint64_t m_session_revision = 0; // the session's Terraform text revision last taken
  tf::Report m_report;
  bool m_dirty = true;
  double m_dirty_since = 0; // 0: validate at once (first frame, reset)
  int m_selected = -1;
  int m_jump_to_byte = -1;
  int m_jump_end_byte = -1;
  int m_validations = 0;
  ImGuiID m_editor_id = 0; // the multiline field's ImGui id, as last drawn
  int m_center_line = 0;   // a line the editor scrolls to the middle of its view on the next frame (1-based)
  // The editor as last drawn (test state): byte offsets into m_text, 1-based lines.
  bool m_editor_active = false;
  int m_cursor_byte = 0;
  int m_selection_start = 0;
  int m_selection_end = 0;
  int m_first_visible_line = 1;
  int m_visible_lines = 0;
  int m_view_columns = 0;   // columns the view shows across
  int m_longest_line = 0;   // columns of the text's longest line
  float m_scroll_x = 0.0f;  // how far the view is scrolled to the right, in pixels
  int m_followed_byte = -1; // the caret position the view last followed
  TextExtent m_extent;      // of m_text, measured again when it changes
  bool m_extent_stale = true;
};

} // namespace

std::unique_ptr<Panel> make_terraform_panel() {
  return std::make_unique<TerraformPanel>();
}

} // namespace dp::ui
