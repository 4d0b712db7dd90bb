// Compare panel (issue 9): two executions side by side (a branch and the execution it branched from, or
// any two): a summary, their invocations on one time axis, their operations matched by id, and their
// side-effect ledgers. Rows that differ are tinted and marked with "≠" (not by colour alone).
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cost/cost.hpp"
#include "engine/recording.hpp"
#include "explain/explain.hpp"
#include "imgui.h"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

constexpr const char* kDiffMark = "\u2260"; // ≠

std::string invocation_text(const engine::InvocationRecord& r, int64_t start_ms) {
  return explain::offset_text(r.start_ms, start_ms) + "  " + format_duration_ms(r.end_ms - r.start_ms) +
         "  " + engine::to_string(r.outcome);
}

std::string operation_text(const engine::Operation* op) {
  if (op == nullptr)
    return "";
  std::string text = engine::to_string(op->status);
  std::optional<std::string> stored;
  if (op->step_details && op->step_details->result)
    stored = op->step_details->result;
  else if (op->callback_details && op->callback_details->result)
    stored = op->callback_details->result;
  else if (op->context_details && op->context_details->result)
    stored = op->context_details->result;
  if (stored) {
    const std::string decoded = decoded_payload(*stored);
    text += "  " + (decoded.empty() ? *stored : decoded);
  }
  const std::optional<engine::ErrorObject>* error = nullptr;
  if (op->step_details && op->step_details->error)
    error = &op->step_details->error;
  else if (op->callback_details && op->callback_details->error)
    error = &op->callback_details->error;
  if (error != nullptr)
    text += "  " + (*error)->error_type.value_or("") + ": " + (*error)->error_message.value_or("");
  return text;
}

std::string outcome_text(const engine::Execution& e) {
  if (e.result)
    return *e.result;
  if (e.error)
    return e.error->error_type.value_or("") + ": " + e.error->error_message.value_or("");
  return e.terminal() ? "" : "(not finished)";
}

class ComparePanel final : public Panel {
public:
  const char* id() const override { return "compare"; }
  const char* title() const override { return "Compare"; }
  const char* help() const override {
    return "Two executions side by side: a branch and the execution it branched from (the time-travel bar's "
           "Branch button makes one), or any two picked here. The summary, the invocations on one time axis, "
           "the operations matched by their id, and the side effects that really ran. A row that differs "
           "is tinted and marked \u2260.\n\nBranching is a simulation feature: Lambda has no in-place "
           "redrive; "
           "a real execution cannot be rewound and run again differently.";
  }

  void draw(PanelContext& ctx) override {
    Session& s = ctx.session;
    pick_defaults(ctx);
    const auto executions = s.executions();
    if (executions.size() < 2) {
      empty_state(
          "Nothing to compare yet",
          "Run an execution, travel back with the time-travel bar at the bottom and press Branch: the "
          "branch and its origin appear here side by side. Or start two executions and pick them.");
      m_diffs = Json::object();
      return;
    }
    const float em = ImGui::GetFontSize();
    std::string left = s.compare_pair().first, right = s.compare_pair().second;
    const float combo_w = std::max(em * 9.0f, (ImGui::GetContentRegionAvail().x - em * 6.0f) * 0.5f);
    auto picker = [&](const char* label, const char* control, std::string& arn) {
      const engine::Execution* e = s.live_execution(arn);
      ImGui::SetNextItemWidth(combo_w);
      if (ImGui::BeginCombo(label, e ? e->name.c_str() : "(pick one)")) {
        for (auto it = executions.rbegin(); it != executions.rend(); ++it)
          if (ImGui::Selectable((*it)->name.c_str(), (*it)->arn == arn))
            arn = (*it)->arn;
        ImGui::EndCombo();
      }
      mark_control(control);
    };
    picker("##left", "compare.left", left);
    ImGui::SameLine();
    ImGui::TextUnformatted("vs");
    ImGui::SameLine();
    picker("##right", "compare.right", right);
    if (left != s.compare_pair().first || right != s.compare_pair().second)
      s.set_compare(left, right);
    const engine::Execution* a = s.live_execution(left);
    const engine::Execution* b = s.live_execution(right);
    if (a == nullptr || b == nullptr) {
      empty_state("Pick two executions", "Choose the two executions to put side by side above.");
      m_diffs = Json::object();
      return;
    }
    // The captions scroll with the comparison: in a short panel (1280x720 at 200%) they would otherwise
    // leave no room for it.
    m_diffs = Json::object();
    ImGui::BeginChild("##compare_body", ImVec2(0, 0), false);
    for (const engine::Execution* e : {a, b})
      if (e->branched_from) {
        ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
        ImGui::TextWrapped("%s branched from %s at point %zu: %s. Simulation only (Lambda has no in-place "
                           "redrive).",
                           e->name.c_str(), e->branched_from->name.c_str(), e->branched_from->point,
                           e->branched_from->what.c_str());
        ImGui::PopStyleColor();
      }

    draw_summary(ctx, *a, *b);
    draw_timeline(ctx, *a, *b);
    draw_operations(ctx, *a, *b);
    draw_ledgers(ctx, *a, *b);
    ImGui::EndChild();
  }

