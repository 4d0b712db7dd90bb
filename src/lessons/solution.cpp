// [SECTION] index: parsing actions · performing them · the run
// Solutions: the actions a lesson's "show me" performs, read from the lesson file and played on a
// Playground with the calls the page's panels and the CLI make.
#include "lessons/solution.hpp"

#include "base/json_text.hpp"
#include "workflow/loader.hpp"

namespace dp::lessons {
namespace {

const char* const kActionNames[] = {"set_workflow", "edit",  "start",     "run",   "callback",
                                    "advance",      "fault", "terraform", "export"};

bool known_action(const std::string& name) {
  for (const char* n : kActionNames)
    if (name == n)
      return true;
  return false;
}

std::string action_list() {
  std::string out;
  for (const char* n : kActionNames)
    out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

Status only_fields(const Json& object, const std::string& path, std::initializer_list<const char*> fields) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (const char* f : fields)
      known = known || it.key() == f;
    if (!known) {
      std::string list;
      for (const char* f : fields)
        list += (list.empty() ? "" : ", ") + std::string(f);
      return Error{path_key(path, it.key()), "unknown field (expected " + list + ")"};
    }
  }
  return ok_status();
}

Result<workflow::Document> load_workflow_value(const Json& value, const std::string& path,
                                               const FileReader& read) {
  if (value.is_string()) {
    std::string file = value.get<std::string>();
    auto text = read(file);
    if (!text.ok())
      return Error{path, "cannot read " + file + ": " + text.error().message};
    auto doc = workflow::load_document(*text);
    if (!doc.ok())
      return Error{path, file + ": " + doc.error().text()};
    return doc;
  }
  if (!value.is_object())
    return Error{path, "expected a workflow document or the path of one (\"examples/order.json\")"};
  auto doc = workflow::load_document_json(value);
  if (!doc.ok())
    return Error{path + (doc.error().where.size() > 1 ? doc.error().where.substr(1) : ""),
                 doc.error().message};
  return doc;
}

Status check_action_value(Action& a, const FileReader& read) {
  const std::string at = path_key(a.path, a.name);
  const Json& v = a.args;
  if (a.name == "set_workflow") {
    auto doc = load_workflow_value(v, at, read);
    if (!doc.ok())
      return doc.error();
    a.document = std::move(*doc);
  } else if (a.name == "edit") {
    if (!v.is_array() || v.empty())
      return Error{at, "expected a JSON Patch: a list of {\"op\", \"path\", \"value\"}"};
    for (size_t i = 0; i < v.size(); ++i) {
      const Json& op = v[i];
      std::string p = path_index(at, i);
      if (!op.is_object() || !op.contains("op") || !op["op"].is_string() || !op.contains("path") ||
          !op["path"].is_string())
        return Error{p, "expected {\"op\": \"add\"|\"remove\"|\"replace\"|\"move\"|\"copy\", \"path\": "
                        "\"/handler/1\", ...}"};
      if (auto st = only_fields(op, p, {"op", "path", "value", "from"}); !st.ok())
        return st;
    }
  } else if (a.name == "start") {
    if (!v.is_object())
      return Error{at, "expected {} or {\"input\": VALUE}"};
    return only_fields(v, at, {"input"});
  } else if (a.name == "run") {
    if (!v.is_string() || (v != "suspension" && v != "end" && v != "end_with_timeouts"))
      return Error{at, "expected \"suspension\", \"end\" or \"end_with_timeouts\""};
  } else if (a.name == "callback") {
    if (!v.is_object() || !v.contains("name") || !v["name"].is_string())
      return Error{at, "expected {\"name\": CALLBACK, \"succeed\": VALUE} (or \"fail\", \"heartbeat\")"};
    if (auto st = only_fields(v, at, {"name", "succeed", "fail", "heartbeat"}); !st.ok())
      return st;
    int answers = v.contains("succeed") + v.contains("fail") + v.contains("heartbeat");
    if (answers != 1)
      return Error{at, "needs exactly one of succeed, fail or heartbeat"};
    if (const Json* f = find_member(v, "fail")) {
      if (!f->is_object() || !f->contains("type") || !(*f)["type"].is_string())
        return Error{path_key(at, "fail"), "expected {\"type\": ..., \"message\": ...}"};
      if (auto st = only_fields(*f, path_key(at, "fail"), {"type", "message"}); !st.ok())
        return st;
    }
  } else if (a.name == "advance") {
    if (v.is_string() && v == "next_timer")
      return ok_status();
    if (!v.is_object() || v.empty())
      return Error{at, "expected \"next_timer\" or {\"seconds\"|\"minutes\"|\"hours\"|\"days\": N}"};
    if (auto st = only_fields(v, at, {"seconds", "minutes", "hours", "days"}); !st.ok())
      return st;
    for (auto it = v.begin(); it != v.end(); ++it)
      if (!it.value().is_number() || it.value().get<double>() < 0)
        return Error{path_key(at, it.key()), "expected a non-negative number"};
  } else if (a.name == "fault") {
    // The loader of workflow documents checks the fault when it is added (perform).
    if (!v.is_object())
      return Error{at,
                   "expected a fault as in simulation.faults ({\"at\": NAME, \"when\": ..., \"kind\": ...})"};
  } else if (a.name == "terraform") {
    if (v.is_string()) {
      auto text = read(v.get<std::string>());
      if (!text.ok())
        return Error{at, "cannot read " + v.get<std::string>() + ": " + text.error().message};
      a.text = *text;
    } else if (v.is_object() && v.contains("text") && v["text"].is_string()) {
      if (auto st = only_fields(v, at, {"text"}); !st.ok())
        return st;
      a.text = v["text"].get<std::string>();
    } else {
      return Error{at, "expected the path of a .tf file or {\"text\": \"...\"}"};
    }
  } else if (a.name == "export") {
    if (!v.is_object() || !v.empty())
      return Error{at, "expected {}"};
  }
  return ok_status();
}

} // namespace

