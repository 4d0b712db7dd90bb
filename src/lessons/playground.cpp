// EnginePlayground: the lesson playground of the CLI and the tests, the same engine calls `durable-sim`
// makes, on an engine of its own.
#include "lessons/playground.hpp"

namespace dp::lessons {

EnginePlayground::EnginePlayground() : m_engine(std::make_unique<engine::Engine>()) {}
EnginePlayground::~EnginePlayground() = default;

Subject EnginePlayground::subject() const {
  Subject s;
  s.engine = m_engine.get();
  s.document = &m_document;
  s.terraform = m_terraform ? &*m_terraform : nullptr;
  return s;
}

Status EnginePlayground::set_document(workflow::Document document) {
  m_document = std::move(document);
  return ok_status();
}

Status EnginePlayground::set_terraform(std::string text) {
  m_terraform = std::move(text);
  return ok_status();
}

Result<std::string> EnginePlayground::start_execution(const std::optional<Json>& input) {
  return m_engine->start_execution(m_document, input);
}

Status EnginePlayground::run_to_suspension(const std::string& arn) {
  m_engine->run_until_suspended(arn);
  return ok_status();
}

Status EnginePlayground::run_to_end(const std::string& arn, bool let_timeouts_fire) {
  m_engine->run_to_end(arn, let_timeouts_fire ? engine::Engine::Clock::LetTimeoutsFire
                                              : engine::Engine::Clock::UntilInput);
  return ok_status();
}

Status EnginePlayground::advance_clock(int64_t ms) {
  m_engine->advance_clock(ms);
  return ok_status();
}

Status EnginePlayground::advance_to_next_timer() {
  if (!m_engine->advance_to_next_timer())
    return Error{"advance", "no timer is pending"};
  return ok_status();
}

Status EnginePlayground::send_callback_success(const std::string& callback_id, const std::string& result) {
  return m_engine->send_callback_success(callback_id, result);
}

Status EnginePlayground::send_callback_failure(const std::string& callback_id,
                                               const engine::ErrorObject& error) {
  return m_engine->send_callback_failure(callback_id, error);
}

Status EnginePlayground::send_callback_heartbeat(const std::string& callback_id) {
  return m_engine->send_callback_heartbeat(callback_id);
}

Status EnginePlayground::clear_executions() {
  m_engine = std::make_unique<engine::Engine>();
  return ok_status();
}

Status EnginePlayground::export_project() {
  ++m_exports;
  return ok_status();
}

} // namespace dp::lessons
