// The time-travel bar (see travel_bar.hpp).
#include "ui/travel_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "engine/replay_trace.hpp"
#include "imgui_internal.h"
#include "ui/controls.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

constexpr const char* kHelp =
    "Time travel: every panel can show the selected execution as it was at any point of its past. "
    "The scrubber has one position per thing the engine did (an invocation starting, an operation "
    "replayed or run, a checkpoint call, a timer firing ...), replayed operations one by one.\n\n"
    "Drag it, use the buttons, or the keys: Left/Right (or PageUp/PageDown) one point back or forward, "
    "Home the start, End the present. The timeline, operations, history, checkpoints, callbacks, code "
    "marks, story and the virtual clock all follow. Looking at the past changes nothing: Step, To end or "
    "answering a callback act on the present (and bring the view back to it).\n\n"
    "Simulation only: Lambda keeps no such record; the playground rebuilds each point from what it saw.";

// One line for people about a point: what happened there.
std::string describe(const Session& s, const engine::Execution& live, const engine::TracePoint& point) {
  if (point.entry >= s.trace().size())
    return {};
  const engine::TraceEvent& t = s.trace()[point.entry];
  if (t.kind == engine::TraceKind::OperationReplayed) {
    const std::vector<engine::ReplayedOperation> ops = engine::replayed_operations(t, live);
    const size_t k = point.replayed > 0 ? point.replayed - 1 : 0;
    if (k < ops.size())
      return "replayed " + std::string(ops[k].name.empty() ? ops[k].operation_id : ops[k].name) +
             ": its stored result was returned, the body did not run";
  }
  std::string text = t.text;
  if (!t.name.empty() && text.find(t.name) == std::string::npos &&
      (t.kind == engine::TraceKind::OperationExecuted || t.kind == engine::TraceKind::StepBodyRan ||
       t.kind == engine::TraceKind::TimerFired || t.kind == engine::TraceKind::CallbackReceived ||
       t.kind == engine::TraceKind::Crash))
    text += " (" + t.name + ")";
  return text;
}

} // namespace

float TravelBar::height() {
  return ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().WindowPadding.y;
}

void TravelBar::go(PanelContext& ctx, long long index) {
  Session& s = ctx.session;
  const std::string& arn = ctx.selection.execution_id;
  const size_t n = s.travel_points(arn).size();
  if (n == 0)
    return;
  index = std::clamp(index, 0LL, static_cast<long long>(n) - 1);
  s.request_pause();
  s.travel_to(arn, static_cast<size_t>(index));
}

void TravelBar::handle_keys(PanelContext& ctx) {
  Session& s = ctx.session;
  const std::string& arn = ctx.selection.execution_id;
  if (s.travelling() && s.travel_arn() != arn)
    s.travel_to_present(); // another execution was selected: its present is shown
  if (s.live_execution(arn) == nullptr || !s.can_travel(arn))
    return;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiIO& io = ImGui::GetIO();
  // The keys belong to time travel unless a text field has them, a widget is being used, a menu or popup
  // is open, or the user is moving through the page with the keyboard (then the arrows move the focus).
  const bool keyboard_navigation = !g.NavDisableHighlight && g.NavInputSource == ImGuiInputSource_Keyboard;
  if (io.WantTextInput || g.ActiveId != 0 || keyboard_navigation ||
      ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    return;
  const ImGuiID owner = ImGui::GetID("##travel_keys");
  const ImGuiKey keys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_PageUp,
                           ImGuiKey_PageDown,  ImGuiKey_Home,       ImGuiKey_End};
  for (ImGuiKey key : keys)
    ImGui::SetKeyOwner(key, owner);
  const size_t n = s.travel_points(arn).size();
  const long long current =
      s.travelling() ? static_cast<long long>(s.travel_index()) : static_cast<long long>(n) - 1;
  auto pressed = [&](ImGuiKey key) { return ImGui::IsKeyPressed(key, owner, ImGuiInputFlags_Repeat); };
  if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp))
    go(ctx, current - 1);
  else if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown))
    go(ctx, current + 1);
  else if (pressed(ImGuiKey_Home))
    go(ctx, 0);
  else if (pressed(ImGuiKey_End))
    go(ctx, static_cast<long long>(n) - 1);
}

