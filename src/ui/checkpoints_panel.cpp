// Checkpoints panel: the store's SQLite tables (executions, operations, checkpoint calls, invocations,
// events) browsed page by page, and a read-only SQL console (the store refuses anything that would write).
#include <string>
#include <vector>

#include "imgui.h"

#include "engine/runtime/checkpoint_batching.hpp"
#include "imgui_stdlib.h" // needs imgui.h first
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

constexpr int kPageSize = 50;

// The checkpoint_calls table with what each call carried in front: one call, several updates, when the SDK
// grouped them (engine/runtime/checkpoint_batching.hpp).
constexpr const char* kCallsQuery =
    "SELECT seq, invocation, time_ms, json_array_length(updates) AS updates_in_call, "
    "(SELECT group_concat(json_extract(value, '$.Type') || ' ' || json_extract(value, '$.Action') || "
    "coalesce(' ' || json_extract(value, '$.Name'), ''), ' + ') FROM json_each(checkpoint_calls.updates)) "
    "AS carried, execution_arn, token_in, token_out, updates, error FROM checkpoint_calls";

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string error; // SQLite's message, or ours for a refused write
  bool truncated = false;
};

// The panel's view of the store's read-only console (Session::query).
QueryResult run_query(Session& session, const std::string& sql, int max_rows, bool at_point) {
  QueryResult result;
  Result<store::QueryResult> r = session.query(sql, static_cast<size_t>(max_rows), at_point);
  if (!r.ok()) {
    result.error = r.error().text();
    return result;
  }
  result.columns = std::move(r.value().columns);
  result.rows = std::move(r.value().rows);
  result.truncated = r.value().truncated;
  return result;
}

// The same rows with the SDK's typed envelopes inside cells decoded (a record's StepDetails.Result, a
// checkpoint update's Payload): {"t":"m","v":{"status":{"t":"s","v":"paid"}}} reads {"status":"paid"}.
QueryResult decoded(const QueryResult& r) {
  QueryResult out = r;
  for (auto& row : out.rows)
    for (std::string& cell : row) {
      if (cell.size() < 12 || (cell.front() != '{' && cell.front() != '['))
        continue;
      if (cell.find("{\"t\":") == std::string::npos && cell.find("{\\\"t\\\":") == std::string::npos)
        continue;
      Result<Json> parsed = parse_json(cell);
      if (parsed.ok())
        cell = json_text(decode_payloads(*parsed));
    }
  return out;
}

void draw_result(const QueryResult& r, const Fonts& fonts, const char* id, float height) {
  if (!r.error.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.45f, 1.0f), "%s", r.error.c_str());
    ImGui::PopTextWrapPos();
    mark_control(std::string(id) + ".error");
    return;
  }
  if (r.columns.empty())
    return;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  const int columns = std::min(static_cast<int>(r.columns.size()), 60);
  // The columns change with the table shown: a table id per column set, so widths fitted to one table's
  // columns are not kept for another's (a narrow "carried" under the ARN's width).
  ImGui::PushID(r.columns.front().c_str());
  ImGui::PushID(columns);
  if (ImGui::BeginTable(id, columns, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < columns; ++c)
      ImGui::TableSetupColumn(r.columns[static_cast<size_t>(c)].c_str());
    ImGui::TableHeadersRow();
    ImGui::PushFont(fonts.code);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(r.rows.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        ImGui::TableNextRow();
        for (int c = 0; c < columns; ++c) {
          ImGui::TableNextColumn();
          const std::string& cell = r.rows[static_cast<size_t>(row)][static_cast<size_t>(c)];
          // Long cells (ARNs, JSON records) are cut so that every column stays on screen; hover shows all.
          if (cell.size() > 44) {
            ImGui::TextUnformatted((cell.substr(0, 20) + "…" + cell.substr(cell.size() - 20)).c_str());
            if (ImGui::IsItemHovered())
              ImGui::SetTooltip("%s", cell.substr(0, 4000).c_str());
          } else {
            ImGui::TextUnformatted(cell.c_str());
          }
        }
      }
    }
    ImGui::PopFont();
    ImGui::EndTable();
  }
  ImGui::PopID();
  ImGui::PopID();
}

class CheckpointsPanel final : public Panel {
public:
  const char* id() const override { return "checkpoints"; }
  const char* title() const override { return "Checkpoints"; }
  const char* help() const override {
    return "A checkpoint is what the SDK sends to the service when a durable operation starts or finishes "
           "(CheckpointDurableExecution): its result or error is stored, and every later invocation replays "
           "it instead of running the code again. That is how the function survives a crash or a long "
           "wait.\n\n"
           "This is the store's SQLite database, the same code natively and in this tab (kept in IndexedDB): "
           "the executions, their operations, every checkpoint call, the invocations and the history events. "
           "Browse a table page by page, or query it in the SQL console: results show as a table, bad SQL "
           "shows SQLite's own error, and anything that would write is refused (the connection is "
           "read-only). Try: SELECT * FROM operations WHERE status = 'FAILED'.\n\n"
           "operations, events, checkpoint_calls and trace are views: the file keeps them in compact_* "
           "tables (a number for each execution and operation, each record without what its columns "
           "already say), and the views put the full text back.\n\n"
           "The Python SDK stores results in a typed envelope ({\"t\":\"m\",\"v\":{...}}: m = map, s = "
           "string, "
           "i = int, l = list ...); 'Decode values' shows the values inside it, untick it to see the stored "
           "text.";
  }

