// The application shell: notices, layout, settings, test API (see app.hpp); the menu bar is menu_bar.cpp.
#include "ui/app.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "engine/aws_shapes.hpp"
#include "imgui_internal.h"
#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/flow.hpp"

namespace dp::ui {
namespace {

// The keys, for the notice strip: the longest wording that fits its one line. A presenter's clicker sends
// Page Down and Page Up (some send the arrows): with a demo script or a lesson open they step it.
std::string keys_hint(bool story_open, float width) {
  static const char* const kTimeTravel[] = {
      ("Keys: Page Down or Right: forward in time · Page Up or Left: back · Space: play or pause · R: new "
       "run · F: full screen"),
      "Page Down/Right: forward in time · Page Up/Left: back · Space: play or pause · R: new run",
      "Page Down: forward in time · Page Up: back · Space: play or pause",
      "Page Down: forward · Page Up: back · Space: play",
  };
  static const char* const kStory[] = {
      ("Keys: Page Down: next step · Page Up: previous step · Left/Right: time travel · Space: play or "
       "pause · F: full screen"),
      "Page Down: next step · Page Up: previous step · Left/Right: time travel · Space: play or pause",
      "Page Down: next step · Page Up: previous step · Space: play or pause",
      "Page Down: next step · Page Up: previous",
  };
  const char* const* hints = story_open ? kStory : kTimeTravel;
  for (size_t i = 0; i < 3; ++i)
    if (ImGui::CalcTextSize(hints[i]).x <= width)
      return hints[i];
  return hints[3];
}

} // namespace

App::App() = default;
App::~App() = default;

void App::init() {
  const std::string theme = platform::load_setting("theme");
  m_theme =
      theme == "light" || (theme.empty() && platform::prefers_light_scheme()) ? Theme::Light : Theme::Dark;
  const std::string scale = platform::load_setting("scale");
  if (!scale.empty()) {
    const float value = std::strtof(scale.c_str(), nullptr);
    if (value >= 0.5f && value <= 3.0f)
      m_ui_scale = value;
  }
  m_layout = Layout::load(platform::load_setting("layout"));
  m_panels = make_panels();
  std::vector<Panel*> panels;
  for (auto& p : m_panels)
    panels.push_back(p.get());
  m_presenter.load(panels);
  apply_url_settings();
  m_session.start(platform::default_document());
  // A lesson and a demo script are never open together: opening one closes the other.
  m_learn.init(
      m_session, m_selection, [this](const std::string& id) { m_layout.focus(id); },
      [this] {
        if (m_scripts.is_open())
          m_scripts.close();
      });
  m_scripts.init(
      m_session, m_selection, [this](const std::string& id) { m_layout.focus(id); },
      [this] {
        if (m_learn.lesson_open())
          m_learn.close();
      });
  if (platform::storage_state() == platform::StorageState::memory_only) {
    m_session.notify(Notice::Level::Warning,
                     "Storage is unavailable (" + platform::storage_error() +
                         "): the playground works in memory and forgets everything on reload. "
                         "Use File > Download to keep your workflow.");
  }
}

void App::rebuild_fonts_and_style(float pixel_scale) {
  m_pixel_scale = pixel_scale;
  m_fonts = build_fonts(pixel_scale);
  apply_style();
}

void App::apply_style() {
  apply_theme(m_theme, m_pixel_scale);
  m_presenter.apply_contrast(m_theme);
}

// A link may carry view settings ("?theme=light&scale=1.5", "#v1.…&theme=light&scale=1.50"); presenter
// mode reads its own (Presenter::load).
void App::apply_url_settings() {
  const std::string theme = platform::url_parameter("theme");
  if (theme == "light" || theme == "dark")
    m_theme = theme == "light" ? Theme::Light : Theme::Dark;
  const std::string scale = platform::url_parameter("scale");
  if (!scale.empty()) {
    const float value = std::strtof(scale.c_str(), nullptr);
    if (value >= 0.5f && value <= 3.0f)
      m_ui_scale = value;
  }
}

std::string App::share_parameters() const {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "theme=%s&scale=%.2f", m_theme == Theme::Light ? "light" : "dark",
                static_cast<double>(m_ui_scale));
  std::string parameters = buffer;
  if (m_presenter.enabled() && m_presenter.fits_screen()) {
    parameters += "&presenter=1&presenter_px=fit";
  } else if (m_presenter.enabled()) {
    std::snprintf(buffer, sizeof buffer, "&presenter=1&presenter_px=%.0f",
                  static_cast<double>(m_presenter.font_px()));
    parameters += buffer;
  }
  return parameters;
}

