// Timeline panel: the selected execution as lanes (service + one per invocation), operations as bars drawn
// by the instanced GL pass (timeline_renderer), hover for details, click to select, wheel to zoom, drag to
// pan. Layout -> behaviour -> render, like ImGui's ButtonEx.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>

#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"
#include "ui/timeline_model.hpp"
#include "ui/timeline_renderer.hpp"

namespace dp::ui {
namespace {

class TimelinePanel final : public Panel {
public:
  const char* id() const override { return "timeline"; }
  const char* title() const override { return "Timeline"; }
  const char* help() const override {
    return "One lane per Lambda invocation of the selected execution, plus a service lane. Every invocation "
           "replays "
           "the handler from the top: hatched grey bars were replayed from checkpoints (their bodies did not "
           "run), "
           "bright bars were executed, red ones failed, orange ticks mark retries and red ticks crashes. The "
           "service "
           "lane shows waits, pending callbacks and the hibernation between invocations, when nothing runs "
           "and "
           "nothing is billed. Time is compressed: gaps beyond a second shrink on a log scale.\n\n"
           "Hover a bar for details, click to select it everywhere; mouse wheel zooms, drag pans, 'Fit' "
           "resets.";
  }

  void draw(PanelContext& ctx) override {
    const engine::Execution* execution = ctx.session.execution(ctx.selection.execution_id);
    if (execution == nullptr) {
      empty_state(
          "No execution selected",
          "Start one from the Run panel (or pick one under Executions): its invocations appear here as "
          "lanes, with replayed and executed operations side by side.");
      return;
    }
    rebuild_if_needed(ctx, *execution);
    draw_toolbar(ctx, *execution);
    draw_plot(ctx);
  }

  void test_state(Json& out) const override {
    Json timeline = Json::object();
    timeline["bars"] = m_model.bars.size();
    timeline["lanes"] = m_model.lanes.size();
    timeline["drawn"] = m_renderer.bar_count();
    timeline["shader_error"] = m_renderer.error();
    timeline["build_ms"] = m_pacer.last_cost_ms();
    out["timeline"] = timeline;
  }

private:
  void rebuild_if_needed(PanelContext& ctx, const engine::Execution& execution) {
    const bool new_execution = m_built_arn != execution.arn;
    const bool forced = new_execution || m_built_theme != ctx.theme;
    const bool travelling = ctx.session.travelling();
    if ((forced || m_built_revision != ctx.session.revision()) &&
        m_pacer.due(forced || execution.terminal() || travelling)) {
      // Time travel: only the trace up to the point shown (the bars after it do not exist yet).
      const Session::TraceLimit limit = ctx.session.trace_limit(execution.arn);
      m_model = TimelineModel::build(execution, ctx.session.trace(), timeline_palette(ctx.theme),
                                     limit.entries, limit.replayed_in_last);
      m_pacer.built();
      m_built_revision = ctx.session.revision();
      m_built_arn = execution.arn;
      m_built_theme = ctx.theme;
      m_selected_applied.clear();
      // While travelling the view keeps its scale: bars appear and disappear where they will stand.
      if (new_execution || (m_follow && !travelling))
        m_fit_request = true;
      m_travel_cursor = travelling && !m_model.marks.empty() ? m_model.marks.back().display : -1.0;
      m_dirty_upload = true;
    }
    // Selection outline: flag the bars of the selected operation.
    if (m_selected_applied != ctx.selection.operation_id || m_dirty_upload) {
      for (size_t i = 0; i < m_model.bars.size(); ++i) {
        float& flags = m_model.bars[i].flags;
        const bool selected = !ctx.selection.operation_id.empty() &&
                              m_model.infos[i].operation_id == ctx.selection.operation_id;
        const bool was = std::fmod(std::floor(flags / 2.0f), 2.0f) == 1.0f;
        if (selected && !was)
          flags += kBarSelected;
        if (!selected && was)
          flags -= kBarSelected;
      }
      m_selected_applied = ctx.selection.operation_id;
      m_dirty_upload = true;
    }
    // The GPU buffer is refreshed in draw_plot (only the visible, merged bars).
  }

