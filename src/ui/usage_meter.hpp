// The limits meter and the cost line under the Run panel's execution (issue 12): operations, bytes written
// and the largest payload against the documented caps (amber from 80%, with the limit named), and the
// estimated AWS cost per execution and per million like it, with NESTED vs FLAT when the workflow has a
// parallel or a map. The figures come from engine::limits and src/cost, as the CLI's "usage" and "cost".
#pragma once

#include <optional>
#include <string>

#include "base/json.hpp"
#include "cost/cost.hpp"
#include "engine/limits.hpp"
#include "ui/panel.hpp"

namespace dp::ui {

class UsageMeter {
public:
  void draw(PanelContext& ctx, const engine::Execution& e);
  void test_state(Json& out) const;

private:
  void refresh(const engine::Execution& e);
  // `limit` names the cap in the amber line ("3,000 durable operations per execution"); `detail` is the
  // tooltip (what counts, where AWS documents it).
  void draw_bar(PanelContext& ctx, const char* label, const char* control, int64_t used, int64_t cap,
                const std::string& caption, const std::string& limit, const std::string& detail);
  void draw_cost(PanelContext& ctx);
  void draw_nesting(PanelContext& ctx, const engine::Execution& e);

  // Measured as events arrive: only the events added since the last frame are read (a history is only
  // appended to; a shorter one, time travel's past, starts again).
  std::string m_arn;
  size_t m_events = static_cast<size_t>(-1);
  engine::limits::Meter m_meter;
  RebuildPacer m_pacer; // only for measuring a whole history again
  engine::limits::Usage m_usage;
  cost::Estimate m_estimate;
  std::optional<Result<cost::PriceTable>> m_prices;
  // NESTED vs FLAT: the other nesting's run, computed on request for one execution.
  std::string m_nesting_arn;
  std::optional<cost::Comparison> m_nesting; // a = NESTED, b = FLAT
  std::string m_nesting_error;
  Json m_warnings = Json::array();
};

} // namespace dp::ui