// A lesson or script link typed or pasted into the address while the page is open.
void App::take_story_link() {
  if (!platform::take_story_link_change())
    return;
  const platform::StoryLink link = platform::story_link();
  if (link.kind == "script")
    m_scripts.open_story_link(link);
  else if (link.kind == "lesson")
    m_learn.open_story_link(link);
}

void App::handle_story_keys() {
  switch (m_commands.step_key(m_keys)) {
  case Commands::StepKey::Next:
    if (m_scripts.is_open())
      m_scripts.next();
    else if (m_learn.lesson_open())
      m_learn.step_forward();
    break;
  case Commands::StepKey::Previous:
    if (m_scripts.is_open())
      m_scripts.previous();
    else if (m_learn.lesson_open())
      m_learn.step_back();
    break;
  case Commands::StepKey::None:
    break;
  }
  const int size_step = m_commands.text_size_key(m_keys);
  if (size_step != 0 && m_presenter.enabled() && !m_presenter.step_font(size_step))
    m_session.notify(Notice::Level::Info, size_step > 0 ? "The presenter text is at its largest size."
                                                        : "The presenter text is at its smallest size.");
}

void App::save_settings() {
  platform::save_setting("theme", m_theme == Theme::Light ? "light" : "dark");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", static_cast<double>(m_ui_scale));
  platform::save_setting("scale", buffer);
  platform::save_setting("layout", m_layout.save());
  m_presenter.save();
}

Panel* App::panel(std::string_view id) {
  for (auto& p : m_panels)
    if (id == p->id())
      return p.get();
  return nullptr;
}

bool App::wants_continuous_frames() const {
  return false;
}

void App::take_uploads() {
  platform::FetchedText fetched;
  while (platform::take_fetched_text(fetched)) {
    if (!fetched.ok) {
      m_session.notify(Notice::Level::Error, "Could not load " + fetched.url + ": " + fetched.text);
    } else if (const std::string before = m_session.document_text();
               m_session.set_document_text(fetched.text)) {
      offer_undo("Opened " + fetched.url + ": it replaced your workflow.", before);
      m_selection = Selection{};
    } else {
      m_session.notify(Notice::Level::Error,
                       fetched.url + " does not load: " + m_session.document_error()->text());
    }
  }
  platform::UploadedFile file;
  while (platform::take_uploaded_file(file)) {
    // A demo script is opened (or its error shown); a history becomes an imported execution (issue 13).
    if (Session::looks_like_sqlite(file.contents)) {
      take_sam_store(file);
      continue;
    }
    if (file.contents.find('\0') != std::string::npos) {
      // No text we read holds a NUL byte: a binary file, and its bytes would only garble the notice.
      m_session.notify(Notice::Level::Error, file.name +
                                                 " is not a workflow document, a history or a SAM local "
                                                 "store: it is a binary file.");
      continue;
    }
    // A history before a demo script: asking whether a file is a script parses all of it (a 100 MB history
    // took most of a second in one frame), a history is recognised by a text search.
    if (Session::looks_like_history(file.contents)) {
      start_history_import(file.name, std::move(file.contents));
      continue;
    }
    if (m_scripts.take_file(file.name, file.contents))
      continue;
    if (const std::string before = m_session.document_text(); m_session.set_document_text(file.contents)) {
      offer_undo("Opened " + file.name + ": it replaced your workflow.", before);
      m_selection = Selection{};
    } else {
      m_session.notify(Notice::Level::Error, file.name +
                                                 " is not a workflow document, a history or a SAM local "
                                                 "store: " +
                                                 m_session.document_error()->text());
    }
  }
}