void TravelBar::draw(PanelContext& ctx, ImVec2 pos, ImVec2 size) {
  Session& s = ctx.session;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##travel", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  const std::string& arn = ctx.selection.execution_id;
  const engine::Execution* live = s.live_execution(arn);
  const bool recorded = live != nullptr && s.can_travel(arn);
  const std::vector<engine::TracePoint> no_points;
  const std::vector<engine::TracePoint>& points = recorded ? s.travel_points(arn) : no_points;
  const long long n = static_cast<long long>(points.size());
  const long long current = s.travelling() ? static_cast<long long>(s.travel_index()) : n - 1;
  const float em = ImGui::GetFontSize();

  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(ctx.fonts.ui_bold);
  ImGui::TextUnformatted("Time travel");
  ImGui::PopFont();
  ImGui::SameLine();
  help_marker(kHelp);
  ImGui::SameLine();
  // Fixed widths everywhere: nothing moves under the mouse when the text on the right changes.
  const ImVec2 button(em * 2.2f, 0.0f);
  ImGui::BeginDisabled(n < 2 || current <= 0);
  if (ImGui::Button("\u21E4##first", button))
    go(ctx, 0);
  mark_control("travel.first");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("The start of the execution (Home)");
  ImGui::SameLine();
  if (ImGui::Button("\u25C0##back", button))
    go(ctx, current - 1);
  mark_control("travel.back");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("One point back (Left arrow or PageUp)");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.travelling());
  if (ImGui::Button("\u25B6##forward", button))
    go(ctx, current + 1);
  mark_control("travel.forward");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("One point forward (Right arrow or PageDown)");
  ImGui::SameLine();
  if (ImGui::Button("\u21E5##present", button))
    go(ctx, n - 1);
  mark_control("travel.present");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Back to the present (End)");
  ImGui::EndDisabled();
  ImGui::SameLine();

  const float slider_w = std::max(em * 12.0f, size.x * 0.36f);
  ImGui::SetNextItemWidth(slider_w);
  if (n >= 2) {
    int value = static_cast<int>(current) + 1;
    char format[64];
    std::snprintf(format, sizeof format, "point %%d of %lld", n);
    if (ImGui::SliderInt("##travel_slider", &value, 1, static_cast<int>(n), format,
                         ImGuiSliderFlags_AlwaysClamp))
      go(ctx, value - 1);
  } else {
    ImGui::BeginDisabled();
    int value = 0;
    ImGui::SliderInt("##travel_slider", &value, 0, 1, "");
    ImGui::EndDisabled();
  }
  mark_control("travel.slider");
  ImGui::SameLine();

  // Where the view stands: the past (with what happened there) or the present.
  if (live == nullptr) {
    ImGui::TextDisabled("No execution: start one, then step back and forth through everything it did.");
  } else if (!recorded && !live->imported_from.empty()) {
    ImGui::TextDisabled("Imported (%s): only its final state is known, so there is no past to step through.",
                        live->imported_from.c_str());
  } else if (!recorded) {
    ImGui::TextDisabled("Restored from storage after a reload: its past was not recorded, only the present "
                        "can be shown.");
  } else if (!s.travelling()) {
    const StatusLook look = status_look("SUCCEEDED", ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_Text, look.color);
    ImGui::TextUnformatted("PRESENT");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", n > 0 ? describe(s, *live, points.back()).c_str() : "");
  } else {
    const engine::TraceEvent* t = s.travel_entry();
    const ImVec4 past =
        ctx.theme == Theme::Dark ? ImVec4(1.0f, 0.72f, 0.30f, 1.0f) : ImVec4(0.62f, 0.36f, 0.0f, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, past);
    ImGui::TextUnformatted("PAST");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (t != nullptr) {
      ImGui::Text("+%s", format_duration_ms(t->time_ms - live->start_ms).c_str());
      ImGui::SameLine();
      if (t->invocation > 0) {
        ImGui::TextDisabled("invocation %d ·", t->invocation);
        ImGui::SameLine();
      }
      const std::string what = describe(s, *live, points[static_cast<size_t>(current)]);
      ImGui::TextUnformatted(what.c_str());
      if (ImGui::IsItemHovered()) // the line may be cut at the page's edge
        ImGui::SetTooltip("%s", what.c_str());
    }
  }
  ImGui::End();
}

void TravelBar::test_state(const PanelContext& ctx, Json& out) const {
  const Session& s = ctx.session;
  const std::string& arn = ctx.selection.execution_id;
  Json travel = Json::object();
  const bool recorded = s.live_execution(arn) != nullptr && s.can_travel(arn);
  const size_t n = recorded ? s.travel_points(arn).size() : 0;
  travel["recorded"] = recorded;
  travel["points"] = n;
  travel["travelling"] = s.travelling();
  travel["index"] = s.travelling() ? s.travel_index() : (n > 0 ? n - 1 : 0);
  travel["build_ms"] = s.travel_build_ms();
  const engine::TraceEvent* t = s.travel_entry();
  travel["kind"] = t ? engine::to_string(t->kind) : "";
  travel["time_ms"] = t ? t->time_ms : s.clock_ms();
  // What the panels show: the execution at the point (or now).
  Json ops = Json::array();
  if (const engine::Execution* e = s.execution(arn)) {
    for (const std::string& id : e->op_order)
      if (const engine::Operation* op = e->op(id); op && op->type != engine::OperationType::Execution)
        ops.push_back(Json{{"name", op->name.value_or("")},
                           {"type", engine::to_string(op->type)},
                           {"status", engine::to_string(op->status)}});
    travel["status"] = engine::to_string(e->status);
    travel["events"] = e->events.size();
  }
  travel["operations"] = ops;
  out["travel"] = travel;
}

} // namespace dp::ui
