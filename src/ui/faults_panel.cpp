// Faults panel: the simulation plan's injected faults (crash before the body, after the body, after the
// checkpoint; invocation timeout) and simulated step failures, listed with remove buttons; plus the fault
// menu every operation offers from its context menu (operations table, timeline, outline).
#include <algorithm>
#include <cstdio>
#include <string>

#include "engine/runtime/retry.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

const char* when_text(workflow::FaultWhen when) {
  switch (when) {
  case workflow::FaultWhen::BeforeBody:
    return "before the body";
  case workflow::FaultWhen::AfterBody:
    return "after the body, before its checkpoint";
  case workflow::FaultWhen::AfterCheckpoint:
    return "after the checkpoint";
  }
  return "";
}

void add_fault(PanelContext& ctx, const std::string& name, workflow::FaultWhen when, workflow::FaultKind kind,
               int occurrence) {
  workflow::Document doc = ctx.session.document();
  workflow::Fault fault;
  fault.at = name;
  fault.occurrence = occurrence;
  fault.attempt = 1;
  fault.when = when;
  fault.kind = kind;
  doc.simulation.faults.push_back(fault);
  ctx.session.set_document(std::move(doc));
  ctx.session.notify(Notice::Level::Info,
                     std::string(kind == workflow::FaultKind::Crash ? "Crash" : "Invocation timeout") +
                         " planned at '" + name + "' " + when_text(when) +
                         ". Start a new execution to see it (simulation only).");
}

// Finds the first statement named `name` (depth first) in a body.
workflow::Statement* find_statement(workflow::Body& body, const std::string& name) {
  for (workflow::Statement& s : body) {
    if (s.name && *s.name == name)
      return &s;
    for (workflow::Body* inner : {&s.children, &s.catch_body, &s.else_body})
      if (workflow::Statement* found = find_statement(*inner, name))
        return found;
    for (workflow::Branch& b : s.branches)
      if (workflow::Statement* found = find_statement(b.body, name))
        return found;
  }
  return nullptr;
}

const workflow::Statement* find_statement(const workflow::Body& body, const std::string& name) {
  return find_statement(const_cast<workflow::Body&>(body), name);
}

void fail_on_attempt(PanelContext& ctx, const std::string& name, int attempt) {
  workflow::Document doc = ctx.session.document();
  workflow::Statement* s = find_statement(doc.handler, name);
  if (s == nullptr) {
    ctx.session.notify(Notice::Level::Error, "No statement named '" + name + "' in the workflow.");
    return;
  }
  s->body.throws.push_back(workflow::ThrowSpec{
      .attempts = {attempt},
      .all_attempts = false,
      .error = workflow::ErrorSpec{"SimulatedError", "injected failure on attempt " + std::to_string(attempt),
                                   std::nullopt}});
  ctx.session.set_document(std::move(doc));
  ctx.session.notify(Notice::Level::Info, "'" + name + "' now fails on attempt " + std::to_string(attempt) +
                                              ". Start a new execution to see the retry.");
}

class FaultsPanel final : public Panel {
public:
  const char* id() const override { return "faults"; }
  const char* title() const override { return "Faults"; }
  const char* help() const override {
    return "Injected faults are part of the workflow's simulation plan (simulation only: Lambda has no such "
           "switch). Add them from any operation's context menu (right-click a row in Operations, a bar in "
           "the "
           "Timeline or a statement in the Workflow outline): crash before the body, crash after the body "
           "(the side "
           "effect happened but was not checkpointed, so it runs again), crash after the checkpoint, time "
           "the "
           "invocation out, or make a step fail on attempt N. Start a new execution to apply them.";
  }

  void draw(PanelContext& ctx) override {
    const workflow::Document& doc = ctx.session.document();
    ImGui::SeparatorText("Planned faults");
    if (doc.simulation.faults.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
      ImGui::TextWrapped(
          "No faults planned. Right-click an operation (Operations table, Timeline bar or Workflow "
          "outline) and pick one, or add one here.");
      ImGui::PopStyleColor();
    }
    int remove = -1;
    for (size_t i = 0; i < doc.simulation.faults.size(); ++i) {
      const workflow::Fault& f = doc.simulation.faults[i];
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton("Remove"))
        remove = static_cast<int>(i);
      mark_control("faults.remove." + std::to_string(i));
      ImGui::SameLine();
      if (f.invocation) {
        ImGui::TextWrapped("%s in invocation %d after %lld ms",
                           f.kind == workflow::FaultKind::Crash ? "crash" : "timeout", *f.invocation,
                           static_cast<long long>(f.after_ms));
      } else {
        ImGui::TextWrapped("%s at '%s' (occurrence %d, attempt %d) %s",
                           f.kind == workflow::FaultKind::Crash ? "crash" : "timeout", f.at.c_str(),
                           f.occurrence, f.attempt, when_text(f.when));
      }
      ImGui::PopID();
    }
    if (remove >= 0) {
      workflow::Document edited = doc;
      edited.simulation.faults.erase(edited.simulation.faults.begin() + remove);
      ctx.session.set_document(std::move(edited));
    }