void App::take_sam_store(const platform::UploadedFile& file) {
  auto executions = m_session.open_sam_store(file.name, file.contents);
  if (!executions.ok()) {
    m_session.notify(Notice::Level::Error,
                     "Could not import " + file.name + ": " + executions.error().text());
    return;
  }
  if (executions->empty()) {
    m_session.close_sam_store();
    m_session.notify(Notice::Level::Warning, file.name + " is a SAM local store with no executions in it.");
    return;
  }
  if (executions->size() == 1) {
    import_from_sam_store(executions->front().arn);
    return;
  }
  m_sam_choices = std::move(*executions);
  m_open_sam_picker = true;
}

void App::import_from_sam_store(const std::string& arn) {
  const std::string file_name = m_session.sam_store_name();
  auto imported = m_session.import_from_sam_store(arn);
  m_session.close_sam_store();
  m_sam_choices.clear();
  if (!imported.ok()) {
    m_session.notify(Notice::Level::Error,
                     "Could not import " + arn + " from " + file_name + ": " + imported.error().text());
    return;
  }
  m_selection = Selection{};
  m_selection.execution_id = *imported;
  m_session.notify(Notice::Level::Info, "Imported " + arn + " from " + file_name +
                                            ": it is in the Executions list, marked imported (no simulation "
                                            "stands behind it).");
}

