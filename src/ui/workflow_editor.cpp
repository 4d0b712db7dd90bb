// Workflow editor panel: the handler as an outline (add, remove, duplicate, reorder, nest), an inspector
// for the selected statement and the function configuration, and a JSON mode with live validation.
// Every edit copies the document, changes the copy and hands it to Session::set_document, which
// re-serialises it with the workflow library's stable serializer.
//
// [SECTION] Statement paths
// [SECTION] Outline
// [SECTION] Inspector
// [SECTION] JSON mode
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "imgui.h"

#include "engine/aws_shapes.hpp"
#include "imgui_stdlib.h" // needs imgui.h first
#include "ui/controls.hpp"
#include "ui/flow.hpp"
#include "ui/panels.hpp"
#include "ui/session.hpp"
#include "workflow/loader.hpp"

namespace dp::ui {
namespace {

using workflow::Body;
using workflow::Statement;
using workflow::StatementKind;

// [SECTION] Statement paths
// A statement's address: from the handler down, which list of the parent (its body, a branch's body, a
// try's catch, an if's else) and the index in it.
enum class Slot { Handler, Children, Branch, Catch, Else };
struct PathStep {
  Slot slot = Slot::Handler;
  int branch = 0;
  int index = 0;
  bool operator==(const PathStep&) const = default;
};
using StatementPath = std::vector<PathStep>;

constexpr StatementKind kAddable[] = {StatementKind::Step,
                                      StatementKind::Wait,
                                      StatementKind::CreateCallback,
                                      StatementKind::AwaitCallback,
                                      StatementKind::WaitForCallback,
                                      StatementKind::WaitForCondition,
                                      StatementKind::ChildContext,
                                      StatementKind::Parallel,
                                      StatementKind::Map,
                                      StatementKind::Invoke,
                                      StatementKind::Try,
                                      StatementKind::If,
                                      StatementKind::Let,
                                      StatementKind::Log,
                                      StatementKind::Return,
                                      StatementKind::Raise};

Body* list_of(Statement& parent, const PathStep& step) {
  switch (step.slot) {
  case Slot::Children:
    return &parent.children;
  case Slot::Branch:
    return step.branch < static_cast<int>(parent.branches.size()) ? &parent.branches[step.branch].body
                                                                  : nullptr;
  case Slot::Catch:
    return &parent.catch_body;
  case Slot::Else:
    return &parent.else_body;
  case Slot::Handler:
    return nullptr;
  }
  return nullptr;
}

// The list holding the statement at `path`, or null when the path no longer exists.
Body* containing_list(workflow::Document& doc, const StatementPath& path) {
  if (path.empty())
    return nullptr;
  Body* list = &doc.handler;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const int index = path[i].index;
    if (index < 0 || index >= static_cast<int>(list->size()))
      return nullptr;
    list = list_of((*list)[index], path[i + 1]);
    if (list == nullptr)
      return nullptr;
  }
  return list;
}

Statement* statement_at(workflow::Document& doc, const StatementPath& path) {
  Body* list = containing_list(doc, path);
  if (list == nullptr)
    return nullptr;
  const int index = path.back().index;
  return index >= 0 && index < static_cast<int>(list->size()) ? &(*list)[index] : nullptr;
}

const Statement* statement_at(const workflow::Document& doc, const StatementPath& path) {
  return statement_at(const_cast<workflow::Document&>(doc), path);
}

Statement new_statement(StatementKind kind, int serial) {
  Statement s;
  s.kind = kind;
  char name[48];
  std::snprintf(name, sizeof name, "%s_%d", workflow::statement_keyword(kind), serial);
  switch (kind) {
  case StatementKind::Step:
    s.name = name;
    s.body.returns = "ok";
    s.body.has_returns = true;
    break;
  case StatementKind::Wait:
    s.name = name;
    s.wait_seconds = 10;
    break;
  case StatementKind::CreateCallback:
  case StatementKind::WaitForCallback:
    s.name = name;
    s.as = std::string("cb_") + std::to_string(serial);
    s.timeout_seconds = 3600;
    break;
  case StatementKind::AwaitCallback:
    s.as = std::string("answer_") + std::to_string(serial);
    break;
  case StatementKind::WaitForCondition:
    s.name = name;
    s.initial_state = 0;
    s.check_returns = "${state + 1}"; // a counter, as in the SDKs' examples
    s.done_when_attempt = 3;
    break;
  case StatementKind::ChildContext:
    s.name = name;
    break;
  case StatementKind::Parallel:
    s.name = name;
    s.branches.push_back(workflow::Branch{.name = std::string("a"), .body = {}});
    s.branches.push_back(workflow::Branch{.name = std::string("b"), .body = {}});
    break;
  case StatementKind::Map:
    s.name = name;
    s.items = Json::array({1, 2, 3});
    s.item_as = "item";
    break;
  case StatementKind::Invoke:
    s.name = name;
    s.payload = Json::object();
    break;
  case StatementKind::Try:
    s.error_as = "error";
    break;
  case StatementKind::If:
    s.condition = true;
    break;
  case StatementKind::Log:
    s.value = "hello";
    break;
  case StatementKind::Return:
    s.value = Json::object();
    break;
  case StatementKind::Raise:
    s.error.type = "Error";
    s.error.message = "failed";
    break;
  case StatementKind::Let:
    s.as = std::string("value_") + std::to_string(serial);
    s.value = "${uuid()}"; // the determinism lab's point: computed again on every invocation
    break;
  }
  return s;
}

std::string summary(const Statement& s) {
  std::string text = workflow::statement_keyword(s.kind);
  if (s.name)
    text += " " + *s.name;
  switch (s.kind) {
  case StatementKind::Wait:
    text += "  (" + std::to_string(s.wait_seconds) + " s)";
    break;
  case StatementKind::AwaitCallback:
    text += " " + s.callback_var;
    break;
  case StatementKind::Map:
    text += "  over " + json_text(s.items);
    break;
  case StatementKind::Log:
  case StatementKind::Return:
    text += " " + json_text(s.value);
    break;
  case StatementKind::Raise:
    text += " " + s.error.type;
    break;
  case StatementKind::If:
    text += " " + json_text(s.condition);
    break;
  case StatementKind::Invoke:
    text += " → " + s.function;
    break;
  case StatementKind::Let:
    text += " " + s.as + " = " + json_text(s.value);
    break;
  default:
    break;
  }
  if (!s.as.empty())
    text += "  ⇒ " + s.as;
  if (text.size() > 90)
    text = text.substr(0, 87) + "...";
  return text;
}

// Edits a JSON value through a one-line (or multi-line) text box; keeps the text while it does not parse.
bool json_field(const char* label, Json& value, std::string& buffer, bool& editing, std::string& error,
                const Fonts& fonts, bool multiline = false) {
  if (!editing)
    buffer = json_text(value, multiline ? 2 : -1);
  ImGui::PushFont(fonts.code);
  bool changed = false;
  const bool edited =
      multiline ? ImGui::InputTextMultiline(label, &buffer, ImVec2(-1, ImGui::GetTextLineHeight() * 6))
                : ImGui::InputText(label, &buffer);
  editing = ImGui::IsItemActive();
  ImGui::PopFont();
  if (edited) {
    Result<Json> parsed = parse_json(buffer);
    if (parsed.ok()) {
      value = std::move(parsed.value());
      error.clear();
      changed = true;
    } else {
      error = parsed.error().text();
    }
  }
  return changed;
}

class WorkflowEditor final : public Panel {
public:
  const char* id() const override { return "editor"; }
  const char* title() const override { return "Workflow"; }
  const char* help() const override {
    return "The durable handler as an outline of statements (steps, waits, callbacks, child contexts, "
           "parallel branches, map bodies). Select a statement to edit every field in the inspector below; "
           "use the buttons or right-click to add, duplicate, remove, reorder or nest it. 'Function' holds "
           "the Lambda configuration and 'JSON' the whole document as text, validated as you type (errors "
           "name the JSON path). Values may refer to the input and to results bound earlier: "
           "\"${input.orderId}\", \"${payment.amount}\", \"${items[2]}\", inside a step \"${attempt}\", in "
           "a condition check \"${state}\"; one arithmetic step is allowed: \"${state + 1}\", \"${price * "
           "10}\". Changes are saved in this browser; the next execution you start uses them.";
  }