  void draw_toolbar(PanelContext& ctx, const engine::Execution& execution) {
    if (ImGui::Button("Fit"))
      m_fit_request = true;
    mark_control("timeline.fit");
    ImGui::SameLine();
    ImGui::Checkbox("Follow", &m_follow);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Refit the view whenever the execution moves on.");
    ImGui::SameLine();
    int invocations = static_cast<int>(m_model.lanes.size()) - 1;
    ImGui::TextDisabled("%s · %d invocation%s · %zu bars", execution.name.c_str(), invocations,
                        invocations == 1 ? "" : "s", m_model.bars.size());
    if (*m_renderer.error()) {
      ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.4f, 1.0f), "The timeline shader failed: %s",
                         m_renderer.error());
    }
    (void)ctx;
  }

  void draw_plot(PanelContext& ctx) {
    const float s = ctx.scale;
    const float lane_h = 26.0f * s;
    const float gutter = 190.0f * s;
    const float axis_h = ImGui::GetTextLineHeightWithSpacing() + 4.0f * s;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.y = std::max(avail.y, lane_h * 2.0f);
    const int lane_count = static_cast<int>(m_model.lanes.size());
    const ImVec2 plot_min(origin.x + gutter, origin.y + axis_h);
    const ImVec2 plot_max(origin.x + avail.x, origin.y + avail.y);
    const float plot_w = std::max(plot_max.x - plot_min.x, 10.0f);
    const float plot_h = std::max(plot_max.y - plot_min.y, 10.0f);
    const float content_h = lane_h * static_cast<float>(lane_count);
    m_scroll_y = std::clamp(m_scroll_y, 0.0f, std::max(0.0f, content_h - plot_h));

    if (m_fit_request) {
      m_time_left = -1.0;
      m_pixels_per_unit = static_cast<double>(plot_w) / std::max(m_model.display_end + 2.0, 4.0);
      m_fit_request = false;
    }

    // Behaviour: one invisible button over the whole plot.
    ImGui::InvisibleButton("plot", avail, ImGuiButtonFlags_MouseButtonLeft);
    mark_control("timeline.plot");
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.MouseWheel != 0.0f) {
      if (io.KeyShift) {
        m_scroll_y -= io.MouseWheel * lane_h;
      } else {
        const double mouse_unit = m_time_left + (io.MousePos.x - plot_min.x) / m_pixels_per_unit;
        m_pixels_per_unit =
            std::clamp(m_pixels_per_unit * std::pow(1.2, static_cast<double>(io.MouseWheel)), 0.01, 4000.0);
        m_time_left = mouse_unit - (io.MousePos.x - plot_min.x) / m_pixels_per_unit;
      }
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      m_time_left -= io.MouseDelta.x / m_pixels_per_unit;
      m_scroll_y -= io.MouseDelta.y;
      m_dragged = true;
    }
    int hit = -1;
    if (hovered)
      hit = hit_test(io.MousePos, plot_min, lane_h, s);
    if (ImGui::IsItemDeactivated() && !m_dragged && hit >= 0) {
      const BarInfo& info = m_model.infos[static_cast<size_t>(hit)];
      if (!info.operation_id.empty())
        ctx.selection.select_operation(info.operation_id, info.name);
      ctx.selection.invocation = info.lane;
    }
    if (ImGui::IsItemDeactivated())
      m_dragged = false;
    // Right-click on an operation's bar: the same fault menu as the operations table.
    if (hovered && hit >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
      const BarInfo& info = m_model.infos[static_cast<size_t>(hit)];
      if (!info.operation_id.empty()) {
        m_menu_operation = info.operation_id;
        m_menu_name = info.name;
        ctx.selection.select_operation(info.operation_id, info.name);
        ImGui::OpenPopup("bar_menu");
      }
    }
    if (ImGui::BeginPopup("bar_menu")) {
      const engine::Execution* e = ctx.session.execution(ctx.selection.execution_id);
      const engine::Operation* op = e ? e->op(m_menu_operation) : nullptr;
      fault_menu_items(ctx, m_menu_name, op ? op->type : engine::OperationType::Step);
      ImGui::EndPopup();
    }

