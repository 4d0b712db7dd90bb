// [SECTION] index: the script file · the index
// The demo script loader (docs/script-format.md): one JSON file per script, checked field by field with
// its JSON path; a script that does not load changes nothing (the result is an error).
#include "lessons/script.hpp"

namespace dp::lessons {
namespace {

const char* const kFields[] = {"format",        "id",        "title",  "summary", "workflow",
                               "workflow_edit", "terraform", "panels", "steps"};

Status only_known_fields(const Json& j, const std::string& root) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* f : kFields)
      known = known || it.key() == f;
    if (!known)
      return Error{path_key(root, it.key()), "unknown field (a typo? see docs/script-format.md)"};
  }
  return ok_status();
}

Result<std::string> text(const Json& j, const char* key, const std::string& root, bool required) {
  const Json* v = find_member(j, key);
  if (!v)
    return required ? Result<std::string>(Error{root, "the script needs '" + std::string(key) + "'"})
                    : Result<std::string>(std::string());
  if (!v->is_string() || v->get<std::string>().empty())
    return Error{path_key(root, key), "expected a non-empty string"};
  return v->get<std::string>();
}

// One step: {"caption": "...", ACTION: VALUE, "expect": PREDICATE}, the action optional.
Result<ScriptStep> parse_step(const Json& j, const std::string& at, const FileReader& read) {
  if (!j.is_object())
    return Error{at, "expected a step such as {\"caption\": \"...\", \"start\": {}}"};
  const Json* caption = find_member(j, "caption");
  if (!caption || !caption->is_string() || caption->get<std::string>().empty())
    return Error{caption ? path_key(at, "caption") : at,
                 "every step needs a 'caption': the words shown while it plays"};
  ScriptStep step;
  Json action = j;
  action.erase("expect");
  if (const Json* expect = find_member(j, "expect")) {
    auto predicate = parse_predicate(*expect, path_key(at, "expect"));
    if (!predicate.ok())
      return predicate.error();
    step.expect = std::move(*predicate);
  }
  if (action.size() == 1) { // the caption alone: words only
    step.action.caption = caption->get<std::string>();
    step.action.path = at;
    return step;
  }
  auto parsed = parse_action(action, at, read);
  if (!parsed.ok())
    return parsed.error();
  step.action = std::move(*parsed);
  return step;
}

Status parse_fields(Script& s, const Json& j, const FileReader& read) {
  const std::string root = "$";
  if (auto st = only_known_fields(j, root); !st.ok())
    return st;
  const Json* format = find_member(j, "format");
  if (!format || !format->is_number_integer() || format->get<int>() != 1)
    return Error{path_key(root, "format"), "expected \"format\": 1"};
  auto id = text(j, "id", root, true);
  if (!id.ok())
    return id.error();
  if (!valid_id(*id))
    return Error{path_key(root, "id"), "expected 1-64 of a-z, 0-9 and - (it is part of links: #script=ID)"};
  s.id = *id;
  auto title = text(j, "title", root, true);
  if (!title.ok())
    return title.error();
  s.title = *title;
  auto summary = text(j, "summary", root, false);
  if (!summary.ok())
    return summary.error();
  s.summary = *summary;

  if (const Json* panels = find_member(j, "panels")) {
    const std::string at = path_key(root, "panels");
    if (!panels->is_array())
      return Error{at, "expected a list of panel ids"};
    for (size_t i = 0; i < panels->size(); ++i) {
      if (!(*panels)[i].is_string())
        return Error{path_index(at, i), "expected a panel id"};
      s.panels.push_back((*panels)[i].get<std::string>());
    }
    if (auto st = check_panels(s.panels, at); !st.ok())
      return st;
  }

  auto doc = parse_start_workflow(j, root, read, s.workflow_source);
  if (!doc.ok())
    return doc.error();
  s.workflow = std::move(*doc);

  if (const Json* tf = find_member(j, "terraform")) {
    if (!tf->is_string())
      return Error{path_key(root, "terraform"),
                   "expected the path of a .tf file (\"lessons/terraform/x.tf\")"};
    auto tf_text = read(tf->get<std::string>());
    if (!tf_text.ok())
      return Error{path_key(root, "terraform"),
                   "cannot read " + tf->get<std::string>() + ": " + tf_text.error().message};
    s.terraform = *tf_text;
  }

  const Json* steps = find_member(j, "steps");
  const std::string steps_at = path_key(root, "steps");
  if (!steps || !steps->is_array() || steps->empty())
    return Error{steps ? steps_at : root,
                 "the script needs 'steps': a non-empty list of captions and actions"};
  for (size_t i = 0; i < steps->size(); ++i) {
    auto step = parse_step((*steps)[i], path_index(steps_at, i), read);
    if (!step.ok())
      return step.error();
    s.steps.push_back(std::move(*step));
  }
  return ok_status();
}

} // namespace

// [SECTION] the script file

Result<Script> parse_script(const std::string& path, std::string_view file_text, const FileReader& read) {
  auto json = parse_json(file_text);
  if (!json.ok())
    return Error{path + ": " + json.error().where, json.error().message};
  if (!json->is_object())
    return Error{path, "a script file holds one JSON object"};
  Script s;
  s.file = path;
  if (auto st = parse_fields(s, *json, read); !st.ok())
    return Error{path + ": " + st.error().where, st.error().message};
  return s;
}

Result<Script> load_script(const std::string& path, const FileReader& read) {
  auto file_text = read(path);
  if (!file_text.ok())
    return Error{path, file_text.error().message};
  return parse_script(path, *file_text, read);
}

// [SECTION] the index

Result<std::vector<std::string>> load_script_index(const FileReader& read) {
  const std::string index = kScriptIndexPath;
  auto file_text = read(index);
  if (!file_text.ok())
    return Error{index, file_text.error().message};
  auto json = parse_json(*file_text);
  if (!json.ok())
    return Error{index + ": " + json.error().where, json.error().message};
  const Json* scripts = json->is_object() ? find_member(*json, "scripts") : nullptr;
  if (!scripts || !scripts->is_array() || scripts->empty())
    return Error{index + ": $", "expected {\"format\": 1, \"scripts\": [\"id\", ...]}"};
  std::vector<std::string> out;
  for (size_t i = 0; i < scripts->size(); ++i) {
    const Json& id = (*scripts)[i];
    const std::string at = index + ": " + path_index("$.scripts", i);
    if (!id.is_string() || !valid_id(id.get<std::string>()))
      return Error{at, "expected a script id"};
    const std::string file = "lessons/scripts/" + id.get<std::string>() + ".json";
    for (const auto& seen : out)
      if (seen == file)
        return Error{at, "the script is listed twice"};
    out.push_back(file);
  }
  return out;
}

Listed<Script> load_scripts(const FileReader& read) {
  return load_listed<Script>(load_script_index(read), "lessons/scripts/",
                             [&](const std::string& path) { return load_script(path, read); });
}

Result<std::vector<Script>> load_all_scripts(const FileReader& read) {
  return all_or_first_error(load_scripts(read));
}

} // namespace dp::lessons