  void draw(PanelContext& ctx) override {
    if (!ctx.session.has_store()) {
      empty_state("No database", "The store could not be opened; see the notice at the top.");
      return;
    }
    draw_travel_banner(ctx);
    draw_grouping_note(ctx);
    if (m_tables_revision != ctx.session.revision()) {
      m_tables_revision = ctx.session.revision();
      QueryResult tables = run_query(
          ctx.session,
          // Since schema 7 operations, events, checkpoint_calls and trace are views over compact_* tables
          // (store/compact.hpp): the list shows the views and leaves the storage to the console.
          "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND "
          "name NOT LIKE 'compact_%' ORDER BY name",
          200, at_point(ctx));
      m_tables.clear();
      for (auto& row : tables.rows)
        m_tables.push_back(row[0]);
      if (!m_table_chosen) {
        // Start on the operations table: the one the rest of the page talks about.
        for (size_t i = 0; i < m_tables.size(); ++i)
          if (m_tables[i] == "operations")
            m_table = static_cast<int>(i);
      }
      m_browse_dirty = true;
    }
    if (ImGui::BeginTabBar("checkpoint_modes")) {
      if (ImGui::BeginTabItem("Tables")) {
        mark_control("checkpoints.mode.tables");
        draw_browser(ctx);
        ImGui::EndTabItem();
      } else {
        mark_control("checkpoints.mode.tables");
      }
      if (ImGui::BeginTabItem("SQL console")) {
        mark_control("checkpoints.mode.sql");
        draw_console(ctx);
        ImGui::EndTabItem();
      } else {
        mark_control("checkpoints.mode.sql");
      }
      ImGui::EndTabBar();
    }
  }

private:
  // Time travel: the tables and the console read the database as it was at the point shown (a copy built
  // from the recording, that execution only), or the store as it is now.
  bool at_point(const PanelContext& ctx) const { return ctx.session.travelling() && !m_latest; }
  void draw_travel_banner(PanelContext& ctx) {
    if (!ctx.session.travelling())
      return;
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("%s", m_latest
                                 ? "Showing the database as it is now (every execution), not at the point "
                                   "shown."
                                 : "Showing the database as it was at the point shown: a copy rebuilt from "
                                   "the recording, with this execution only.");
    ImGui::PopStyleColor();
    if (ImGui::SmallButton(m_latest ? "Show the point's database" : "Show the latest database")) {
      m_latest = !m_latest;
      m_tables_revision = ~0ull;
    }
    mark_control("checkpoints.travel_toggle");
  }

  // Which SDK release's grouping the calls follow, and what grouping means.
  void draw_grouping_note(PanelContext& ctx) {
    const workflow::Document& doc = ctx.session.document();
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextWrapped("Calls grouped as %s groups them: a START it does not await travels with the next "
                       "update (checkpoint_calls: updates_in_call).",
                       engine::runtime::sdk_modelled(doc.function.flavor(), false));
    ImGui::PopStyleColor();
    mark_control("checkpoints.grouping_note");
  }

