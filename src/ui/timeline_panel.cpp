// Timeline panel: the selected execution as lanes (service + one per invocation), operations as bars drawn
// by the instanced GL pass (timeline_renderer), hover for details, click to select, wheel to zoom, drag to
// pan. Layout -> behaviour -> render, like ImGui's ButtonEx.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"
#include "ui/timeline_model.hpp"
#include "ui/timeline_renderer.hpp"

namespace dp::ui {
namespace {

// Axis ticks fall on round virtual times (ms): the smallest of these steps that leaves ~110 px per tick.
constexpr int64_t kTickSteps[] = {
    1,       2,       5,       10,       20,       50,       100,      200,       500,      1000,
    2000,    5000,    10000,   15000,    30000,    60000,    120000,   300000,    600000,   900000,
    1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000, 172800000, 604800000};

int64_t tick_step(double ms_per_tick) {
  for (const int64_t step : kTickSteps)
    if (static_cast<double>(step) >= ms_per_tick)
      return step;
  const int64_t week = 604800000;
  return week * static_cast<int64_t>(std::ceil(ms_per_tick / static_cast<double>(week)));
}

// The view's width when it has to grow: the smallest "nice" span (1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k) that
// holds `units`, so labels stay round and a growing execution rescales in a few jumps, not at every step.
double nice_range(double units) {
  const double decade = std::pow(10.0, std::floor(std::log10(std::max(units, 1.0))));
  for (const double m : {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
    if (m * decade >= units)
      return m * decade;
  return 10.0 * decade;
}

// A duration in words with the precision `step` calls for: "250 ms", "1.5 s", "2 min 30 s", "1 d 2 h".
std::string human_duration(int64_t ms, int64_t step) {
  char buffer[64];
  if (ms == 0)
    return "0";
  if (ms < 1000 && step < 1000) {
    std::snprintf(buffer, sizeof buffer, "%lld ms", static_cast<long long>(ms));
    return buffer;
  }
  if (ms < 60000) {
    const int decimals = step % 1000 == 0 ? 0 : step % 100 == 0 ? 1 : step % 10 == 0 ? 2 : 3;
    std::snprintf(buffer, sizeof buffer, "%.*f s", decimals, static_cast<double>(ms) / 1000.0);
    return buffer;
  }
  const long long parts[] = {ms / 86400000, ms / 3600000 % 24, ms / 60000 % 60, ms / 1000 % 60};
  const char* units[] = {"d", "h", "min", "s"};
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (parts[i] == 0)
      continue;
    std::snprintf(buffer, sizeof buffer, "%s%lld %s", out.empty() ? "" : " ", parts[i], units[i]);
    out += buffer;
  }
  return out;
}

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
           "nothing is billed.\n\n"
           "Time runs linearly from the execution's start (labels are offsets from it); operations at the "
           "same instant (a replay takes no time) stand 1 ms apart, so zoom in to tell them apart. A step "
           "never rescales what is drawn unless the new data no longer fits (then the view grows to a round "
           "span). 'Compress idle gaps' cuts every stretch of 1.5 s or more with no invocation running down "
           "to a break, drawn as a break and labelled with the time it hides.\n\n"
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
    apply_selection(ctx);
    if (m_built_arn != execution->arn) {
      // The first build of this execution's timeline is still going on (a slice per frame).
      draw_building();
      return;
    }
    draw_toolbar(ctx, *execution);
    draw_plot(ctx);
  }

  void test_state(Json& out) const override {
    Json timeline = Json::object();
    timeline["bars"] = m_model.bars.size();
    timeline["lanes"] = m_model.lanes.size();
    timeline["lanes_visible"] = m_lanes_visible;
    timeline["drawn"] = m_renderer.bar_count();
    timeline["shader_error"] = m_renderer.error();
    timeline["build_ms"] = m_pacer.last_cost_ms();
    timeline["compressed"] = m_compress;
    timeline["subtitles_cut"] = m_subtitles.cut;
    timeline["subtitle_lines"] = m_subtitles.max_lines; // at most, for the room the panel has
    timeline["built_revision"] = m_built_revision;
    timeline["view"] = {m_time_left, m_time_left + m_plot_w / m_pixels_per_unit};
    timeline["display_end"] = m_model.display_end;
    timeline["ticks"] = m_tick_labels;
    timeline["tick_ms"] = m_tick_ms;
    Json breaks = Json::array();
    for (const TimeBreak& b : m_model.breaks)
      breaks.push_back(b.to_ms - b.from_ms);
    timeline["breaks"] = breaks;
    out["timeline"] = timeline;
  }

private:
  // What a model was (or is being) built from: a build in slices goes on only while this stays the same.
  struct BuildKey {
    std::string arn;
    uint64_t revision = ~0ull;
    Theme theme = Theme::Dark;
    bool compress = false;
    bool operator==(const BuildKey& o) const {
      return arn == o.arn && revision == o.revision && theme == o.theme && compress == o.compress;
    }
  };

