// [SECTION] index: fields · the lesson · the index · files
// The lesson loader: one JSON file per lesson (docs/lessons-format.md). Every field is checked with its
// JSON path; a lesson that does not load leaves whatever the caller had alone (the result is an error, and
// nothing was changed).
#include <fstream>
#include <sstream>

#include "lessons/check.hpp"
#include "lessons/lesson.hpp"
#include "lessons/solution.hpp"
#include "workflow/loader.hpp"

namespace dp::lessons {
namespace {

const char* const kFields[] = {"format",        "id",        "title",   "goal",         "workflow",
                               "workflow_edit", "terraform", "panels",  "instructions", "hints",
                               "check",         "solution",  "learned", "links"};

Result<std::string> text_field(const Json& j, const char* key, const std::string& path, bool required) {
  const Json* v = find_member(j, key);
  if (!v) {
    if (required)
      return Error{path, "the lesson needs '" + std::string(key) + "'"};
    return std::string();
  }
  if (!v->is_string() || v->get<std::string>().empty())
    return Error{path_key(path, key), "expected a non-empty string"};
  return v->get<std::string>();
}

Result<std::vector<std::string>> text_list(const Json& j, const char* key, const std::string& path,
                                           bool required) {
  std::vector<std::string> out;
  const Json* v = find_member(j, key);
  if (!v) {
    if (required)
      return Error{path, "the lesson needs '" + std::string(key) + "' (a list of strings)"};
    return out;
  }
  std::string at = path_key(path, key);
  if (!v->is_array() || (required && v->empty()))
    return Error{at, "expected a non-empty list of strings"};
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string() || (*v)[i].get<std::string>().empty())
      return Error{path_index(at, i), "expected a non-empty string"};
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

// The page's panel ids (src/ui, each panel's id()), so that a lesson naming a panel names one that exists.
const char* const kPanelIds[] = {"callbacks", "checkpoints", "code",    "editor",     "executions",
                                 "export",    "faults",      "history", "operations", "run",
                                 "story",     "terraform",   "timeline"};

} // namespace

Status check_panels(const std::vector<std::string>& panels, const std::string& path) {
  for (size_t i = 0; i < panels.size(); ++i) {
    bool known = false;
    std::string list;
    for (const char* id : kPanelIds) {
      known = known || panels[i] == id;
      list += (list.empty() ? "" : ", ") + std::string(id);
    }
    if (!known)
      return Error{path_index(path, i), "unknown panel '" + panels[i] + "' (" + list + ")"};
  }
  return ok_status();
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64)
    return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

Result<workflow::Document> parse_start_workflow(const Json& j, const std::string& root,
                                                const FileReader& read, std::string& source) {
  const Json* wf = find_member(j, "workflow");
  if (!wf)
    return Error{root, "the file needs 'workflow' (a path such as \"examples/order.json\" or a document)"};
  Json doc_json;
  std::string wf_at = path_key(root, "workflow");
  if (wf->is_string()) {
    source = wf->get<std::string>();
    auto text = read(source);
    if (!text.ok())
      return Error{wf_at, "cannot read " + source + ": " + text.error().message};
    auto parsed = parse_json(*text);
    if (!parsed.ok())
      return Error{wf_at, source + ": " + parsed.error().text()};
    doc_json = std::move(*parsed);
  } else if (wf->is_object()) {
    source = "inline";
    doc_json = *wf;
  } else {
    return Error{wf_at, "expected the path of a workflow document or a document"};
  }
  if (const Json* edit = find_member(j, "workflow_edit")) {
    auto patched = apply_patch(doc_json, *edit);
    if (!patched.ok())
      return Error{path_key(root, "workflow_edit") + patched.error().where.substr(1),
                   patched.error().message};
    doc_json = std::move(*patched);
  }
  auto doc = workflow::load_document_json(doc_json);
  if (!doc.ok()) {
    std::string where = source == "inline" ? wf_at + doc.error().where.substr(1)
                                           : wf_at + " (" + source + ") " + doc.error().where;
    return Error{where, doc.error().message};
  }
  return doc;
}

namespace {

Status parse_fields(Lesson& l, const Json& j, const FileReader& read) {
  const std::string root = "$";
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* f : kFields)
      known = known || it.key() == f;
    if (!known)
      return Error{path_key(root, it.key()), "unknown field (a typo? see docs/lessons-format.md)"};
  }
  const Json* format = find_member(j, "format");
  if (!format || !format->is_number_integer() || format->get<int>() != 1)
    return Error{path_key(root, "format"), "expected \"format\": 1"};

  auto id = text_field(j, "id", root, true);
  if (!id.ok())
    return id.error();
  if (!valid_id(*id))
    return Error{path_key(root, "id"), "expected 1-64 of a-z, 0-9 and - (it is part of links: #lesson=ID)"};
  l.id = *id;
  for (auto [key, out] :
       {std::pair{"title", &l.title}, std::pair{"goal", &l.goal}, std::pair{"learned", &l.learned}}) {
    auto v = text_field(j, key, root, true);
    if (!v.ok())
      return v.error();
    *out = *v;
  }
  for (auto [key, out, required] :
       {std::tuple{"instructions", &l.instructions, true}, std::tuple{"hints", &l.hints, true},
        std::tuple{"panels", &l.panels, false}}) {
    auto v = text_list(j, key, root, required);
    if (!v.ok())
      return v.error();
    *out = std::move(*v);
  }
  if (auto st = check_panels(l.panels, path_key(root, "panels")); !st.ok())
    return st;