  void test_state(Json& out) const override {
    out["editor"] = {{"inspected", m_inspected}, {"semantics_line", m_semantics_line}};
  }

  void draw(PanelContext& ctx) override {
    if (ImGui::BeginTabBar("editor_modes")) {
      if (ImGui::BeginTabItem("Outline")) {
        mark_control("editor.mode.outline");
        draw_outline_and_inspector(ctx);
        ImGui::EndTabItem();
      } else {
        mark_control("editor.mode.outline");
      }
      if (ImGui::BeginTabItem("Function")) {
        mark_control("editor.mode.function");
        draw_function(ctx);
        ImGui::EndTabItem();
      } else {
        mark_control("editor.mode.function");
      }
      if (ImGui::BeginTabItem("JSON")) {
        mark_control("editor.mode.json");
        draw_json(ctx);
        ImGui::EndTabItem();
      } else {
        mark_control("editor.mode.json");
        m_json_synced_revision = 0;
      }
      ImGui::EndTabBar();
    }
  }

private:
  // [SECTION] Outline
  // The outline is a flat list of rows rebuilt when the document or the folding changes, and drawn with
  // ImGuiListClipper: a 10,000-statement document costs only the visible rows per frame. Edits are
  // recorded while drawing and applied afterwards to a copy of the document.
  struct Row {
    StatementPath path; // empty for a label row
    int depth = 0;
    bool has_children = false;
    std::string label;
    std::string control; // control name for the test hook ("editor.node.<name>")
    std::string name;    // operation name, for linked selection
  };

  void draw_outline_and_inspector(PanelContext& ctx) {
    const workflow::Document& doc = ctx.session.document();
    m_action = nullptr;
    follow_selection(ctx, doc);
    draw_toolbar(doc);
    const float inspector_height = ImGui::GetContentRegionAvail().y * 0.5f;
    // Long statements scroll sideways (a narrow column at a large UI scale) rather than being cut.
    ImGui::BeginChild("outline", ImVec2(0, ImGui::GetContentRegionAvail().y - inspector_height),
                      ImGuiChildFlags_Border, ImGuiWindowFlags_HorizontalScrollbar);
    if (doc.handler.empty()) {
      empty_state("The handler is empty",
                  "Add a first statement with the 'Add' button above: a step is the usual start.");
    } else {
      if (m_rows_revision != ctx.session.document_revision() || m_rows_dirty) {
        rebuild_rows(doc);
        m_rows_revision = ctx.session.document_revision();
      }
      draw_rows(ctx, doc);
    }
    ImGui::EndChild();
    ImGui::BeginChild("inspector", ImVec2(0, 0), ImGuiChildFlags_Border);
    draw_inspector(ctx, doc);
    ImGui::EndChild();
    if (m_action) {
      workflow::Document copy = ctx.session.document();
      m_action(copy);
      m_action = nullptr;
      if (m_pending) {
        ctx.session.set_document(std::move(*m_pending));
        m_pending.reset();
      }
    }
  }