// The dropped SAM store's executions, one Import button each.
void App::draw_sam_picker() {
  if (m_open_sam_picker) {
    ImGui::OpenPopup("Import from a SAM local store");
    m_open_sam_picker = false;
  }
  if (!ImGui::BeginPopupModal("Import from a SAM local store", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
    return;
  const std::string intro = m_session.sam_store_name() + " holds " + std::to_string(m_sam_choices.size()) +
                            " executions. Import which one?";
  ImGui::TextUnformatted(intro.c_str());
  std::string chosen;
  if (ImGui::BeginTable("sam_executions", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("Name");
    ImGui::TableSetupColumn("Status");
    ImGui::TableSetupColumn("Started");
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < m_sam_choices.size(); ++i) {
      const importer::SamExecution& x = m_sam_choices[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string name = x.execution_name.empty() ? x.arn : x.execution_name;
      ImGui::TextUnformatted(name.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\nfunction %s", x.arn.c_str(), x.function_name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(x.status.c_str());
      ImGui::TableNextColumn();
      const std::string started = x.start_ms ? engine::iso8601(*x.start_ms) : "-";
      ImGui::TextUnformatted(started.c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("Import"))
        chosen = x.arn;
      mark_control("sam.import." + std::to_string(i));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    m_session.close_sam_store();
    m_sam_choices.clear();
    ImGui::CloseCurrentPopup();
  }
  mark_control("sam.cancel");
  if (!chosen.empty()) {
    import_from_sam_store(chosen);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// Opening an example or a file replaces the document: one level of undo, offered in the notice until the
// next change to the document (then the replaced text is gone: File > Download keeps a copy).
void App::offer_undo(std::string text, std::string replaced) {
  if (replaced.empty() || replaced == m_session.document_text()) {
    m_session.notify(Notice::Level::Info, std::move(text));
    return;
  }
  Notice notice;
  notice.level = Notice::Level::Info;
  notice.text = std::move(text);
  notice.until = Notice::Until::DocumentChanges;
  notice.action = "Undo";
  notice.on_action = [this, replaced = std::move(replaced)] {
    if (m_session.set_document_text(replaced)) {
      m_selection = Selection{};
      m_session.notify(Notice::Level::Info, "Your workflow is back.");
    }
  };
  m_session.notify(std::move(notice));
}

void App::frame() {
  begin_controls_frame();
  take_uploads();
  take_paste();
  const double importing = platform::now_ms();
  advance_history_import();
  m_frame_parts["import"] = platform::now_ms() - importing;
  start_frame_budget(m_frame_parts["import"]);
  take_story_link();
  // Share links are built asynchronously (CompressionStream); warn once one turns out too long for chat apps.
  const std::string link = platform::last_share_link();
  if (link != m_share_link_seen) {
    m_share_link_seen = link;
    if (link.size() > 2000)
      m_session.notify(Notice::Level::Warning,
                       "The share link is " + std::to_string(link.size()) +
                           " characters: chat apps may cut links beyond about 2,000. "
                           "File > Download the workflow to share it as a file instead.");
  }
  // A sync that fails later (quota) turns storage off: say so once, the page carries on in memory.
  const platform::StorageState storage = platform::storage_state();
  if (storage != m_storage_seen) {
    if (m_storage_seen == platform::StorageState::ready && storage == platform::StorageState::memory_only)
      m_session.notify(Notice::Level::Warning,
                       "Saving stopped (" + platform::storage_error() +
                           "): changes from now on live in memory only. Use File > Download "
                           "to keep your workflow.");
    m_storage_seen = storage;
  }
  if (m_title_revision != m_session.document_revision()) {
    m_title_revision = m_session.document_revision();
    platform::set_title(
        (m_session.document().name.empty() ? std::string("untitled") : m_session.document().name) +
        " — Durable Playground");
  }
  draw_menu_bar();
  m_keys.frame(); // after the menu bar: a menu opened in this frame keeps the keys
  m_commands.frame(m_session, m_selection, m_keys);
  handle_story_keys();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float menu_height = ImGui::GetFrameHeight();
  ImVec2 origin(viewport->Pos.x, viewport->Pos.y + menu_height);
  ImVec2 size(viewport->Size.x, viewport->Size.y - menu_height);
  if (m_notice_strip) {
    const float strip = draw_notice_strip(origin, size.x);
    origin.y += strip;
    size.y -= strip;
  }

  // The lesson strip or the demo script's caption strip sits above the panels too.
  m_learn.update();
  PanelContext lesson_context{m_session, m_selection, m_fonts, m_theme, m_pixel_scale};
  const float lesson_strip =
      m_learn.draw_strip(lesson_context, origin, size.x, size.y * 0.5f) +
      m_scripts.draw_strip(lesson_context, origin, size.x, size.y * 0.5f, m_presenter.enabled());
  origin.y += lesson_strip;
  size.y -= lesson_strip;

  announce_run_state();

  std::vector<Panel*> panels;
  for (auto& p : m_panels)
    panels.push_back(p.get());
  // Presenter mode shows only the panels the open demo script or lesson uses.
  const std::vector<std::string>* story_panels = m_scripts.is_open() ? m_scripts.panels() : m_learn.panels();
  Layout& layout = m_presenter.enabled() ? m_presenter.layout_for(story_panels) : m_layout;
  PanelContext context{m_session,
                       m_selection,
                       m_fonts,
                       m_theme,
                       m_pixel_scale,
                       [&layout](const std::string& id) { layout.focus(id); },
                       m_presenter.enabled()};
  // The time-travel bar: a fixed strip along the bottom (it never moves the panels); its keys act before
  // the panels draw, so they show the new point in this frame.
  const float travel_h = TravelBar::height(size.x);
  size.y -= travel_h;
  m_travel_bar.handle_keys(context, m_keys, !m_scripts.is_open() && !m_learn.lesson_open());
  m_travel_bar.draw(context, ImVec2(origin.x, origin.y + size.y), ImVec2(size.x, travel_h));
  const double updating = platform::now_ms();
  for (auto& p : m_panels)
    p->update(context);
  m_frame_parts["updates"] = platform::now_ms() - updating;
  const bool arranged = draw_layout(layout, panels, context, origin, size);
  if (arranged && m_presenter.enabled())
    m_presenter.keep_fractions(layout);
  if (arranged && !ImGui::IsMouseDown(ImGuiMouseButton_Left))
    save_settings();
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left))
    save_settings(); // splitter drags end here

  m_commands.draw_modals(m_session, m_selection);
  m_scripts.draw_modals();
  draw_sam_picker();
  draw_paste_dialog();
  draw_import_progress();
  if (m_show_metrics)
    ImGui::ShowMetricsWindow(&m_show_metrics);
  if (m_show_debug_log)
    ImGui::ShowDebugLogWindow(&m_show_debug_log);
  if (m_show_about) {
    ImGui::OpenPopup("About Durable Playground");
    m_show_about = false;
  }
  if (ImGui::BeginPopupModal("About Durable Playground", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
    ImGui::TextUnformatted(
        "A simulator of AWS Lambda durable functions that runs entirely in this tab: edit a workflow, run it "
        "step by step, crash it anywhere, answer its callbacks, and watch each invocation replay from the "
        "top.");
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    ImGui::TextUnformatted("Simulation only: nothing is deployed and no AWS account is used. Where the "
                           "playground does something "
                           "Lambda does not (crash injection, the virtual clock), the panel says so.");
    ImGui::TextUnformatted(
        "The web build keeps your data in this browser (IndexedDB); download your workflow "
        "to keep it elsewhere. Screen readers cannot read the canvas.");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Close"))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// A plain-text line for screen readers whenever the open execution's state changes.
void App::announce_run_state() {
  const engine::Execution* e = m_session.execution(m_selection.execution_id);
  std::string text;
  if (e == nullptr) {
    text = "Workflow " + m_session.document().name + " loaded; no execution open.";
  } else {
    text = "Execution " + e->name + ": " + engine::to_string(e->status) + " after " +
           std::to_string(e->invocations.size()) + " invocation(s), " + std::to_string(e->op_order.size()) +
           " operation(s).";
    if (e->result)
      text += " Result: " + e->result->substr(0, 300);
    if (e->error)
      text += " Error: " + e->error->error_type.value_or("") + " " + e->error->error_message.value_or("");
  }
  if (text != m_announced) {
    m_announced = text;
    platform::announce(text);
  }
}

// The notice area: the newest notice in the menu bar, between the menus and the storage state, cut to
// the space there (hover shows it whole); "+N" opens the list of all of them. Nothing below the menu bar
// moves when a notice comes or goes.
void App::draw_notices(float right_x, bool strip) {
  m_notice_cut = false;
  m_session.expire_notices(platform::now_ms());
  auto& notices = m_session.notices();
  if (notices.empty())
    return;
  const ImGuiStyle& style = ImGui::GetStyle();
  auto color_of = [this](Notice::Level level) {
    ImVec4 color = level == Notice::Level::Error     ? ImVec4(0.95f, 0.40f, 0.40f, 1.0f)
                   : level == Notice::Level::Warning ? ImVec4(0.95f, 0.75f, 0.30f, 1.0f)
                                                     : ImVec4(0.45f, 0.70f, 1.0f, 1.0f);
    if (m_theme == Theme::Light)
      color = ImVec4(color.x * 0.7f, color.y * 0.6f, color.z * 0.7f, 1.0f);
    return color;
  };
  auto word_of = [](Notice::Level level) {
    return level == Notice::Level::Error ? "Error:" : level == Notice::Level::Warning ? "Warning:" : "Note:";
  };
  // Runs a notice's button after drawing: the callback may raise notices of its own.
  std::function<void()> act;
  size_t dismiss = notices.size();

  const size_t newest = notices.size() - 1;
  const Notice& notice = notices[newest];
  ImGui::PushID("notice");
  ImGui::PushStyleColor(ImGuiCol_Text, color_of(notice.level));
  ImGui::TextUnformatted(word_of(notice.level));
  ImGui::PopStyleColor();
  if (strip)
    ImGui::SameLine(); // the menu bar lays its items out in a row by itself
  // Width left for the text once the buttons after it are placed.
  char more_label[24];
  std::snprintf(more_label, sizeof more_label, "+%zu", notices.size() - 1);
  float buttons = ImGui::CalcTextSize("×").x + style.FramePadding.x * 2.0f + style.ItemSpacing.x * 2.0f;
  if (!notice.action.empty())
    buttons +=
        ImGui::CalcTextSize(notice.action.c_str()).x + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
  if (notices.size() > 1)
    buttons += ImGui::CalcTextSize(more_label).x + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
  const float text_w =
      std::max(right_x - ImGui::GetCursorScreenPos().x - buttons, ImGui::GetFontSize() * 4.0f);
  const float full_w = ImGui::CalcTextSize(notice.text.c_str()).x;
  if (strip) {
    m_notice_cut = text_in_lines(notice.text.c_str(), 1, text_w);
    mark_control("notice.text");
  } else {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = std::min(full_w, text_w);
    const float baseline = ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset; // as the menus' labels
    ImGui::InvisibleButton("text", ImVec2(w, ImGui::GetTextLineHeight()));
    mark_control("notice.text");
    pos.y += baseline;
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos,
                              ImVec2(pos.x + w, pos.y + ImGui::GetFontSize()), pos.x + w, pos.x + w,
                              notice.text.c_str(), nullptr, nullptr);
    m_notice_cut = full_w > w;
  }
  if (ImGui::IsItemHovered() && m_notice_cut) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
    ImGui::TextUnformatted(notice.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  if (!notice.action.empty()) {
    if (strip)
      ImGui::SameLine();
    if (ImGui::SmallButton(notice.action.c_str())) {
      act = notice.on_action;
      dismiss = newest;
    }
    mark_control("notice.action");
  }
  if (notices.size() > 1) {
    if (strip)
      ImGui::SameLine();
    if (ImGui::SmallButton(more_label))
      ImGui::OpenPopup("all_notices");
    mark_control("notice.more");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("All notices");
  }
  if (strip)
    ImGui::SameLine();
  if (ImGui::SmallButton("×"))
    dismiss = newest;
  mark_control("notice.dismiss");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Dismiss");
  if (ImGui::BeginPopup("all_notices")) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
    for (size_t i = notices.size(); i-- > 0;) {
      const Notice& n = notices[i];
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton("Dismiss"))
        dismiss = i;
      mark_control("notice.dismiss." + std::to_string(i));
      if (!n.action.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton(n.action.c_str())) {
          act = n.on_action;
          dismiss = i;
        }
        mark_control("notice.action." + std::to_string(i));
      }
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, color_of(n.level));
      ImGui::TextUnformatted(word_of(n.level));
      ImGui::PopStyleColor();
      ImGui::SameLine();
      ImGui::TextWrapped("%s", n.text.c_str());
      ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndPopup();
  }
  ImGui::PopID();
  if (dismiss < notices.size())
    notices.erase(notices.begin() + static_cast<long>(dismiss));
  if (act)
    act();
}

float App::draw_notice_strip(ImVec2 origin, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // One line: the strip is there all the time, and the page at 200% or in presenter mode is short.
  const ImVec2 padding(style.WindowPadding.x, style.WindowPadding.y * 0.5f); // thin: it is always there
  const float height = ImGui::GetTextLineHeight() + padding.y * 2.0f;
  ImGui::SetNextWindowPos(origin);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, style.Colors[ImGuiCol_MenuBarBg]);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
  ImGui::Begin("##notice_strip", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  m_keys_hint.clear();
  if (m_session.notices().empty()) {
    // No notice: the keys, for a presenter with a clicker or a learner who would rather not aim.
    m_keys_hint = keys_hint(m_scripts.is_open() || m_learn.lesson_open(), ImGui::GetContentRegionAvail().x);
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
    m_keys_hint_cut = text_in_lines(m_keys_hint.c_str(), 1);
    ImGui::PopStyleColor();
  }
  draw_notices(origin.x + width - style.WindowPadding.x, true);
  ImGui::End();
  return height;
}

Json App::invocations_json() const {
  Json invocations = Json::array();
  const engine::Execution* selected = m_session.live_execution(m_selection.execution_id);
  for (const engine::TraceEvent& t : m_session.trace()) {
    if (t.execution_arn != m_selection.execution_id)
      continue;
    if (t.kind == engine::TraceKind::InvocationStarted) {
      Json inv = Json::object();
      inv["executed"] = Json::array();
      inv["replayed"] = Json::array();
      inv["crashed"] = false;
      inv["ended"] = false;
      inv["body_ran"] = Json::array();
      invocations.push_back(inv);
    }
    if (!invocations.empty() && t.kind == engine::TraceKind::InvocationEnded)
      invocations.back()["ended"] = true;
    if (invocations.empty() || t.invocation == 0)
      continue;
    Json& inv = invocations.back();
    if (t.kind == engine::TraceKind::OperationExecuted)
      inv["executed"].push_back(t.name);
    if (t.kind == engine::TraceKind::OperationReplayed && selected)
      for (const engine::ReplayedOperation& op : engine::replayed_operations(t, *selected))
        inv["replayed"].push_back(std::string(op.name));
    if (t.kind == engine::TraceKind::StepBodyRan)
      inv["body_ran"].push_back(t.name);
    if (t.kind == engine::TraceKind::Crash)
      inv["crashed"] = true;
  }
  return invocations;
}

std::string App::state_json() const {
  Json state = Json::object();
  state["document"] = Json::object();
  state["document"]["name"] = m_session.document().name;
  state["document"]["revision"] = m_session.document_revision();
  state["document"]["statements"] = m_session.document().handler.size();
  state["document"]["error"] = m_session.document_error() ? m_session.document_error()->text() : "";
  state["document"]["text"] = m_session.document_text();
  Json notices = Json::array();
  for (const Notice& n : m_session.notices())
    notices.push_back(n.text);
  state["notices"] = notices;
  if (m_session.importing()) {
    const Session::ImportProgress progress = m_session.import_progress();
    state["import"] = Json{{"file", progress.file}, {"text", progress.text}, {"fraction", progress.fraction}};
  }
  state["paste_text_bytes"] = m_paste_text.size();
  state["selection"] = Json::object();
  state["selection"]["execution"] = m_selection.execution_id;
  state["selection"]["operation"] = m_selection.operation_id;
  state["selection"]["operation_name"] = m_selection.operation_name;
  state["selection"]["invocation"] = m_selection.invocation;
  state["theme"] = m_theme == Theme::Dark ? "dark" : "light";
  state["ui_scale"] = m_ui_scale;
  state["notice_strip"] = m_notice_strip;
  state["notice_cut"] = m_notice_cut;
  state["keys_hint"] = m_keys_hint;
  state["keys_hint_cut"] = m_keys_hint_cut;
  // The body text's height in CSS pixels (the font is rasterised at devicePixelRatio x UI scale).
  state["body_font_px"] = m_fonts.ui != nullptr && m_pixel_scale > 0.0f
                              ? m_fonts.ui->FontSize * ui_scale() / m_pixel_scale
                              : 0.0f;
  m_presenter.test_state(state);
  m_commands.test_state(state);
  state["layout"] = m_layout.save();
  state["storage"] = platform::storage_state() == platform::StorageState::ready ? "ready" : "memory_only";
  state["syncs"] = platform::completed_syncs();
  state["share_link"] = platform::last_share_link();
  state["clock_ms"] = m_session.clock_ms();
  state["revision"] = m_session.revision();
  // Keys, characters and mouse buttons ImGui has not taken yet (it takes fast input over several frames):
  // tests wait for 0 before checking what was typed or clicking again. Mouse moves are left out: the
  // GLFW backend queues the pointer's position itself on some frames.
  int pending = 0;
  for (const ImGuiInputEvent& event : ImGui::GetCurrentContext()->InputEventsQueue)
    pending += event.Type == ImGuiInputEventType_Key || event.Type == ImGuiInputEventType_Text ||
               event.Type == ImGuiInputEventType_MouseButton;
  state["input_pending"] = pending;

  Json executions = Json::array();
  for (const engine::Execution* e : m_session.executions()) {
    Json item = Json::object();
    item["arn"] = e->arn;
    item["name"] = e->name;
    item["status"] = engine::to_string(e->status);
    item["result"] = e->result ? *e->result : "";
    item["error"] =
        e->error ? e->error->error_type.value_or("") + ": " + e->error->error_message.value_or("") : "";
    item["invocations"] = e->invocations.size();
    item["operations"] = e->op_order.size();
    item["events"] = e->events.size();
    item["imported_from"] = e->imported_from;
    executions.push_back(item);
  }
  state["executions"] = executions;

  // The selected execution's invocations as the trace saw them: which operations ran, which replayed.
  InvocationsCache& cache = m_invocations_cache;
  if (cache.revision != m_session.revision() || cache.execution != m_selection.execution_id) {
    cache.revision = m_session.revision();
    cache.execution = m_selection.execution_id;
    cache.invocations = invocations_json();
  }
  state["invocations"] = cache.invocations;
  Json callbacks = Json::array();
  for (const engine::PendingCallback& c : m_session.pending_callbacks(m_selection.execution_id))
    callbacks.push_back(c.name);
  state["pending_callbacks"] = callbacks;
  state["faults"] = m_session.document().simulation.faults.size();
  for (const auto& p : m_panels)
    p->test_state(state);
  PanelContext context{const_cast<Session&>(m_session), const_cast<Selection&>(m_selection), m_fonts, m_theme,
                       m_pixel_scale};
  m_travel_bar.test_state(context, state);
  m_learn.test_state(state);
  m_scripts.test_state(state);
  state["frame_ms"] = Json::object();
  for (const auto& [part, ms] : m_frame_parts)
    state["frame_ms"][part] = ms;
  state["import_ms"] = m_session.import_finish_times();
  state["panel_ms"] = Json::object();
  for (const auto& [id, ms] : panel_times())
    state["panel_ms"][id] = ms;
  // A notice may quote a dropped file's bytes or a cut multi-byte character: json_text replaces them.
  return json_text(state);
}

std::string App::control_rect_json(std::string_view name, float device_pixel_ratio) const {
  const auto& controls = drawn_controls();
  auto it = controls.find(name);
  if (it == controls.end())
    return "null";
  Json rect = Json::object();
  rect["x"] = it->second.min.x / device_pixel_ratio;
  rect["y"] = it->second.min.y / device_pixel_ratio;
  rect["w"] = (it->second.max.x - it->second.min.x) / device_pixel_ratio;
  rect["h"] = (it->second.max.y - it->second.min.y) / device_pixel_ratio;
  return json_text(rect);
}

std::string App::load_document_for_test(const std::string& text) {
  if (!m_session.set_document_text(text))
    return m_session.document_error()->text();
  m_selection = Selection{};
  return "";
}

std::string App::control_names_json() const {
  Json names = Json::array();
  for (const auto& [name, rect] : drawn_controls())
    names.push_back(name);
  return json_text(names);
}

} // namespace dp::ui
