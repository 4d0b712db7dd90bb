// The application: owns the session, the shared selection, the panels and their layout, the theme and
// the UI scale; draws the menu bar and the notices; answers the test API. src/platform/main.cpp drives it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/platform.hpp"
#include "ui/commands.hpp"
#include "ui/layout.hpp"
#include "ui/learn.hpp"
#include "ui/page_keys.hpp"
#include "ui/panel.hpp"
#include "ui/presenter.hpp"
#include "ui/script_player.hpp"
#include "ui/selection.hpp"
#include "ui/session.hpp"
#include "ui/theme.hpp"
#include "ui/travel_bar.hpp"

namespace dp::ui {

class App {
public:
  App();
  ~App();

  void init();
  // Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
  void frame();
  // True while something animates (a run playing): the page then draws every frame.
  bool wants_continuous_frames() const;
  // The user's UI scale (1 = 100%); the platform multiplies it by devicePixelRatio.
  // In presenter mode, the scale that gives its text size.
  float ui_scale() const { return m_presenter.ui_scale(m_ui_scale); }
  // The page's size in CSS pixels, told before each frame (presenter mode fits its text to it).
  void set_screen_size(float width, float height) { m_presenter.set_screen_size(width, height); }
  void rebuild_fonts_and_style(float pixel_scale);

  // Test API (see src/platform/main.cpp).
  std::string state_json() const;
  std::string control_rect_json(std::string_view name, float device_pixel_ratio) const;
  std::string control_names_json() const;
  std::string load_document_for_test(const std::string& text);

private:
  void draw_menu_bar();
  // The newest notice and its buttons up to right_x (screen): on the menu bar's line, or in the strip under
  // it (`strip`: one line the width of the page) when the menu bar has too little room to show notices whole.
  void draw_notices(float right_x, bool strip);
  float draw_notice_strip(ImVec2 origin, float width); // its height
  void announce_run_state();
  void take_uploads();
  // A dropped SAM local store: import its one execution, or list them in a dialog to choose from.
  void take_sam_store(const platform::UploadedFile& file);
  // A dropped or pasted history is imported across frames (import_dialogs.cpp): its progress dialog with
  // Cancel, and the paste dialog.
  void start_history_import(const std::string& name, std::string text);
  void advance_history_import();
  void draw_import_progress();
  void take_paste();
  void draw_paste_dialog();
  void import_from_sam_store(const std::string& arn);
  void draw_sam_picker();
  void offer_undo(std::string text, std::string replaced);
  void save_settings();
  void apply_style();
  void apply_url_settings();
  // N/P (PageDown/PageUp) for the open demo script or lesson, +/- for presenter mode's text size.
  void handle_story_keys();
  void take_story_link();
  std::string share_parameters() const;
  Panel* panel(std::string_view id);
  Json invocations_json() const;

  Session m_session;
  Selection m_selection;
  Layout m_layout;
  TravelBar m_travel_bar;
  Learn m_learn;          // lessons: the Learn menu and the lesson strip
  ScriptPlayer m_scripts; // demo scripts: Learn > Demo scripts and the caption strip
  Presenter m_presenter;
  PageKeys m_keys;
  Commands m_commands;
  std::vector<std::unique_ptr<Panel>> m_panels;
  Fonts m_fonts;
  Theme m_theme = Theme::Dark;
  float m_ui_scale = 1.0f;
  float m_pixel_scale = 1.0f;
  uint64_t m_title_revision = ~0ull;
  platform::StorageState m_storage_seen = platform::StorageState::loading;
  std::string m_announced; // the last sentence given to the aria-live region
  // Time spent by parts of the last frame, in ms (test state "frame_ms"; the panels' is "panel_ms").
  std::map<std::string, double> m_frame_parts;
  std::string m_share_link_seen;
  bool m_show_about = false;
  bool m_notice_strip = false; // the menu bar is too narrow for notices: they go in a strip under it
  bool m_notice_cut = false;   // the notice shown did not fit its place (test API)
  std::string m_keys_hint;     // the keys the empty notice strip lists ("" when a notice shows there)
  bool m_keys_hint_cut = false;
  std::vector<importer::SamExecution> m_sam_choices; // the dropped SAM store's executions, while it is open
  bool m_open_sam_picker = false;
  // The paste dialog: its text is kept until an import of it succeeds (a failed one loses nothing).
  bool m_open_paste = false;
  std::string m_paste_text;
  std::string m_paste_note;       // why the clipboard could not be read, or what was wrong with the text
  std::string m_importing_name;   // the history being imported ("pasted history" for a paste)
  bool m_importing_paste = false; // it came from the paste dialog
  bool m_open_import_progress = false;
  bool m_show_metrics = false;
  bool m_show_debug_log = false;
  // state_json()'s per-invocation lists (every replayed name: ~18,000 for the 10,000-step run), kept until
  // the engine or the selected execution changes: e2e tests poll the state several times a second.
  struct InvocationsCache {
    uint64_t revision = ~0ull;
    std::string execution;
    Json invocations;
  };
  mutable InvocationsCache m_invocations_cache;
};

// The panel registry: every panel of the page, in one readable list (panels.cpp).
std::vector<std::unique_ptr<Panel>> make_panels();

} // namespace dp::ui
