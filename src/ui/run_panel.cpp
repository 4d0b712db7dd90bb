// Run panel: start a new execution with the document's input, step to the next visible thing (or one engine
// event), run to the next suspension, run to the end, stop; the virtual clock with the next timer in words,
// advance to the next timer or by N seconds; auto-play at a chosen speed (the page draws continuously only
// while it plays).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "imgui_internal.h"

#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/flow.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"
#include "ui/usage_meter.hpp"

namespace dp::ui {
namespace {

// Under the Step buttons before the first Step: what Step does.
constexpr const char* kStepHint = "Step shows what happens next, one sentence at a time.";

class RunPanel final : public Panel {
public:
  const char* id() const override { return "run"; }
  const char* title() const override { return "Run"; }
  const char* help() const override {
    return "Drives the simulated service and SDK. Start begins a new execution of the workflow with its "
           "input (edit the input under Workflow > Function). Step moves to the next sentence of the story: "
           "an invocation starts or ends, an operation is replayed or runs, a checkpoint is sent, a timer "
           "fires (the virtual clock jumps to it), a callback is answered. Shift+click Step (or right-click "
           "it) "
           "for 'Step event', one internal engine event, which often changes nothing visible. "
           "'To suspension' runs until every invocation waits on the service, 'To end' until the execution "
           "finishes (moving the clock past waits and retries; when it stops for a callback, answering the "
           "callback lets it go on), Stop calls StopDurableExecution.\n\n"
           "Every pending timer says what it is: a wait ending, the retry of a step, a callback or heartbeat "
           "timeout, or the execution timeout (the durable config's execution_timeout). Advance the clock to "
           "the next timer or by N seconds; Play steps automatically at the chosen speed.\n\n"
           "Under the execution: what it used of the AWS quotas per execution (3,000 durable operations, "
           "100 MB written, each payload's cap), amber from 80%, and its estimated cost on AWS (us-east-2 "
           "list prices; docs/limits.md). A run that crosses a limit fails as it would on AWS.";
  }

  void draw(PanelContext& ctx) override {
    Session& s = ctx.session;
    const engine::Execution* e = s.execution(ctx.selection.execution_id);
    const float w = ImGui::GetContentRegionAvail().x;
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) * 0.5f;

    if (ImGui::Button("Start new execution", ImVec2(w, 0))) {
      m_waiting_arn.clear();
      Result<std::string> started = s.start_execution();
      if (started.ok()) {
        ctx.selection = Selection{};
        ctx.selection.execution_id = started.value();
      } else {
        s.notify(Notice::Level::Error, "Could not start: " + started.error().text());
      }
    }
    mark_control("run.start");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("StartDurableExecution with the document's input (a new execution).");

    const bool running = e != nullptr && !e->terminal();
    ImGui::BeginDisabled(!running);
    const bool step_clicked = ImGui::Button("Step", ImVec2(half, 0));
    mark_control("run.step");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Moves to the next sentence of the story (the next thing you can see). Shift+click: "
                        "one engine event (experts).");
    bool step_event = step_clicked && ImGui::GetIO().KeyShift;
    if (ImGui::BeginPopupContextItem("step_menu")) {
      if (ImGui::MenuItem("Step event (one internal engine event)"))
        step_event = true;
      mark_control("run.step_event");
      ImGui::EndPopup();
    }
    if (step_event) {
      m_last_told.clear();
      nothing_happened(s, e, s.step_event(false));
    } else if (step_clicked) {
      m_last_told.clear();
      nothing_happened(s, e, s.step_narrated(e->arn, &m_last_told));
    }
    ImGui::SameLine();
    if (ImGui::Button("To suspension", ImVec2(half, 0)))
      report(s, s.run_to_suspension(e->arn));
    mark_control("run.suspend");
    if (ImGui::Button(m_to_end ? "Running…" : "To end", ImVec2(half, 0))) {
      m_to_end = true;
      m_to_end_arn = e->arn;
    }
    mark_control("run.end");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Runs until the execution ends or waits for an answer (a callback), moving the virtual clock "
          "past waits and retries. Long runs continue while the page draws.");
    ImGui::SameLine();
    if (ImGui::Button("Stop", ImVec2(half, 0))) {
      m_to_end = false;
      m_waiting_arn.clear();
      report(s, s.stop_execution(e->arn));
    }
    mark_control("run.stop");
    ImGui::EndDisabled();