  void draw_browser(PanelContext& ctx) {
    if (m_tables.empty()) {
      empty_state("No tables", "The store has not written anything yet.");
      return;
    }
    if (m_table >= static_cast<int>(m_tables.size()))
      m_table = 0;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::BeginCombo("##table", m_tables[static_cast<size_t>(m_table)].c_str())) {
      for (size_t i = 0; i < m_tables.size(); ++i)
        if (ImGui::Selectable(m_tables[i].c_str(), static_cast<int>(i) == m_table)) {
          m_table = static_cast<int>(i);
          m_table_chosen = true;
          m_page = 0;
          m_browse_dirty = true;
        }
      ImGui::EndCombo();
    }
    mark_control("checkpoints.table");
    ImGui::SameLine();
    ImGui::BeginDisabled(m_page == 0);
    if (ImGui::ArrowButton("prev", ImGuiDir_Left)) {
      m_page--;
      m_browse_dirty = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    const int pages = std::max(1, (m_row_count + kPageSize - 1) / kPageSize);
    ImGui::Text("page %d of %d (%d rows)", m_page + 1, pages, m_row_count);
    ImGui::SameLine();
    ImGui::BeginDisabled(m_page + 1 >= pages);
    if (ImGui::ArrowButton("next", ImGuiDir_Right)) {
      m_page++;
      m_browse_dirty = true;
    }
    mark_control("checkpoints.next_page");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Checkbox("Decode values", &m_decode))
      m_browse_dirty = true;
    mark_control("checkpoints.decode");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Show the values inside the Python SDK's typed envelopes; untick for the stored text.");
    if (m_browse_dirty) {
      const std::string& table = m_tables[static_cast<size_t>(m_table)];
      // Table names come from sqlite_master; quote them as identifiers anyway.
      std::string quoted = "\"";
      for (char c : table)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      quoted += "\"";
      QueryResult count = run_query(ctx.session, "SELECT count(*) FROM " + quoted, 1, at_point(ctx));
      m_row_count = count.rows.empty() ? 0 : std::atoi(count.rows[0][0].c_str());
      m_browse_at_point = at_point(ctx);
      std::string rows = table == "checkpoint_calls" ? std::string(kCallsQuery) : "SELECT * FROM " + quoted;
      m_page_result = run_query(ctx.session,
                                rows + " LIMIT " + std::to_string(kPageSize) + " OFFSET " +
                                    std::to_string(m_page * kPageSize),
                                kPageSize, at_point(ctx));
      if (m_decode)
        m_page_result = decoded(m_page_result);
      m_browse_dirty = false;
    }
    draw_result(m_page_result, ctx.fonts, "page", 0.0f);
  }

  void draw_console(PanelContext& ctx) {
    ImGui::PushFont(ctx.fonts.code);
    ImGui::InputTextMultiline("##sql", &m_sql, ImVec2(-1, ImGui::GetTextLineHeight() * 4.5f));
    const bool run_key =
        ImGui::IsItemFocused() && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Enter);
    ImGui::PopFont();
    mark_control("checkpoints.sql");
    if (ImGui::Button("Run") || run_key) {
      m_console_result = run_query(ctx.session, m_sql, 1000, at_point(ctx));
      m_console_at_point = at_point(ctx);
      m_console_ran = true;
      m_console_runs++;
    }
    mark_control("checkpoints.run");
    ImGui::SameLine();
    ImGui::TextDisabled("Ctrl+Enter runs · read-only · first 1000 rows");
    if (!m_console_ran) {
      ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
      ImGui::TextWrapped(
          "Query the store: executions, operations, checkpoint_calls, invocations, events, trace. SQLite's "
          "own errors are shown as they are.");
      ImGui::PopStyleColor();
      return;
    }
    if (m_console_result.error.empty())
      ImGui::TextDisabled("%zu row%s%s", m_console_result.rows.size(),
                          m_console_result.rows.size() == 1 ? "" : "s",
                          m_console_result.truncated ? " (truncated)" : "");
    draw_result(m_console_result, ctx.fonts, "console", 0.0f);
  }

public:
  void test_state(Json& out) const override {
    Json page = Json::object();
    page["decode"] = m_decode;
    page["table"] = m_table >= 0 && m_table < static_cast<int>(m_tables.size())
                        ? m_tables[static_cast<size_t>(m_table)]
                        : std::string();
    page["columns"] = m_page_result.columns;
    Json rows = Json::array();
    for (size_t i = 0; i < m_page_result.rows.size() && i < 5; ++i)
      rows.push_back(m_page_result.rows[i]);
    page["rows"] = rows;
    out["checkpoints_page"] = page;
    Json sql = Json::object();
    sql["text"] = m_sql;
    sql["runs"] = m_console_runs;
    sql["columns"] = m_console_result.columns;
    sql["rows"] = m_console_result.rows.size();
    sql["error"] = m_console_result.error;
    sql["first_row"] = m_console_result.rows.empty() ? Json::array() : Json(m_console_result.rows.front());
    sql["at_point"] = m_console_at_point;
    sql["browse_at_point"] = m_browse_at_point;
    sql["browse_rows"] = m_row_count;
    out["sql"] = sql;
  }

private:
  uint64_t m_tables_revision = ~0ull;
  bool m_latest = false; // time travel: query the store as it is now instead of the point's copy
  std::vector<std::string> m_tables;
  int m_table = 0;
  bool m_table_chosen = false;
  int m_page = 0;
  int m_row_count = 0;
  bool m_browse_dirty = true;
  QueryResult m_page_result;
  bool m_decode = true; // cells show the values inside the SDK's envelopes
  std::string m_sql = "SELECT * FROM sqlite_master";
  QueryResult m_console_result;
  bool m_console_ran = false;
  int m_console_runs = 0;
  bool m_console_at_point = false;
  bool m_browse_at_point = false;
};

} // namespace

std::unique_ptr<Panel> make_checkpoints_panel() {
  return std::make_unique<CheckpointsPanel>();
}

} // namespace dp::ui
