// Story panel (issue 9): the selected execution told in plain sentences (src/explain), one row per thing
// that happened, with the concept behind it. The sentence of the point shown (stepping, playing, time
// travel) is highlighted and kept in view; sentences after that point are not shown yet. Clicking a
// sentence selects its operation everywhere and moves the view to that point; selecting an operation
// elsewhere scrolls the story to its sentence.
#include <algorithm>
#include <string>
#include <vector>

#include "imgui.h"

#include "explain/explain.hpp"
#include "ui/controls.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"

namespace dp::ui {
namespace {

class StoryPanel final : public Panel {
public:
  const char* id() const override { return "story"; }
  const char* title() const override { return "Story"; }
  const char* help() const override {
    return "What the selected execution did, in plain words: one sentence per thing that happened (an "
           "invocation starting, an operation replayed or run, a checkpoint, a wait, a crash ...), with the "
           "time since the start, the invocation it happened in, and in grey why it happens that way.\n\n"
           "The highlighted sentence is where the execution stands at the point shown: step, play or move "
           "the time-travel bar and it follows; later sentences appear as the execution gets there. Click "
           "a sentence to select its operation in every panel and to show the execution as it was then. "
           "Selecting an operation elsewhere (timeline, operations, code) scrolls the story to it.";
  }

  void draw(PanelContext& ctx) override {
    Session& s = ctx.session;
    const engine::Execution* live = s.live_execution(ctx.selection.execution_id);
    if (live == nullptr) {
      empty_state("No execution selected",
                  "Start an execution from the Run panel and step it: each thing it does is told here in a "
                  "sentence, with why it happens.");
      m_sentences.clear();
      return;
    }
    rebuild(ctx, *live);
    if (!m_missing.empty()) {
      empty_state("No story for this execution", m_missing.c_str());
      return;
    }
    if (m_sentences.empty()) {
      empty_state("Nothing has happened yet", "Step the execution (Run panel): the story starts with it.");
      return;
    }
    // How far the story goes at the point shown, and its sentence.
    const std::vector<engine::TracePoint>& points = s.travel_points(live->arn);
    const size_t position = s.story_position(live->arn); // the Run panel shows the same sentence
    m_visible = 0;
    while (m_visible < m_sentences.size() && m_sentences[m_visible].trace_index <= position)
      ++m_visible;
    const size_t current = m_visible == 0 ? SIZE_MAX : m_visible - 1;
    if (current != m_current) {
      m_current = current;
      m_scroll_to = current;
    }
    // Selected elsewhere: the last sentence about that operation, up to the point shown.
    if (ctx.selection.operation_id != m_seen_selection) {
      m_seen_selection = ctx.selection.operation_id;
      if (!m_seen_selection.empty() && !m_clicked)
        for (size_t i = m_visible; i-- > 0;)
          if (m_sentences[i].operation_id && *m_sentences[i].operation_id == m_seen_selection) {
            m_scroll_to = i;
            break;
          }
      m_clicked = false;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    if (s.travelling() && m_visible < m_sentences.size())
      ImGui::TextWrapped("At the point shown: %zu more sentence%s after it (Right arrow to go on).",
                         m_sentences.size() - m_visible, m_sentences.size() - m_visible == 1 ? "" : "s");
    else
      ImGui::TextWrapped("%zu sentence%s%s", m_sentences.size(), m_sentences.size() == 1 ? "" : "s",
                         live->terminal() ? " · the execution is over" : "");
    ImGui::PopStyleColor();
    draw_rows(ctx, *live, points);
  }

  void test_state(Json& out) const override {
    Json story = Json::object();
    story["sentences"] = m_sentences.size();
    story["visible"] = m_visible;
    story["current"] = m_current == SIZE_MAX ? -1 : static_cast<long long>(m_current);
    const bool has_current = m_current < m_sentences.size();
    story["current_kind"] = has_current ? explain::to_string(m_sentences[m_current].kind) : "";
    story["current_text"] = has_current ? m_sentences[m_current].text : "";
    story["current_operation"] = has_current ? m_sentences[m_current].operation_name : "";
    story["scrolled_to"] = m_scrolled_to == SIZE_MAX ? -1 : static_cast<long long>(m_scrolled_to);
    story["scrolled_operation"] =
        m_scrolled_to < m_sentences.size() ? m_sentences[m_scrolled_to].operation_name : "";
    out["story"] = story;
  }

private:
  void rebuild(PanelContext& ctx, const engine::Execution& live) {
    Session& s = ctx.session;
    if (m_arn == live.arn && m_revision == s.engine_revision())
      return;
    if (m_arn != live.arn) {
      m_current = SIZE_MAX;
      m_scroll_to = SIZE_MAX;
    }
    m_arn = live.arn;
    m_revision = s.engine_revision();
    m_missing = explain::missing_story(s.trace(), live);
    m_sentences = m_missing.empty() ? s.story(live.arn) : std::vector<explain::Sentence>{};
    m_heights_width = -1.0f;
  }

  // Rows have different heights (wrapped text): measured once per width, then only the rows on screen
  // are drawn (a 1,000-operation story has thousands of sentences).
  void measure(float width, float wrap) {
    if (m_heights_width == width && m_heights.size() == m_sentences.size())
      return;
    m_heights_width = width;
    m_heights.clear();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    for (const explain::Sentence& sentence : m_sentences) {
      const float text = ImGui::CalcTextSize(sentence.text.c_str(), nullptr, false, wrap).y;
      const float why =
          sentence.why.empty() ? 0.0f : ImGui::CalcTextSize(sentence.why.c_str(), nullptr, false, wrap).y;
      m_heights.push_back(ImGui::GetTextLineHeight() + text + why + spacing * 3.0f);
    }
  }

  void draw_rows(PanelContext& ctx, const engine::Execution& live,
                 const std::vector<engine::TracePoint>& points) {
    if (!ImGui::BeginChild("##story", ImVec2(0, 0), false)) {
      ImGui::EndChild();
      return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad = ImGui::GetStyle().FramePadding.x;
    const float wrap = std::max(width - 3.0f * pad, ImGui::GetFontSize() * 8.0f);
    measure(width, wrap);
    if (m_scroll_to < m_visible) {
      float y = 0.0f;
      for (size_t i = 0; i < m_scroll_to; ++i)
        y += m_heights[i];
      const float top = ImGui::GetScrollY(), height = ImGui::GetWindowHeight();
      if (y < top || y + m_heights[m_scroll_to] > top + height)
        ImGui::SetScrollY(std::max(0.0f, y - height * 0.3f));
      m_scrolled_to = m_scroll_to;
      m_scroll_to = SIZE_MAX;
    }
    const float top = ImGui::GetScrollY(), bottom = top + ImGui::GetWindowHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec4 accent =
        ctx.theme == Theme::Dark ? ImVec4(1.0f, 0.76f, 0.28f, 1.0f) : ImVec4(0.62f, 0.38f, 0.0f, 1.0f);
    ImVec4 accent_bg = accent;
    accent_bg.w = 0.14f;
    float y = 0.0f;
    for (size_t i = 0; i < m_visible; ++i) {
      const float h = m_heights[i];
      if (y + h < top || y > bottom) {
        ImGui::Dummy(ImVec2(width, h));
        y += h;
        continue;
      }
      y += h;
      const explain::Sentence& sentence = m_sentences[i];
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const ImVec2 max(pos.x + width, pos.y + h);
      const bool current = i == m_current;
      const bool selected = sentence.operation_id && *sentence.operation_id == ctx.selection.operation_id &&
                            !ctx.selection.operation_id.empty();
      if (current)
        draw->AddRectFilled(pos, max, ImGui::GetColorU32(accent_bg));
      else if (selected)
        draw->AddRectFilled(pos, max, ImGui::GetColorU32(ImGuiCol_Header, 0.5f));
      ImGui::PushID(static_cast<int>(i));
      const bool clicked = ImGui::InvisibleButton("##sentence", ImVec2(width, h));
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      mark_control("story.row." + std::to_string(i));
      if (hovered && !current)
        draw->AddRectFilled(pos, max, ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.3f));
      if (current)
        draw->AddRectFilled(pos, ImVec2(pos.x + 3.0f * ctx.scale, max.y), ImGui::GetColorU32(accent));
      // Time and invocation, then the sentence, then why (muted).
      float ty = pos.y + ImGui::GetStyle().ItemSpacing.y;
      const float x = pos.x + 2.0f * pad;
      char head[96];
      const std::string offset = explain::offset_text(sentence.at_ms, live.start_ms);
      if (sentence.invocation > 0)
        std::snprintf(head, sizeof head, "%s · invocation %d", offset.c_str(), sentence.invocation);
      else
        std::snprintf(head, sizeof head, "%s · service", offset.c_str());
      draw->AddText(ImVec2(x, ty),
                    ImGui::GetColorU32(current ? accent : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]),
                    head);
      ty += ImGui::GetTextLineHeight();
      draw->AddText(nullptr, 0.0f, ImVec2(x, ty), ImGui::GetColorU32(ImGuiCol_Text), sentence.text.c_str(),
                    nullptr, wrap);
      ty += ImGui::CalcTextSize(sentence.text.c_str(), nullptr, false, wrap).y;
      if (!sentence.why.empty())
        draw->AddText(nullptr, 0.0f, ImVec2(x, ty), ImGui::GetColorU32(muted_text()), sentence.why.c_str(),
                      nullptr, wrap);
      if (clicked)
        select(ctx, sentence, points);
    }
    ImGui::EndChild();
  }