Result<Action> parse_action(const Json& json, const std::string& path, const FileReader& read) {
  if (!json.is_object())
    return Error{path, "expected an action such as {\"start\": {}} or {\"run\": \"end\"}"};
  Action a;
  a.path = path;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (it.key() == "caption") {
      if (!it.value().is_string())
        return Error{path_key(path, "caption"), "expected a string"};
      a.caption = it.value().get<std::string>();
    } else if (!a.name.empty()) {
      return Error{path_key(path, it.key()), "an action does one thing (this one is '" + a.name + "')"};
    } else {
      a.name = it.key();
      a.args = it.value();
    }
  }
  if (a.name.empty())
    return Error{path, "the action has no name (known: " + action_list() + ")"};
  if (!known_action(a.name))
    return Error{path_key(path, a.name), "unknown action '" + a.name + "' (known: " + action_list() + ")"};
  if (auto st = check_action_value(a, read); !st.ok())
    return st.error();
  return a;
}

std::string describe(const Action& a) {
  if (a.name == "run" || a.name == "terraform")
    return a.name + (a.args.is_string() ? " " + a.args.get<std::string>() : "");
  if (a.name == "callback") {
    std::string answer = a.args.contains("succeed") ? "succeed"
                         : a.args.contains("fail")  ? "fail"
                                                    : "heartbeat";
    return "callback '" + a.args["name"].get<std::string>() + "': " + answer;
  }
  if (a.name == "advance")
    return "advance " + (a.args.is_string() ? a.args.get<std::string>() : json_text(a.args));
  if (a.name == "set_workflow")
    return "set_workflow " + (a.args.is_string() ? a.args.get<std::string>() : std::string("(inline)"));
  if (a.name == "edit")
    return "edit (" + std::to_string(a.args.size()) + " change" + (a.args.size() == 1 ? ")" : "s)");
  return a.name;
}

std::vector<std::string> action_names() {
  return std::vector<std::string>(std::begin(kActionNames), std::end(kActionNames));
}

// [SECTION] performing actions

Status open_lesson(const Lesson& lesson, Playground& playground) {
  if (auto st = playground.set_document(lesson.workflow); !st.ok())
    return st;
  if (lesson.terraform)
    return playground.set_terraform(*lesson.terraform);
  return ok_status();
}