    // What the last Step told, in two lines of their own (so nothing below moves); hover for all of it.
    {
      const std::string line = m_last_told.empty() ? std::string() : m_last_told.back();
      ImGui::PushStyleColor(ImGuiCol_Text,
                            ImGui::GetStyleColorVec4(line.empty() ? ImGuiCol_TextDisabled : ImGuiCol_Text));
      m_last_step_cut = text_in_lines(line.empty() ? kStepHint : line.c_str(), 2);
      ImGui::PopStyleColor();
      mark_control("run.last_step");
      if (!m_last_told.empty() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
        for (const std::string& told : m_last_told)
          ImGui::BulletText("%s", told.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }

    ImGui::SeparatorText("Virtual clock");
    ImGui::PushFont(ctx.fonts.code);
    const engine::TraceEvent* shown = s.travelling() ? s.travel_entry() : nullptr;
    ImGui::Text("%s", format_clock_ms(shown ? shown->time_ms : s.clock_ms()).c_str());
    ImGui::PopFont();
    if (shown)
      ImGui::TextDisabled("at the point shown; now %s", format_clock_ms(s.clock_ms()).c_str());
    const std::optional<int64_t> next = s.next_timer_ms();
    draw_next_timer(ctx, next);
    ImGui::BeginDisabled(!next);
    if (ImGui::Button("Advance to next timer", ImVec2(w, 0)))
      report(s, s.advance_to_next_timer());
    mark_control("run.next_timer");
    ImGui::EndDisabled();
    ImGui::SetNextItemWidth(half);
    ImGui::InputInt("##seconds", &m_seconds, 10, 60);
    m_seconds = std::max(m_seconds, 1);
    ImGui::SameLine();
    if (ImGui::Button("Advance (s)", ImVec2(half, 0)))
      report(s, s.advance_clock_seconds(m_seconds));
    mark_control("run.advance");

    ImGui::SeparatorText("Auto-play");
    ImGui::BeginDisabled(!running && !m_playing);
    if (ImGui::Button(m_playing ? "Pause" : "Play", ImVec2(half, 0))) {
      m_playing = !m_playing;
      m_budget = 0.0;
    }
    mark_control("run.play");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    ImGui::SliderFloat("##speed", &m_speed, 1.0f, 200.0f, "%.0f events/s", ImGuiSliderFlags_Logarithmic);
    mark_control("run.speed");
    ImGui::Checkbox("Move the clock when idle", &m_auto_clock);

    ImGui::SeparatorText("Execution");
    if (e == nullptr) {
      ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
      ImGui::TextWrapped(
          "No execution open. Start one: the workflow runs on the simulated service, one invocation at "
          "a time, and every other panel follows it.");
      ImGui::PopStyleColor();
      return;
    }
    const StatusLook look = status_look(engine::to_string(e->status), ctx.theme);
    ImGui::PushStyleColor(ImGuiCol_Text, look.color);
    ImGui::Text("%s %s", look.glyph, engine::to_string(e->status));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("%s · %zu invocation%s", e->name.c_str(), e->invocations.size(),
                        e->invocations.size() == 1 ? "" : "s");
    ImGui::PushFont(ctx.fonts.code);
    ImGui::PushTextWrapPos(0.0f);
    if (e->result)
      ImGui::TextUnformatted(("Result: " + *e->result).c_str());
    if (e->error)
      ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.45f, 1.0f), "Error: %s: %s",
                         e->error->error_type.value_or("").c_str(),
                         e->error->error_message.value_or("").c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (e->result && ImGui::SmallButton("Copy result"))
      platform::copy_to_clipboard(*e->result);
    m_meter.draw(ctx, *e);
  }