  void rebuild_if_needed(PanelContext& ctx, const engine::Execution& execution) {
    const bool travelling = ctx.session.travelling();
    const BuildKey key{execution.arn, ctx.session.revision(), ctx.theme, m_compress};
    if (m_builder) {
      if (key == m_building && !travelling) {
        advance_build(ctx, execution, true);
        return;
      }
      // The data changed under the build (another execution ran): start over, and build the next one in
      // one piece, as a running execution's is (a build in slices would start over every frame).
      m_builder.reset();
      m_slice_next_build = false;
    }
    const bool new_execution = m_built_arn != execution.arn;
    const bool new_axis = m_built_compress != m_compress;
    const bool forced = new_execution || new_axis || m_built_theme != ctx.theme;
    if ((forced || m_built_revision != ctx.session.revision()) &&
        m_pacer.due(forced || execution.terminal() || travelling)) {
      // Time travel: only the trace up to the point shown (the bars after it do not exist yet), and the
      // clock of that point for spans still open.
      const Session::TraceLimit limit = ctx.session.trace_limit(execution.arn);
      const engine::TraceEvent* point = travelling ? ctx.session.travel_entry() : nullptr;
      m_builder = std::make_unique<TimelineBuilder>(timeline_palette(ctx.theme), limit.entries,
                                                    limit.replayed_in_last, m_compress,
                                                    point ? point->time_ms : ctx.session.clock_ms());
      m_building = key;
      // An execution that no longer changes is built in slices (the first view of a 100 MB history took
      // seconds in one frame); a running one, or a point of time travel, in one piece, at the pacer's rate.
      advance_build(ctx, execution, execution.terminal() && !travelling && m_slice_next_build);
      m_slice_next_build = true;
    }
  }

  // Builds on for one slice (or to the end) and, once complete, shows the new model.
  void advance_build(PanelContext& ctx, const engine::Execution& execution, bool slice) {
    const double start = platform::now_ms();
    const bool done = m_builder->advance(execution, ctx.session.trace(), [&] {
      return slice && platform::now_ms() - start >= frame_slice_ms();
    });
    if (slice)
      spend_frame_budget(platform::now_ms() - start);
    if (!done) {
      platform::request_frames(2);
      return;
    }
    const bool travelling = ctx.session.travelling();
    const bool new_execution = m_built_arn != execution.arn;
    const bool new_axis = m_built_compress != m_compress;
    m_model = m_builder->take();
    ++m_model_generation;
    m_builder.reset();
    m_pacer.built();
    m_built_revision = m_building.revision;
    m_built_arn = execution.arn;
    m_built_theme = m_building.theme;
    m_built_compress = m_building.compress;
    m_selected_applied.clear();
    // The view keeps its scale (stable labels) unless the axis changed; draw_plot grows it when the
    // new data no longer fits. While travelling, bars appear and disappear where they will stand.
    if (new_execution || new_axis)
      m_fit_request = true;
    m_check_fit = !travelling;
    m_travel_cursor = travelling && !m_model.marks.empty() ? m_model.marks.back().display : -1.0;
    m_dirty_upload = true;
  }

  // In place of the plot while the first model of an execution is built.
  void draw_building() {
    const size_t total = m_builder ? m_builder->entries_total() : 0;
    const size_t added = m_builder ? m_builder->entries_added() : 0;
    char line[96];
    std::snprintf(line, sizeof line, "Building the timeline: trace entry %zu of %zu", added, total);
    ImGui::TextUnformatted(line);
    mark_control("timeline.building");
    ImGui::ProgressBar(
        total ? static_cast<float>(added) / static_cast<float>(total) : 0.0f,
        ImVec2(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 24.0f), 0.0f));
  }

