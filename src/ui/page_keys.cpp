// The page's single keys, routed once per frame (see page_keys.hpp).
#include "ui/page_keys.hpp"

#include "imgui_internal.h"
#include "platform/platform.hpp"

namespace dp::ui {
namespace {

struct RepeatingKey {
  ImGuiKey key;
  platform::RepeatingKey platform;
};
constexpr RepeatingKey kRepeatingKeys[] = {
    {ImGuiKey_LeftArrow, platform::RepeatingKey::Left}, {ImGuiKey_RightArrow, platform::RepeatingKey::Right},
    {ImGuiKey_PageUp, platform::RepeatingKey::PageUp},  {ImGuiKey_PageDown, platform::RepeatingKey::PageDown},
    {ImGuiKey_Home, platform::RepeatingKey::Home},      {ImGuiKey_End, platform::RepeatingKey::End},
};

// Whether this frame's keyboard navigation move came from `key` (a page move for PageUp/PageDown, a jump
// to the edge for Home/End, a sideways move for the arrows).
bool navigation_moved_by(const ImGuiContext& g, ImGuiKey key) {
  if (!g.NavMoveSubmitted)
    return false;
  switch (key) {
  case ImGuiKey_PageUp:
  case ImGuiKey_PageDown:
    return (g.NavMoveFlags & ImGuiNavMoveFlags_IsPageMove) != 0;
  case ImGuiKey_Home:
  case ImGuiKey_End:
    return (g.NavMoveFlags & ImGuiNavMoveFlags_ScrollToEdgeY) != 0;
  case ImGuiKey_LeftArrow:
    return g.NavMoveDir == ImGuiDir_Left;
  case ImGuiKey_RightArrow:
    return g.NavMoveDir == ImGuiDir_Right;
  default:
    return false;
  }
}

} // namespace

void PageKeys::frame() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiIO& io = ImGui::GetIO();
  const bool typing = io.WantTextInput;
  // A widget activated from the keyboard (a slider moved with the arrows) keeps them; one held with the
  // mouse does not.
  const bool keyboard_widget = g.ActiveId != 0 && (g.ActiveIdSource == ImGuiInputSource_Keyboard ||
                                                   g.ActiveIdSource == ImGuiInputSource_Gamepad);
  const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  m_available = !typing && !keyboard_widget && !popup && !io.KeyCtrl && !io.KeyAlt && !io.KeySuper;

  // Owned against keyboard navigation from the next frame on (this frame's navigation ran in NewFrame):
  // the page keys whenever no text field has them (menus and dialogs do not page), the arrows whenever
  // the keys are the page's (menus move sideways with them).
  const ImGuiID owner = ImGui::GetID("##page_keys");
  if (!typing)
    for (ImGuiKey key : {ImGuiKey_PageUp, ImGuiKey_PageDown, ImGuiKey_Home, ImGuiKey_End})
      ImGui::SetKeyOwner(key, owner);
  if (m_available)
    for (ImGuiKey key : {ImGuiKey_LeftArrow, ImGuiKey_RightArrow})
      ImGui::SetKeyOwner(key, owner);

  // Taken every frame: repeats that came while a text field had the keys are the field's.
  for (size_t i = 0; i < sizeof kRepeatingKeys / sizeof kRepeatingKeys[0]; ++i) {
    const int repeats = platform::take_key_repeats(kRepeatingKeys[i].platform);
    m_repeats[i] = m_available ? repeats : 0;
  }

  // A key pressed in the first frame after a menu closed or a mouse press ended was not owned yet, so
  // navigation moved too: the key is the page's, and that move (with the highlight it would turn on) is
  // cancelled.
  if (m_available)
    for (const RepeatingKey& k : kRepeatingKeys)
      if (pressed(k.key) && navigation_moved_by(g, k.key))
        ImGui::NavMoveRequestCancel();
}

int PageKeys::presses(ImGuiKey key) const {
  if (!m_available)
    return 0;
  int count = ImGui::IsKeyPressed(key, ImGuiKeyOwner_Any, ImGuiInputFlags_None) ? 1 : 0;
  for (size_t i = 0; i < sizeof kRepeatingKeys / sizeof kRepeatingKeys[0]; ++i)
    if (kRepeatingKeys[i].key == key)
      count += m_repeats[i];
  return count;
}

} // namespace dp::ui
