// The time-travel bar (see travel_bar.hpp).
#include "ui/travel_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "base/json_text.hpp"
#include "engine/replay_trace.hpp"
#include "imgui_internal.h"
#include "imgui_stdlib.h"
#include "ui/controls.hpp"
#include "ui/session.hpp"
#include "workflow/loader.hpp"

namespace dp::ui {
namespace {

constexpr const char* kHelp =
    "Time travel: every panel can show the selected execution as it was at any point of its past. "
    "The scrubber has one position per thing the engine did (an invocation starting, an operation "
    "replayed or run, a checkpoint call, a timer firing ...), replayed operations one by one.\n\n"
    "Drag it, use the buttons, or the keys: Left/Right (or PageUp/PageDown, unless a demo script or a lesson "
    "is open: they step through it then) one point back or forward, "
    "Home the start, End back to now. The timeline, operations, history, checkpoints, callbacks, code "
    "marks, story and the virtual clock all follow. Looking at the past changes nothing: Step, To end or "
    "answering a callback act on now (and bring the view back to it).\n\n"
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

// A page narrower than this many font heights puts the status line under the controls: beside them it
// would be cut (1280 px at 200% UI scale, or in presenter mode).
constexpr float kOneRowEms = 62.0f;
bool two_rows(float width) {
  return width < ImGui::GetFontSize() * kOneRowEms;
}
} // namespace

float TravelBar::height(float width) {
  const float row = ImGui::GetFrameHeight();
  return (two_rows(width) ? 2.0f * row + ImGui::GetStyle().ItemSpacing.y : row) +
         2.0f * ImGui::GetStyle().WindowPadding.y;
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

void TravelBar::handle_keys(PanelContext& ctx, const PageKeys& keys, bool page_keys) {
  Session& s = ctx.session;
  const std::string& arn = ctx.selection.execution_id;
  if (s.travelling() && s.travel_arn() != arn)
    s.travel_to_present(); // another execution was selected: its present is shown
  if (s.live_execution(arn) != nullptr)
    s.ensure_recorded(arn); // restored after a reload: rebuilt once by re-simulation
  if (s.live_execution(arn) == nullptr || !s.can_travel(arn))
    return;
  // Every press counts, repeats included: a presenter's clicker sends PageDown/PageUp, and several
  // presses drawn in one slow frame move as many points.
  const int back = keys.presses(ImGuiKey_LeftArrow) + (page_keys ? keys.presses(ImGuiKey_PageUp) : 0);
  const int forward = keys.presses(ImGuiKey_RightArrow) + (page_keys ? keys.presses(ImGuiKey_PageDown) : 0);
  const size_t n = s.travel_points(arn).size();
  const long long current =
      s.travelling() ? static_cast<long long>(s.travel_index()) : static_cast<long long>(n) - 1;
  if (keys.pressed(ImGuiKey_Home))
    go(ctx, 0);
  else if (keys.pressed(ImGuiKey_End))
    go(ctx, static_cast<long long>(n) - 1);
  else if (forward != back)
    go(ctx, current + forward - back);
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
    ImGui::SetTooltip("Back to now (End)");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(n < 1);
  if (ImGui::Button("Branch\u2026##branch", ImVec2(em * 5.2f, 0.0f))) {
    m_form.arn = arn;
    m_form.index = static_cast<size_t>(std::max(0LL, current));
    m_form.error.clear();
    m_handlers_revision = ~0ull;
    m_open_dialog = true;
  }
  mark_control("travel.branch");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Start a new execution that shares this one's history up to the point shown and then "
                      "does one thing differently (simulation only)");
  ImGui::EndDisabled();
  ImGui::SameLine();

  const bool below = two_rows(size.x);
  const float slider_w = below ? ImGui::GetContentRegionAvail().x : std::max(em * 12.0f, size.x * 0.36f);
  ImGui::SetNextItemWidth(slider_w);
  if (n >= 2) {
    int value = static_cast<int>(current) + 1;
    char format[64];
    std::snprintf(format, sizeof format, "point %%d of %lld", n);
    if (ImGui::SliderInt("##travel_slider", &value, 1, static_cast<int>(n), format,
                         ImGuiSliderFlags_AlwaysClamp))
      go(ctx, value - 1);
  } else {
    // Nothing to step through: an empty track that says why, not a slider with a grab half way.
    const char* why = live == nullptr ? "no execution open"
                      : !recorded     ? "no past recorded"
                                      : "one point so far: Step adds more";
    ImGui::InvisibleButton("##travel_slider", ImVec2(slider_w, ImGui::GetFrameHeight()));
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::RenderFrame(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg, 0.6f), true,
                       ImGui::GetStyle().FrameRounding);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::RenderTextClipped(min, max, why, nullptr, nullptr, ImVec2(0.5f, 0.5f));
    ImGui::PopStyleColor();
    m_empty_reason = why;
  }
  if (n >= 2)
    m_empty_reason.clear();
  mark_control("travel.slider");
  if (below)
    ImGui::AlignTextToFramePadding();
  else
    ImGui::SameLine();