    // Render: lane backgrounds and gutter labels, the instanced bars, then text on top.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(origin, plot_max, true);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 stripe = ImGui::GetColorU32(ImGuiCol_TableRowBgAlt);
    for (int lane = 0; lane < lane_count; ++lane) {
      const float y = plot_min.y + static_cast<float>(lane) * lane_h - m_scroll_y;
      if (y + lane_h < plot_min.y || y > plot_max.y)
        continue;
      if (lane % 2 == 1)
        draw->AddRectFilled(ImVec2(origin.x, y), ImVec2(plot_max.x, y + lane_h), stripe);
      const LaneInfo& info = m_model.lanes[static_cast<size_t>(lane)];
      const bool lane_selected = ctx.selection.invocation == lane && lane > 0;
      draw->AddText(ImVec2(origin.x + 4.0f * s, y + 2.0f * s),
                    lane_selected ? ImGui::GetColorU32(ImGuiCol_ButtonActive) : text, info.title.c_str());
      char sub[96];
      if (lane == 0)
        std::snprintf(sub, sizeof sub, "waits · callbacks · sleep");
      else
        std::snprintf(sub, sizeof sub, "%s · %d replayed · %d run", info.outcome.c_str(), info.replayed,
                      info.executed);
      ImGui::PushFont(ctx.fonts.ui);
      draw->AddText(nullptr, ImGui::GetFontSize() * 0.78f,
                    ImVec2(origin.x + 4.0f * s, y + lane_h * 0.5f + 1.0f * s), muted, sub);
      ImGui::PopFont();
    }
    // Axis: virtual time at evenly spaced positions. The axis counts events, so several ticks can fall on
    // the same instant (a run that never waits): label only the first of them.
    const int ticks = std::max(2, static_cast<int>(plot_w / (110.0f * s)));
    int64_t last_labelled = INT64_MIN;
    for (int i = 0; i <= ticks; ++i) {
      const float x = plot_min.x + plot_w * static_cast<float>(i) / static_cast<float>(ticks);
      const double unit = m_time_left + (x - plot_min.x) / m_pixels_per_unit;
      const int64_t t = m_model.time_at(unit);
      const int64_t t0 = m_model.marks.empty() ? 0 : m_model.marks.front().time_ms;
      const std::string label = "+" + format_duration_ms(t - t0);
      draw->AddLine(ImVec2(x, plot_min.y - 3.0f * s), ImVec2(x, plot_max.y),
                    ImGui::GetColorU32(ImGuiCol_Separator, 0.35f));
      if (t != last_labelled)
        draw->AddText(ImVec2(x + 3.0f * s, origin.y), muted, label.c_str());
      last_labelled = t;
    }
    draw->PopClipRect();

    upload_visible(plot_min, plot_max, s);

    TimelineView view;
    view.rect_min = plot_min;
    view.rect_max = plot_max;
    view.time_left = m_time_left;
    view.pixels_per_unit = m_pixels_per_unit;
    view.lane_height = lane_h;
    view.bar_height = lane_h * 0.62f;
    view.scroll_y = m_scroll_y;
    view.min_bar_width = 2.0f * s;
    view.pixel_scale = s;
    view.outline = timeline_palette(ctx.theme).selection;
    m_renderer.draw(draw, view);

