// History panel: the selected execution's GetDurableExecutionHistory events (EventId, EventType, timestamp,
// name, id, details), filterable by event type and by text, with a "hide data" toggle like
// IncludeExecutionData; long histories are clipped (ImGuiListClipper).
#include <set>
#include <string>
#include <vector>

#include "imgui.h"

#include "imgui_stdlib.h" // needs imgui.h first
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

class HistoryPanel final : public Panel {
public:
  const char* id() const override { return "history"; }
  const char* title() const override { return "History"; }
  const char* help() const override {
    return "The execution's event history exactly as GetDurableExecutionHistory returns it: "
           "ExecutionStarted, "
           "StepStarted/StepSucceeded/StepFailed (one pair per attempt, with RetryDetails), WaitStarted/"
           "WaitSucceeded, CallbackStarted/..., InvocationCompleted after every invocation, and so on. "
           "Filter by "
           "event type or text; 'Hide data' leaves payloads out as IncludeExecutionData=false does. Click an "
           "event to "
           "select its operation.";
  }

  void draw(PanelContext& ctx) override {
    const engine::Execution* e = ctx.session.execution(ctx.selection.execution_id);
    if (e == nullptr) {
      empty_state("No execution selected", "Start or open an execution: its history events are listed here.");
      return;
    }
    rebuild(ctx, *e);
    if (m_arn != e->arn) {
      // Another execution's rows, not yet rebuilt: they wait a frame or two for the frame budget.
      ImGui::TextDisabled("Listing %zu events…", e->events.size());
      return;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    if (ImGui::BeginCombo("##type", m_type.empty() ? "All event types" : m_type.c_str())) {
      if (ImGui::Selectable("All event types", m_type.empty()))
        set_type("", ctx, *e);
      for (const std::string& type : m_types)
        if (ImGui::Selectable(type.c_str(), m_type == type))
          set_type(type, ctx, *e);
      ImGui::EndCombo();
    }
    mark_control("history.type");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::InputTextWithHint("##text", "filter text", &m_text))
      m_filter_revision = ~0ull;
    mark_control("history.filter");
    ImGui::SameLine();
    ImGui::Checkbox("Hide data", &m_hide_data);
    ImGui::SameLine();
    ImGui::Checkbox("Decode values", &m_decode);
    mark_control("history.decode");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Show the values inside the Python SDK's typed envelopes ({\"t\":\"m\",\"v\":...}); "
                        "untick for the payloads exactly as the history returns them.");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu events", m_rows.size(), e->events.size());
    apply_filter(ctx, *e);
    if (e->events.empty()) {
      empty_state("No events yet",
                  "Events are appended as the service accepts checkpoints and fires timers.");
      return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("events", 5, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("EventId");
      ImGui::TableSetupColumn("EventType");
      ImGui::TableSetupColumn("Timestamp");
      ImGui::TableSetupColumn("Name");
      ImGui::TableSetupColumn("Details", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(m_rows.size()));
      while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
          // The rows may be a rebuild behind the history (the pacer, the frame budget): time travel's
          // past is shorter than the rows of the present.
          if (m_rows[static_cast<size_t>(row)] >= e->events.size())
            continue;
          const engine::HistoryEvent& ev = e->events[m_rows[static_cast<size_t>(row)]];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          const bool selected = ev.id && *ev.id == ctx.selection.operation_id;
          char label[32];
          std::snprintf(label, sizeof label, "%lld", static_cast<long long>(ev.event_id));
          if (ImGui::Selectable(label, selected, ImGuiSelectableFlags_SpanAllColumns) && ev.id)
            ctx.selection.select_operation(*ev.id, ev.name.value_or(""));
          mark_control("history.row." + std::to_string(row));
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(ev.event_type.c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(format_clock_ms(ev.event_timestamp).c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(ev.name.value_or("").c_str());
          ImGui::TableNextColumn();
          if (!m_hide_data && !ev.details.is_null()) {
            const Json details = m_decode ? decode_payloads(ev.details) : ev.details;
            std::string text = json_text(details);
            if (text.size() > 240)
              text = text.substr(0, 240) + "…";
            ImGui::PushFont(ctx.fonts.code);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopFont();
            if (ImGui::IsItemHovered() && ImGui::BeginTooltip()) {
              ImGui::PushFont(ctx.fonts.code);
              ImGui::TextUnformatted(json_text(details, 2).c_str());
              ImGui::PopFont();
              ImGui::EndTooltip();
            }
          }
        }
      }
      ImGui::EndTable();
    }
  }

private:
  void set_type(const std::string& type, PanelContext&, const engine::Execution&) {
    m_type = type;
    m_filter_revision = ~0ull;
  }

  void rebuild(PanelContext& ctx, const engine::Execution& e) {
    const bool other_execution = m_arn != e.arn;
    if (!other_execution && m_revision == ctx.session.revision())
      return;
    if (!m_pacer.due(other_execution || e.terminal() || ctx.session.travelling()))
      return;
    m_revision = ctx.session.revision();
    if (m_arn != e.arn)
      m_type.clear();
    m_arn = e.arn;
    std::set<std::string> types;
    for (const engine::HistoryEvent& ev : e.events)
      types.insert(ev.event_type);
    m_types.assign(types.begin(), types.end());
    m_filter_revision = ~0ull;
    apply_filter(ctx, e);
    m_pacer.built();
  }

  void apply_filter(PanelContext&, const engine::Execution& e) {
    if (m_filter_revision == m_revision)
      return;
    m_filter_revision = m_revision;
    m_rows.clear();
    for (size_t i = 0; i < e.events.size(); ++i) {
      const engine::HistoryEvent& ev = e.events[i];
      if (!m_type.empty() && ev.event_type != m_type)
        continue;
      if (!m_text.empty()) {
        const std::string haystack = ev.event_type + " " + ev.name.value_or("") + " " + json_text(ev.details);
        if (haystack.find(m_text) == std::string::npos)
          continue;
      }
      m_rows.push_back(i);
    }
  }

  uint64_t m_revision = ~0ull;
  uint64_t m_filter_revision = ~0ull;
  RebuildPacer m_pacer;
  std::string m_arn;
  std::vector<std::string> m_types;
  std::string m_type;
  std::string m_text;
  bool m_hide_data = false;
  bool m_decode = true; // payloads show the values inside the SDK's envelopes
  std::vector<size_t> m_rows;
};

} // namespace

std::unique_ptr<Panel> make_history_panel() {
  return std::make_unique<HistoryPanel>();
}

} // namespace dp::ui