  // The starting workflow: a path to a document (examples/...) or one inline, then an optional patch.
  auto doc = parse_start_workflow(j, root, read, l.workflow_source);
  if (!doc.ok())
    return doc.error();
  l.workflow = std::move(*doc);

  if (const Json* tf = find_member(j, "terraform")) {
    if (!tf->is_string())
      return Error{path_key(root, "terraform"),
                   "expected the path of a .tf file (\"lessons/terraform/x.tf\")"};
    auto text = read(tf->get<std::string>());
    if (!text.ok())
      return Error{path_key(root, "terraform"),
                   "cannot read " + tf->get<std::string>() + ": " + text.error().message};
    l.terraform = *text;
  }

  const Json* check = find_member(j, "check");
  if (!check)
    return Error{root, "the lesson needs 'check' (a predicate over the engine's state)"};
  auto predicate = parse_predicate(*check, path_key(root, "check"));
  if (!predicate.ok())
    return predicate.error();
  l.check = std::move(*predicate);

  const Json* solution = find_member(j, "solution");
  std::string sol_at = path_key(root, "solution");
  if (!solution || !solution->is_array() || solution->empty())
    return Error{solution ? sol_at : root, "the lesson needs 'solution': a non-empty list of actions"};
  for (size_t i = 0; i < solution->size(); ++i) {
    auto action = parse_action((*solution)[i], path_index(sol_at, i), read);
    if (!action.ok())
      return action.error();
    l.solution.push_back(std::move(*action));
  }

  const Json* links = find_member(j, "links");
  std::string links_at = path_key(root, "links");
  if (!links || !links->is_array() || links->empty())
    return Error{links ? links_at : root,
                 "the lesson needs 'links': [{\"title\", \"url\"}] to the AWS documentation"};
  for (size_t i = 0; i < links->size(); ++i) {
    const Json& link = (*links)[i];
    std::string at = path_index(links_at, i);
    if (!link.is_object() || link.size() != 2)
      return Error{at, "expected {\"title\": ..., \"url\": ...}"};
    auto title = text_field(link, "title", at, true);
    auto url = text_field(link, "url", at, true);
    if (!title.ok())
      return title.error();
    if (!url.ok())
      return url.error();
    if (url->rfind("https://", 0) != 0)
      return Error{path_key(at, "url"), "expected an https:// address"};
    l.links.push_back({*title, *url});
  }
  return ok_status();
}

} // namespace

// [SECTION] the lesson

Result<Lesson> parse_lesson(const std::string& path, std::string_view text, const FileReader& read) {
  auto json = parse_json(text);
  if (!json.ok())
    return Error{path + ": " + json.error().where, json.error().message};
  if (!json->is_object())
    return Error{path, "a lesson file holds one JSON object"};
  Lesson l;
  l.file = path;
  if (auto st = parse_fields(l, *json, read); !st.ok())
    return Error{path + ": " + st.error().where, st.error().message};
  return l;
}

Result<Lesson> load_lesson(const std::string& path, const FileReader& read) {
  auto text = read(path);
  if (!text.ok())
    return Error{path, text.error().message};
  return parse_lesson(path, *text, read);
}

// [SECTION] the index

Result<std::vector<std::string>> load_index(const FileReader& read) {
  auto text = read(kIndexPath);
  if (!text.ok())
    return Error{kIndexPath, text.error().message};
  auto json = parse_json(*text);
  if (!json.ok())
    return Error{std::string(kIndexPath) + ": " + json.error().where, json.error().message};
  const Json* lessons = json->is_object() ? find_member(*json, "lessons") : nullptr;
  if (!lessons || !lessons->is_array() || lessons->empty())
    return Error{std::string(kIndexPath) + ": $", "expected {\"format\": 1, \"lessons\": [\"id\", ...]}"};
  std::vector<std::string> out;
  for (size_t i = 0; i < lessons->size(); ++i) {
    const Json& id = (*lessons)[i];
    if (!id.is_string() || !valid_id(id.get<std::string>()))
      return Error{std::string(kIndexPath) + ": " + path_index("$.lessons", i), "expected a lesson id"};
    for (const auto& seen : out)
      if (seen == "lessons/" + id.get<std::string>() + ".json")
        return Error{std::string(kIndexPath) + ": " + path_index("$.lessons", i),
                     "the lesson is listed twice"};
    out.push_back("lessons/" + id.get<std::string>() + ".json");
  }
  return out;
}

Listed<Lesson> load_lessons(const FileReader& read) {
  return load_listed<Lesson>(load_index(read), "lessons/",
                             [&](const std::string& path) { return load_lesson(path, read); });
}

Result<std::vector<Lesson>> load_all(const FileReader& read) {
  return all_or_first_error(load_lessons(read));
}

// [SECTION] files

FileReader directory_reader(const std::string& root) {
  return [root](const std::string& path) -> Result<std::string> {
    if (path.find("..") != std::string::npos || (!path.empty() && path[0] == '/'))
      return Error{path, "lesson files name paths inside the repository (no .. or leading /)"};
    std::ifstream in(root + "/" + path, std::ios::binary);
    if (!in)
      return Error{path, "cannot read the file"};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
}

} // namespace dp::lessons
