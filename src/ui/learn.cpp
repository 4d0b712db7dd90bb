// Lessons in the page: loading the embedded lesson files, progress in IndexedDB, the open lesson and its
// check (see learn.hpp).
#include "ui/learn.hpp"

#include "platform/platform.hpp"
#include "ui/data_files.hpp"
#include "ui/embedded_files.hpp"

namespace dp::ui {
namespace {

// {"done": ["id", ...], "current": "id", "first_execution": N}; in /data, synced to IndexedDB.
constexpr const char* kProgressFile = "/data/lessons.json";

} // namespace

lessons::FileReader embedded_lesson_reader() {
  return [](const std::string& path) -> Result<std::string> {
    for (size_t i = 0; i < assets::lesson_file_count; ++i) {
      const assets::EmbeddedFile& f = assets::lesson_files[i];
      if (path == f.path)
        return std::string(reinterpret_cast<const char*>(f.data), *f.size);
    }
    return Error{path, "no such file among the page's lesson files"};
  };
}

LinkStep parse_link_step(const std::string& text, size_t last) {
  LinkStep out;
  if (text.empty())
    return out;
  if (text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
    out.problem = "step \"" + text + "\" is not a step number: opened at the start";
    return out;
  }
  out.step = static_cast<size_t>(std::stoul(text));
  if (out.step > last) {
    out.problem = "step " + text + " is past the last step (" + std::to_string(last) + "): opened there";
    out.step = last;
  }
  return out;
}

void Learn::init(Session& session, Selection& selection, std::function<void(const std::string&)> focus_panel,
                 std::function<void()> on_open) {
  m_session = &session;
  m_selection = &selection;
  m_focus_panel = std::move(focus_panel);
  m_on_open = std::move(on_open);
  m_playground.emplace(session, selection, m_first_execution, m_focus_panel);

  // A lesson file that does not load is left out and named; the others stay usable.
  lessons::Listed<lessons::Lesson> loaded = lessons::load_lessons(embedded_lesson_reader());
  m_lessons = std::move(loaded.items);
  for (const Error& error : loaded.errors) {
    m_load_error = error.text();
    session.notify(Notice::Level::Error, "A lesson file does not load: " + m_load_error);
  }

  // Progress from the last visit.
  std::string current_id;
  size_t first_execution = 0;
  const std::string saved = read_data_file(kProgressFile);
  if (!saved.empty()) {
    Result<Json> parsed = parse_json(saved);
    Json progress = parsed.ok() ? parsed.value() : Json();
    if (progress.is_object()) {
      if (progress.contains("done") && progress["done"].is_array())
        for (const Json& id : progress["done"])
          if (id.is_string())
            m_done.insert(id.get<std::string>());
      if (progress.contains("current") && progress["current"].is_string())
        current_id = progress["current"].get<std::string>();
      if (progress.contains("first_execution") && progress["first_execution"].is_number_unsigned())
        first_execution = progress["first_execution"].get<size_t>();
    }
  }

  const platform::StoryLink link = platform::story_link();
  if (link.kind == "script")
    return; // the demo scripts open it (script_player.cpp)
  if (link.kind == "lesson") {
    open_story_link(link, current_id, first_execution);
    return;
  }
  for (size_t i = 0; i < m_lessons.size(); ++i)
    if (m_lessons[i].id == current_id) {
      m_first_execution = first_execution;
      reopen(i);
    }
}

void Learn::open_story_link(const platform::StoryLink& link, const std::string& current_id,
                            size_t first_execution) {
  for (size_t i = 0; i < m_lessons.size(); ++i)
    if (m_lessons[i].id == link.id) {
      const LinkStep step = parse_link_step(link.step, m_lessons[i].solution.size());
      if (!step.problem.empty())
        m_session->notify(Notice::Level::Warning, "Lesson \"" + link.id + "\": " + step.problem + ".");
      if (step.step > 0) {
        m_current = i;
        m_mode = Mode::Lesson;
        go_to_step(step.step); // the state after those actions, played again
      } else if (link.id == current_id && link.step.empty()) {
        m_first_execution = first_execution;
        reopen(i);
      } else {
        open_lesson(i);
      }
      return;
    }
  m_session->notify(Notice::Level::Warning,
                    "There is no lesson \"" + link.id + "\": pick one from the list (or the Learn menu).");
  platform::set_story_link("", "", 0);
  m_mode = Mode::List;
}

void Learn::save_progress() {
  Json progress = Json::object();
  progress["done"] = Json::array();
  for (const std::string& id : m_done)
    progress["done"].push_back(id);
  progress["current"] = m_mode == Mode::Lesson ? m_lessons[m_current].id : std::string();
  progress["first_execution"] = m_first_execution;
  const std::string text = json_text(progress);
  if (write_data_file(kProgressFile, text))
    platform::request_sync();
}

void Learn::reopen(size_t index) {
  m_mode = Mode::Lesson;
  m_current = index;
  m_hints_shown = 0;
  m_solution.reset();
  m_caption.clear();
  m_solution_error.clear();
  m_link_shown.clear();
  m_seen[0] = m_seen[1] = m_seen[2] = ~0ull;
  update_link();
  if (m_on_open)
    m_on_open();
  evaluate();
  save_progress();
}

void Learn::open_lesson(size_t index) {
  if (index >= m_lessons.size())
    return;
  const lessons::Lesson& lesson = m_lessons[index];
  // Executions started before the lesson opened are not the lesson's.
  m_first_execution = m_session->executions().size();
  Status opened = lessons::open_lesson(lesson, *m_playground);
  if (!opened.ok()) {
    m_session->notify(Notice::Level::Error,
                      "Lesson \"" + lesson.title + "\" could not open: " + opened.error().text());
    return;
  }
  *m_selection = Selection{};
  // Select the lesson's panels, first listed last so that it wins where two share a region.
  if (m_focus_panel)
    for (auto it = lesson.panels.rbegin(); it != lesson.panels.rend(); ++it)
      m_focus_panel(*it);
  reopen(index);
}

void Learn::close() {
  m_mode = Mode::Closed;
  m_solution.reset();
  platform::set_story_link("", "", 0);
  save_progress();
}

void Learn::show_hint() {
  const lessons::Lesson* lesson = current();
  if (lesson != nullptr && m_hints_shown < lesson->hints.size())
    ++m_hints_shown;
}

void Learn::show_me() {
  const lessons::Lesson* lesson = current();
  if (lesson == nullptr)
    return;
  if (!m_solution || m_solution->done()) {
    // From the lesson's starting state, so the solution acts on what it expects.
    open_lesson(m_current);
    m_solution.emplace(m_lessons[m_current]);
  }
  perform_next_action();
}

void Learn::perform_next_action() {
  const size_t at = m_solution->position();
  Status status = m_solution->next(*m_playground);
  const lessons::Action& action = m_lessons[m_current].solution[at];
  m_caption = action.caption.empty() ? lessons::describe(action) : action.caption;
  m_solution_error = status.ok() ? std::string() : status.error().text();
  if (!status.ok())
    m_session->notify(Notice::Level::Error, "Show me: " + m_solution_error);
  update_link();
  evaluate();
}

void Learn::step_forward() {
  if (current() == nullptr)
    return;
  if (m_solution && m_solution->done()) {
    m_session->notify(Notice::Level::Info, "That was the last step of the lesson's solution (P goes back).");
    return;
  }
  show_me();
}

void Learn::step_back() {
  if (current() == nullptr)
    return;
  const size_t position = m_solution ? m_solution->position() : 0;
  if (position == 0) {
    m_session->notify(Notice::Level::Info, "This is the lesson's start (N performs its first step).");
    return;
  }
  go_to_step(position - 1);
}

void Learn::go_to_step(size_t step) {
  open_lesson(m_current);
  m_solution.emplace(m_lessons[m_current]);
  while (m_solution->position() < step && !m_solution->done() && m_solution_error.empty())
    perform_next_action();
}

void Learn::update_link() {
  if (m_mode == Mode::Lesson)
    platform::set_story_link("lesson", m_lessons[m_current].id, m_solution ? m_solution->position() : 0);
}

void Learn::open_link(const std::string& url) {
  if (!platform::open_link(url))
    m_link_shown = url;
}

void Learn::evaluate() {
  const lessons::Lesson* lesson = current();
  if (lesson == nullptr)
    return;
  m_seen[0] = m_session->revision();
  m_seen[1] = m_session->document_revision();
  m_seen[2] = m_session->terraform_revision();
  m_report = lessons::evaluate(lesson->check, m_playground->subject());
  if (m_report.passed && m_done.insert(lesson->id).second) {
    m_session->notify(Notice::Level::Info, "Lesson done: " + lesson->title + ".");
    save_progress();
  }
}

void Learn::update() {
  if (m_mode != Mode::Lesson)
    return;
  if (m_seen[0] != m_session->revision() || m_seen[1] != m_session->document_revision() ||
      m_seen[2] != m_session->terraform_revision())
    evaluate();
}

void Learn::test_state(Json& out) const {
  Json s = Json::object();
  s["mode"] = m_mode == Mode::Closed ? "closed" : m_mode == Mode::List ? "list" : "lesson";
  s["count"] = m_lessons.size();
  s["id"] = m_mode == Mode::Lesson ? m_lessons[m_current].id : std::string();
  s["passed"] = m_report.passed && m_mode == Mode::Lesson;
  s["missing"] = m_mode == Mode::Lesson ? m_report.missing() : std::string();
  s["hints_shown"] = m_hints_shown;
  s["solution_position"] = m_solution ? m_solution->position() : 0;
  s["solution_size"] = m_mode == Mode::Lesson ? m_lessons[m_current].solution.size() : 0;
  s["caption"] = m_caption;
  s["load_error"] = m_load_error;
  s["done"] = Json::array();
  for (const std::string& id : m_done)
    s["done"].push_back(id);
  out["lesson"] = s;
}

} // namespace dp::ui
