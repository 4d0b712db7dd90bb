// Operations panel: the selected execution's operations like the Lambda console's "Durable operations"
// list (name, type, subtype, status, attempt, start, duration), nested by parent; click selects, a
// right-click offers the faults; the selected operation's details (result, error) below.
#include <algorithm>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "engine/operation_tree.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

std::string result_of(const engine::Operation& op) {
  if (op.step_details && op.step_details->result)
    return *op.step_details->result;
  if (op.context_details && op.context_details->result)
    return *op.context_details->result;
  if (op.callback_details && op.callback_details->result)
    return *op.callback_details->result;
  if (op.chained_invoke_details && op.chained_invoke_details->result)
    return *op.chained_invoke_details->result;
  return {};
}

const engine::ErrorObject* error_of(const engine::Operation& op) {
  if (op.step_details && op.step_details->error)
    return &*op.step_details->error;
  if (op.context_details && op.context_details->error)
    return &*op.context_details->error;
  if (op.callback_details && op.callback_details->error)
    return &*op.callback_details->error;
  if (op.chained_invoke_details && op.chained_invoke_details->error)
    return &*op.chained_invoke_details->error;
  return nullptr;
}

class OperationsPanel final : public Panel {
public:
  const char* id() const override { return "operations"; }
  const char* title() const override { return "Operations"; }
  const char* help() const override {
    return "The operations the service stores for the selected execution, in the shape of the Lambda "
           "console's "
           "'Durable operations' list and of GetDurableExecutionState: one row per operation (steps, waits, "
           "callbacks, contexts, invokes), children nested under their parent context. Attempt counts the "
           "step's "
           "finished attempts. Click a row to select it in every panel; right-click to inject a fault there.";
  }

  void draw(PanelContext& ctx) override {
    const engine::Execution* e = ctx.session.execution(ctx.selection.execution_id);
    if (e == nullptr) {
      empty_state("No execution selected",
                  "Start an execution from the Run panel: its operations are listed here as the "
                  "service checkpoints them.");
      return;
    }
    if (e->op_order.empty()) {
      empty_state("No operations yet",
                  "Step the execution (Run panel): each durable call the handler makes appears "
                  "here when its first checkpoint reaches the service.");
      return;
    }
    rebuild(ctx, *e);
    if (m_arn != e->arn) {
      // Another execution's tree, not yet rebuilt: it waits a frame or two for the frame budget.
      ImGui::TextDisabled("Listing %zu operations…", e->op_order.size());
      return;
    }
    const float details_h =
        ctx.selection.operation_id.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing() * 5.5f;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingFixedFit;
    // The name column stretches, but never below 14 em: a narrow panel scrolls sideways instead of
    // cutting nested names ("map-item-..." under a map) to a few letters.
    const float em = ImGui::GetFontSize();
    const float min_table_w = em * (14.0f + 7.5f + 8.5f + 7.5f + 4.0f + 6.0f + 5.0f);
    const float inner_w = std::max(ImGui::GetContentRegionAvail().x, min_table_w);
    if (ImGui::BeginTable("operations", 7, flags, ImVec2(0, -details_h), inner_w)) {
      ImGui::TableSetupScrollFreeze(1, 1);
      ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
      ImGui::TableSetupColumn("Subtype", ImGuiTableColumnFlags_WidthFixed, em * 8.5f);
      ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, em * 7.5f);
      ImGui::TableSetupColumn("Attempt", ImGuiTableColumnFlags_WidthFixed, em * 4.0f);
      ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
      ImGui::TableSetupColumn("Duration", ImGuiTableColumnFlags_WidthFixed, em * 5.0f);
      ImGui::TableHeadersRow();
      if (m_rows_dirty)
        flatten(*e);
      // Only the visible rows are drawn: a 10,000-operation execution costs a screenful per frame.
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(m_rows.size()));
      while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r)
          draw_row(ctx, *e, m_rows[static_cast<size_t>(r)]);
      ImGui::EndTable();
    }
    if (const engine::Operation* op = e->op(ctx.selection.operation_id))
      draw_details(ctx, *op);
  }

  void test_state(Json& out) const override {
    out["operations"] = {
        {"result_shown", m_result_shown}, {"raw", m_show_raw}, {"build_ms", m_pacer.last_cost_ms()}};
  }

