// Run panel: start a new execution with the document's input, step one event, run to the next suspension,
// run to the end, stop; the virtual clock, advance to the next timer or by N seconds; auto-play at a chosen
// speed (the page draws continuously only while it plays).
#include <algorithm>
#include <string>

#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

class RunPanel final : public Panel {
public:
  const char* id() const override { return "run"; }
  const char* title() const override { return "Run"; }
  const char* help() const override {
    return "Drives the simulated service and SDK. Start begins a new execution of the workflow with its "
           "input "
           "(edit the input under Workflow > Function). Step advances by one engine event, 'To suspension' "
           "runs "
           "until every invocation waits on the service, 'To end' runs until the execution finishes (moving "
           "the "
           "virtual clock past waits and retries), Stop calls StopDurableExecution. The virtual clock never "
           "moves by "
           "itself: advance it to the next timer or by N seconds. Play steps automatically at the chosen "
           "speed.";
  }

  void draw(PanelContext& ctx) override {
    Session& s = ctx.session;
    if (s.take_pause_request()) { // the time-travel bar was moved: scrubbing takes over
      m_playing = false;
      m_to_end = false;
    }
    const engine::Execution* e = s.execution(ctx.selection.execution_id);
    const float w = ImGui::GetContentRegionAvail().x;
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) * 0.5f;

    if (ImGui::Button("Start new execution", ImVec2(w, 0))) {
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
    if (ImGui::Button("Step", ImVec2(half, 0)) && !s.step_event(false))
      s.notify(Notice::Level::Info, "Nothing can happen now: advance the clock or answer a callback.");
    mark_control("run.step");
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
    if (ImGui::Button("Stop", ImVec2(half, 0)))
      report(s, s.stop_execution(e->arn));
    mark_control("run.stop");
    ImGui::EndDisabled();

    ImGui::SeparatorText("Virtual clock");
    ImGui::PushFont(ctx.fonts.code);
    const engine::TraceEvent* shown = s.travelling() ? s.travel_entry() : nullptr;
    ImGui::Text("%s", format_clock_ms(shown ? shown->time_ms : s.clock_ms()).c_str());
    ImGui::PopFont();
    if (shown)
      ImGui::TextDisabled("at the point shown; now %s", format_clock_ms(s.clock_ms()).c_str());
    const std::optional<int64_t> next = s.next_timer_ms();
    if (next) {
      ImGui::TextDisabled("next timer in %s", format_duration_ms(*next - s.clock_ms()).c_str());
    } else {
      ImGui::TextDisabled("no timer pending");
    }
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
    ImGui::Checkbox("Move the clock when idle", &m_auto_clock);
    if (m_playing)
      play(ctx, e);
    if (m_to_end)
      run_to_end_slice(ctx);

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
  }

private:
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
      if (!s.pending_callbacks(m_to_end_arn).empty())
        s.notify(Notice::Level::Warning,
                 "The execution waits for a callback: answer it in the Callbacks panel.");
      else
        s.notify(Notice::Level::Info, "Nothing more can happen without input.");
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
  int m_seconds = 60;
  bool m_playing = false;
  bool m_auto_clock = true;
  float m_speed = 8.0f;
  double m_budget = 0.0;
};

} // namespace

std::unique_ptr<Panel> make_run_panel() {
  return std::make_unique<RunPanel>();
}

} // namespace dp::ui
