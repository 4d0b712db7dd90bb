// Terraform panel: an editor for a module's main.tf (the tutorial's example to start with), its diagnostics
// from our validator updating as one types (debounced; a 1 MB file validates in ~30 ms in wasm), click a
// diagnostic to jump to its line, and the rule's explanation (what, why, how to fix, source).
#include <string>

#include "imgui.h"

#include "imgui_stdlib.h" // needs imgui.h first
#include "platform/platform.hpp"
#include "terraform/validate.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::assets {
extern const unsigned char terraform_example[];
extern const std::size_t terraform_example_size;
} // namespace dp::assets

namespace dp::ui {
namespace {

constexpr double kDebounceMs = 250.0;

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
  TerraformPanel()
      : m_text(reinterpret_cast<const char*>(assets::terraform_example), assets::terraform_example_size) {}

  const char* id() const override { return "terraform"; }
  const char* title() const override { return "Terraform"; }
  const char* help() const override {
    return "Paste or edit the Terraform of a durable function: the validator checks HCL syntax, the Lambda "
           "schema and the durable-function rules (durable_config ranges, runtimes that support durable "
           "execution, the checkpoint permissions on the qualified ARN, publish and alias, the provider "
           "version) as you type. Click a diagnostic to jump to its line and read why the rule exists and "
           "how "
           "to fix it. The same checks run in `tf-check` on the command line.";
  }

  void draw(PanelContext& ctx) override {
    // The session's copy of the text (a lesson sets it; a lesson's check reads it).
    if (ctx.session.terraform_revision() != m_session_revision) {
      m_session_revision = ctx.session.terraform_revision();
      m_text = ctx.session.terraform_text();
      m_dirty = true;
      m_dirty_since = 0;
    }
    validate_if_due();
    const float footer = ImGui::GetTextLineHeightWithSpacing() * 12.0f;
    ImGui::TextDisabled("main.tf");
    ImGui::SameLine();
    ImGui::Text("%d error(s), %d warning(s), %d info", m_report.error_count, m_report.warning_count,
                m_report.info_count);
    ImGui::SameLine();
    bool reset = ImGui::SmallButton("Reset to the example");
    mark_control("terraform.reset");
    if (reset) {
      m_text.assign(reinterpret_cast<const char*>(assets::terraform_example), assets::terraform_example_size);
      m_dirty_since = 0;
      m_dirty = true;
      ctx.session.set_terraform_text(m_text);
      m_session_revision = ctx.session.terraform_revision();
    }
    ImGui::PushFont(ctx.fonts.code);
    if (m_jump_to_byte >= 0)
      ImGui::SetKeyboardFocusHere();
    ImVec2 size(-1.0f, ImGui::GetContentRegionAvail().y - footer);
    if (ImGui::InputTextMultiline("##terraform_source", &m_text, size,
                                  ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackAlways,
                                  &on_edit_callback, this)) {
      m_dirty = true;
      m_dirty_since = platform::now_ms();
      ctx.session.set_terraform_text(m_text);
      m_session_revision = ctx.session.terraform_revision();
      platform::request_frames(static_cast<int>(kDebounceMs / 16.0) + 2);
    }
    mark_control("terraform.source");
    ImGui::PopFont();
    draw_diagnostics(ctx);
  }

  void test_state(Json& out) const override {
    Json diags = Json::array();
    for (const auto& d : m_report.diagnostics)
      diags.push_back({{"rule", d.rule},
                       {"severity", severity_name(d.severity)},
                       {"line", d.subject.start.line},
                       {"column", d.subject.start.column},
                       {"summary", d.summary}});
    out["terraform"] = {{"diagnostics", diags},
                        {"bytes", m_text.size()},
                        {"validations", m_validations},
                        {"selected", m_selected}};
  }

private:
  static int on_edit_callback(ImGuiInputTextCallbackData* data) {
    auto* self = static_cast<TerraformPanel*>(data->UserData);
    if (self->m_jump_to_byte >= 0 && self->m_jump_to_byte <= data->BufTextLen) {
      data->CursorPos = self->m_jump_to_byte;
      data->SelectionStart = self->m_jump_to_byte;
      data->SelectionEnd = std::min(data->BufTextLen, self->m_jump_end_byte);
      self->m_jump_to_byte = -1;
    }
    return 0;
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
    ImGui::Separator();
    if (m_report.diagnostics.empty()) {
      ImGui::TextColored(ImVec4(0.4f, 0.8f, 0.5f, 1.0f), "No problems: the module passes every rule.");
      return;
    }
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
          platform::request_frames(3);
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

  std::string m_text;
  uint64_t m_session_revision = 0; // the session's Terraform text revision last taken
  tf::Report m_report;
  bool m_dirty = true;
  double m_dirty_since = 0; // 0: validate at once (first frame, reset)
  int m_selected = -1;
  int m_jump_to_byte = -1;
  int m_jump_end_byte = -1;
  int m_validations = 0;
};

} // namespace

std::unique_ptr<Panel> make_terraform_panel() {
  return std::make_unique<TerraformPanel>();
}

} // namespace dp::ui