  // An operation selected elsewhere (timeline, operations, history) highlights its outline row; the
  // inspector shows that same statement (it said "Nothing selected" beside the highlighted row).
  void follow_selection(PanelContext& ctx, const workflow::Document& doc) {
    if (ctx.selection.operation_name == m_followed_name)
      return;
    m_followed_name = ctx.selection.operation_name;
    if (m_followed_name.empty())
      return;
    const Statement* current = statement_at(doc, m_path);
    if (current != nullptr && current->name.value_or("") == m_followed_name)
      return;
    StatementPath found;
    if (!find_path(doc.handler, {}, Slot::Handler, 0, m_followed_name, found))
      return;
    for (std::string& error : m_errors)
      error.clear();
    for (bool& editing : m_editing)
      editing = false;
    m_path = std::move(found);
    ctx.selection.statement_path.clear();
    for (const PathStep& step : m_path)
      ctx.selection.statement_path.push_back(step.index);
  }

  // The path of the first statement named `name` (depth first, as the outline lists them).
  static bool find_path(const Body& list, const StatementPath& parent, Slot slot, int branch,
                        const std::string& name, StatementPath& out) {
    for (int i = 0; i < static_cast<int>(list.size()); ++i) {
      const Statement& s = list[static_cast<size_t>(i)];
      StatementPath path = parent;
      path.push_back(PathStep{slot, branch, i});
      if (s.name && *s.name == name) {
        out = std::move(path);
        return true;
      }
      if (find_path(s.children, path, Slot::Children, 0, name, out) ||
          find_path(s.catch_body, path, Slot::Catch, 0, name, out) ||
          find_path(s.else_body, path, Slot::Else, 0, name, out))
        return true;
      for (int b = 0; b < static_cast<int>(s.branches.size()); ++b)
        if (find_path(s.branches[static_cast<size_t>(b)].body, path, Slot::Branch, b, name, out))
          return true;
    }
    return false;
  }

  void commit(workflow::Document doc) { m_pending = std::move(doc); }
  // Records an edit to run after drawing, on a copy of the document.
  void later(std::function<void(workflow::Document&)> action) { m_action = std::move(action); }

  void rebuild_rows(const workflow::Document& doc) {
    m_rows.clear();
    add_rows(doc.handler, StatementPath{}, Slot::Handler, 0, 0);
    m_rows_dirty = false;
  }

  static std::string path_key(const StatementPath& path) {
    std::string key;
    for (const PathStep& step : path)
      key += std::to_string(static_cast<int>(step.slot)) + "." + std::to_string(step.branch) + "." +
             std::to_string(step.index) + "/";
    return key;
  }

  void add_rows(const Body& list, const StatementPath& parent, Slot slot, int branch, int depth) {
    for (int i = 0; i < static_cast<int>(list.size()); ++i) {
      const Statement& s = list[static_cast<size_t>(i)];
      StatementPath path = parent;
      path.push_back(PathStep{slot, branch, i});
      const bool container = s.kind == StatementKind::ChildContext || s.kind == StatementKind::Parallel ||
                             s.kind == StatementKind::Map || s.kind == StatementKind::Try ||
                             s.kind == StatementKind::If;
      Row row;
      row.path = path;
      row.depth = depth;
      row.has_children = container;
      row.label = summary(s);
      row.name = s.name.value_or("");
      row.control = "editor.node." + (s.name ? *s.name : std::string(workflow::statement_keyword(s.kind)));
      m_rows.push_back(std::move(row));
      if (!container || m_folded.count(path_key(path)))
        continue;
      auto label = [&](std::string text) {
        Row l;
        l.depth = depth + 1;
        l.label = std::move(text);
        m_rows.push_back(std::move(l));
      };
      switch (s.kind) {
      case StatementKind::Parallel:
        for (int b = 0; b < static_cast<int>(s.branches.size()); ++b) {
          const auto& br = s.branches[static_cast<size_t>(b)];
          label("branch " + (br.name ? *br.name : std::to_string(b)) + (br.body.empty() ? "  (empty)" : ""));
          add_rows(br.body, path, Slot::Branch, b, depth + 2);
        }
        break;
      case StatementKind::Try:
        add_rows(s.children, path, Slot::Children, 0, depth + 1);
        label("catch " + s.error_as);
        add_rows(s.catch_body, path, Slot::Catch, 0, depth + 1);
        break;
      case StatementKind::If:
        label("then");
        add_rows(s.children, path, Slot::Children, 0, depth + 1);
        label("else");
        add_rows(s.else_body, path, Slot::Else, 0, depth + 1);
        break;
      default:
        if (s.children.empty())
          label("(empty body)");
        add_rows(s.children, path, Slot::Children, 0, depth + 1);
        break;
      }
    }
  }