    ImGui::SeparatorText("Add a fault");
    if (m_names_revision != ctx.session.document_revision()) {
      m_names.clear();
      collect(ctx.session.document().handler);
      m_names_revision = ctx.session.document_revision();
    }
    if (m_names.empty()) {
      ImGui::TextDisabled("The workflow has no named operations.");
      return;
    }
    if (m_choice >= static_cast<int>(m_names.size()))
      m_choice = 0;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##operation", m_names[static_cast<size_t>(m_choice)].c_str())) {
      for (size_t i = 0; i < m_names.size(); ++i)
        if (ImGui::Selectable(m_names[i].c_str(), static_cast<int>(i) == m_choice))
          m_choice = static_cast<int>(i);
      ImGui::EndCombo();
    }
    mark_control("faults.operation");
    if (ImGui::Button("Fault menu…"))
      ImGui::OpenPopup("fault_menu");
    mark_control("faults.menu");
    if (ImGui::BeginPopup("fault_menu")) {
      fault_menu_items(ctx, m_names[static_cast<size_t>(m_choice)], engine::OperationType::Step);
      ImGui::EndPopup();
    }
    ImGui::SeparatorText("Simulated step failures");
    bool any = false;
    list_throws(ctx.session.document().handler, any);
    if (!any)
      ImGui::TextDisabled("No step is set to fail.");
  }

private:
  void collect(const workflow::Body& body) {
    for (const workflow::Statement& s : body) {
      if (s.name)
        m_names.push_back(*s.name);
      collect(s.children);
      collect(s.catch_body);
      collect(s.else_body);
      for (const workflow::Branch& b : s.branches)
        collect(b.body);
    }
  }
  void list_throws(const workflow::Body& body, bool& any) {
    for (const workflow::Statement& s : body) {
      for (const workflow::ThrowSpec& t : s.body.throws) {
        any = true;
        std::string attempts;
        for (int a : t.attempts)
          attempts += (attempts.empty() ? "" : ", ") + std::to_string(a);
        ImGui::BulletText("%s throws %s on %s", s.name ? s.name->c_str() : "(unnamed)", t.error.type.c_str(),
                          t.all_attempts ? "every attempt" : ("attempt " + attempts).c_str());
      }
      list_throws(s.children, any);
      list_throws(s.catch_body, any);
      list_throws(s.else_body, any);
      for (const workflow::Branch& b : s.branches)
        list_throws(b.body, any);
    }
  }

  std::vector<std::string> m_names;
  uint64_t m_names_revision = ~0ull;
  int m_choice = 0;
};

} // namespace

std::string crash_after_body_line(const workflow::Statement& step) {
  if (step.semantics == workflow::StepSemantics::AtLeastOncePerRetry)
    return "At least once per retry: a crash after the body, before its checkpoint, runs the body again in "
           "the "
           "next invocation.";
  const auto& types = step.retry.retryable_error_types;
  const int attempts = engine::runtime::effective_retry(step).max_attempts;
  const bool retries =
      attempts > 1 && (step.retry_mode != workflow::RetryMode::Custom || types.empty() ||
                       std::find(types.begin(), types.end(), "StepInterruptedError") != types.end());
  if (retries)
    return "At most once per retry: after such a crash this attempt is not re-run, but the step counts as "
           "interrupted and the next attempt (of " +
           std::to_string(attempts) + ") runs the body again.";
  return "At most once, no retry: after such a crash the body never runs again; the step fails with "
         "StepInterruptedError.";
}

void fault_menu_items(PanelContext& ctx, const std::string& name, engine::OperationType type,
                      int occurrence) {
  if (name.empty()) {
    ImGui::TextDisabled("Unnamed operations cannot be targeted by a fault.");
    return;
  }
  ImGui::TextDisabled("Faults at '%s' (simulation only)", name.c_str());
  const bool is_step = type == engine::OperationType::Step;
  if (ImGui::MenuItem("Crash before the body"))
    add_fault(ctx, name, workflow::FaultWhen::BeforeBody, workflow::FaultKind::Crash, occurrence);
  mark_control("fault.crash_before");
  if (ImGui::MenuItem("Crash after the body (no checkpoint)", nullptr, false, is_step))
    add_fault(ctx, name, workflow::FaultWhen::AfterBody, workflow::FaultKind::Crash, occurrence);
  mark_control("fault.crash_after_body");
  if (is_step) {
    // What happens next depends on the step's semantics and retry strategy: say it here, in one line.
    const workflow::Statement* step = find_statement(ctx.session.document().handler, name);
    const std::string line = step ? crash_after_body_line(*step) : std::string();
    if (!line.empty()) {
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
      ImGui::Indent();
      ImGui::TextDisabled("%s", line.c_str());
      ImGui::Unindent();
      ImGui::PopTextWrapPos();
      mark_control("fault.crash_after_body.line");
    }
  }
  if (ImGui::MenuItem("Crash after the checkpoint"))
    add_fault(ctx, name, workflow::FaultWhen::AfterCheckpoint, workflow::FaultKind::Crash, occurrence);
  mark_control("fault.crash_after_checkpoint");
  if (ImGui::MenuItem("Time the invocation out here"))
    add_fault(ctx, name, workflow::FaultWhen::BeforeBody, workflow::FaultKind::Timeout, occurrence);
  mark_control("fault.timeout");
  if (ImGui::BeginMenu("Fail the step on attempt", is_step)) {
    for (int attempt = 1; attempt <= 5; ++attempt) {
      if (ImGui::MenuItem(std::to_string(attempt).c_str()))
        fail_on_attempt(ctx, name, attempt);
      mark_control("fault.fail_attempt." + std::to_string(attempt));
    }
    ImGui::EndMenu();
  }
  mark_control("fault.fail_attempt");
}

std::unique_ptr<Panel> make_faults_panel() {
  return std::make_unique<FaultsPanel>();
}

} // namespace dp::ui