    // Labels inside bars wide enough to hold them (on top of the GL pass).
    draw->PushClipRect(plot_min, plot_max, true);
    const float pad = 4.0f * s;
    for (size_t i = 0; i < m_model.bars.size(); ++i) {
      const BarInstance& b = m_model.bars[i];
      if (b.flags >= kBarMarker && std::fmod(std::floor(b.flags / 4.0f), 2.0f) == 1.0f)
        continue;
      const std::string& label = m_model.infos[i].label;
      if (label.empty())
        continue;
      const float x0 = plot_min.x + static_cast<float>((b.start - m_time_left) * m_pixels_per_unit);
      const float x1 = plot_min.x + static_cast<float>((b.end - m_time_left) * m_pixels_per_unit);
      if (x1 < plot_min.x || x0 > plot_max.x)
        continue;
      const ImVec2 size = ImGui::CalcTextSize(label.c_str());
      if (x1 - x0 < size.x + 2.0f * pad)
        continue;
      const float y = plot_min.y + b.lane * lane_h - m_scroll_y + (lane_h - size.y) * 0.5f;
      draw->AddText(ImVec2(std::max(x0, plot_min.x) + pad, y), IM_COL32(255, 255, 255, 235), label.c_str());
    }
    // Time travel: a line at the point shown; everything right of it has not happened yet.
    if (m_travel_cursor >= 0.0) {
      const float x =
          plot_min.x + static_cast<float>((m_travel_cursor + 1.0 - m_time_left) * m_pixels_per_unit);
      if (x >= plot_min.x && x <= plot_max.x) {
        const ImU32 accent = ImGui::GetColorU32(ImGuiCol_PlotLinesHovered);
        draw->AddLine(ImVec2(x, plot_min.y - 3.0f * s), ImVec2(x, plot_max.y), accent, 2.0f * s);
        const char* label = "shown point";
        const ImVec2 size = ImGui::CalcTextSize(label);
        const float lx = x + 4.0f * s + size.x > plot_max.x ? x - 4.0f * s - size.x : x + 4.0f * s;
        draw->AddText(ImVec2(lx, plot_max.y - size.y - 2.0f * s), accent, label);
      }
    }
    draw->PopClipRect();

    // Expose visible bars of named operations to tests (at most a screenful).
    int marked = 0;
    for (size_t i = 0; i < m_model.bars.size() && marked < 200; ++i) {
      const BarInfo& info = m_model.infos[i];
      if (info.name.empty() || info.operation_id.empty() || info.lane == 0)
        continue;
      const BarInstance& b = m_model.bars[i];
      const float x0 = plot_min.x + static_cast<float>((b.start - m_time_left) * m_pixels_per_unit);
      const float x1 =
          std::max(plot_min.x + static_cast<float>((b.end - m_time_left) * m_pixels_per_unit), x0 + 2.0f * s);
      const float y = plot_min.y + b.lane * lane_h - m_scroll_y + lane_h * 0.2f;
      if (x1 < plot_min.x || x0 > plot_max.x || y < plot_min.y || y > plot_max.y)
        continue;
      ++marked;
      mark_control_rect("timeline.bar." + std::to_string(info.lane) + "." + info.name,
                        ImVec2(std::max(x0, plot_min.x), y),
                        ImVec2(std::min(x1, plot_max.x), y + lane_h * 0.6f));
    }

    if (hit >= 0 && !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
      const BarInfo& info = m_model.infos[static_cast<size_t>(hit)];
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
      if (!info.name.empty()) {
        ImGui::PushFont(ctx.fonts.ui_bold);
        ImGui::TextUnformatted(info.name.c_str());
        ImGui::PopFont();
      }
      ImGui::TextUnformatted(info.detail.c_str());
      ImGui::TextDisabled("%s → %s (%s)", format_clock_ms(info.start_ms).c_str(),
                          format_clock_ms(info.end_ms).c_str(),
                          format_duration_ms(info.end_ms - info.start_ms).c_str());
      if (!info.operation_id.empty()) {
        ImGui::PushFont(ctx.fonts.code);
        ImGui::TextDisabled("%s", info.operation_id.c_str());
        ImGui::PopFont();
      }
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }

