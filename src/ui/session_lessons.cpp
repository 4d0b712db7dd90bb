// The session's lesson half: the few commands a lesson needs beyond the panels' own, and the session seen
// as a lessons::Playground (the same session commands the panels issue).
#include "platform/platform.hpp"
#include "ui/learn.hpp"
#include "ui/session.hpp"

namespace dp::ui {

Result<std::string> Session::start_execution_with_input(const std::optional<Json>& input) {
  if (importing())
    return import_busy();
  travel_to_present();
  // A readable name, as the Run panel's Start gives.
  Result<std::string> arn = m_engine->start_execution(m_document, input, next_execution_name());
  engine_changed();
  return arn;
}

Status Session::run_to_end_letting_timeouts_fire(const std::string& arn) {
  if (importing())
    return import_busy();
  if (execution(arn) == nullptr)
    return Error{"", "No execution is open."};
  m_engine->run_to_end(arn, engine::Engine::Clock::LetTimeoutsFire);
  engine_changed();
  return ok_status();
}

void Session::set_terraform_text(std::string text) {
  m_terraform_text = std::move(text);
  ++m_terraform_revision;
  platform::request_frames(2);
}

lessons::Subject SessionPlayground::subject() const {
  lessons::Subject s;
  s.engine = &m_session.engine();
  s.document = &m_session.document();
  s.terraform = m_session.terraform_revision() > 0 ? &m_session.terraform_text() : nullptr;
  s.first_execution = m_first_execution;
  return s;
}

Status SessionPlayground::set_document(workflow::Document document) {
  m_session.set_document(std::move(document));
  return ok_status();
}

Status SessionPlayground::set_terraform(std::string text) {
  m_session.set_terraform_text(std::move(text));
  if (m_focus_panel)
    m_focus_panel("terraform");
  return ok_status();
}

Result<std::string> SessionPlayground::start_execution(const std::optional<Json>& input) {
  Result<std::string> arn = m_session.start_execution_with_input(input);
  if (arn.ok()) {
    m_selection = Selection{};
    m_selection.execution_id = arn.value();
  }
  return arn;
}

Status SessionPlayground::run_to_suspension(const std::string& arn) {
  return m_session.run_to_suspension(arn);
}

Status SessionPlayground::run_to_end(const std::string& arn, bool let_timeouts_fire) {
  Status status =
      let_timeouts_fire ? m_session.run_to_end_letting_timeouts_fire(arn) : m_session.run_to_end(arn);
  // The Run panel's To end reports a callback that waits for an answer; for a lesson's or a script's
  // `run: end` that is where the action ends (as natively: EnginePlayground), the next action answers it.
  if (!status.ok() && !m_session.pending_callbacks(arn).empty())
    return ok_status();
  return status;
}

Status SessionPlayground::advance_clock(int64_t ms) {
  return m_session.advance_clock_seconds(ms / 1000);
}

Status SessionPlayground::advance_to_next_timer() {
  return m_session.advance_to_next_timer();
}

Status SessionPlayground::send_callback_success(const std::string& callback_id, const std::string& result) {
  return m_session.send_callback_success(callback_id, result);
}

Status SessionPlayground::send_callback_failure(const std::string& callback_id,
                                                const engine::ErrorObject& error) {
  return m_session.send_callback_failure(callback_id, error.error_type.value_or(""),
                                         error.error_message.value_or(""));
}

Status SessionPlayground::send_callback_heartbeat(const std::string& callback_id) {
  return m_session.send_callback_heartbeat(callback_id);
}

Status SessionPlayground::clear_executions() {
  m_session.clear_executions();
  m_selection = Selection{};
  m_first_execution = 0;
  return ok_status();
}

Status SessionPlayground::export_project() {
  if (m_focus_panel)
    m_focus_panel("export");
  return ok_status();
}

} // namespace dp::ui
