// Run panel: start a new execution with the document's input, step to the next visible thing (or one engine
// event), run to the next suspension, run to the end, stop; the virtual clock with the next timer in words,
// advance to the next timer or by N seconds; auto-play at a chosen speed (the page draws continuously only
// while it plays).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "imgui_internal.h"

#include "explain/explain.hpp"
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
// Telling a story costs about 43 µs per operation in the page (tools/bench, case g). The Run panel tells
// one this long itself; a longer one is shown once the Story panel or a Step has told it, not retold in
// every frame of a run or after an import.
constexpr size_t kTellOperationsLimit = 1000;

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
           "Under the buttons: where the execution stands, in the Story panel's words (NOW, or PAST while "
           "the time-travel bar shows an earlier point, with Back to now). In the past, Step, To end, Stop "
           "and the clock still act on now, and bring the view back there.\n\n"
           "Every pending timer says what it is: a wait ending, the retry of a step, a callback or heartbeat "
           "timeout, or the execution timeout (the durable config's execution_timeout). Advance the clock to "
           "the next timer or by N seconds; Play steps automatically at the chosen speed.\n\n"
           "Under the execution: what it used of the AWS quotas per execution (3,000 durable operations, "
           "100 MB written, each payload's cap), amber from 80%, and its estimated cost on AWS (us-east-2 "
           "list prices; docs/limits.md). A run that crosses a limit fails as it would on AWS.";
  }

  void draw(PanelContext& ctx) override {
    Session& s = ctx.session;
    // The panels show `e` (the point shown); the buttons act on `live` (now).
    const engine::Execution* e = s.execution(ctx.selection.execution_id);
    const engine::Execution* live = s.live_execution(ctx.selection.execution_id);
    const bool past = live != nullptr && s.travelling() && s.travel_arn() == live->arn;
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

    const bool running = live != nullptr && !live->terminal();
    m_step_says = step_says(live, past);
    ImGui::BeginDisabled(!running);
    const bool step_clicked = ImGui::Button("Step", ImVec2(half, 0));
    mark_control("run.step");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      wrapped_tooltip(m_step_says.c_str());
    bool step_event = step_clicked && ImGui::GetIO().KeyShift;
    if (ImGui::BeginPopupContextItem("step_menu")) {
      if (ImGui::MenuItem("Step event (one internal engine event)"))
        step_event = true;
      mark_control("run.step_event");
      ImGui::EndPopup();
    }
    if (step_event) {
      m_last_told.clear();
      nothing_happened(s, live, s.step_event(false));
    } else if (step_clicked) {
      m_last_told.clear();
      nothing_happened(s, live, s.step_narrated(live->arn, &m_last_told));
      m_told_revision = s.engine_revision();
    }
    ImGui::SameLine();
    if (ImGui::Button("To suspension", ImVec2(half, 0)))
      report(s, s.run_to_suspension(live->arn));
    mark_control("run.suspend");
    run_tooltip(live, past,
                "Runs until every invocation waits on the service (a wait, a retry, a callback).");
    if (ImGui::Button(m_to_end ? "Running…" : "To end", ImVec2(half, 0))) {
      m_to_end = true;
      m_to_end_arn = live->arn;
    }
    mark_control("run.end");
    run_tooltip(live, past,
                "Runs until the execution ends or waits for an answer (a callback), moving the virtual clock "
                "past waits and retries. Long runs continue while the page draws.");
    ImGui::SameLine();
    if (ImGui::Button("Stop", ImVec2(half, 0))) {
      m_to_end = false;
      m_waiting_arn.clear();
      report(s, s.stop_execution(live->arn));
    }
    mark_control("run.stop");
    run_tooltip(live, past, "StopDurableExecution: the service ends the execution.");
    ImGui::EndDisabled();

    draw_where(ctx, live, past);

    ImGui::SeparatorText("Virtual clock");
    ImGui::PushFont(ctx.fonts.code);
    const engine::TraceEvent* shown = past ? s.travel_entry() : nullptr;
    ImGui::Text("%s", format_clock_ms(shown ? shown->time_ms : s.clock_ms()).c_str());
    ImGui::PopFont();
    if (shown != nullptr) { // beside the time when it fits, drawn outside the layout: nothing below moves
      const char* at_point = "at the point shown";
      const ImVec2 at(ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x, ImGui::GetItemRectMin().y);
      if (at.x + ImGui::CalcTextSize(at_point).x <=
          ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x)
        ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(muted_text()), at_point);
    }
    const std::optional<int64_t> next = s.next_timer_ms();
    draw_next_timer(ctx, next, shown != nullptr ? live : nullptr);
    ImGui::BeginDisabled(!next);
    if (ImGui::Button("Advance to next timer", ImVec2(w, 0)))
      report(s, s.advance_to_next_timer());
    mark_control("run.next_timer");
    if (past && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      wrapped_tooltip("Moves now's clock to its next timer (the view goes back to now).");
    ImGui::EndDisabled();
    ImGui::SetNextItemWidth(half);
    ImGui::InputInt("##seconds", &m_seconds, 10, 60);
    m_seconds = std::max(m_seconds, 1);
    ImGui::SameLine();
    if (ImGui::Button("Advance (s)", ImVec2(half, 0)))
      report(s, s.advance_clock_seconds(m_seconds));
    mark_control("run.advance");
    if (past && ImGui::IsItemHovered())
      wrapped_tooltip("Moves now's clock by that many seconds (the view goes back to now).");

    ImGui::SeparatorText("Auto-play");
    draw_play_row(live, past);
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
    if (past) {
      ImGui::SameLine();
      ImGui::TextDisabled("at the point shown");
    }
    // Its own wrapped line: beside the status it was cut in a narrow column.
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("%s · %zu invocation%s", e->name.c_str(), e->invocations.size(),
                       e->invocations.size() == 1 ? "" : "s");
    ImGui::PopStyleColor();
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
    run["next_timer_line"] = m_next_timer_line;
    run["next_timer_cut"] = m_next_timer_cut;
    run["last_step"] = m_last_told;
    run["last_step_cut"] = m_last_step_cut;
    run["where"] = m_where;
    run["where_detail"] = m_where_detail;
    run["shown_lines"] = m_shown_lines;
    run["shown"] = m_shown.text;
    run["shown_kind"] = m_shown.kind;
    run["step_says"] = m_step_says;
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
    const engine::Execution* e = s.live_execution(t.arn);
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
      return "execution timeout" +
             (e && e->document
                  ? " (" + std::to_string(e->document->function.execution_timeout) + " s, durable_config)"
                  : std::string());
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

  // Two lines under the clock, always (so nothing below moves), wrapped to be read whole: now, the next
  // timer, when and what it is; in the past, that the clock shows the point's time, and now's. Hover lists
  // every pending timer of the running executions.
  void draw_next_timer(PanelContext& ctx, const std::optional<int64_t>& next,
                       const engine::Execution* past_of) {
    const bool past = past_of != nullptr;
    const Session& s = ctx.session;
    m_timer_labels = Json::array();
    m_next_timer_label.clear();
    std::vector<std::pair<int64_t, std::string>> pending;
    if (next) {
      for (const auto& [due, timer] : s.timers()) {
        const engine::Execution* e = s.live_execution(timer.arn);
        if (e == nullptr || e->terminal())
          continue;
        pending.emplace_back(due, timer_label(s, timer));
        m_timer_labels.push_back(pending.back().second);
      }
    }
    if (!pending.empty())
      m_next_timer_label = pending.front().second;
    // In the past: now's time first (a time at a line's end would wrap at its dots), and what acts on it.
    if (past)
      m_next_timer_line =
          "Now: " + format_clock_ms(s.clock_ms()) +
          (past_of->terminal() ? ", and the execution is over." : ". Step, To end and the clock act on now.");
    else if (pending.empty())
      m_next_timer_line = "No timer pending.";
    else
      m_next_timer_line = "Next, in " + format_duration_ms(pending.front().first - s.clock_ms()) + ": " +
                          pending.front().second + ".";
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    m_next_timer_cut = text_in_lines(m_next_timer_line.c_str(), 2);
    ImGui::PopStyleColor();
    mark_control("run.next_timer_label");
    if (ImGui::IsItemHovered() && (!pending.empty() || m_next_timer_cut)) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      if (m_next_timer_cut)
        ImGui::TextUnformatted(m_next_timer_line.c_str());
      if (!pending.empty())
        ImGui::TextUnformatted(past ? "Pending timers now" : "Pending timers");
      for (const auto& [due, label] : pending)
        ImGui::TextDisabled("in %-12s %s", format_duration_ms(due - s.clock_ms()).c_str(), label.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }

  // What Step does here, in words (its tooltip, also when it is disabled).
  static std::string step_says(const engine::Execution* live, bool past) {
    if (live == nullptr)
      return "Start an execution first; then Step goes through it one sentence at a time.";
    if (live->terminal())
      return "The execution is over: nothing more happens to it. Start a new one, or, to try something else "
             "from a point of its past, use Branch… on the time-travel bar.";
    if (past)
      return "You are looking at the past. Step acts on now: the view goes back to now, then moves to the "
             "next sentence there. Shift+click: one engine event.";
    return "Moves to the next sentence of the story (the next thing you can see). Shift+click: one engine "
           "event (experts).";
  }

  // The other run buttons' tooltips: what they do, and in the past or after the end, where they act.
  static void run_tooltip(const engine::Execution* live, bool past, const char* what) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      return;
    std::string text = what;
    if (live != nullptr && live->terminal())
      text += "\n\nThe execution is over: nothing more happens to it.";
    else if (past)
      text += "\n\nYou are looking at the past: this acts on now, and the view goes back there.";
    wrapped_tooltip(text.c_str());
  }

  // The sentence of the story at the point shown (the one the Story panel highlights), with its time and
  // invocation as the Story panel writes them; the hint when there is none yet.
  void update_shown(Session& s, const engine::Execution* live) {
    m_shown = Shown{};
    if (m_told_revision != s.engine_revision())
      m_last_told.clear(); // the engine moved on since that Step (To end, a callback, the clock)
    if (live == nullptr) {
      m_shown.text = kStepHint;
      return;
    }
    const std::vector<explain::Sentence>* story = s.told_story(live->arn);
    if (story == nullptr && live->op_order.size() <= kTellOperationsLimit)
      story = &s.story(live->arn);
    if (story == nullptr) {
      m_shown.text = "A long execution (" + std::to_string(live->op_order.size()) +
                     " operations): its story is told in the Story panel.";
      return;
    }
    const size_t position = s.story_position(live->arn);
    const auto told = std::partition_point(
        story->begin(), story->end(), [&](const explain::Sentence& x) { return x.trace_index <= position; });
    if (told == story->begin()) {
      // Looked up once per engine change: it scans the whole trace, and this runs in every frame.
      if (m_missing_arn != live->arn || m_missing_revision != s.engine_revision()) {
        m_missing_arn = live->arn;
        m_missing_revision = s.engine_revision();
        m_missing = explain::missing_story(s.trace(), *live);
      }
      m_shown.text = m_missing.empty() ? kStepHint : m_missing;
      return;
    }
    const explain::Sentence& at = *(told - 1);
    m_shown.text = at.text;
    m_shown.why = at.why;
    m_shown.kind = explain::to_string(at.kind);
    m_shown.head = {explain::offset_text(at.at_ms, live->start_ms),
                    at.invocation > 0 ? "invocation " + std::to_string(at.invocation) : "service"};
  }

  // Where the execution stands at the point shown: a row that says NOW or PAST (with the way back), then
  // the story's sentence for that point in two lines of their own (so nothing below moves); hover for all
  // of it and why.
  void draw_where(PanelContext& ctx, const engine::Execution* live, bool past) {
    Session& s = ctx.session;
    // While "To end" runs, the sentence stays as it was: telling the story again in every slice would
    // slow a long run down (a Step, or the end of the run, tells it).
    if (!(m_to_end && !past && live != nullptr && live->arn == m_to_end_arn))
      update_shown(s, live);
    m_where = live == nullptr ? "" : past ? "past" : "now";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = ImGui::GetContentRegionAvail().x;
    const char* back = "Back to now";
    const float back_w = past ? ImGui::CalcTextSize(back).x + 2.0f * style.FramePadding.x : 0.0f;
    const float row_w = std::max(past ? w - back_w - style.ItemSpacing.x : w, 1.0f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##where", ImVec2(row_w, ImGui::GetFrameHeight()));
    mark_control("run.where");
    const bool row_hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float y = pos.y + style.FramePadding.y;
    float x = pos.x;
    if (live != nullptr) {
      const char* label = past ? "PAST" : "NOW";
      const ImU32 color =
          past ? ImGui::GetColorU32(past_color(ctx.theme)) : status_look("SUCCEEDED", ctx.theme).color;
      draw->AddText(ImVec2(x, y), color, label);
      x += ImGui::CalcTextSize(label).x + style.ItemSpacing.x;
    }
    // Its time, invocation and state: as many of them as fit whole.
    std::vector<std::string> pieces = m_shown.head;
    if (live != nullptr && !past && m_to_end)
      pieces = {"running to the end…"};
    else if (live != nullptr && !past && live->terminal())
      pieces.push_back("the execution is over");
    std::string detail;
    for (const std::string& piece : pieces) {
      const std::string longer = detail.empty() ? piece : detail + " · " + piece;
      if (x + ImGui::CalcTextSize(longer.c_str()).x > pos.x + row_w)
        break;
      detail = longer;
    }
    m_where_detail = detail;
    draw->AddText(ImVec2(x, y), ImGui::GetColorU32(muted_text()), detail.c_str());
    if (row_hovered && past)
      wrapped_tooltip("You are looking at the past: every panel shows the execution as it was at this point, "
                      "and nothing here changes it. Step, To end, Stop and the clock act on now (the view "
                      "goes back there first). To try something else from this point: Branch… on the "
                      "time-travel bar.");
    if (past) {
      ImGui::SameLine();
      if (ImGui::Button(back, ImVec2(back_w, 0.0f)))
        s.travel_to_present();
      mark_control("run.back_to_now");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Shows the execution as it is now (End key).");
    }

    // More lines in a narrower column (1280 px, 200% UI scale, presenter mode), where two cut most
    // sentences (the longest, a step run again after a crash, is about 170 characters); the count changes
    // only with the column's width, never from one sentence to the next.
    const float ems = w / ImGui::GetFontSize();
    m_shown_lines = ems < 20.0f ? 4 : ems < 30.0f ? 3 : 2;
    const bool hint = m_shown.head.empty();
    ImGui::PushStyleColor(ImGuiCol_Text, hint ? muted_text() : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    m_last_step_cut = text_in_lines(m_shown.text.c_str(), m_shown_lines);
    ImGui::PopStyleColor();
    mark_control("run.last_step");
    if (!hint && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      if (!past && m_last_told.size() > 1) { // the last Step told several sentences: all of them
        ImGui::TextDisabled("The last Step:");
        for (const std::string& told : m_last_told) { // BulletText would not wrap
          ImGui::Bullet();
          ImGui::TextWrapped("%s", told.c_str());
        }
      } else {
        ImGui::TextUnformatted(m_shown.text.c_str());
      }
      if (!m_shown.why.empty())
        ImGui::TextDisabled("%s", m_shown.why.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }

  // Play, the speed slider and the speed beside it (drawn inside the slider, the grab covered it). The
  // slider's own text is kept but not drawn, so that Ctrl+click still types a value.
  void draw_play_row(const engine::Execution* live, bool past) {
    const bool running = live != nullptr && !live->terminal();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = ImGui::GetContentRegionAvail().x;
    const float play_w = ImGui::CalcTextSize("Pause").x + 4.0f * style.FramePadding.x;
    const float value_w = ImGui::CalcTextSize("200 events/s").x;
    ImGui::BeginDisabled(!running && !m_playing);
    if (ImGui::Button(m_playing ? "Pause" : "Play", ImVec2(play_w, 0))) {
      m_playing = !m_playing;
      m_budget = 0.0;
    }
    mark_control("run.play");
    run_tooltip(live, past, "Steps by itself, one engine event at a time, at the speed beside it.");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(
        std::max(w - play_w - value_w - 2.0f * style.ItemSpacing.x, ImGui::GetFontSize()));
    const bool typing = ImGui::TempInputIsActive(ImGui::GetID("##speed"));
    if (!typing)
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.0f, 0.0f, 0.0f, 0.0f));
    ImGui::SliderFloat("##speed", &m_speed, 1.0f, 200.0f, "%.0f", ImGuiSliderFlags_Logarithmic);
    if (!typing)
      ImGui::PopStyleColor();
    mark_control("run.speed");
    if (ImGui::IsItemHovered() && !typing)
      ImGui::SetTooltip("Auto-play speed: engine events a second (Ctrl+click to type one).");
    ImGui::SameLine();
    ImGui::Text("%.0f events/s", m_speed);
    mark_control("run.speed_value");
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

  // The sentence under the run buttons (update_shown).
  struct Shown {
    std::string text; // the story's sentence at the point shown, or a hint
    std::string why;
    std::string kind;              // explain::SentenceKind's name; "" for a hint
    std::vector<std::string> head; // its time and invocation, as the Story panel writes them; none for a hint
  };

  bool m_to_end = false;
  std::string m_to_end_arn;
  std::string m_waiting_arn;      // "To end" stopped at this execution's callback: resume once it is answered
  std::string m_next_timer_label; // for the test API
  std::vector<std::string> m_last_told; // the sentences the last Step added to the story (test API)
  std::string m_missing_arn;            // explain::missing_story of this execution at this engine revision
  uint64_t m_missing_revision = ~0ull;
  std::string m_missing;
  uint64_t m_told_revision = 0; // the engine revision that Step left: m_last_told holds until then
  bool m_last_step_cut = false; // the sentence under the buttons did not fit its two lines (test API)
  Shown m_shown;
  std::string m_where;        // "now", "past" or "" (no execution), for the test API
  std::string m_where_detail; // what the row beside NOW or PAST says
  int m_shown_lines = 2;
  std::string m_step_says;       // Step's tooltip (test API)
  std::string m_next_timer_line; // the two lines under the clock
  bool m_next_timer_cut = false;
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