  // Level of detail: only bars inside the plot go to the GPU, and runs of neighbouring bars of the same
  // lane and colour that are each under a pixel wide merge into one (as Tracy merges tiny zones). A
  // zoomed-out 10,000-operation execution then draws a few hundred instances instead of 28,000: software
  // rasterisers (SwiftShader) pay per instance, and no GPU benefits from sub-pixel quads. Recomputed only
  // when the view or the bars change.
  void upload_visible(ImVec2 plot_min, ImVec2 plot_max, float s) {
    const float key[6] = {static_cast<float>(m_time_left),
                          static_cast<float>(m_pixels_per_unit),
                          m_scroll_y,
                          plot_min.x,
                          plot_max.x,
                          plot_max.y};
    if (!m_dirty_upload && std::equal(std::begin(key), std::end(key), std::begin(m_view_key)))
      return;
    std::copy(std::begin(key), std::end(key), std::begin(m_view_key));
    m_dirty_upload = false;
    m_visible.clear();
    const double left = m_time_left;
    const double right = m_time_left + (plot_max.x - plot_min.x) / m_pixels_per_unit;
    const double pixel = 1.0 / m_pixels_per_unit;
    const double min_width = 2.0 * s * pixel;
    // The last merged bar per (lane, colour class), as an index into m_visible.
    std::map<std::pair<int, uint32_t>, size_t> last;
    for (const BarInstance& b : m_model.bars) {
      const double end = std::max(static_cast<double>(b.end), b.start + min_width);
      if (end < left || b.start > right)
        continue;
      const bool tiny = static_cast<double>(b.end - b.start) < pixel * 1.5 && b.flags < kBarMarker;
      const uint32_t colour = (static_cast<uint32_t>(b.r * 255.0f) << 24) |
                              (static_cast<uint32_t>(b.g * 255.0f) << 16) |
                              (static_cast<uint32_t>(b.b * 255.0f) << 8) | static_cast<uint32_t>(b.flags);
      const auto k = std::make_pair(static_cast<int>(b.lane), colour);
      if (tiny) {
        auto it = last.find(k);
        if (it != last.end()) {
          BarInstance& prev = m_visible[it->second];
          if (b.start <= static_cast<double>(prev.end) + pixel) {
            prev.end = std::max(prev.end, static_cast<float>(end));
            continue;
          }
        }
        last[k] = m_visible.size();
      } else {
        last.erase(k);
      }
      m_visible.push_back(b);
    }
    m_renderer.upload(m_visible);
  }

  // The topmost bar under the mouse (later bars draw on top), or -1.
  int hit_test(ImVec2 mouse, ImVec2 plot_min, float lane_h, float s) const {
    const float lane_f = (mouse.y - plot_min.y + m_scroll_y) / lane_h;
    if (lane_f < 0.0f)
      return -1;
    const int lane = static_cast<int>(lane_f);
    const double unit = m_time_left + (mouse.x - plot_min.x) / m_pixels_per_unit;
    const double slack = 3.0 * s / m_pixels_per_unit;
    int best = -1;
    for (size_t i = 0; i < m_model.bars.size(); ++i) {
      const BarInstance& b = m_model.bars[i];
      if (static_cast<int>(b.lane) != lane)
        continue;
      if (unit + slack < b.start ||
          unit - slack > std::max(static_cast<double>(b.end), b.start + 2.0 * s / m_pixels_per_unit))
        continue;
      // Prefer operation bars over the invocation/hibernation backgrounds under them.
      if (best < 0 || !m_model.infos[i].operation_id.empty() ||
          m_model.infos[static_cast<size_t>(best)].operation_id.empty())
        best = static_cast<int>(i);
    }
    return best;
  }

  TimelineModel m_model;
  TimelineRenderer m_renderer;
  std::vector<BarInstance> m_visible; // what the GPU draws this frame (culled and merged)
  float m_view_key[6] = {};
  RebuildPacer m_pacer;
  std::string m_menu_operation; // the bar whose context menu is open
  std::string m_menu_name;
  uint64_t m_built_revision = ~0ull;
  std::string m_built_arn;
  Theme m_built_theme = Theme::Dark;
  std::string m_selected_applied;
  bool m_dirty_upload = false;
  bool m_fit_request = true;
  bool m_follow = true;
  bool m_dragged = false;
  double m_travel_cursor = -1.0; // display position of the point shown (time travel), or -1
  double m_time_left = -1.0;
  double m_pixels_per_unit = 10.0;
  float m_scroll_y = 0.0f;
};

} // namespace

std::unique_ptr<Panel> make_timeline_panel() {
  return std::make_unique<TimelinePanel>();
}

} // namespace dp::ui
