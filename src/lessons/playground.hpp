// What a lesson acts on: the playground as a small interface the page's session implements and the CLI's
// EnginePlayground implements over an engine of its own. A solution ("show me") performs its actions
// through it, and a check reads its subject(). Every call is one the UI or the CLI already makes (DESIGN.md
// 5: the UI never mutates engine state except through the CLI's calls).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/json.hpp"
#include "base/result.hpp"
#include "engine/engine.hpp"
#include "lessons/check.hpp"
#include "workflow/document.hpp"

namespace dp::lessons {

class Playground {
public:
  virtual ~Playground() = default;

  // What checks read: the engine, the document, the Terraform text, where the lesson's executions begin.
  virtual Subject subject() const = 0;
  virtual const workflow::Document& document() const = 0;
  // The workflow editor's document (an edit, or a whole new one).
  virtual Status set_document(workflow::Document document) = 0;
  // The Terraform panel's text.
  virtual Status set_terraform(std::string text) = 0;

  // The Run panel: start an execution of the document (with its input, or `input`); returns its ARN.
  virtual Result<std::string> start_execution(const std::optional<Json>& input) = 0;
  // Until the current invocation ends (PENDING, or the execution ends).
  virtual Status run_to_suspension(const std::string& arn) = 0;
  // Until the execution ends or waits for an answer from outside; with let_timeouts_fire the clock also
  // moves to timeouts while a callback waits (nobody answers).
  virtual Status run_to_end(const std::string& arn, bool let_timeouts_fire) = 0;
  // The clock controls.
  virtual Status advance_clock(int64_t ms) = 0;
  virtual Status advance_to_next_timer() = 0;
  // The Callbacks panel (SendDurableExecutionCallbackSuccess/Failure/Heartbeat).
  virtual Status send_callback_success(const std::string& callback_id, const std::string& result) = 0;
  virtual Status send_callback_failure(const std::string& callback_id, const engine::ErrorObject& error) = 0;
  virtual Status send_callback_heartbeat(const std::string& callback_id) = 0;
  // The Export panel: the page offers the zip; natively nothing to do (checks export on demand).
  virtual Status export_project() = 0;
  // File > Clear executions: forgets every execution and sets the virtual clock back to its start, so a
  // demo script played again from its start reaches the same state (script.hpp).
  virtual Status clear_executions() = 0;
};

// The playground of the CLI and the tests: an engine, a document and a Terraform text of its own.
class EnginePlayground final : public Playground {
public:
  EnginePlayground();
  ~EnginePlayground() override;

  Subject subject() const override;
  const workflow::Document& document() const override { return m_document; }
  Status set_document(workflow::Document document) override;
  Status set_terraform(std::string text) override;
  Result<std::string> start_execution(const std::optional<Json>& input) override;
  Status run_to_suspension(const std::string& arn) override;
  Status run_to_end(const std::string& arn, bool let_timeouts_fire) override;
  Status advance_clock(int64_t ms) override;
  Status advance_to_next_timer() override;
  Status send_callback_success(const std::string& callback_id, const std::string& result) override;
  Status send_callback_failure(const std::string& callback_id, const engine::ErrorObject& error) override;
  Status send_callback_heartbeat(const std::string& callback_id) override;
  Status export_project() override;
  Status clear_executions() override;

  const engine::Engine& engine() const { return *m_engine; }
  int exports() const { return m_exports; }

private:
  std::unique_ptr<engine::Engine> m_engine;
  workflow::Document m_document;
  std::optional<std::string> m_terraform;
  int m_exports = 0;
};

} // namespace dp::lessons