  void draw_rows(PanelContext& ctx, const workflow::Document& doc) {
    const float indent = ImGui::GetFontSize() * 1.1f;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_rows.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const Row& row = m_rows[static_cast<size_t>(r)];
        ImGui::PushID(r);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent * static_cast<float>(row.depth));
        if (row.path.empty()) {
          ImGui::TextDisabled("%s", row.label.c_str());
          ImGui::PopID();
          continue;
        }
        if (row.has_children) {
          const bool folded = m_folded.count(path_key(row.path)) > 0;
          if (ImGui::ArrowButton("fold", folded ? ImGuiDir_Right : ImGuiDir_Down)) {
            if (folded)
              m_folded.erase(path_key(row.path));
            else
              m_folded.insert(path_key(row.path));
            m_rows_dirty = true;
          }
          ImGui::SameLine();
        } else {
          ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetFrameHeight() +
                               ImGui::GetStyle().ItemSpacing.x);
        }
        const bool linked = !ctx.selection.operation_name.empty() && row.name == ctx.selection.operation_name;
        if (ImGui::Selectable(row.label.c_str(), row.path == m_path || linked))
          select(ctx, row.path, row.name);
        mark_control(row.control);
        if (ImGui::BeginPopupContextItem("node_menu")) {
          select(ctx, row.path, row.name);
          if (ImGui::MenuItem("Duplicate"))
            later([this](workflow::Document& d) { duplicate(d); });
          if (ImGui::MenuItem("Remove"))
            later([this](workflow::Document& d) { remove(d); });
          if (ImGui::MenuItem("Move up"))
            later([this](workflow::Document& d) { move(d, -1); });
          if (ImGui::MenuItem("Move down"))
            later([this](workflow::Document& d) { move(d, +1); });
          if (ImGui::BeginMenu("Nest into")) {
            if (ImGui::MenuItem("child context"))
              later([this](workflow::Document& d) { nest(d, StatementKind::ChildContext); });
            if (ImGui::MenuItem("parallel branch"))
              later([this](workflow::Document& d) { nest(d, StatementKind::Parallel); });
            if (ImGui::MenuItem("map body"))
              later([this](workflow::Document& d) { nest(d, StatementKind::Map); });
            ImGui::EndMenu();
          }
          if (!row.name.empty()) {
            ImGui::Separator();
            const Statement* st = statement_at(doc, row.path);
            fault_menu_items(ctx, row.name,
                             st && st->kind == StatementKind::Step ? engine::OperationType::Step
                                                                   : engine::OperationType::Context);
          }
          ImGui::EndPopup();
        }
        ImGui::PopID();
      }
    }
  }

  void draw_toolbar(const workflow::Document& doc) {
    if (ImGui::Button("Add…"))
      ImGui::OpenPopup("add_statement");
    mark_control("editor.add");
    if (ImGui::BeginPopup("add_statement")) {
      ImGui::TextDisabled(m_path.empty() ? "Append to the handler" : "Insert after the selected statement");
      for (StatementKind kind : kAddable) {
        if (ImGui::MenuItem(workflow::statement_keyword(kind)))
          later([this, kind](workflow::Document& d) { add_statement(d, kind); });
        mark_control(std::string("editor.add.") + workflow::statement_keyword(kind));
      }
      ImGui::EndPopup();
    }
    const bool has_selection = statement_at(doc, m_path) != nullptr;
    ImGui::BeginDisabled(!has_selection);
    same_line_if_fits(button_width("Duplicate"));
    if (ImGui::Button("Duplicate"))
      later([this](workflow::Document& d) { duplicate(d); });
    mark_control("editor.duplicate");
    same_line_if_fits(button_width("Remove"));
    if (ImGui::Button("Remove"))
      later([this](workflow::Document& d) { remove(d); });
    mark_control("editor.remove");
    same_line_if_fits(ImGui::GetFrameHeight());
    if (ImGui::ArrowButton("up", ImGuiDir_Up))
      later([this](workflow::Document& d) { move(d, -1); });
    mark_control("editor.up");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Move up");
    same_line_if_fits(ImGui::GetFrameHeight());
    if (ImGui::ArrowButton("down", ImGuiDir_Down))
      later([this](workflow::Document& d) { move(d, +1); });
    mark_control("editor.down");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Move down");
    same_line_if_fits(button_width("Nest…"));
    if (ImGui::Button("Nest…"))
      ImGui::OpenPopup("nest");
    mark_control("editor.nest");
    if (ImGui::BeginPopup("nest")) {
      if (ImGui::MenuItem("into a child context"))
        later([this](workflow::Document& d) { nest(d, StatementKind::ChildContext); });
      mark_control("editor.nest.child_context");
      if (ImGui::MenuItem("into a parallel branch"))
        later([this](workflow::Document& d) { nest(d, StatementKind::Parallel); });
      mark_control("editor.nest.parallel");
      if (ImGui::MenuItem("into a map body"))
        later([this](workflow::Document& d) { nest(d, StatementKind::Map); });
      mark_control("editor.nest.map");
      ImGui::EndPopup();
    }
    ImGui::EndDisabled();
  }

  void select(PanelContext& ctx, const StatementPath& path, const std::string& name) {
    if (m_path != path) {
      for (std::string& error : m_errors)
        error.clear();
      for (bool& editing : m_editing)
        editing = false;
    }
    m_path = path;
    ctx.selection.statement_path.clear();
    for (const PathStep& step : path)
      ctx.selection.statement_path.push_back(step.index);
    if (name != ctx.selection.operation_name)
      ctx.selection.clear_operation();
  }

  void add_statement(workflow::Document& doc, StatementKind kind) {
    Statement s = new_statement(kind, ++m_serial);
    Body* list = containing_list(doc, m_path);
    if (list == nullptr || statement_at(doc, m_path) == nullptr) {
      doc.handler.push_back(std::move(s));
      m_path = {PathStep{Slot::Handler, 0, static_cast<int>(doc.handler.size()) - 1}};
    } else {
      const int at = m_path.back().index + 1;
      list->insert(list->begin() + at, std::move(s));
      m_path.back().index = at;
    }
    commit(doc);
  }

  void duplicate(workflow::Document& doc) {
    Body* list = containing_list(doc, m_path);
    Statement* s = statement_at(doc, m_path);
    if (list == nullptr || s == nullptr)
      return;
    Statement copy = *s;
    if (copy.name)
      copy.name = *copy.name + "_copy";
    const int at = m_path.back().index + 1;
    list->insert(list->begin() + at, std::move(copy));
    m_path.back().index = at;
    commit(doc);
  }

  void remove(workflow::Document& doc) {
    Body* list = containing_list(doc, m_path);
    if (list == nullptr || statement_at(doc, m_path) == nullptr)
      return;
    list->erase(list->begin() + m_path.back().index);
    if (m_path.back().index >= static_cast<int>(list->size()))
      m_path.back().index--;
    if (m_path.back().index < 0)
      m_path.pop_back();
    commit(doc);
  }

  void move(workflow::Document& doc, int delta) {
    Body* list = containing_list(doc, m_path);
    if (list == nullptr || statement_at(doc, m_path) == nullptr)
      return;
    const int from = m_path.back().index;
    const int to = from + delta;
    if (to < 0 || to >= static_cast<int>(list->size()))
      return;
    std::swap((*list)[from], (*list)[to]);
    m_path.back().index = to;
    commit(doc);
  }

  // Wraps the selected statement in a new child context, parallel (as its first branch) or map body.
  void nest(workflow::Document& doc, StatementKind wrapper_kind) {
    Body* list = containing_list(doc, m_path);
    Statement* s = statement_at(doc, m_path);
    if (list == nullptr || s == nullptr)
      return;
    Statement wrapper = new_statement(wrapper_kind, ++m_serial);
    Statement inner = std::move(*s);
    if (wrapper_kind == StatementKind::Parallel) {
      wrapper.branches.resize(1);
      wrapper.branches[0].body.push_back(std::move(inner));
      m_path.push_back(PathStep{Slot::Branch, 0, 0});
    } else {
      wrapper.children.push_back(std::move(inner));
      m_path.push_back(PathStep{Slot::Children, 0, 0});
    }
    *s = std::move(wrapper);
    commit(doc);
  }

  // [SECTION] Inspector
  void draw_inspector(PanelContext& ctx, const workflow::Document& doc) {
    const Statement* found = statement_at(doc, m_path);
    m_semantics_line.clear();
    if (found == nullptr) {
      m_inspected.clear();
      empty_state(
          "Nothing selected",
          "Click a statement in the outline to edit its fields here: its name, the result it binds, retry "
          "strategy, step semantics, timeouts, the simulated body and more.");
      return;
    }
    m_inspected = std::string(workflow::statement_keyword(found->kind)) + " " + found->name.value_or("");
    Statement s = *found; // edited as a copy; written back into a copy of the document when changed
    bool changed = false;
    ImGui::PushFont(ctx.fonts.ui_bold);
    ImGui::Text("%s", workflow::statement_keyword(s.kind));
    ImGui::PopFont();
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 9.0f);

    const bool named = s.kind != StatementKind::AwaitCallback && s.kind != StatementKind::Try &&
                       s.kind != StatementKind::If && s.kind != StatementKind::Log &&
                       s.kind != StatementKind::Return && s.kind != StatementKind::Raise;
    if (named) {
      bool has_name = s.name.has_value();
      if (ImGui::Checkbox("##has_name", &has_name)) {
        s.name = has_name ? std::optional<std::string>("name") : std::nullopt;
        changed = true;
      }
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Unnamed operations appear in the console under a generated id only.");
      ImGui::SameLine();
      if (s.name) {
        changed |= ImGui::InputText("name", &*s.name);
        mark_control("editor.field.name");
      } else {
        ImGui::TextDisabled("(unnamed)");
      }
    }
    const bool binds = s.kind != StatementKind::Wait && s.kind != StatementKind::Try &&
                       s.kind != StatementKind::If && s.kind != StatementKind::Log &&
                       s.kind != StatementKind::Return && s.kind != StatementKind::Raise;
    if (binds) {
      changed |= ImGui::InputText("as (variable)", &s.as);
      mark_control("editor.field.as");
    }

    switch (s.kind) {
    case StatementKind::Step:
      changed |= draw_step_body(ctx, s.body);
      changed |= draw_retry(s);
      {
        const int semantics = s.semantics == workflow::StepSemantics::AtMostOncePerRetry ? 1 : 0;
        const int chosen = choice("semantics", "editor.field.semantics", semantics,
                                  {"at least once per retry", "at most once per retry"});
        if (chosen != semantics) {
          s.semantics = chosen == 1 ? workflow::StepSemantics::AtMostOncePerRetry
                                    : workflow::StepSemantics::AtLeastOncePerRetry;
          changed = true;
        }
        // What a crash between the body and its checkpoint does, given the semantics and the retry.
        m_semantics_line = crash_after_body_line(s);
        ImGui::PushStyleColor(ImGuiCol_Text, muted_text());
        ImGui::TextWrapped("%s", m_semantics_line.c_str());
        ImGui::PopStyleColor();
      }
      changed |= ImGui::InputText("side effect", &s.side_effect);
      break;
    case StatementKind::Wait: {
      long long seconds = s.wait_seconds;
      if (ImGui::InputScalar("seconds", ImGuiDataType_S64, &seconds)) {
        s.wait_seconds = seconds;
        changed = true;
      }
      mark_control("editor.field.seconds");
      break;
    }
    case StatementKind::CreateCallback:
    case StatementKind::WaitForCallback:
      changed |= input_seconds("timeout (s, 0 = none)", s.timeout_seconds);
      changed |= input_seconds("heartbeat timeout (s, 0 = none)", s.heartbeat_timeout_seconds);
      if (s.kind == StatementKind::WaitForCallback) {
        changed |= ImGui::Checkbox("parse JSON", &s.parse_json);
        ImGui::SeparatorText("submitter (simulated)");
        changed |= draw_step_body(ctx, s.body);
        changed |= draw_retry(s);
      }
      break;
    case StatementKind::AwaitCallback:
      changed |= ImGui::InputText("callback variable", &s.callback_var);
      changed |= ImGui::Checkbox("parse JSON", &s.parse_json);
      break;
    case StatementKind::WaitForCondition:
      changed |=
          json_field("initial state", s.initial_state, m_buffers[0], m_editing[0], m_errors[0], ctx.fonts);
      changed |=
          json_field("check returns", s.check_returns, m_buffers[1], m_editing[1], m_errors[1], ctx.fonts);
      changed |= ImGui::InputInt("done when attempt", &s.done_when_attempt);
      changed |= optional_double("initial delay (s)", s.wait_strategy.initial_delay_seconds, 5.0);
      changed |= optional_double("max delay (s)", s.wait_strategy.max_delay_seconds, 300.0);
      changed |= optional_double("backoff rate", s.wait_strategy.backoff_rate, 1.5);
      changed |= optional_int("max attempts", s.wait_strategy.max_attempts, 60);
      break;
    case StatementKind::Map:
      changed |= json_field("items", s.items, m_buffers[0], m_editing[0], m_errors[0], ctx.fonts);
      changed |= ImGui::InputText("item variable", &s.item_as);
      changed |= ImGui::InputText("index variable", &s.index_as);
      [[fallthrough]];
    case StatementKind::Parallel:
      changed |= optional_int("max concurrency", s.max_concurrency, 2);
      changed |= optional_int("min successful", s.completion.min_successful, 1);
      changed |= optional_int("tolerated failures", s.completion.tolerated_failure_count, 0);
      changed |= optional_double("tolerated failure %", s.completion.tolerated_failure_percentage, 0.0);
      if (s.kind == StatementKind::Parallel) {
        ImGui::SeparatorText("branches");
        for (size_t b = 0; b < s.branches.size(); ++b) {
          ImGui::PushID(static_cast<int>(b));
          std::string name = s.branches[b].name.value_or("");
          if (ImGui::InputText("branch name", &name)) {
            s.branches[b].name = name.empty() ? std::nullopt : std::optional<std::string>(name);
            changed = true;
          }
          ImGui::PopID();
        }
        if (ImGui::SmallButton("Add branch")) {
          s.branches.push_back(
              workflow::Branch{.name = "branch_" + std::to_string(s.branches.size()), .body = {}});
          changed = true;
        }
        ImGui::SameLine();
        if (s.branches.size() > 1 && ImGui::SmallButton("Remove last branch")) {
          s.branches.pop_back();
          changed = true;
        }
      }
      break;
    case StatementKind::Invoke:
      changed |= ImGui::InputText("function", &s.function);
      changed |= json_field("payload", s.payload, m_buffers[0], m_editing[0], m_errors[0], ctx.fonts);
      break;
    case StatementKind::Try:
      changed |= ImGui::InputText("error variable", &s.error_as);
      break;
    case StatementKind::If:
      changed |= json_field("condition", s.condition, m_buffers[0], m_editing[0], m_errors[0], ctx.fonts);
      break;
    case StatementKind::Log:
    case StatementKind::Return:
    case StatementKind::Let:
      changed |= json_field("value", s.value, m_buffers[0], m_editing[0], m_errors[0], ctx.fonts,
                            s.kind == StatementKind::Return);
      break;
    case StatementKind::Raise:
      changed |= ImGui::InputText("error type", &s.error.type);
      changed |= ImGui::InputText("error message", &s.error.message);
      break;
    case StatementKind::ChildContext:
      ImGui::TextDisabled("Add statements inside it from the outline.");
      break;
    }
    for (const std::string& error : m_errors)
      if (!error.empty())
        ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.4f, 1.0f), "%s", error.c_str());
    ImGui::PopItemWidth();
    if (changed) {
      later([this, edited = std::move(s)](workflow::Document& d) mutable {
        if (Statement* target = statement_at(d, m_path)) {
          *target = std::move(edited);
          commit(d);
        }
      });
    }
  }

  bool input_seconds(const char* label, int64_t& value) {
    long long v = value;
    if (!ImGui::InputScalar(label, ImGuiDataType_S64, &v))
      return false;
    value = v < 0 ? 0 : v;
    return true;
  }

  bool optional_int(const char* label, std::optional<int>& value, int fallback) {
    bool on = value.has_value();
    bool changed = false;
    ImGui::PushID(label);
    if (ImGui::Checkbox("##on", &on)) {
      value = on ? std::optional<int>(fallback) : std::nullopt;
      changed = true;
    }
    ImGui::SameLine();
    if (value) {
      changed |= ImGui::InputInt(label, &*value);
    } else {
      ImGui::TextDisabled("%s: default", label);
    }
    ImGui::PopID();
    return changed;
  }

  bool optional_double(const char* label, std::optional<double>& value, double fallback) {
    bool on = value.has_value();
    bool changed = false;
    ImGui::PushID(label);
    if (ImGui::Checkbox("##on", &on)) {
      value = on ? std::optional<double>(fallback) : std::nullopt;
      changed = true;
    }
    ImGui::SameLine();
    if (value) {
      changed |= ImGui::InputDouble(label, &*value, 0.0, 0.0, "%.3g");
    } else {
      ImGui::TextDisabled("%s: default", label);
    }
    ImGui::PopID();
    return changed;
  }

  bool draw_step_body(PanelContext& ctx, workflow::StepBody& body) {
    bool changed = false;
    if (ImGui::Checkbox("returns a value", &body.has_returns))
      changed = true;
    if (body.has_returns)
      changed |=
          json_field("returns", body.returns, m_buffers[2], m_editing[2], m_errors[2], ctx.fonts, true);
    long long duration = body.duration_ms;
    if (ImGui::InputScalar("body duration (ms)", ImGuiDataType_S64, &duration)) {
      body.duration_ms = duration < 0 ? 0 : duration;
      changed = true;
    }
    ImGui::SeparatorText("simulated failures");
    for (size_t i = 0; i < body.throws.size(); ++i) {
      workflow::ThrowSpec& t = body.throws[i];
      ImGui::PushID(static_cast<int>(i));
      changed |= ImGui::Checkbox("all attempts", &t.all_attempts);
      if (!t.all_attempts) {
        std::string attempts;
        for (int a : t.attempts)
          attempts += (attempts.empty() ? "" : ",") + std::to_string(a);
        if (ImGui::InputText("attempts (e.g. 1,2)", &attempts)) {
          t.attempts.clear();
          int current = 0;
          bool any = false;
          for (char c : attempts + ",") {
            if (c >= '0' && c <= '9') {
              current = current * 10 + (c - '0');
              any = true;
            } else if (any) {
              t.attempts.push_back(current);
              current = 0;
              any = false;
            }
          }
          changed = true;
        }
      }
      changed |= ImGui::InputText("error type", &t.error.type);
      changed |= ImGui::InputText("error message", &t.error.message);
      if (ImGui::SmallButton("Remove this failure")) {
        body.throws.erase(body.throws.begin() + static_cast<long>(i));
        changed = true;
        ImGui::PopID();
        break;
      }
      ImGui::Separator();
      ImGui::PopID();
    }
    if (ImGui::SmallButton("Add a failure")) {
      body.throws.push_back(
          workflow::ThrowSpec{.attempts = {1},
                              .all_attempts = false,
                              .error = workflow::ErrorSpec{"Error", "simulated failure", {}}});
      changed = true;
    }
    return changed;
  }

  // A combo whose box and items are named controls ("<control>" and "<control>.<index>"): returns the
  // chosen index (`current` when nothing was picked).
  static int choice(const char* label, const std::string& control, int current,
                    std::initializer_list<const char*> items) {
    int chosen = current;
    const char* preview =
        current >= 0 && current < static_cast<int>(items.size()) ? items.begin()[current] : "";
    // The box's rectangle, taken before the popup (if open) becomes the current window.
    const ImVec2 box = ImGui::GetCursorScreenPos();
    mark_control_rect(control, box, ImVec2(box.x + ImGui::CalcItemWidth(), box.y + ImGui::GetFrameHeight()));
    if (ImGui::BeginCombo(label, preview)) {
      int index = 0;
      for (const char* item : items) {
        if (ImGui::Selectable(item, index == current))
          chosen = index;
        mark_control(control + "." + std::to_string(index));
        ++index;
      }
      ImGui::EndCombo();
    }
    return chosen;
  }

  bool draw_retry(Statement& s) {
    bool changed = false;
    const int mode = static_cast<int>(s.retry_mode);
    ImGui::SeparatorText("retry");
    const int chosen =
        choice("retry strategy", "editor.field.retry", mode, {"SDK default", "no retry", "custom"});
    if (chosen != mode) {
      s.retry_mode = static_cast<workflow::RetryMode>(chosen);
      changed = true;
    }
    if (s.retry_mode == workflow::RetryMode::Custom) {
      changed |= optional_int("max attempts", s.retry.max_attempts, 3);
      changed |= optional_double("initial delay (s)", s.retry.initial_delay_seconds, 5.0);
      changed |= optional_double("max delay (s)", s.retry.max_delay_seconds, 300.0);
      changed |= optional_double("backoff rate", s.retry.backoff_rate, 2.0);
      int jitter = s.retry.jitter ? static_cast<int>(*s.retry.jitter) + 1 : 0;
      if (ImGui::Combo("jitter", &jitter, "default\0full\0half\0none\0")) {
        s.retry.jitter = jitter == 0
                             ? std::nullopt
                             : std::optional<workflow::Jitter>(static_cast<workflow::Jitter>(jitter - 1));
        changed = true;
      }
    }
    return changed;
  }

  void draw_function(PanelContext& ctx) {
    // Only the top-level fields are copied per frame, never the handler.
    const workflow::Document& current = ctx.session.document();
    std::string name = current.name;
    std::string description = current.description;
    workflow::FunctionConfig f = current.function;
    Json input = current.input;
    uint64_t seed_value = current.simulation.seed;
    bool changed = false;
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 10.0f);
    changed |= ImGui::InputText("workflow name", &name);
    mark_control("editor.function.name");
    changed |= ImGui::InputText("description", &description);
    ImGui::SeparatorText("Lambda function");
    changed |= ImGui::InputText("function name", &f.name);
    const char* runtimes[] = {"python3.13", "python3.14", "nodejs22.x", "nodejs24.x"};
    if (ImGui::BeginCombo("runtime", f.runtime.c_str())) {
      for (const char* r : runtimes)
        if (ImGui::Selectable(r, f.runtime == r)) {
          f.runtime = r;
          changed = true;
        }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    help_marker(
        "The Lambda runtime the function runs on; durable functions support python3.13, python3.14, "
        "nodejs22.x and nodejs24.x.\n\n"
        "A python runtime means the Python SDK (aws-durable-execution-sdk-python): the exported handler "
        "is lambda_function.py, step results are stored in its typed envelope, errors carry Python's names. "
        "A nodejs runtime means the JavaScript SDK (@aws/durable-execution-sdk-js): the handler is index.mjs "
        "and results are stored as JSON text. The simulation follows the chosen SDK, so operation ids and "
        "stored payloads change with the language; the version (3.13 or 3.14, 22 or 24) only goes into "
        "the Terraform (the function's runtime attribute).");
    mark_control("editor.function.runtime_help");
    changed |= ImGui::InputText("handler", &f.handler);
    changed |= ImGui::InputInt("memory (MB)", &f.memory_size, 64);
    changed |= ImGui::InputInt("invocation timeout (s)", &f.timeout);
    changed |= ImGui::InputText("region", &f.region);
    changed |= ImGui::InputText("alias", &f.alias);
    ImGui::SeparatorText("durable config");
    long long execution_timeout = f.execution_timeout;
    if (ImGui::InputScalar("execution timeout (s)", ImGuiDataType_S64, &execution_timeout)) {
      f.execution_timeout = execution_timeout;
      changed = true;
    }
    changed |= ImGui::InputInt("retention (days)", &f.retention_period);
    ImGui::SeparatorText("execution input");
    changed |= json_field("##input", input, m_buffers[3], m_editing[3], m_errors[3], ctx.fonts, true);
    mark_control("editor.function.input");
    if (!m_errors[3].empty())
      ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.4f, 1.0f), "%s", m_errors[3].c_str());
    ImGui::SeparatorText("simulation");
    long long seed = static_cast<long long>(seed_value);
    if (ImGui::InputScalar("seed (retry jitter)", ImGuiDataType_S64, &seed)) {
      seed_value = static_cast<uint64_t>(seed < 0 ? 0 : seed);
      changed = true;
    }
    ImGui::Text("%zu planned faults, %zu scripted callback answers", current.simulation.faults.size(),
                current.simulation.callbacks.size());
    ImGui::PopItemWidth();
    if (changed) {
      workflow::Document doc = current;
      doc.name = std::move(name);
      doc.description = std::move(description);
      doc.function = std::move(f);
      doc.input = std::move(input);
      doc.simulation.seed = seed_value;
      ctx.session.set_document(std::move(doc));
    }
  }

  // [SECTION] JSON mode
  void draw_json(PanelContext& ctx) {
    if (m_json_synced_revision != ctx.session.document_revision() && !m_json_active) {
      m_json_text = ctx.session.document_text();
      m_json_synced_revision = ctx.session.document_revision();
    }
    const std::optional<Error>& error = ctx.session.document_error();
    const float footer = ImGui::GetTextLineHeightWithSpacing() * 3.0f;
    ImGui::PushFont(ctx.fonts.code);
    const bool edited = ImGui::InputTextMultiline("##json", &m_json_text,
                                                  ImVec2(-1, ImGui::GetContentRegionAvail().y - footer),
                                                  ImGuiInputTextFlags_AllowTabInput);
    m_json_active = ImGui::IsItemActive();
    mark_control("editor.json");
    ImGui::PopFont();
    if (edited) {
      if (ctx.session.set_document_text(m_json_text))
        m_json_synced_revision = ctx.session.document_revision();
    }
    if (error && m_json_text != ctx.session.document_text()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.4f, 1.0f), "✗ %s", error->text().c_str());
      ImGui::PopTextWrapPos();
      ImGui::TextDisabled("The last valid version stays in use until this one is fixed.");
    } else {
      ImGui::TextColored(ImVec4(0.4f, 0.8f, 0.5f, 1.0f), "✓ valid workflow document (format 1)");
      ImGui::TextDisabled("Edits apply as you type.");
    }
  }

  StatementPath m_path;         // the selected statement
  std::string m_followed_name;  // the shared selection's operation name last mirrored into m_path
  std::string m_inspected;      // "step validate_order": what the inspector shows ("" = nothing), for tests
  std::string m_semantics_line; // the inspector's line on crashes after the body, for tests
  std::vector<Row> m_rows;      // the outline, flattened (rebuilt by document revision and folding)
  uint64_t m_rows_revision = ~0ull;
  bool m_rows_dirty = true;
  std::set<std::string> m_folded; // path keys of folded containers
  std::function<void(workflow::Document&)> m_action;
  std::optional<workflow::Document> m_pending; // an edit made while drawing, applied after the frame's loop
  int m_serial = 0;
  std::string m_buffers[4];
  bool m_editing[4] = {};
  std::string m_errors[4];
  std::string m_json_text;
  uint64_t m_json_synced_revision = 0;
  bool m_json_active = false;
};

} // namespace

std::unique_ptr<Panel> make_workflow_editor() {
  return std::make_unique<WorkflowEditor>();
}

} // namespace dp::ui
