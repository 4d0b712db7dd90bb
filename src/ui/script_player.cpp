// Demo scripts in the page: loading, opening (with the confirmation), stepping forward and back, the link
// and the saved script (see script_player.hpp).
#include "ui/script_player.hpp"

#include "imgui.h"
#include "platform/platform.hpp"
#include "ui/controls.hpp"
#include "ui/data_files.hpp"

namespace dp::ui {
namespace {

// The script whose executions the session holds (localStorage): a reload of its link replays it without
// asking, since the executions it forgets are the script's own.
constexpr const char* kOwnerSetting = "script.open";
// The demo script the user opened last from a file, {"name": FILE, "text": TEXT}; in /data (IndexedDB).
constexpr const char* kUserScriptFile = "/data/user-script.json";

// A demo script rather than a workflow document: an object with "steps" and no "handler".
bool looks_like_script(const std::string& text) {
  Result<Json> json = parse_json(text);
  return json.ok() && json->is_object() && json->contains("steps") && !json->contains("handler");
}

} // namespace

void ScriptPlayer::init(Session& session, Selection& selection,
                        std::function<void(const std::string&)> focus_panel, std::function<void()> on_open) {
  m_session = &session;
  m_selection = &selection;
  m_focus_panel = std::move(focus_panel);
  m_on_open = std::move(on_open);
  m_playground.emplace(session, selection, m_first_execution, m_focus_panel);

  // A script file that does not load is left out and named; the others stay usable.
  lessons::Listed<lessons::Script> loaded = lessons::load_scripts(embedded_lesson_reader());
  m_scripts = std::move(loaded.items);
  for (const Error& error : loaded.errors) {
    m_load_error = error.text();
    session.notify(Notice::Level::Error, "A demo script file does not load: " + m_load_error);
  }

  m_builtin_count = m_scripts.size();
  // The user's own script from an earlier visit.
  if (const std::string saved = read_data_file(kUserScriptFile); !saved.empty()) {
    Result<Json> json = parse_json(saved);
    if (json.ok() && json->is_object() && json->contains("name") && json->contains("text") &&
        (*json)["name"].is_string() && (*json)["text"].is_string()) {
      Result<lessons::Script> script =
          parse_user_script((*json)["name"].get<std::string>(), (*json)["text"].get<std::string>());
      if (script.ok())
        add_user_script(std::move(script.value()));
      else
        session.notify(Notice::Level::Warning, "Your demo script no longer loads: " + script.error().text());
    }
  }

  const platform::StoryLink link = platform::story_link();
  if (link.kind != "script") {
    platform::save_setting(kOwnerSetting, "");
    return;
  }
  open_story_link(link);
}

void ScriptPlayer::open_story_link(const platform::StoryLink& link) {
  for (size_t i = 0; i < m_scripts.size(); ++i) {
    if (m_scripts[i].id != link.id)
      continue;
    const LinkStep step = parse_link_step(link.step, m_scripts[i].steps.size());
    if (!step.problem.empty())
      m_session->notify(Notice::Level::Warning, "Demo script \"" + link.id + "\": " + step.problem + ".");
    if (platform::load_setting(kOwnerSetting) == link.id)
      open_now(i, step.step); // the executions are the script's own
    else
      request_open(i, step.step);
    return;
  }
  m_session->notify(Notice::Level::Warning,
                    "There is no demo script \"" + link.id + "\": pick one in Learn > Demo scripts.");
  platform::set_story_link("", "", 0);
}

Result<lessons::Script> ScriptPlayer::parse_user_script(const std::string& name,
                                                        const std::string& text) const {
  Result<lessons::Script> script = lessons::parse_script(name, text, embedded_lesson_reader());
  if (!script.ok())
    return script.error();
  for (size_t i = 0; i < m_builtin_count; ++i)
    if (m_scripts[i].id == script->id)
      return Error{name + ": $.id",
                   "'" + script->id + "' is the id of a demo script of the page: give yours another one"};
  return script;
}

size_t ScriptPlayer::add_user_script(lessons::Script script) {
  // The open script's run points into the list that changes.
  if (m_open)
    close();
  // One script of the user's at a time: a new one replaces it.
  m_scripts.resize(m_builtin_count);
  m_scripts.push_back(std::move(script));
  return m_scripts.size() - 1;
}

bool ScriptPlayer::take_file(const std::string& name, const std::string& text) {
  if (!looks_like_script(text))
    return false;
  // Checked before anything changes: a file that does not load leaves the page as it was.
  Result<lessons::Script> script = parse_user_script(name, text);
  if (!script.ok()) {
    m_session->notify(Notice::Level::Error, "The demo script does not load: " + script.error().text());
    return true;
  }
  const size_t added = add_user_script(std::move(script.value()));
  Json saved = Json::object();
  saved["name"] = name;
  saved["text"] = text;
  if (write_data_file(kUserScriptFile, json_text(saved)))
    platform::request_sync();
  m_session->notify(Notice::Level::Info, "Demo script \"" + m_scripts[added].title + "\" loaded from " +
                                             name + " (kept in this browser).");
  request_open(added, 0);
  return true;
}

void ScriptPlayer::request_open(size_t index, size_t step) {
  if (index >= m_scripts.size())
    return;
  if (!m_session->executions().empty() && m_open != index) {
    m_confirm = Pending{index, step};
    m_confirm_popup = true;
    platform::request_frames(2);
    return;
  }
  open_now(index, step);
}

void ScriptPlayer::open_now(size_t index, size_t step) {
  m_open = index;
  m_run.emplace(m_scripts[index]);
  if (m_on_open)
    m_on_open();
  // Select the script's panels, the first listed last so that it wins where two share a region.
  if (m_focus_panel)
    for (auto it = m_scripts[index].panels.rbegin(); it != m_scripts[index].panels.rend(); ++it)
      m_focus_panel(*it);
  platform::save_setting(kOwnerSetting, m_scripts[index].id);
  go_to(step);
}

void ScriptPlayer::go_to(size_t step) {
  m_step_error.clear();
  Status status = m_run->go_to(step, *m_playground);
  if (!status.ok()) {
    m_step_error = status.error().text();
    m_session->notify(Notice::Level::Error, "Demo script: " + m_step_error);
  }
  after_move();
}

void ScriptPlayer::next() {
  if (!m_run)
    return;
  if (m_run->done()) {
    m_session->notify(Notice::Level::Info, "That was the script's last step (P goes back).");
    return;
  }
  m_step_error.clear();
  Status status = m_run->next(*m_playground);
  if (!status.ok()) {
    m_step_error = status.error().text();
    m_session->notify(Notice::Level::Error, "Demo script: " + m_step_error);
  }
  after_move();
}

void ScriptPlayer::previous() {
  if (!m_run)
    return;
  if (m_run->position() == 0) {
    m_session->notify(Notice::Level::Info, "This is the script's start (N plays its first step).");
    return;
  }
  go_to(m_run->position() - 1);
}

void ScriptPlayer::close() {
  m_open.reset();
  m_run.reset();
  m_step_error.clear();
  m_expect_missing.clear();
  platform::save_setting(kOwnerSetting, "");
  platform::set_story_link("", "", 0);
}

void ScriptPlayer::after_move() {
  const lessons::Script& script = m_scripts[*m_open];
  platform::set_story_link("script", script.id, m_run->position());
  m_expect_missing.clear();
  const size_t position = m_run->position();
  if (position > 0 && m_step_error.empty()) {
    const lessons::ScriptStep& step = script.steps[position - 1];
    if (step.expect) {
      const lessons::Report report = lessons::evaluate(*step.expect, m_playground->subject());
      if (!report.passed)
        m_expect_missing = report.missing();
    }
  }
  platform::request_frames(2);
}

void ScriptPlayer::draw_menu() {
  // Marked after EndMenu, where the last item is the submenu's own entry.
  if (!ImGui::BeginMenu("Demo scripts")) {
    mark_control("menu.learn.scripts");
    return;
  }
  if (m_scripts.empty())
    ImGui::TextDisabled("No demo scripts loaded.");
  for (size_t i = 0; i < m_scripts.size(); ++i) {
    const lessons::Script& script = m_scripts[i];
    if (ImGui::MenuItem((script.title + "##" + script.id).c_str(), m_open == i ? "open" : nullptr))
      request_open(i, 0);
    mark_control("menu.learn.scripts." + script.id);
    if (ImGui::IsItemHovered() && !script.summary.empty())
      ImGui::SetTooltip("%s", script.summary.c_str());
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Open a script file…"))
    platform::open_file_picker(".json,application/json");
  mark_control("menu.learn.scripts.file");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A demo script of your own (docs/script-format.md): a JSON file with a workflow and "
                      "steps. It stays in this browser until you open another one.");
  if (is_open()) {
    if (ImGui::MenuItem("Close the demo script"))
      close();
    mark_control("menu.learn.scripts.close");
  }
  ImGui::EndMenu();
  mark_control("menu.learn.scripts");
}

void ScriptPlayer::draw_modals() {
  if (m_confirm_popup) {
    ImGui::OpenPopup("Open the demo script?");
    m_confirm_popup = false;
  }
  if (!ImGui::BeginPopupModal("Open the demo script?", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
    return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  const std::string title = m_confirm ? m_scripts[m_confirm->index].title : std::string();
  const std::string question =
      "\"" + title + "\" starts from a clean slate, so that it tells the same story every time: the " +
      std::to_string(m_session->executions().size()) +
      " execution(s) in this browser are forgotten, the virtual clock goes back to its start and the "
      "script's workflow replaces yours (File > Download keeps a copy of it first).";
  ImGui::TextUnformatted(question.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Open the script")) {
    if (m_confirm)
      open_now(m_confirm->index, m_confirm->step);
    m_confirm.reset();
    ImGui::CloseCurrentPopup();
  }
  mark_control("script.confirm");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    m_confirm.reset();
    platform::set_story_link("", "", 0);
    ImGui::CloseCurrentPopup();
  }
  mark_control("script.cancel");
  ImGui::EndPopup();
}

void ScriptPlayer::test_state(Json& out) const {
  Json s = Json::object();
  s["count"] = m_scripts.size();
  s["builtin"] = m_builtin_count;
  s["load_error"] = m_load_error;
  s["open"] = is_open();
  s["id"] = is_open() ? m_scripts[*m_open].id : std::string();
  s["position"] = m_run ? m_run->position() : 0;
  s["size"] = m_run ? m_run->size() : 0;
  s["caption"] = m_run ? m_run->caption() : std::string();
  s["step_error"] = m_step_error;
  s["expect_missing"] = m_expect_missing;
  s["asking"] = m_confirm.has_value();
  s["strip_height"] = is_open() ? m_strip_height : 0.0f;
  s["title_cut"] = m_title_cut;
  out["script"] = s;
}

} // namespace dp::ui