  void test_state(Json& out) const override {
    Json c = Json::object();
    c["left"] = m_left_name;
    c["right"] = m_right_name;
    c["differences"] = m_diffs;
    c["cost_per_million"] = m_cost_texts;
    out["compare"] = c;
  }

private:
  // A branch selected with no pair chosen yet: compare it with its origin.
  void pick_defaults(PanelContext& ctx) {
    Session& s = ctx.session;
    const engine::Execution* selected = s.live_execution(ctx.selection.execution_id);
    if (s.compare_pair().first.empty() && selected && selected->branched_from &&
        s.live_execution(selected->branched_from->arn))
      s.set_compare(selected->branched_from->arn, selected->arn);
  }

  // A three-column table (what, left, right); returns false when collapsed.
  bool begin_table(const char* id, const engine::Execution& a, const engine::Execution& b) {
    if (!ImGui::BeginTable(id, 3,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                               ImGuiTableFlags_SizingStretchProp))
      return false;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(a.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(b.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    m_left_name = a.name;
    m_right_name = b.name;
    return true;
  }

  // One row; a difference is tinted and marked. Returns whether it differs. `same` (when given) says
  // whether the two are equal where the texts may differ by what each execution names for itself.
  bool row(PanelContext& ctx, const std::string& what, const std::string& left, const std::string& right,
           bool code = false, std::optional<bool> same = std::nullopt) {
    const bool differs = same ? !*same : left != right;
    ImGui::TableNextRow();
    if (differs) {
      const ImVec4 tint =
          ctx.theme == Theme::Dark ? ImVec4(0.85f, 0.55f, 0.10f, 0.22f) : ImVec4(0.95f, 0.70f, 0.20f, 0.30f);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(tint));
    }
    ImGui::TableNextColumn();
    if (differs) {
      ImGui::TextUnformatted(kDiffMark);
      ImGui::SameLine();
    }
    ImGui::TextUnformatted(what.c_str());
    for (const std::string* text : {&left, &right}) {
      ImGui::TableNextColumn();
      if (code)
        ImGui::PushFont(ctx.fonts.code);
      const std::string shown = text->size() > 300 ? text->substr(0, 300) + "\u2026" : *text;
      ImGui::TextWrapped("%s", shown.empty() ? "\u2014" : shown.c_str());
      if (code)
        ImGui::PopFont();
    }
    return differs;
  }

  void section(PanelContext& ctx, const char* title) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.ui_bold);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
  }

  void draw_summary(PanelContext& ctx, const engine::Execution& a, const engine::Execution& b) {
    section(ctx, "Summary");
    int diffs = 0;
    if (begin_table("##summary", a, b)) {
      auto duration = [](const engine::Execution& e) {
        return e.end_ms ? format_duration_ms(*e.end_ms - e.start_ms) : std::string("running");
      };
      const explain::Ledger la = explain::side_effects(ctx.session.trace(), a);
      const explain::Ledger lb = explain::side_effects(ctx.session.trace(), b);
      diffs += row(ctx, "Status", engine::to_string(a.status), engine::to_string(b.status));
      diffs += row(ctx, "Result / error", outcome_text(a), outcome_text(b), true);
      diffs += row(ctx, "Duration", duration(a), duration(b));
      diffs +=
          row(ctx, "Invocations", std::to_string(a.invocations.size()), std::to_string(b.invocations.size()));
      diffs += row(ctx, "Checkpoint calls", std::to_string(a.checkpoint_calls.size()),
                   std::to_string(b.checkpoint_calls.size()));
      diffs += row(ctx, "History events", std::to_string(a.events.size()), std::to_string(b.events.size()));
      diffs += row(ctx, "Side effects run", std::to_string(la.runs.size()), std::to_string(lb.runs.size()));
      // The same estimate as the Run panel's cost line (issue 12), per million executions like each one:
      // what a design change (a branch, NESTED vs FLAT) does to the bill.
      if (!m_prices)
        m_prices = cost::parse_price_table(cost::builtin_price_table_text(), cost::kBuiltinPriceTableName);
      const cost::Comparison c = cost::compare(a, b, *m_prices);
      diffs += row(ctx, "Durable operations", std::to_string(c.a.durable_operations),
                   std::to_string(c.b.durable_operations));
      m_cost_texts = c.available
                         ? Json::array({cost::dollars(c.a.per_million()), cost::dollars(c.b.per_million())})
                         : Json::array({"no estimate: " + c.a.reason, "no estimate: " + c.b.reason});
      const bool cost_differs = row(ctx, "Estimated cost per million", m_cost_texts[0].get<std::string>(),
                                    m_cost_texts[1].get<std::string>());
      diffs += c.available && cost_differs;
      ImGui::EndTable();
    }
    m_diffs["summary"] = diffs;
  }

  // Both executions' invocations as bars on one axis of points (the time-travel bar's: one per thing
  // that happened, each replayed operation one), so that a shared prefix lines up whatever the clock did;
  // a line marks where a branch starts. Then a row per invocation.
  struct Lane {
    struct Bar {
      size_t first = 0, end = 0; // points [first, end)
      int invocation = 0;
    };
    std::vector<Bar> bars;
    size_t points = 0;
  };
  Lane lane_of(const Session& s, const engine::Execution& e) {
    Lane lane;
    const std::vector<engine::TracePoint> points = engine::trace_points(s.trace(), e.arn);
    lane.points = points.size();
    for (size_t i = 0; i < points.size(); ++i) {
      const int invocation = s.trace()[points[i].entry].invocation;
      if (invocation == 0)
        continue;
      if (!lane.bars.empty() && lane.bars.back().invocation == invocation && lane.bars.back().end == i)
        lane.bars.back().end = i + 1;
      else
        lane.bars.push_back(Lane::Bar{i, i + 1, invocation});
    }
    return lane;
  }

  void draw_timeline(PanelContext& ctx, const engine::Execution& a, const engine::Execution& b) {
    section(ctx, "Invocations (timeline)");
    Session& s = ctx.session;
    if (m_lanes_revision != s.engine_revision() || m_lanes_arns != std::make_pair(a.arn, b.arn)) {
      m_lanes_revision = s.engine_revision();
      m_lanes_arns = {a.arn, b.arn};
      m_lanes[0] = lane_of(s, a);
      m_lanes[1] = lane_of(s, b);
    }
    const size_t total = std::max<size_t>(1, std::max(m_lanes[0].points, m_lanes[1].points));
    const float em = ImGui::GetFontSize();
    const float label_w = em * 9.0f;
    const float width = std::max(em * 8.0f, ImGui::GetContentRegionAvail().x - label_w - em);
    const float lane_h = ImGui::GetFrameHeight();
    const TimelinePalette palette = timeline_palette(ctx.theme);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float x0 = top.x + label_w;
    auto x_of = [&](size_t point) {
      return x0 + width * static_cast<float>(point) / static_cast<float>(total);
    };
    const engine::Execution* sides[] = {&a, &b};
    for (int side = 0; side < 2; ++side) {
      const engine::Execution& e = *sides[side];
      const ImVec2 origin = ImGui::GetCursorScreenPos();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(e.name.c_str());
      draw->AddRectFilled(ImVec2(x0, origin.y + 2.0f),
                          ImVec2(x_of(m_lanes[side].points), origin.y + lane_h - 2.0f),
                          ImGui::GetColorU32(ImGuiCol_FrameBg));
      for (const Lane::Bar& bar : m_lanes[side].bars) {
        const size_t index = static_cast<size_t>(bar.invocation - 1);
        const bool bad = index < e.invocations.size() &&
                         e.invocations[index].outcome != engine::InvocationOutcome::Succeeded &&
                         e.invocations[index].outcome != engine::InvocationOutcome::Pending;
        const ImVec2 from(x_of(bar.first) + 1.0f, origin.y + 3.0f);
        const ImVec2 to(std::max(from.x + 3.0f, x_of(bar.end) - 1.0f), origin.y + lane_h - 3.0f);
        draw->AddRectFilled(from, to, ImGui::GetColorU32(bad ? palette.crash : palette.executed), 2.0f);
        const std::string label = std::to_string(bar.invocation);
        if (to.x - from.x > ImGui::CalcTextSize(label.c_str()).x + 4.0f)
          draw->AddText(ImVec2(from.x + 2.0f, from.y), IM_COL32(255, 255, 255, 230), label.c_str());
      }
    }
    // Where a branch starts: after its origin's point N.
    for (int side = 0; side < 2; ++side) {
      const engine::Execution& e = *sides[side];
      const engine::Execution& other = *sides[1 - side];
      if (!e.branched_from || e.branched_from->arn != other.arn)
        continue;
      const float x = x_of(e.branched_from->point);
      const float bottom = ImGui::GetCursorScreenPos().y;
      draw->AddLine(ImVec2(x, top.y), ImVec2(x, bottom), ImGui::GetColorU32(palette.selection), 2.0f);
      ImGui::SetCursorScreenPos(ImVec2(std::min(x, x0 + width - em * 7.0f), bottom));
      ImGui::TextColored(palette.selection, "\u2191 branch point %zu", e.branched_from->point);
    }
    ImGui::TextDisabled("Bars: invocations (numbered), on one axis of points from each execution's start.");
    int diffs = 0;
    if (begin_table("##invocations", a, b)) {
      const size_t n = std::max(a.invocations.size(), b.invocations.size());
      for (size_t i = 0; i < n; ++i)
        diffs += row(ctx, "Invocation " + std::to_string(i + 1),
                     i < a.invocations.size() ? invocation_text(a.invocations[i], a.start_ms) : "",
                     i < b.invocations.size() ? invocation_text(b.invocations[i], b.start_ms) : "");
      ImGui::EndTable();
    }
    m_diffs["invocations"] = diffs;
  }

  // Operations matched by id (ids are deterministic: the same code path gives the same id).
  void draw_operations(PanelContext& ctx, const engine::Execution& a, const engine::Execution& b) {
    section(ctx, "Operations");
    std::vector<std::string> ids;
    for (const engine::Execution* e : {&a, &b})
      for (const std::string& id : e->op_order)
        if (id != e->id && std::find(ids.begin(), ids.end(), id) == ids.end())
          ids.push_back(id);
    // A callback's id names its execution, so the same callback has another id in a branch (and in the
    // results that carry it): the right side's ids read as the left side's when deciding what differs.
    std::vector<std::pair<std::string, std::string>> callback_ids;
    for (const std::string& id : ids) {
      const engine::Operation* x = a.op(id);
      const engine::Operation* y = b.op(id);
      if (x && y && x->callback_details && y->callback_details)
        callback_ids.emplace_back(y->callback_details->callback_id, x->callback_details->callback_id);
    }
    auto as_left = [&](std::string text) {
      for (const auto& [mine, theirs] : callback_ids)
        for (size_t at = text.find(mine); at != std::string::npos; at = text.find(mine, at + theirs.size()))
          text.replace(at, mine.size(), theirs);
      return text;
    };
    int diffs = 0;
    if (begin_table("##operations", a, b)) {
      for (const std::string& id : ids) {
        const engine::Operation* x = a.op(id);
        const engine::Operation* y = b.op(id);
        const engine::Operation* any = x ? x : y;
        const std::string what = any->name.value_or("(unnamed)") + " \u00B7 " + engine::to_string(any->type);
        const std::string left = operation_text(x), right = operation_text(y);
        ImGui::PushID(id.c_str());
        diffs +=
            row(ctx, what, left, right, true, (x != nullptr) == (y != nullptr) && left == as_left(right));
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    m_diffs["operations"] = diffs;
  }

  void draw_ledgers(PanelContext& ctx, const engine::Execution& a, const engine::Execution& b) {
    section(ctx, "Side effects that ran (ledger)");
    // Per operation and effect: how many times its body ran, and why the last run happened.
    struct Count {
      std::string what;
      int left = 0, right = 0;
    };
    std::map<std::string, Count> counts;
    std::vector<std::string> order;
    const explain::Ledger ledgers[] = {explain::side_effects(ctx.session.trace(), a),
                                       explain::side_effects(ctx.session.trace(), b)};
    for (int side = 0; side < 2; ++side)
      for (const explain::SideEffectRun& r : ledgers[side].runs) {
        const std::string key = r.operation_id + "|" + r.effect;
        if (!counts.count(key)) {
          order.push_back(key);
          counts[key].what = "\"" + r.effect + "\" (" + r.operation_name + ")";
        }
        (side == 0 ? counts[key].left : counts[key].right) += 1;
      }
    int diffs = 0;
    if (order.empty()) {
      ImGui::TextDisabled("Neither execution ran a step body that declares a side effect.");
    } else if (begin_table("##ledger", a, b)) {
      auto times = [](int n) { return n == 0 ? std::string("never") : "\u00D7" + std::to_string(n); };
      for (const std::string& key : order)
        diffs += row(ctx, counts[key].what, times(counts[key].left), times(counts[key].right));
      ImGui::EndTable();
    }
    m_diffs["ledger"] = diffs;
  }

  std::string m_left_name, m_right_name;
  Json m_diffs = Json::object();
  Json m_cost_texts = Json::array();
  std::optional<Result<cost::PriceTable>> m_prices; // parsed once, when Compare first shows a summary
  Lane m_lanes[2];
  uint64_t m_lanes_revision = ~0ull;
  std::pair<std::string, std::string> m_lanes_arns;
};

} // namespace

std::unique_ptr<Panel> make_compare_panel() {
  return std::make_unique<ComparePanel>();
}

} // namespace dp::ui
