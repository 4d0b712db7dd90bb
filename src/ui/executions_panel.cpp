// Executions panel: every execution the simulated service holds, finished and running, newest first;
// click one to open it in the timeline, operations, history and callbacks panels.
#include <string>

#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

class ExecutionsPanel final : public Panel {
public:
  const char* id() const override { return "executions"; }
  const char* title() const override { return "Executions"; }
  const char* help() const override {
    return "All durable executions of this playground, running and finished, like the console's execution "
           "list. "
           "Each 'Start' in the Run panel creates a new one (Lambda has no in-place redrive). Click a row to "
           "open it in the other panels. Executions are kept in this browser and survive a reload; running "
           "ones carry on.\n\nA branch (the time-travel bar's Branch button; simulation only) says which "
           "execution it branched from, at which point and what it did differently; Compare puts the two "
           "side "
           "by side.";
  }

  void test_state(Json& out) const override { out["executions_branches"] = m_branches; }

  void draw(PanelContext& ctx) override {
    m_branches = Json::array();
    const auto executions = ctx.session.executions();
    draw_paste_button(ctx);
    if (executions.empty()) {
      empty_state("No executions yet", "Press Start in the Run panel to start the workflow with its input, "
                                       "or import a history: drop its file on the page, or paste it.");
      return;
    }
    ImGui::SameLine();
    draw_actions(ctx);
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("executions", 7, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("Name");
      ImGui::TableSetupColumn("Branch of");
      ImGui::TableSetupColumn("Status");
      ImGui::TableSetupColumn("Started");
      ImGui::TableSetupColumn("Duration");
      ImGui::TableSetupColumn("Invocations");
      ImGui::TableSetupColumn("Result / error", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (auto it = executions.rbegin(); it != executions.rend(); ++it) {
        const engine::Execution& e = **it;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool selected = ctx.selection.execution_id == e.arn;
        if (ImGui::Selectable(e.name.c_str(), selected,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap) &&
            !selected) {
          ctx.selection = Selection{};
          ctx.selection.execution_id = e.arn;
        }
        mark_control("executions.row." + e.name);
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s%s%s", e.arn.c_str(), e.imported_from.empty() ? "" : "\nimported from ",
                            e.imported_from.c_str());
        if (!e.imported_from.empty()) {
          ImGui::SameLine();
          ImGui::TextDisabled("imported");
        }
        ImGui::TableNextColumn();
        if (e.branched_from) {
          m_branches.push_back(Json{{"name", e.name},
                                    {"from", e.branched_from->name},
                                    {"point", e.branched_from->point},
                                    {"what", e.branched_from->what}});
          ImGui::PushID(e.arn.c_str());
          if (ImGui::SmallButton("Compare")) {
            ctx.session.set_compare(e.branched_from->arn, e.arn);
            if (ctx.focus_panel)
              ctx.focus_panel("compare");
          }
          mark_control("executions.compare." + e.name);
          ImGui::PopID();
          ImGui::SameLine();
          const std::string origin = e.branched_from->name + " at point " +
                                     std::to_string(e.branched_from->point) + ": " + e.branched_from->what;
          ImGui::TextUnformatted(
              (e.branched_from->name + ", point " + std::to_string(e.branched_from->point)).c_str());
          if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Branched from %s (simulation only)", origin.c_str());
        }
        ImGui::TableNextColumn();
        const StatusLook look = status_look(engine::to_string(e.status), ctx.theme);
        ImGui::PushStyleColor(ImGuiCol_Text, look.color);
        ImGui::Text("%s %s", look.glyph, engine::to_string(e.status));
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_clock_ms(e.start_ms).c_str());
        ImGui::TableNextColumn();
        if (e.end_ms)
          ImGui::TextUnformatted(format_duration_ms(*e.end_ms - e.start_ms).c_str());
        else
          ImGui::TextDisabled("running");
        ImGui::TableNextColumn();
        ImGui::Text("%zu", e.invocations.size());
        ImGui::TableNextColumn();
        ImGui::PushFont(ctx.fonts.code);
        if (e.result) {
          ImGui::TextUnformatted(e.result->size() > 200 ? (e.result->substr(0, 200) + "…").c_str()
                                                        : e.result->c_str());
        } else if (e.error) {
          ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.45f, 1.0f), "%s: %s",
                             e.error->error_type.value_or("").c_str(),
                             e.error->error_message.value_or("").c_str());
        }
        ImGui::PopFont();
      }
      ImGui::EndTable();
    }
  }

private:
  Json m_branches = Json::array();
  // Imports a history from the clipboard (or typed into the page's paste dialog).
  void draw_paste_button(PanelContext& ctx) {
    if (ImGui::Button("Paste history"))
      ctx.session.request_paste_history();
    mark_control("executions.paste_history");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Imports the JSON that aws lambda get-durable-execution-history prints, from the clipboard "
          "(Ctrl+V anywhere on the page does the same), or from text you paste into a box.");
  }
  // For the selected execution: its history as AWS prints it, and for an imported one the replay check.
  void draw_actions(PanelContext& ctx) {
    const engine::Execution* e = ctx.session.execution(ctx.selection.execution_id);
    if (!e) {
      ImGui::TextWrapped("Select an execution to export its history. Drop a history file (the JSON of aws "
                         "lambda get-durable-execution-history) on the page, or paste one, to import it.");
      return;
    }
    if (ImGui::Button("Export history")) {
      platform::download_file(e->name + "-history.json", "application/json",
                              ctx.session.export_history(e->arn));
    }
    mark_control("executions.export_history");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Downloads the history in the JSON shape that aws lambda get-durable-execution-history "
          "prints. Drop it on the page, or run durable-sim import, to open it again.");
    if (e->imported_from.empty())
      return;
    // Beside the export button when it fits, else on the next line (a narrow column at 200%).
    const char* label = "Replay with the current workflow";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcTextSize(label).x + style.FramePadding.x * 2.0f;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <=
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
      ImGui::SameLine();
    if (ImGui::Button(label)) {
      auto result = ctx.session.replay_with_current_workflow(e->arn);
      if (!result.ok())
        ctx.session.notify(Notice::Level::Error, result.error().text());
      else
        ctx.session.notify(result->first ? Notice::Level::Info : Notice::Level::Warning, result->second);
    }
    mark_control("executions.replay_check");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Runs the workflow in the editor against this execution's recorded operations, as "
                        "the SDK does on a re-invocation: does the changed code still replay it?");
  }
};

} // namespace

std::unique_ptr<Panel> make_executions_panel() {
  return std::make_unique<ExecutionsPanel>();
}

} // namespace dp::ui