  // A click: the sentence's operation everywhere, and the execution as it was at the sentence's end.
  void select(PanelContext& ctx, const explain::Sentence& sentence,
              const std::vector<engine::TracePoint>& points) {
    if (sentence.operation_id) {
      ctx.selection.select_operation(*sentence.operation_id, sentence.operation_name);
      m_clicked = true; // this panel does not scroll to what it selected itself
    }
    // The last point at or before the sentence's last entry.
    auto it = std::upper_bound(points.begin(), points.end(), sentence.trace_last,
                               [](size_t entry, const engine::TracePoint& p) { return entry < p.entry; });
    if (it != points.begin())
      ctx.session.travel_to(sentence.execution_arn, static_cast<size_t>(it - points.begin()) - 1);
  }

  std::string m_arn;
  uint64_t m_revision = ~0ull;
  std::string m_missing;
  std::vector<explain::Sentence> m_sentences;
  std::vector<float> m_heights;
  float m_heights_width = -1.0f;
  size_t m_visible = 0;
  size_t m_current = SIZE_MAX;
  size_t m_scroll_to = SIZE_MAX;
  size_t m_scrolled_to = SIZE_MAX;
  std::string m_seen_selection;
  bool m_clicked = false;
};

} // namespace

std::unique_ptr<Panel> make_story_panel() {
  return std::make_unique<StoryPanel>();
}

} // namespace dp::ui
