// Fonts (embedded at build time from Debian's fonts-inter and fonts-jetbrains-mono) and the two themes.
#include "ui/theme.hpp"

#include <cstddef>
#include <cstring>

namespace dp::assets {
extern const unsigned char font_ui[];
extern const std::size_t font_ui_size;
extern const unsigned char font_code[];
extern const std::size_t font_code_size;
} // namespace dp::assets

namespace dp::ui {
namespace {

constexpr float kCodeFontSize = 14.0f;

ImFont* add_font(const unsigned char* data, std::size_t size, float pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false; // the bytes live in the wasm data segment
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // Latin-1, general punctuation (dashes, quotes, ellipsis, bullet), arrows and a few symbols we use.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x21FF, 0x2200,
                                   0x22FF, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};
  // ImGui takes a non-const pointer but does not write to it when it does not own the data.
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                                    pixels, &config, ranges);
}

} // namespace

Fonts build_fonts(float pixel_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  fonts.ui = add_font(assets::font_ui, assets::font_ui_size, kUiFontSize * pixel_scale);
  // Headings use the UI face one step larger (a second Inter weight would cost 260 KB of wasm).
  fonts.ui_bold = add_font(assets::font_ui, assets::font_ui_size, kUiFontSize * 1.12f * pixel_scale);
  fonts.code = add_font(assets::font_code, assets::font_code_size, kCodeFontSize * pixel_scale);
  io.FontDefault = fonts.ui;
  io.Fonts->Build();
  return fonts;
}

void apply_theme(Theme theme, float pixel_scale) {
  ImGuiStyle style;
  if (theme == Theme::Dark) {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.105f, 0.113f, 0.133f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.13f, 0.14f, 0.165f, 0.98f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.13f, 0.14f, 0.165f, 1.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.13f, 0.14f, 0.165f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.18f, 0.22f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.17f, 0.185f, 0.22f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.22f, 0.24f, 0.29f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.25f, 0.28f, 0.34f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.20f, 0.30f, 0.47f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.39f, 0.60f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.45f, 0.70f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.22f, 0.32f, 0.50f, 0.75f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.38f, 0.58f, 0.85f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.30f, 0.44f, 0.66f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.14f, 0.155f, 0.185f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.26f, 0.38f, 0.58f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.21f, 0.30f, 0.46f, 1.0f);
    c[ImGuiCol_TabUnfocusedActive] = ImVec4(0.19f, 0.25f, 0.35f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.26f, 0.28f, 0.33f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.26f, 0.28f, 0.33f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.15f, 0.165f, 0.20f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1.0f, 1.0f, 1.0f, 0.025f);
    c[ImGuiCol_Text] = ImVec4(0.88f, 0.90f, 0.93f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.55f, 0.58f, 0.64f, 1.0f);
  } else {
    ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.975f, 0.977f, 0.982f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.92f, 0.93f, 0.945f, 1.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.88f, 0.92f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.91f, 0.92f, 0.94f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.78f, 0.85f, 0.97f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.66f, 0.77f, 0.96f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.55f, 0.69f, 0.94f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.88f, 0.89f, 0.92f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.74f, 0.82f, 0.96f, 1.0f);
    c[ImGuiCol_TabUnfocusedActive] = ImVec4(0.80f, 0.85f, 0.94f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.03f);
    c[ImGuiCol_Text] = ImVec4(0.12f, 0.13f, 0.16f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.44f, 0.49f, 1.0f);
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.TabRounding = 4.0f;
  style.PopupRounding = 6.0f;
  style.GrabRounding = 3.0f;
  style.ScrollbarRounding = 6.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameBorderSize = 0.0f;
  style.WindowPadding = ImVec2(10.0f, 8.0f);
  style.FramePadding = ImVec2(7.0f, 4.0f);
  style.ItemSpacing = ImVec2(8.0f, 6.0f);
  style.CellPadding = ImVec2(6.0f, 3.0f);
  style.ScrollbarSize = 13.0f;
  style.DisabledAlpha = 0.42f; // disabled buttons must look unlike enabled ones on both themes
  style.ScaleAllSizes(pixel_scale);
  ImGui::GetStyle() = style;
}

StatusLook status_look(const char* status, Theme theme) {
  const bool dark = theme == Theme::Dark;
  auto is = [status](const char* s) { return std::strcmp(status, s) == 0; };
  if (is("SUCCEEDED"))
    return {dark ? IM_COL32(96, 200, 130, 255) : IM_COL32(20, 128, 60, 255), "\xE2\x9C\x93"};
  if (is("FAILED") || is("TIMED_OUT"))
    return {dark ? IM_COL32(240, 100, 100, 255) : IM_COL32(190, 30, 40, 255), "\xE2\x9C\x97"};
  if (is("STOPPED") || is("CANCELLED"))
    return {dark ? IM_COL32(200, 160, 90, 255) : IM_COL32(150, 100, 10, 255), "\xE2\x96\xA0"};
  if (is("PENDING") || is("READY"))
    return {dark ? IM_COL32(230, 190, 90, 255) : IM_COL32(160, 110, 0, 255), "\xE2\x86\xBB"};
  // STARTED, RUNNING
  return {dark ? IM_COL32(110, 160, 255, 255) : IM_COL32(30, 90, 200, 255), "\xE2\x96\xB6"};
}

TimelinePalette timeline_palette(Theme theme) {
  if (theme == Theme::Dark) {
    return {
        .executed = ImVec4(0.33f, 0.62f, 1.0f, 1.0f),
        .replayed = ImVec4(0.30f, 0.36f, 0.47f, 1.0f),
        .failed = ImVec4(0.93f, 0.33f, 0.33f, 1.0f),
        .wait = ImVec4(0.80f, 0.66f, 0.30f, 0.85f),
        .hibernation = ImVec4(0.45f, 0.45f, 0.52f, 0.35f),
        .callback = ImVec4(0.68f, 0.50f, 0.95f, 1.0f),
        .context = ImVec4(0.25f, 0.55f, 0.55f, 0.85f),
        .retry_marker = ImVec4(1.0f, 0.75f, 0.25f, 1.0f),
        .selection = ImVec4(1.0f, 1.0f, 1.0f, 1.0f),
        .crash = ImVec4(1.0f, 0.2f, 0.2f, 1.0f),
    };
  }
  return {
      .executed = ImVec4(0.16f, 0.45f, 0.90f, 1.0f),
      .replayed = ImVec4(0.70f, 0.75f, 0.83f, 1.0f),
      .failed = ImVec4(0.85f, 0.18f, 0.20f, 1.0f),
      .wait = ImVec4(0.88f, 0.68f, 0.20f, 0.85f),
      .hibernation = ImVec4(0.55f, 0.55f, 0.62f, 0.30f),
      .callback = ImVec4(0.55f, 0.35f, 0.85f, 1.0f),
      .context = ImVec4(0.20f, 0.55f, 0.55f, 0.80f),
      .retry_marker = ImVec4(0.85f, 0.50f, 0.0f, 1.0f),
      .selection = ImVec4(0.05f, 0.05f, 0.10f, 1.0f),
      .crash = ImVec4(0.85f, 0.05f, 0.05f, 1.0f),
  };
}

ImVec4 muted_text() {
  return ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
}

ImVec4 past_color(Theme theme) {
  return theme == Theme::Dark ? ImVec4(1.0f, 0.72f, 0.30f, 1.0f) : ImVec4(0.62f, 0.36f, 0.0f, 1.0f);
}

} // namespace dp::ui