  // Runs and plays go on while another tab of the region is shown (answering a callback, say).
  void update(PanelContext& ctx) override {
    // The time-travel bar was moved: scrubbing takes over. Taken here, before a play's steps this frame
    // would bring the view back to the present, and also while another tab hides this panel.
    if (ctx.session.take_pause_request()) {
      m_playing = false;
      m_to_end = false;
    }
    // "To end" stopped for a callback: once it is answered (or timed out), the run goes on by itself.
    if (!m_waiting_arn.empty()) {
      const engine::Execution* waiting = ctx.session.execution(m_waiting_arn);
      if (waiting == nullptr || waiting->terminal()) {
        m_waiting_arn.clear();
      } else if (ctx.session.pending_callbacks(m_waiting_arn).empty()) {
        m_to_end = true;
        m_to_end_arn = m_waiting_arn;
        m_waiting_arn.clear();
      }
    }
    if (m_playing)
      play(ctx, ctx.session.execution(ctx.selection.execution_id));
    if (m_to_end)
      run_to_end_slice(ctx);
  }

  void test_state(Json& out) const override {
    Json run = Json::object();
    run["next_timer"] = m_next_timer_label;
    run["last_step"] = m_last_told;
    run["last_step_cut"] = m_last_step_cut;
    run["timers"] = m_timer_labels;
    run["to_end"] = m_to_end;
    run["playing"] = m_playing;
    run["speed"] = m_speed;
    run["waiting_for_callback"] = m_waiting_arn;
    out["run"] = run;
    m_meter.test_state(out);
  }

private:
  // What a pending timer is, in words: "wait 'cool_down' ends", "retry of 'charge' (attempt 2)", ...
  static std::string timer_label(const Session& s, const engine::Timer& t) {
    const engine::Execution* e = s.execution(t.arn);
    const engine::Operation* op = e ? e->op(t.op_id) : nullptr;
    const std::string name = op && op->name ? "'" + *op->name + "'" : std::string("(unnamed)");
    switch (t.kind) {
    case engine::TimerKind::WaitEnd:
      return "wait " + name + " ends";
    case engine::TimerKind::RetryReady: {
      const int attempt = op && op->step_details ? op->step_details->attempt + 1 : 0;
      return "retry of " + name +
             (attempt > 0 ? " (attempt " + std::to_string(attempt) + ")" : std::string());
    }
    case engine::TimerKind::CallbackTimeout:
      return "callback " + name + " times out";
    case engine::TimerKind::CallbackHeartbeat:
      return "heartbeat timeout of callback " + name;
    case engine::TimerKind::ExecutionTimeout:
      return "execution timeout (durable config execution_timeout" +
             (e && e->document ? ", " + std::to_string(e->document->function.execution_timeout) + " s)"
                               : std::string(")"));
    case engine::TimerKind::ScriptedCallback:
      return "scripted answer to callback " + name + " (simulation only)";
    case engine::TimerKind::ScriptedHeartbeat:
      return "scripted heartbeat of callback " + name + " (simulation only)";
    case engine::TimerKind::StopExecution:
      return "scripted StopDurableExecution (simulation only)";
    case engine::TimerKind::InvokeTargetDone:
      return "invoked function " + name + " returns";
    case engine::TimerKind::ReInvoke:
      return "re-invocation after a failed invocation";
    }
    return "timer";
  }