namespace {

// The document as JSON, changed, and loaded again: edits go through the same loader as typed text, so a
// patch that breaks the document is refused with the document's JSON path.
Status change_document(Playground& pg, const std::string& at,
                       const std::function<Result<Json>(Json)>& change) {
  auto changed = change(workflow::save_document(pg.document()));
  if (!changed.ok())
    return Error{at + ": " + changed.error().where, changed.error().message};
  auto doc = workflow::load_document_json(*changed);
  if (!doc.ok())
    return Error{at, "the changed document does not load: " + doc.error().text()};
  return pg.set_document(std::move(*doc));
}

Result<std::string> callback_id(const Playground& pg, const std::string& arn, const std::string& name) {
  const engine::Engine* engine = pg.subject().engine;
  if (!engine)
    return Error{"callback", "the playground has no engine"};
  return engine->service().callback_id_by_name(arn, name);
}

} // namespace

Status ActionPlayer::perform(const Action& a, Playground& pg) {
  if (a.name.empty())
    return ok_status();
  const std::string at = path_key(a.path, a.name);
  const Json& v = a.args;
  auto needs_execution = [&]() -> Status {
    if (m_arn.empty())
      return Error{at, "no execution yet: a start action must come first"};
    return ok_status();
  };
  Status st = ok_status();
  if (a.name == "set_workflow") {
    st = pg.set_document(*a.document);
  } else if (a.name == "edit") {
    st = change_document(pg, at, [&](Json doc) { return apply_patch(doc, v); });
  } else if (a.name == "fault") {
    st = change_document(pg, at, [&](Json doc) -> Result<Json> {
      Json& sim = doc["simulation"];
      if (!sim.is_object())
        sim = Json::object();
      if (!sim.contains("faults"))
        sim["faults"] = Json::array();
      sim["faults"].push_back(v);
      return doc;
    });
  } else if (a.name == "start") {
    const Json* input = find_member(v, "input");
    auto arn = pg.start_execution(input ? std::optional<Json>(*input) : std::nullopt);
    if (!arn.ok())
      st = Error{at, arn.error().text()};
    else
      m_arn = *arn;
  } else if (a.name == "run") {
    st = needs_execution();
    if (st.ok())
      st = v == "suspension" ? pg.run_to_suspension(m_arn) : pg.run_to_end(m_arn, v == "end_with_timeouts");
  } else if (a.name == "callback") {
    st = needs_execution();
    if (st.ok()) {
      auto id = callback_id(pg, m_arn, v["name"].get<std::string>());
      if (!id.ok()) {
        st = Error{at, id.error().text()};
      } else if (const Json* ok = find_member(v, "succeed")) {
        // The Callbacks panel sends a JSON value's text; a string is sent as it is (the raw payload).
        st = pg.send_callback_success(*id, ok->is_string() ? ok->get<std::string>() : to_js_json(*ok));
      } else if (const Json* f = find_member(v, "fail")) {
        engine::ErrorObject err;
        err.error_type = (*f)["type"].get<std::string>();
        if (const Json* m = find_member(*f, "message"); m && m->is_string())
          err.error_message = m->get<std::string>();
        st = pg.send_callback_failure(*id, err);
      } else {
        st = pg.send_callback_heartbeat(*id);
      }
    }
  } else if (a.name == "advance") {
    if (v.is_string()) {
      st = pg.advance_to_next_timer();
    } else {
      double s = 0;
      for (auto it = v.begin(); it != v.end(); ++it) {
        double unit = it.key() == "minutes" ? 60
                      : it.key() == "hours" ? 3600
                      : it.key() == "days"  ? 86400
                                            : 1;
        s += it.value().get<double>() * unit;
      }
      st = pg.advance_clock(static_cast<int64_t>(s * 1000.0));
    }
  } else if (a.name == "terraform") {
    st = pg.set_terraform(a.text);
  } else if (a.name == "export") {
    st = pg.export_project();
  }
  if (!st.ok()) {
    const Error& e = st.error();
    return e.where.rfind(a.path, 0) == 0 ? st : Status(Error{at, e.text()});
  }
  return ok_status();
}

Status SolutionRun::next(Playground& pg) {
  if (done())
    return ok_status();
  if (auto st = m_player.perform(m_lesson->solution[m_next], pg); !st.ok())
    return st;
  ++m_next;
  return ok_status();
}

Status SolutionRun::finish(Playground& pg) {
  while (!done())
    if (auto st = next(pg); !st.ok())
      return st;
  return ok_status();
}

} // namespace dp::lessons