  // Where the view stands: the past (with what happened there) or the present.
  if (live == nullptr) {
    ImGui::TextDisabled("No execution: start one, then step back and forth through everything it did.");
  } else if (!recorded && !live->imported_from.empty()) {
    ImGui::TextDisabled("Imported (%s): only its final state is known, so there is no past to step through.",
                        live->imported_from.c_str());
  } else if (!recorded) {
    const std::string why = s.unrecorded_reason(arn);
    const std::string text = "Restored from storage after a reload; its past could not be rebuilt (" +
                             (why.empty() ? std::string("not tried yet") : why) +
                             "), so only the present can be shown.";
    ImGui::TextDisabled("%s", text.c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", text.c_str());
  } else if (!s.travelling()) {
    const StatusLook look = status_look("SUCCEEDED", ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_Text, look.color);
    ImGui::TextUnformatted("NOW");
    mark_control("travel.status");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const std::string what = n > 0 ? describe(s, *live, points.back()) : std::string();
    ImGui::TextDisabled("%s", what.c_str());
    if (ImGui::IsItemHovered()) // the line may be cut at the page's edge
      ImGui::SetTooltip("%s", what.c_str());
  } else {
    const engine::TraceEvent* t = s.travel_entry();
    ImGui::PushStyleColor(ImGuiCol_Text, past_color(ctx.theme));
    ImGui::TextUnformatted("PAST");
    mark_control("travel.status");
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
  if (m_open_dialog) {
    m_open_dialog = false;
    ImGui::OpenPopup("Branch from this point");
  }
  draw_branch_dialog(ctx);
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
  travel["branch_error"] = m_form.error;
  travel["branch_refusal"] = m_refusal;
  travel["empty_reason"] = m_empty_reason;
  out["travel"] = travel;
}

} // namespace dp::ui

namespace dp::ui {
namespace {

constexpr const char* kBranchIntro =
    "A branch is a new execution that shares this one's history up to the point shown and then does one "
    "thing differently. Simulation only: Lambda has no in-place redrive; the playground re-simulates the "
    "history up to here (the engine is deterministic) and carries on with your choice.";

// A choice's radio button, greyed with the reason when it cannot apply here.
bool choice_radio(const char* label, const char* control, int kind, int& selected,
                  const std::string& why_not) {
  ImGui::BeginDisabled(!why_not.empty());
  const bool pressed = ImGui::RadioButton(label, selected == kind);
  if (pressed)
    selected = kind;
  ImGui::EndDisabled();
  mark_control(control);
  if (!why_not.empty()) {
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("%s", why_not.c_str());
    ImGui::PopStyleColor();
    ImGui::Unindent();
  }
  return pressed;
}

} // namespace

void TravelBar::draw_branch_dialog(PanelContext& ctx) {
  Session& s = ctx.session;
  const float em = ImGui::GetFontSize();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(em * 40.0f, viewport->Size.x * 0.9f), 0.0f), ImGuiCond_Always);
  ImGui::SetNextWindowPos(
      ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.5f),
      ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Branch from this point", nullptr,
                              ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove))
    return;
  const engine::Execution* origin = s.live_execution(m_form.arn);
  const Session::BranchPreview& preview = s.prepare_branch(m_form.arn, m_form.index);
  if (origin != nullptr) {
    ImGui::PushFont(ctx.fonts.ui_bold);
    ImGui::Text("%s, point %zu of %zu", origin->name.c_str(), m_form.index + 1,
                s.travel_points(m_form.arn).size());
    ImGui::PopFont();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
  ImGui::TextWrapped("%s", kBranchIntro);
  ImGui::PopStyleColor();
  ImGui::Separator();

  const engine::BranchSituation& here = preview.situation;
  m_refusal = !preview.error.empty() ? preview.error : here.nothing_differs;
  const bool can_branch = preview.error.empty() && here.nothing_differs.empty();
  if (!preview.error.empty()) {
    ImGui::TextWrapped("This execution cannot be branched: %s.", preview.error.c_str());
  } else if (!here.nothing_differs.empty()) {
    ImGui::TextWrapped("Nothing can differ here: %s", here.nothing_differs.c_str());
  } else {
    using Kind = engine::BranchChoice::Kind;
    // The first choice that applies is the default.
    const std::string no_callback =
        here.callbacks.empty() ? "No callback waits for an answer at this point." : "";
    const std::string no_invocation =
        here.invocation_running ? "" : "No invocation runs at this point: a crash needs one.";
    const std::string no_crash =
        here.crashes_ahead.empty() ? "No crash is planned after this point (Faults panel)." : "";
    if (m_handlers_revision != s.document_revision()) { // serialising both handlers once per edit
      m_handlers_revision = s.document_revision();
      m_same_handler = origin != nullptr && workflow::save_document(s.document())["handler"] ==
                                                workflow::save_document(*origin->document)["handler"];
    }
    const bool same_handler = m_same_handler;
    const std::string no_edit =
        same_handler ? "The workflow in the editor runs the same code as this execution: edit it first." : "";
    const std::string reasons[] = {no_callback, no_invocation, no_crash, no_edit, ""};
    if (!reasons[m_form.kind].empty())
      for (int k = 0; k < 5; ++k)
        if (reasons[k].empty()) {
          m_form.kind = k;
          break;
        }

    choice_radio("Answer a callback differently", "branch.kind.callback",
                 static_cast<int>(Kind::AnswerCallback), m_form.kind, no_callback);
    if (m_form.kind == static_cast<int>(Kind::AnswerCallback) && !here.callbacks.empty()) {
      ImGui::Indent();
      m_form.callback = std::clamp(m_form.callback, 0, static_cast<int>(here.callbacks.size()) - 1);
      if (here.callbacks.size() > 1) {
        ImGui::SetNextItemWidth(em * 14.0f);
        const std::string current = here.callbacks[static_cast<size_t>(m_form.callback)].name;
        if (ImGui::BeginCombo("Callback##branch", current.c_str())) {
          for (size_t i = 0; i < here.callbacks.size(); ++i)
            if (ImGui::Selectable(here.callbacks[i].name.c_str(), static_cast<int>(i) == m_form.callback))
              m_form.callback = static_cast<int>(i);
          ImGui::EndCombo();
        }
      } else {
        ImGui::Text("Callback '%s'", here.callbacks[0].name.c_str());
      }
      if (ImGui::RadioButton("Fail it", !m_form.succeed))
        m_form.succeed = false;
      mark_control("branch.callback.fail");
      ImGui::SameLine();
      if (ImGui::RadioButton("Succeed with a result", m_form.succeed))
        m_form.succeed = true;
      mark_control("branch.callback.succeed");
      ImGui::SetNextItemWidth(-FLT_MIN);
      if (m_form.succeed) {
        ImGui::InputText("##branch_result", &m_form.result);
        mark_control("branch.callback.result");
      } else {
        ImGui::SetNextItemWidth(em * 10.0f);
        ImGui::InputText("Error type##branch", &m_form.error_type);
        mark_control("branch.callback.error_type");
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::InputText("##branch_message", &m_form.error_message);
        mark_control("branch.callback.error_message");
      }
      ImGui::Unindent();
    }
    choice_radio("Crash the running invocation here", "branch.kind.crash",
                 static_cast<int>(Kind::InjectCrash), m_form.kind, no_invocation);
    choice_radio("Remove the planned crashes that have not happened yet", "branch.kind.uncrash",
                 static_cast<int>(Kind::RemoveCrashes), m_form.kind, no_crash);
    if (m_form.kind == static_cast<int>(Kind::RemoveCrashes))
      for (const std::string& crash : here.crashes_ahead)
        ImGui::BulletText("%s", crash.c_str());
    choice_radio("Run the workflow in the editor from the next invocation", "branch.kind.edit",
                 static_cast<int>(Kind::EditHandler), m_form.kind, no_edit);
    if (m_form.kind == static_cast<int>(Kind::EditHandler)) {
      ImGui::Indent();
      ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
      ImGui::TextWrapped("It replays against the checkpoints recorded so far: code that no longer matches "
                         "them fails with the SDK's non-determinism error.");
      ImGui::PopStyleColor();
      ImGui::Unindent();
    }
    choice_radio("Change the input from the next invocation", "branch.kind.input",
                 static_cast<int>(Kind::ChangeInput), m_form.kind, "");
    if (m_form.kind == static_cast<int>(Kind::ChangeInput)) {
      if (m_form.input.empty())
        m_form.input = preview.input_json;
      ImGui::Indent();
      ImGui::SetNextItemWidth(-FLT_MIN);
      ImGui::InputText("##branch_input", &m_form.input);
      mark_control("branch.input");
      ImGui::Unindent();
    }
  }
  if (!m_form.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, status_look("FAILED", ctx.theme).color);
    ImGui::TextWrapped("%s", m_form.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  ImGui::BeginDisabled(!can_branch);
  if (ImGui::Button("Branch", ImVec2(em * 7.0f, 0.0f)) && origin != nullptr) {
    engine::BranchChoice choice;
    choice.kind = static_cast<engine::BranchChoice::Kind>(m_form.kind);
    bool ready = true;
    switch (choice.kind) {
    case engine::BranchChoice::Kind::AnswerCallback:
      choice.callback_operation_id = here.callbacks.at(static_cast<size_t>(m_form.callback)).operation_id;
      choice.callback_succeeds = m_form.succeed;
      if (m_form.succeed) {
        if (Result<Json> parsed = parse_json(m_form.result); parsed.ok()) {
          choice.callback_result = m_form.result;
        } else {
          m_form.error = "The result is not JSON: " + parsed.error().text();
          ready = false;
        }
      }
      choice.callback_error.error_type = m_form.error_type;
      choice.callback_error.error_message = m_form.error_message;
      break;
    case engine::BranchChoice::Kind::EditHandler:
      choice.handler = std::make_shared<const workflow::Body>(s.document().handler);
      break;
    case engine::BranchChoice::Kind::ChangeInput:
      if (Result<Json> parsed = parse_json(m_form.input); parsed.ok()) {
        choice.input_json = origin->document->function.flavor() == workflow::Flavor::Python
                                ? to_python_json(*parsed)
                                : to_js_json(*parsed);
      } else {
        m_form.error = "The input is not JSON: " + parsed.error().text();
        ready = false;
      }
      break;
    default:
      break;
    }
    if (ready) {
      Result<std::string> made = s.branch(choice);
      if (made.ok()) {
        ctx.selection = Selection{};
        ctx.selection.execution_id = *made;
        m_form = BranchForm{};
        if (ctx.focus_panel)
          ctx.focus_panel("compare");
        ImGui::CloseCurrentPopup();
      } else {
        m_form.error = "The branch was not made: " + made.error().message;
      }
    }
  }
  mark_control("branch.create");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(em * 7.0f, 0.0f)) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    m_form.error.clear();
    ImGui::CloseCurrentPopup();
  }
  mark_control("branch.cancel");
  ImGui::EndPopup();
}

} // namespace dp::ui