  // One line under the clock (so nothing below moves): the next timer, what it is and when; hover lists
  // every pending timer of the running executions.
  void draw_next_timer(PanelContext& ctx, const std::optional<int64_t>& next) {
    const Session& s = ctx.session;
    m_timer_labels = Json::array();
    m_next_timer_label.clear();
    std::vector<std::pair<int64_t, std::string>> pending;
    if (next) {
      for (const auto& [due, timer] : s.timers()) {
        const engine::Execution* e = s.execution(timer.arn);
        if (e == nullptr || e->terminal())
          continue;
        pending.emplace_back(due, timer_label(s, timer));
        m_timer_labels.push_back(pending.back().second);
      }
    }
    if (pending.empty()) {
      ImGui::TextDisabled("no timer pending");
      return;
    }
    m_next_timer_label = pending.front().second;
    const std::string line =
        "next: " + pending.front().second + " in " + format_duration_ms(pending.front().first - s.clock_ms());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::InvisibleButton("next_timer", ImVec2(w, ImGui::GetTextLineHeight()));
    mark_control("run.next_timer_label");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos,
                              ImVec2(pos.x + w, pos.y + ImGui::GetFontSize()), pos.x + w, pos.x + w,
                              line.c_str(), nullptr, nullptr);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted("Pending timers");
      for (const auto& [due, label] : pending)
        ImGui::TextDisabled("in %-12s %s", format_duration_ms(due - s.clock_ms()).c_str(), label.c_str());
      ImGui::EndTooltip();
    }
  }

  // After a Step that could not move: why, until something changes.
  static void nothing_happened(Session& s, const engine::Execution* e, bool moved) {
    if (moved)
      return;
    if (e != nullptr && !s.pending_callbacks(e->arn).empty())
      s.notify(Notice::Level::Info,
               "Nothing can happen now: the execution waits for a callback. Answer it in "
               "the Callbacks panel.",
               Notice::Until::EngineChanges);
    else
      s.notify(Notice::Level::Info, "Nothing can happen now: advance the clock or answer a callback.",
               Notice::Until::EngineChanges);
  }

  static void report(Session& s, const Status& status) {
    if (!status.ok())
      s.notify(Notice::Level::Warning, status.error().text());
  }

  // "To end" in slices of ~60 ms per frame: a 10,000-step run animates (about 12 frames a second) instead of
  // freezing the tab, and still spends most of its time in the engine.
  void run_to_end_slice(PanelContext& ctx) {
    Session& s = ctx.session;
    const engine::Execution* e = s.execution(m_to_end_arn);
    if (e == nullptr || e->terminal()) {
      m_to_end = false;
      return;
    }
    const bool more = s.run_slice(60.0);
    e = s.execution(m_to_end_arn);
    if (e == nullptr || e->terminal()) {
      m_to_end = false;
    } else if (!more) {
      m_to_end = false;
      if (!s.pending_callbacks(m_to_end_arn).empty()) {
        m_waiting_arn = m_to_end_arn; // goes on once the callback is answered
        s.notify(Notice::Level::Warning,
                 "The execution waits for a callback: answer it in the Callbacks panel, and the run goes on.",
                 Notice::Until::EngineChanges);
      } else {
        s.notify(Notice::Level::Info, "Nothing more can happen without input.", Notice::Until::EngineChanges);
      }
    } else {
      platform::request_frames(2);
    }
  }

  void play(PanelContext& ctx, const engine::Execution* e) {
    Session& s = ctx.session;
    if (e == nullptr || e->terminal()) {
      m_playing = false;
      return;
    }
    m_budget += static_cast<double>(ImGui::GetIO().DeltaTime) * m_speed;
    int steps = std::min(static_cast<int>(m_budget), 500);
    m_budget -= steps;
    for (int i = 0; i < steps; ++i) {
      if (!s.step_event(m_auto_clock)) {
        m_playing = false;
        break;
      }
    }
    if (m_playing)
      platform::request_frames(2);
  }

  bool m_to_end = false;
  std::string m_to_end_arn;
  std::string m_waiting_arn;      // "To end" stopped at this execution's callback: resume once it is answered
  std::string m_next_timer_label; // for the test API
  std::vector<std::string> m_last_told; // the sentences the last Step added to the story (test API)
  bool m_last_step_cut = false;         // the line under the buttons did not fit its two lines (test API)
  Json m_timer_labels;
  int m_seconds = 60;
  bool m_playing = false;
  bool m_auto_clock = true;
  float m_speed = 8.0f;
  double m_budget = 0.0;
  UsageMeter m_meter; // limits and cost of the execution shown
};

} // namespace

std::unique_ptr<Panel> make_run_panel() {
  return std::make_unique<RunPanel>();
}

} // namespace dp::ui
