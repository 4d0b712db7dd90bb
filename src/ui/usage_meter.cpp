#include "ui/usage_meter.hpp"

#include <cstdio>

#include "cost/scratch_run.hpp"
#include "engine/service.hpp"
#include "ui/controls.hpp"
#include "ui/theme.hpp"

namespace dp::ui {
namespace {

std::string bytes_text(int64_t bytes) {
  char buf[32];
  if (bytes < 1024)
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  else if (bytes < 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

std::string count_text(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}

} // namespace

void UsageMeter::refresh(const engine::Execution& e) {
  if (e.arn == m_arn && e.events.size() == m_events)
    return;
  // Measuring a whole history again (another execution, or time travel's shorter past) reads every event:
  // 80,000 for a 100 MB import, so it waits for a frame with budget left like the panels' rebuilds.
  const bool restart = e.arn != m_arn || e.events.size() < m_events;
  if (restart && !m_pacer.due(true))
    return;
  if (restart)
    m_meter = engine::limits::Meter{};
  m_arn = e.arn;
  m_events = e.events.size();
  if (!m_prices)
    m_prices = cost::parse_price_table(cost::builtin_price_table_text(), cost::kBuiltinPriceTableName);
  m_meter.advance(e.events);
  m_usage = m_meter.usage(!e.terminal());
  m_estimate = cost::estimate(e, m_usage, *m_prices);
  if (restart)
    m_pacer.built();
}

void UsageMeter::draw_bar(PanelContext& ctx, const char* label, const char* control, int64_t used,
                          int64_t cap, const std::string& caption, const std::string& limit,
                          const std::string& detail) {
  const float share =
      cap > 0 ? static_cast<float>(static_cast<double>(used) / static_cast<double>(cap)) : 0.0f;
  const bool warn = share >= static_cast<float>(engine::limits::kWarnAt);
  const ImU32 color =
      status_look(warn ? (share >= 1.0f ? "FAILED" : "PENDING") : "SUCCEEDED", ctx.theme).color;
  ImGui::TextUnformatted(label);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
  ImGui::ProgressBar(share > 1.0f ? 1.0f : share, ImVec2(-1.0f, 0.0f), caption.c_str());
  ImGui::PopStyleColor();
  mark_control(control);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", detail.c_str());
  if (warn) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(0.0f);
    std::string text = "! " + std::to_string(static_cast<int>(share * 100.0f)) + "% of the limit of " +
                       limit + (share >= 1.0f ? ": the next one fails the execution" : "");
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    m_warnings.push_back(text);
  }
}

void UsageMeter::draw(PanelContext& ctx, const engine::Execution& e) {
  refresh(e);
  if (m_arn != e.arn) {
    ImGui::TextDisabled("Measuring the execution's usage…");
    return;
  }
  m_warnings = Json::array();
  ImGui::SeparatorText("Limits (AWS quotas per execution)");
  draw_bar(ctx, "Durable operations", "meter.operations", m_usage.operations, engine::limits::kMaxOperations,
           count_text(m_usage.operations) + " / " + count_text(engine::limits::kMaxOperations),
           "3,000 durable operations per execution",
           "At most 3,000 durable operations per execution (Lambda quotas, durable functions; cannot be "
           "increased). Counted as AWS meters them: a step 1 + its retries, a wait_for_condition 1 + its "
           "polls, each context, wait, callback and invoke 1.");
  draw_bar(ctx, "Data written", "meter.bytes", m_usage.persisted_bytes, engine::limits::kMaxPersistedBytes,
           bytes_text(m_usage.persisted_bytes) + " / 100 MB", "100 MB written per execution",
           "At most 100 MB of payloads written per execution (Lambda quotas, durable functions; cannot be "
           "increased): input, results, errors, callback answers.");
  if (auto peak = m_usage.closest_to_cap()) {
    std::string who = peak->operation_name.empty()
                          ? std::string(engine::to_string(peak->type))
                          : std::string(engine::to_string(peak->type)) + " '" + peak->operation_name + "'";
    draw_bar(ctx, ("Largest payload: " + who).c_str(), "meter.payload", peak->bytes, peak->cap,
             bytes_text(peak->bytes) + " / " + bytes_text(peak->cap),
             bytes_text(peak->cap) + " per " + engine::to_string(peak->type) + " payload",
             std::string("A ") + engine::to_string(peak->type) + " payload may be at most " +
                 bytes_text(peak->cap) +
                 " (API reference, OperationUpdate.Payload); a bigger one fails the execution.");
  }
  draw_cost(ctx);
  draw_nesting(ctx, e);
}

void UsageMeter::draw_cost(PanelContext& ctx) {
  (void)ctx;
  ImGui::SeparatorText("Cost (estimate)");
  ImGui::PushTextWrapPos(0.0f);
  if (!m_estimate.available) {
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextUnformatted(("No estimate: " + m_estimate.reason).c_str());
    ImGui::PopStyleColor();
    mark_control("meter.cost");
    ImGui::PopTextWrapPos();
    return;
  }
  std::string line = cost::dollars(m_estimate.total) + " per execution · " +
                     cost::dollars(m_estimate.per_million()) + " per million executions like this one";
  ImGui::TextUnformatted(line.c_str());
  mark_control("meter.cost");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    for (const auto& item : m_estimate.items) {
      char qty[64];
      std::snprintf(qty, sizeof qty, "%.6g %s", item.quantity, item.unit.c_str());
      ImGui::Text("%-20s %-28s %s", item.what.c_str(), qty, cost::dollars(item.dollars).c_str());
    }
    ImGui::EndTooltip();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
  ImGui::TextUnformatted(("Estimate: " + m_estimate.region + " list prices of " + m_estimate.retrieved +
                          ", no free tier; durable operations, data written and retained, Lambda requests "
                          "and compute (hover for the items).")
                             .c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

void UsageMeter::draw_nesting(PanelContext& ctx, const engine::Execution& e) {
  (void)ctx;
  if (!e.terminal() || !e.document || !cost::has_batch(e.document->handler))
    return;
  if (m_nesting_arn != e.arn) {
    m_nesting.reset();
    m_nesting_error.clear();
  }
  if (!m_nesting && m_nesting_error.empty()) {
    if (ImGui::Button("Compare NESTED with FLAT", ImVec2(-1.0f, 0.0f))) {
      m_nesting_arn = e.arn;
      // The same workflow, input and simulation plan, every parallel and map one way and then the other.
      auto input = parse_json(e.input_payload);
      std::optional<Json> in = input.ok() ? std::optional<Json>(*input) : std::nullopt;
      auto nested = cost::run_scratch(cost::with_nesting(*e.document, false), in);
      auto flat = cost::run_scratch(cost::with_nesting(*e.document, true), in);
      if (!nested.ok() || !flat.ok())
        m_nesting_error = !nested.ok() ? nested.error().text() : flat.error().text();
      else
        m_nesting = cost::compare(nested->execution(), flat->execution(), *m_prices);
    }
    mark_control("meter.compare_nesting");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Runs this workflow again twice (not saved): every parallel and map NESTED (a CONTEXT "
          "per branch), then FLAT (no per-branch CONTEXT), and compares their estimates.");
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  if (!m_nesting_error.empty()) {
    ImGui::TextUnformatted(("Could not compare: " + m_nesting_error).c_str());
  } else if (!m_nesting->available) {
    ImGui::TextUnformatted(("No estimate: " + m_nesting->a.reason).c_str());
  } else {
    const auto& c = *m_nesting;
    std::string line = "NESTED " + count_text(c.a.durable_operations) + " operations, " +
                       cost::dollars(c.a.per_million()) + " per million · FLAT " +
                       count_text(c.b.durable_operations) + " operations, " +
                       cost::dollars(c.b.per_million()) + " per million";
    ImGui::TextUnformatted(line.c_str());
    mark_control("meter.nesting");
    std::string diff =
        c.difference < 0
            ? "FLAT saves " + cost::dollars(-c.difference * 1e6) + " per million executions (estimate)"
        : c.difference > 0
            ? "FLAT costs " + cost::dollars(c.difference * 1e6) + " more per million executions (estimate)"
            : "Both cost the same (estimate).";
    ImGui::TextUnformatted(diff.c_str());
  }
  ImGui::PopTextWrapPos();
}

void UsageMeter::test_state(Json& out) const {
  Json m = engine::limits::to_json(m_usage);
  m["execution"] = m_arn;
  m["warnings"] = m_warnings;
  m["cost"] = cost::to_json(m_estimate);
  if (m_nesting)
    m["nesting"] = cost::to_json(*m_nesting);
  out["meter"] = m;
}

} // namespace dp::ui