private:
  void rebuild(PanelContext& ctx, const engine::Execution& e) {
    const bool other_execution = m_arn != e.arn;
    if (!other_execution && m_revision == ctx.session.revision())
      return;
    if (!m_pacer.due(other_execution || e.terminal() || ctx.session.travelling()))
      return;
    m_revision = ctx.session.revision();
    m_arn = e.arn;
    m_tree = engine::OperationTree::of(e);
    flatten(e);
    m_pacer.built();
  }

  struct Row {
    uint32_t index = 0; // in the execution's op_order
    int depth = 0;
    bool has_children = false;
  };

  // The visible rows in tree order, skipping the children of folded operations.
  void flatten(const engine::Execution& e) {
    m_rows.clear();
    add_rows(e, m_tree.top(), 0);
    m_rows_dirty = false;
  }
  void add_rows(const engine::Execution& e, std::span<const uint32_t> ids, int depth) {
    if (depth > 64)
      return;
    for (const uint32_t i : ids) {
      const bool has_children = m_tree.has_children(i);
      m_rows.push_back(Row{i, depth, has_children});
      // The tree may be a revision behind `e` (the pacer), so the index is checked.
      const bool folded = i < e.op_order.size() && m_folded.count(e.op_order[i]) > 0;
      if (has_children && !folded)
        add_rows(e, m_tree.children(i), depth + 1);
    }
  }

  void draw_row(PanelContext& ctx, const engine::Execution& e, const Row& row) {
    // The rows may be a revision behind the execution (the pacer): an index it no longer has is skipped.
    if (row.index >= e.op_order.size())
      return;
    const std::string& id = e.op_order[row.index];
    const engine::Operation* op = e.op(id);
    if (op == nullptr)
      return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(id.c_str());
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         ImGui::GetFontSize() * 1.1f * static_cast<float>(row.depth));
    if (row.has_children) {
      const bool folded = m_folded.count(id) > 0;
      if (ImGui::ArrowButton("fold", folded ? ImGuiDir_Right : ImGuiDir_Down)) {
        if (folded)
          m_folded.erase(id);
        else
          m_folded.insert(id);
        m_rows_dirty = true;
      }
      ImGui::SameLine();
    }
    const std::string name = op->name.value_or("");
    if (ImGui::Selectable(name.empty() ? "(unnamed)" : name.c_str(), ctx.selection.operation_id == id,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap))
      ctx.selection.select_operation(id, name);
    mark_control("operations.row." + (name.empty() ? id : name));
    if (ImGui::BeginPopupContextItem("op_menu")) {
      ctx.selection.select_operation(id, name);
      fault_menu_items(ctx, name, op->type);
      ImGui::Separator();
      if (ImGui::MenuItem("Copy operation id"))
        ImGui::SetClipboardText(id.c_str());
      ImGui::EndPopup();
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(engine::to_string(op->type));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(op->sub_type.value_or("").c_str());
    ImGui::TableNextColumn();
    const StatusLook look = status_look(engine::to_string(op->status), ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_Text, look.color);
    ImGui::Text("%s %s", look.glyph, engine::to_string(op->status));
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    if (op->step_details)
      ImGui::Text("%d", op->step_details->attempt);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_clock_ms(op->start_timestamp).c_str());
    ImGui::TableNextColumn();
    if (op->end_timestamp)
      ImGui::TextUnformatted(format_duration_ms(*op->end_timestamp - op->start_timestamp).c_str());
    else
      ImGui::TextDisabled("running");
  }

  void draw_details(PanelContext& ctx, const engine::Operation& op) {
    ImGui::Separator();
    ImGui::PushFont(ctx.fonts.code);
    ImGui::TextDisabled("Id %s%s%s", op.id.c_str(), op.parent_id ? "  ParentId " : "",
                        op.parent_id ? op.parent_id->c_str() : "");
    const std::string result = result_of(op);
    m_result_shown.clear();
    if (!result.empty()) {
      // The Python SDK stores results in its typed envelope: show the value, the stored text on demand.
      const std::string decoded = decoded_payload(result);
      const std::string& shown = decoded.empty() || m_show_raw ? result : decoded;
      if (!decoded.empty()) {
        ImGui::PushFont(ctx.fonts.ui);
        if (ImGui::SmallButton(m_show_raw ? "Show value" : "Show stored"))
          m_show_raw = !m_show_raw;
        mark_control("operations.result.raw");
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip(m_show_raw
                                ? "Show the decoded value."
                                : "Show the text the Python SDK checkpointed: every value wrapped in a "
                                  "typed envelope {\"t\": type, \"v\": value} (m = map, s = string, "
                                  "i = int, f = float, l = list ...).");
        ImGui::PopFont();
        ImGui::SameLine();
      }
      m_result_shown = shown;
      ImGui::TextWrapped("%s %s", !decoded.empty() && m_show_raw ? "Stored:" : "Result:",
                         shown.size() > 600 ? (shown.substr(0, 600) + "…").c_str() : shown.c_str());
    }
    if (const engine::ErrorObject* error = error_of(op)) {
      ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.45f, 1.0f), "Error: %s: %s",
                         error->error_type.value_or("").c_str(), error->error_message.value_or("").c_str());
    }
    if (op.callback_details)
      ImGui::TextWrapped("CallbackId: %s", op.callback_details->callback_id.c_str());
    if (op.wait_details)
      ImGui::Text("ScheduledEndTimestamp: %s",
                  engine::iso8601(op.wait_details->scheduled_end_timestamp).c_str());
    if (op.step_details && op.step_details->next_attempt_timestamp)
      ImGui::Text("NextAttemptTimestamp: %s",
                  engine::iso8601(*op.step_details->next_attempt_timestamp).c_str());
    ImGui::PopFont();
  }

  bool m_show_raw = false;    // the selected result as stored (the SDK's envelope) instead of its value
  std::string m_result_shown; // for the test API
  uint64_t m_revision = ~0ull;
  std::string m_arn;
  engine::OperationTree m_tree;
  std::vector<Row> m_rows;
  bool m_rows_dirty = true;
  RebuildPacer m_pacer;
  std::set<std::string> m_folded; // operation ids whose children are hidden
};

} // namespace

std::unique_ptr<Panel> make_operations_panel() {
  return std::make_unique<OperationsPanel>();
}

} // namespace dp::ui
