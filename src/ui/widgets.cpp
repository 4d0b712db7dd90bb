// Small widgets every panel uses (declared in panel.hpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/runtime/serdes.hpp"
#include "imgui_internal.h"
#include "platform/platform.hpp"
#include "ui/flow.hpp"
#include "ui/panel.hpp"

namespace dp::ui {

void empty_state(const char* title, const char* text) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = avail.x * 0.8f;
  const float indent = (avail.x - width) * 0.5f;
  ImGui::Dummy(ImVec2(0.0f, avail.y > 200.0f ? avail.y * 0.25f : ImGui::GetStyle().ItemSpacing.y));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(title);
  ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void help_marker(const char* text) {
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
    wrapped_tooltip(text);
}

void wrapped_tooltip(const char* text) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void code_text(const Fonts& fonts, const char* text) {
  ImGui::PushFont(fonts.code);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

namespace {

// Python's envelope: an object of exactly "t" (a tag) and "v"; its text starts with {"t": (compact JSON).
bool looks_like_envelope(const std::string& text) {
  return text.size() > 12 && text.compare(0, 5, "{\"t\":") == 0;
}

Json decode_value(const Json& value, int depth) {
  if (depth > 32)
    return value;
  if (value.is_string()) {
    const std::string& text = *value.get_ptr<const std::string*>();
    if (looks_like_envelope(text)) {
      Result<Json> decoded = engine::runtime::deserialize_result(workflow::Flavor::Python, text);
      if (decoded.ok())
        return *decoded;
    }
    return value;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
      out[it.key()] = decode_value(it.value(), depth + 1);
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value)
      out.push_back(decode_value(item, depth + 1));
    return out;
  }
  return value;
}

} // namespace

std::string decoded_payload(const std::string& stored) {
  if (!looks_like_envelope(stored))
    return {};
  Result<Json> decoded = engine::runtime::deserialize_result(workflow::Flavor::Python, stored);
  return decoded.ok() ? decoded->dump() : std::string();
}

Json decode_payloads(const Json& record) {
  return decode_value(record, 0);
}

double frame_slice_ms() {
  static const double ms = [] {
    const std::string text = platform::url_parameter("slice_ms");
    const double value = text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr);
    return value >= 5.0 && value <= 200.0 ? value : kFrameSliceMs;
  }();
  return ms;
}

namespace {
double g_frame_spent_ms = 0.0;
int g_overdue_frame = -1; // the frame in which a rebuild that waited its longest went ahead
} // namespace

void start_frame_budget(double spent_ms) {
  g_frame_spent_ms = spent_ms;
}

void spend_frame_budget(double ms) {
  g_frame_spent_ms += ms;
}

bool frame_budget_left() {
  return g_frame_spent_ms < frame_slice_ms();
}

bool RebuildPacer::due(bool now) {
  const double t = platform::now_ms();
  if (!now && t - m_started_ms < std::max(kMinIntervalMs, kCostFactor * m_cost_ms)) {
    platform::request_frames(2);
    return false;
  }
  const int frame = ImGui::GetFrameCount();
  if (!frame_budget_left()) {
    if (m_waiting_since_frame < 0)
      m_waiting_since_frame = frame;
    // Waited its longest: it goes ahead, but one such rebuild per frame, or they would all meet again.
    if (frame - m_waiting_since_frame < kMaxWaitFrames || g_overdue_frame == frame) {
      platform::request_frames(2);
      return false;
    }
    g_overdue_frame = frame;
  }
  m_waiting_since_frame = -1;
  m_started_ms = t;
  return true;
}

void RebuildPacer::built() {
  m_cost_ms = platform::now_ms() - m_started_ms;
  spend_frame_budget(m_cost_ms);
}

std::string format_duration_ms(long long ms) {
  char buffer[64];
  if (ms < 0)
    return "—";
  if (ms < 1000) {
    std::snprintf(buffer, sizeof buffer, "%lld ms", ms);
  } else if (ms < 60'000) {
    std::snprintf(buffer, sizeof buffer, "%lld.%03lld s", ms / 1000, ms % 1000);
  } else {
    const long long s = ms / 1000;
    const long long days = s / 86400;
    if (days > 0)
      std::snprintf(buffer, sizeof buffer, "%lldd %02lld:%02lld:%02lld", days, (s / 3600) % 24, (s / 60) % 60,
                    s % 60);
    else
      std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  }
  return buffer;
}

std::string format_clock_ms(long long epoch_ms) {
  char buffer[64];
  const long long ms = epoch_ms % 1000;
  const long long s = epoch_ms / 1000;
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld.%03lld", (s / 3600) % 24, (s / 60) % 60, s % 60,
                ms);
  return buffer;
}

void same_line_if_fits(float next_width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_width <= right)
    ImGui::SameLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

bool text_in_lines(const char* text, int lines, float width) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  if (width <= 0.0f)
    width = ImGui::GetContentRegionAvail().x;
  const float line_h = ImGui::GetTextLineHeight();
  ImGui::Dummy(ImVec2(width, line_h * static_cast<float>(lines)));
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  const char* end = text + std::char_traits<char>::length(text);
  const char* line = text;
  for (int i = 0; i < lines && line < end; ++i) {
    const ImVec2 at(pos.x, pos.y + line_h * static_cast<float>(i));
    if (i == lines - 1) { // the last line takes the rest, cut with "…" when it does not fit
      ImGui::RenderTextEllipsis(draw, at, ImVec2(at.x + width, at.y + line_h), at.x + width, at.x + width,
                                line, end, nullptr);
      return ImGui::CalcTextSize(line, end).x > width;
    }
    const char* wrap = font->CalcWordWrapPositionA(scale, line, end, width);
    while (wrap == line || (wrap < end && (static_cast<unsigned char>(*wrap) & 0xC0) == 0x80))
      ++wrap; // at least one whole UTF-8 character per line, or a narrow box would loop
    draw->AddText(at, color, line, wrap);
    line = wrap;
    while (line < end && (*line == ' ' || *line == '\n'))
      ++line;
  }
  return false;
}

} // namespace dp::ui