  // Selection outline: flag the bars of the selected operation.
  void apply_selection(PanelContext& ctx) {
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
      ImGui::SetTooltip("Grow the view to a round span when the execution runs past its right edge.");
    ImGui::SameLine();
    ImGui::Checkbox("Compress idle gaps", &m_compress);
    mark_control("timeline.compress");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Cut every stretch of 1.5 s or more with no invocation running (waits, retries, "
                        "callbacks) down to a break labelled with the time it hides.");
    // What is drawn, as much of it as fits beside the controls (the name is also under Executions).
    const int invocations = static_cast<int>(m_model.lanes.size()) - 1;
    char counts[64];
    std::snprintf(counts, sizeof counts, "%d invocation%s · %zu bars", invocations,
                  invocations == 1 ? "" : "s", m_model.bars.size());
    const std::string full = execution.name + " · " + counts;
    ImGui::SameLine();
    const float room = ImGui::GetContentRegionAvail().x;
    if (ImGui::CalcTextSize(full.c_str()).x <= room)
      ImGui::TextDisabled("%s", full.c_str());
    else if (ImGui::CalcTextSize(counts).x <= room)
      ImGui::TextDisabled("%s", counts);
    else
      ImGui::NewLine();
    if (*m_renderer.error()) {
      ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.4f, 1.0f), "The timeline shader failed: %s",
                         m_renderer.error());
    }
    (void)ctx;
  }

  // A lane's second line: what its invocation did.
  void lane_subtitle(int lane, char* out, size_t size) const {
    const LaneInfo& info = m_model.lanes[static_cast<size_t>(lane)];
    if (lane == 0)
      std::snprintf(out, size, "waits · callbacks · sleep");
    else
      std::snprintf(out, size, "%s · %d replayed · %d run", info.outcome.c_str(), info.replayed,
                    info.executed);
  }

  // `text` cut to fit `width` at `font_size`, with "…" where it was cut.
  static std::string fit_text(const ImFont* font, float font_size, float width, const char* text) {
    if (font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, text).x <= width)
      return text;
    std::string cut(text);
    while (!cut.empty()) {
      do
        cut.pop_back(); // whole UTF-8 characters: drop continuation bytes with their lead byte
      while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
      const std::string candidate = cut + "\u2026";
      if (font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, candidate.c_str()).x <= width)
        return candidate;
    }
    return {};
  }

  // A subtitle in lines no wider than `width` (a narrow gutter, large text or presenter mode): broken at its
  // " · " separators, a part too wide alone at its spaces, and a word too wide alone cut with "…".
  static std::vector<std::string> wrap_subtitle(const ImFont* font, float font_size, float width,
                                                const char* text) {
    auto fits = [&](const std::string& t) {
      return font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, t.c_str()).x <= width;
    };
    static constexpr std::string_view kSeparator = " \u00B7 ";
    // The pieces to place, each with the joiner that goes before it on a shared line.
    std::vector<std::pair<std::string, std::string>> pieces;
    std::string_view rest(text);
    for (bool first = true;; first = false) {
      const size_t at = rest.find(kSeparator);
      const std::string part(rest.substr(0, at));
      if (fits(part)) {
        pieces.emplace_back(first ? "" : std::string(kSeparator), part);
      } else {
        size_t from = 0;
        for (bool first_word = true; from <= part.size(); first_word = false) {
          const size_t space = std::min(part.find(' ', from), part.size());
          pieces.emplace_back(first_word ? (first ? "" : std::string(kSeparator)) : " ",
                              part.substr(from, space - from));
          from = space + 1;
        }
      }
      if (at == std::string_view::npos)
        break;
      rest.remove_prefix(at + kSeparator.size());
    }
    std::vector<std::string> lines;
    std::string line;
    for (const auto& [joiner, piece] : pieces) {
      if (!line.empty() && fits(line + joiner + piece)) {
        line += joiner + piece;
        continue;
      }
      if (!line.empty())
        lines.push_back(line);
      line = fit_text(font, font_size, width, piece.c_str());
    }
    lines.push_back(line);
    return lines;
  }

  // Every lane's subtitle in lines, laid out again only when the model, the gutter or the text size
  // changed (measuring text is not work for every frame).
  void layout_subtitles(const ImFont* font, float sub_size, float label_w, size_t max_lines) {
    if (m_subtitles.model == m_model_generation && m_subtitles.width == label_w &&
        m_subtitles.size == sub_size && m_subtitles.max_lines == max_lines)
      return;
    m_subtitles = {
        m_model_generation, label_w, sub_size, max_lines, {}, std::min<size_t>(max_lines, 1), false};
    for (int lane = 0; lane < static_cast<int>(m_model.lanes.size()); ++lane) {
      char sub[96];
      lane_subtitle(lane, sub, sizeof sub);
      std::vector<std::string> lines = wrap_subtitle(font, sub_size, label_w, sub);
      if (max_lines == 0) {
        m_subtitles.cut = m_subtitles.cut || sub[0] != '\0';
        lines.clear();
      } else if (lines.size() > max_lines) {
        lines.resize(max_lines);
        lines.back() = fit_text(font, sub_size, label_w, (lines.back() + " \u2026").c_str());
      }
      for (const std::string& line : lines)
        m_subtitles.cut = m_subtitles.cut || line.find("\u2026") != std::string::npos;
      m_subtitles.most_lines = std::max(m_subtitles.most_lines, lines.size());
      m_subtitles.lines.push_back(std::move(lines));
    }
  }

  void draw_plot(PanelContext& ctx) {
    const float s = ctx.scale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    // The lane labels take at most a third of a narrow panel, so that the plot keeps the rest; a subtitle
    // too long for that is cut, and shown whole when the mouse rests on its lane's label.
    const float gutter = std::min(190.0f * s, std::max(avail.x * 0.34f, 110.0f * s));
    const float label_w = gutter - 8.0f * s;
    const float title_h = ImGui::GetFontSize();
    const float sub_size = title_h * kSubtitleScale;
    // In presenter mode subtitles wrap to as many lines as leave every lane in view (at 1280x720 with a demo
    // script open there is room for none): a cut or left-out one is whole in its label's tooltip. Elsewhere
    // they are whole, and the lanes scroll.
    const float axis_room = ImGui::GetTextLineHeightWithSpacing() + 4.0f * s;
    // In view: every lane but the last whole, and the last one's title.
    const float plot_room = avail.y - axis_room;
    const size_t lanes = m_model.lanes.size();
    const float lane_room =
        lanes > 1 ? (plot_room - title_h - 4.0f * s) / static_cast<float>(lanes - 1) : plot_room;
    const float lines_room = std::floor((lane_room - title_h - 4.0f * s) / sub_size);
    const size_t max_lines =
        ctx.presenter
            ? static_cast<size_t>(std::clamp(lines_room, 0.0f, static_cast<float>(kMaxSubtitleLines)))
            : kMaxSubtitleLines;
    layout_subtitles(ctx.fonts.ui, sub_size, label_w, max_lines);
    const std::vector<std::vector<std::string>>& subtitles = m_subtitles.lines;
    const size_t sub_lines = m_subtitles.most_lines;
    const float subs_h = sub_size * static_cast<float>(sub_lines);
    // A lane with no subtitle line (no room for one) is as tall as its title needs.
    const float lane_h = std::max(20.0f * s, title_h + subs_h + 4.0f * s);
    const float axis_h = axis_room;
    avail.y = std::max(avail.y, lane_h * 2.0f);
    const int lane_count = static_cast<int>(m_model.lanes.size());
    const ImVec2 plot_min(origin.x + gutter, origin.y + axis_h);
    const ImVec2 plot_max(origin.x + avail.x, origin.y + avail.y);
    const float plot_w = std::max(plot_max.x - plot_min.x, 10.0f);
    const float plot_h = std::max(plot_max.y - plot_min.y, 10.0f);
    const float content_h = lane_h * static_cast<float>(lane_count);
    m_lanes_visible = static_cast<int>(plot_h / lane_h + 0.01f);
    m_scroll_y = std::clamp(m_scroll_y, 0.0f, std::max(0.0f, content_h - plot_h));

    // Follow: a step rescales only when its data no longer fits the view.
    if (m_check_fit && m_follow &&
        m_model.display_end > m_time_left + static_cast<double>(plot_w) / m_pixels_per_unit)
      m_fit_request = true;
    m_check_fit = false;
    if (m_fit_request) {
      const double range = nice_range(std::max(m_model.display_end, 10.0));
      m_time_left = -range * 0.02;
      m_pixels_per_unit = static_cast<double>(plot_w) / (range * 1.04);
      m_fit_request = false;
    }
    m_plot_w = static_cast<double>(plot_w);

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
      const float top = y + (lane_h - title_h - subs_h) * 0.5f;
      draw->AddText(ImVec2(origin.x + 4.0f * s, top),
                    lane_selected ? ImGui::GetColorU32(ImGuiCol_ButtonActive) : text, info.title.c_str());
      const std::vector<std::string>& lines = subtitles[static_cast<size_t>(lane)];
      for (size_t i = 0; i < lines.size(); ++i)
        draw->AddText(ctx.fonts.ui, sub_size,
                      ImVec2(origin.x + 4.0f * s, top + title_h + sub_size * static_cast<float>(i)), muted,
                      lines[i].c_str());
      if (ImGui::IsMouseHoveringRect(ImVec2(origin.x, y), ImVec2(origin.x + gutter, y + lane_h)) &&
          ImGui::IsWindowHovered()) {
        char sub[96];
        lane_subtitle(lane, sub, sizeof sub);
        ImGui::SetTooltip("%s: %s", info.title.c_str(), sub);
      }
    }
    place_break_labels(plot_min, s);
    draw_axis(draw, origin, plot_min, plot_max, s);
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
    draw_breaks(draw, origin, plot_min, plot_max, s, ctx.theme);

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

  // The time axis: ticks at round virtual times (offsets from the execution's start), placed linearly; with
  // compression on, through the breaks (no tick inside a hidden stretch). The step depends only on the zoom,
  // so labels do not change while the view keeps its scale.
  void draw_axis(ImDrawList* draw, ImVec2 origin, ImVec2 plot_min, ImVec2 plot_max, float s) {
    m_tick_labels = Json::array();
    m_tick_ms = Json::array();
    const double plot_w = static_cast<double>(plot_max.x - plot_min.x);
    const double left = m_time_left;
    const double right = m_time_left + plot_w / m_pixels_per_unit;
    const int64_t step = tick_step(110.0 * static_cast<double>(s) / m_pixels_per_unit);
    // Virtual time (offset from the start) at a display position, beyond the data too.
    const bool linear = m_model.breaks.empty();
    auto offset_at = [&](double display) -> double {
      if (linear || m_model.marks.empty())
        return display;
      const TimeMark& last = m_model.marks.back();
      if (display > last.display)
        return static_cast<double>(last.time_ms - m_model.start_ms) + (display - last.display);
      return static_cast<double>(m_model.time_at(std::max(display, 0.0)) - m_model.start_ms);
    };
    const int64_t first = static_cast<int64_t>(std::floor(std::max(offset_at(left), 0.0) / step));
    const int64_t last = static_cast<int64_t>(std::ceil(offset_at(right) / static_cast<double>(step)));
    const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 line = ImGui::GetColorU32(ImGuiCol_Separator, 0.35f);
    for (int64_t k = first; k <= last && k - first < 400; ++k) {
      const int64_t offset = k * step;
      double display = static_cast<double>(offset);
      if (!linear) {
        if (m_model.break_at(m_model.start_ms + offset) != nullptr)
          continue;
        display = m_model.display_at(m_model.start_ms + offset);
      }
      if (display < left || display > right)
        continue;
      const float x = plot_min.x + static_cast<float>((display - left) * m_pixels_per_unit);
      const std::string label =
          offset == 0 ? (step < 1000 ? "0 ms" : "0 s") : "+" + human_duration(offset, step);
      draw->AddLine(ImVec2(x, plot_min.y - 3.0f * s), ImVec2(x, plot_max.y), line);
      // A label that would run off the plot or into a break's label is left out (the line stays).
      const float w = ImGui::CalcTextSize(label.c_str()).x;
      bool room = x + 3.0f * s + w <= plot_max.x;
      for (const auto& [b0, b1] : m_break_labels)
        room = room && (x + 3.0f * s + w < b0 || x > b1);
      if (room)
        draw->AddText(ImVec2(x + 3.0f * s, origin.y), muted, label.c_str());
      m_tick_labels.push_back(room ? label : "");
      m_tick_ms.push_back(offset);
    }
  }

  // Where the breaks' labels go on the axis row (screen x ranges), and their text.
  void place_break_labels(ImVec2 plot_min, float s) {
    m_break_labels.clear();
    m_break_texts.clear();
    const float tooth = 4.0f * s;
    for (const TimeBreak& b : m_model.breaks) {
      const int64_t hidden = b.to_ms - b.from_ms;
      const int64_t precision = hidden % 1000 == 0  ? 1000
                                : hidden % 100 == 0 ? 100
                                : hidden % 10 == 0  ? 10
                                                    : 1;
      std::string label = "≈ " + human_duration(hidden, precision) + " idle";
      const float x0 = plot_min.x + static_cast<float>((b.start - m_time_left) * m_pixels_per_unit);
      const float x1 = std::max(plot_min.x + static_cast<float>((b.end - m_time_left) * m_pixels_per_unit),
                                x0 + 2.0f * tooth);
      const float w = ImGui::CalcTextSize(label.c_str()).x;
      const float cx = (x0 + x1) * 0.5f;
      m_break_labels.emplace_back(cx - w * 0.5f - 3.0f * s, cx + w * 0.5f + 3.0f * s);
      m_break_texts.push_back(std::move(label));
    }
  }

  // Compressed idle gaps: the hidden stretch is covered and edged with zigzags across every lane, with the
  // time it hides on the axis.
  void draw_breaks(ImDrawList* draw, ImVec2 origin, ImVec2 plot_min, ImVec2 plot_max, float s, Theme theme) {
    if (m_model.breaks.empty())
      return;
    draw->PushClipRect(ImVec2(plot_min.x, origin.y), plot_max, true);
    ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    bg.w = 0.78f;
    const ImU32 cover = ImGui::GetColorU32(bg);
    const ImU32 edge = theme == Theme::Light ? IM_COL32(90, 90, 90, 220) : IM_COL32(200, 200, 200, 200);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const float tooth = 4.0f * s;
    for (size_t i = 0; i < m_model.breaks.size(); ++i) {
      const TimeBreak& b = m_model.breaks[i];
      const float x0 = plot_min.x + static_cast<float>((b.start - m_time_left) * m_pixels_per_unit);
      const float x1 = plot_min.x + static_cast<float>((b.end - m_time_left) * m_pixels_per_unit);
      if (x1 < plot_min.x || x0 > plot_max.x)
        continue;
      draw->AddRectFilled(ImVec2(x0, plot_min.y), ImVec2(std::max(x1, x0 + 2.0f * tooth), plot_max.y), cover);
      for (const float x : {x0, std::max(x1, x0 + 2.0f * tooth)}) {
        float y = plot_min.y;
        bool out = false;
        while (y < plot_max.y) {
          const float ny = std::min(y + tooth, plot_max.y);
          draw->AddLine(ImVec2(x + (out ? tooth * 0.5f : -tooth * 0.5f), y),
                        ImVec2(x + (out ? -tooth * 0.5f : tooth * 0.5f), ny), edge, 1.2f * s);
          y = ny;
          out = !out;
        }
      }
      const std::string& label = m_break_texts[i];
      const ImVec2 at(m_break_labels[i].first + 3.0f * s, origin.y);
      draw->AddText(at, text, label.c_str());
    }
    draw->PopClipRect();
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

  // Lane subtitles: a little smaller than the text, and still readable on a projector.
  static constexpr float kSubtitleScale = 0.84f;
  static constexpr size_t kMaxSubtitleLines = 3;
  struct SubtitleLayout {
    uint64_t model = ~0ull; // m_model_generation it was laid out for
    float width = 0.0f;
    float size = 0.0f;
    size_t max_lines = 0;
    std::vector<std::vector<std::string>> lines; // per lane
    size_t most_lines = 1;
    bool cut = false; // a subtitle ends in "…" (test API)
  };
  SubtitleLayout m_subtitles;
  int m_lanes_visible = 0;         // whole lanes the plot shows without scrolling (test API)
  uint64_t m_model_generation = 0; // counts the models shown

  TimelineModel m_model;
  std::unique_ptr<TimelineBuilder> m_builder; // the next model, built a slice per frame
  BuildKey m_building;                        // what m_builder builds from
  bool m_slice_next_build = true;
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
  bool m_check_fit = false; // the model was rebuilt: grow the view if the data no longer fits
  bool m_compress = false;  // idle-gap compression (off: linear time)
  bool m_built_compress = false;
  double m_plot_w = 1.0; // the plot's width in pixels, last frame (test API: the view's right edge)
  std::vector<std::pair<float, float>> m_break_labels; // screen x ranges of the breaks' labels
  std::vector<std::string> m_break_texts;
  Json m_tick_labels; // the axis as drawn last frame (test API; "" = a tick without room for its label)
  Json m_tick_ms;
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
