// Callbacks panel: the selected execution's pending callbacks (CALLBACK operations STARTED), each answered
// from here as an external system would: SendDurableExecutionCallbackSuccess with a JSON payload, ...Failure
// with an error type and message, or ...Heartbeat.
#include <string>

#include "imgui.h"

#include "imgui_stdlib.h" // needs imgui.h first
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

class CallbacksPanel final : public Panel {
public:
  const char* id() const override { return "callbacks"; }
  const char* title() const override { return "Callbacks"; }
  const char* help() const override {
    return "Callbacks the selected execution is waiting for (create_callback, wait_for_callback). In Lambda "
           "an "
           "external system answers them with the callback id; here you do: Succeed sends "
           "SendDurableExecutionCallbackSuccess with the JSON payload, Fail sends ...Failure, Heartbeat "
           "sends "
           "...Heartbeat (which resets the heartbeat timeout). The service then re-invokes the function.";
  }

  void draw(PanelContext& ctx) override {
    const engine::Execution* e = ctx.session.execution(ctx.selection.execution_id);
    if (e == nullptr) {
      empty_state("No execution selected",
                  "Start an execution whose workflow creates a callback; while it waits, it is "
                  "listed here to be answered.");
      return;
    }
    // Time travel: the callbacks that waited at the point shown; answers go to the present.
    if (ctx.session.travelling()) {
      ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
      ImGui::TextWrapped("You are looking at the past: these callbacks were waiting then. An answer can only "
                         "be sent now.");
      ImGui::PopStyleColor();
      if (ImGui::SmallButton("Back to now"))
        ctx.session.travel_to_present();
      mark_control("callbacks.present");
    }
    ImGui::BeginDisabled(ctx.session.travelling());
    int shown = 0;
    for (const std::string& id : e->op_order) {
      const engine::Operation* op = e->op(id);
      if (op == nullptr || op->type != engine::OperationType::Callback ||
          op->status != engine::OperationStatus::Started || !op->callback_details)
        continue;
      draw_callback(ctx, *op, shown++);
    }
    ImGui::EndDisabled();
    if (shown == 0) {
      empty_state("No pending callback",
                  e->terminal()
                      ? "The execution is over; nothing waits for an answer."
                      : "The execution is not waiting for a callback right now. Run it on: when it reaches a "
                        "create_callback or wait_for_callback, the callback shows up here.");
    }
  }

  void test_state(Json& out) const override {
    Json c = Json::object();
    c["payload0"] = m_first_payload;
    c["sent"] = m_sent;
    out["callbacks"] = c;
  }

private:
  void draw_callback(PanelContext& ctx, const engine::Operation& op, int index) {
    const std::string name = op.name.value_or("(unnamed)");
    ImGui::PushID(op.id.c_str());
    ImGui::PushFont(ctx.fonts.ui_bold);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("waiting %s",
                        format_duration_ms(ctx.session.clock_ms() - op.start_timestamp).c_str());
    ImGui::PushFont(ctx.fonts.code);
    ImGui::TextDisabled("%s", op.callback_details->callback_id.c_str());
    ImGui::PopFont();
    std::string& payload = m_payloads[op.id];
    if (payload.empty())
      payload = "{\"approved\": true}";
    if (index == 0)
      m_first_payload = payload;
    ImGui::PushFont(ctx.fonts.code);
    ImGui::InputTextMultiline("##payload", &payload, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    ImGui::PopFont();
    mark_control("callbacks.payload." + std::to_string(index));
    Result<Json> parsed = parse_json(payload);
    if (!parsed.ok())
      ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.45f, 1.0f), "payload: %s", parsed.error().text().c_str());
    ImGui::BeginDisabled(!parsed.ok());
    if (ImGui::Button("Succeed")) {
      report(ctx,
             ctx.session.send_callback_success(op.callback_details->callback_id, json_text(parsed.value())),
             name, "succeeded");
    }
    mark_control("callbacks.succeed." + std::to_string(index));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Fail"))
      ImGui::OpenPopup("fail");
    mark_control("callbacks.fail." + std::to_string(index));
    ImGui::SameLine();
    if (ImGui::Button("Heartbeat"))
      report(ctx, ctx.session.send_callback_heartbeat(op.callback_details->callback_id), name,
             "heartbeat sent");
    mark_control("callbacks.heartbeat." + std::to_string(index));
    if (ImGui::BeginPopup("fail")) {
      ImGui::InputText("error type", &m_error_type);
      mark_control("callbacks.fail.type");
      ImGui::InputText("error message", &m_error_message);
      mark_control("callbacks.fail.message");
      if (ImGui::Button("Send failure")) {
        report(ctx,
               ctx.session.send_callback_failure(op.callback_details->callback_id, m_error_type,
                                                 m_error_message),
               name, "failed");
        ImGui::CloseCurrentPopup();
      }
      mark_control("callbacks.fail.send");
      ImGui::EndPopup();
    }
    ImGui::Separator();
    ImGui::PopID();
  }

  void report(PanelContext& ctx, const Status& status, const std::string& name, const char* what) {
    ++m_sent;
    if (status.ok())
      ctx.session.notify(Notice::Level::Info, "Callback '" + name + "' " + what + ".");
    else
      ctx.session.notify(Notice::Level::Error, status.error().text());
  }

  std::map<std::string, std::string> m_payloads; // per callback operation id
  std::string m_first_payload;                   // for the test API
  int m_sent = 0;
  std::string m_error_type = "Rejected";
  std::string m_error_message = "rejected by the reviewer";
};

} // namespace

std::unique_ptr<Panel> make_callbacks_panel() {
  return std::make_unique<CallbacksPanel>();
}

} // namespace dp::ui
