// IAM gathering and matching. Unknown is not wrong (spec rule 4): whenever a policy cannot be evaluated
// the set is marked incomplete and DUR004 stays silent.
#include "terraform/iam.hpp"

#include <algorithm>
#include <cctype>

#include "base/json.hpp"
#include "terraform/reference.hpp"

namespace dp::tf {

const char* const kCheckpointAction = "lambda:CheckpointDurableExecution";
const char* const kGetStateAction = "lambda:GetDurableExecutionState";

namespace {

constexpr const char* kDurablePolicySuffix =
    ":iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy";
constexpr const char* kBasicPolicySuffix = ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The reference inside a value that is exactly one placeholder ("${aws_iam_role.r.arn}"), or "".
std::string sole_ref(const Value& v) {
  if (v.kind == Value::Kind::Unknown)
    return v.s;
  if (v.kind == Value::Kind::String && v.s.size() > 2 && v.s.front() == kMark && v.s.back() == kMark &&
      v.s.find(kMark, 1) == v.s.size() - 1)
    return v.s.substr(1, v.s.size() - 2);
  return {};
}

// The resource or data source a value is exactly a reference to ("${aws_iam_role.r[0].arn}").
std::optional<ResourceReference> sole_resource(const Value& v) {
  return parse_resource_reference(sole_ref(v));
}

Statement managed_durable_statement(const Range& where) {
  Statement s;
  s.managed = true;
  for (const char* a : {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", kCheckpointAction,
                        kGetStateAction})
    s.actions.push_back(PolicyElement{a, where});
  s.resources.push_back(PolicyElement{"*", where});
  return s;
}

Statement managed_basic_statement(const Range& where) {
  Statement s;
  s.managed = true;
  for (const char* a : {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"})
    s.actions.push_back(PolicyElement{a, where});
  s.resources.push_back(PolicyElement{"*", where});
  return s;
}

// Elements of an Action/Resource value from a jsonencode'd object (Value) or parsed JSON.
bool value_elements(const Value* v, std::vector<PolicyElement>& out, const Range& fallback) {
  if (!v)
    return true;
  auto text = [](const Value& x) {
    if (x.kind == Value::Kind::String)
      return x.s;
    return std::string(1, kMark) + (x.s.empty() ? "?" : x.s) + std::string(1, kMark); // an unknown part
  };
  if (v->kind == Value::Kind::String || (v->kind == Value::Kind::Unknown && !v->s.empty())) {
    out.push_back(PolicyElement{text(*v), v->file ? v->range() : fallback});
    return true;
  }
  if (v->kind == Value::Kind::Tuple) {
    for (const auto& item : v->items) {
      if (item.kind != Value::Kind::String && !(item.kind == Value::Kind::Unknown && !item.s.empty()))
        return false;
      out.push_back(PolicyElement{text(item), item.file ? item.range() : fallback});
    }
    return true;
  }
  return false;
}

// Converts parsed JSON into a Value tree whose strings all point at the template they came from.
Value json_to_value(const Json& j, const Value& source) {
  Value v;
  v.origin = source.origin;
  v.file = source.file;
  if (j.is_string()) {
    v.kind = Value::Kind::String;
    v.s = j.get_ref<const std::string&>();
  } else if (j.is_array()) {
    v.kind = Value::Kind::Tuple;
    for (const auto& item : j)
      v.items.push_back(json_to_value(item, source));
  } else if (j.is_object()) {
    v.kind = Value::Kind::Object;
    for (auto it = j.begin(); it != j.end(); ++it)
      v.add_field(it.key(), json_to_value(it.value(), source));
  } else if (j.is_boolean()) {
    v.kind = Value::Kind::Bool;
    v.b = j.get<bool>();
  } else if (j.is_number()) {
    v.kind = Value::Kind::Number;
    v.n = j.get<double>();
  } else {
    v.kind = Value::Kind::Null;
  }
  return v;
}

bool glob(std::string_view p, std::string_view t, bool fold) {
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  auto eq = [&](char a, char b) {
    return fold ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b))
                : a == b;
  };
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || eq(p[pi], t[ti]))) {
      ++pi, ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*')
    ++pi;
  return pi == p.size();
}

} // namespace

bool action_matches(std::string_view pattern, std::string_view action) {
  return glob(pattern, action, true);
}

bool has_placeholder(std::string_view text) {
  return text.find(kMark) != std::string_view::npos;
}

FunctionTarget function_target(const BlockRef& fn, const Evaluator& eval) {
  FunctionTarget t;
  t.key = fn.name();
  if (const Attribute* a = fn.attr("function_name")) {
    Value v = eval.eval(a->expr, fn.file);
    if (v.is_literal_string())
      t.name = v.s;
  }
  if (t.name.empty())
    t.name = std::string("\x01") + t.key; // only references to this function produce it
  return t;
}

ResourceMatch match_resource(const std::string& pattern, const FunctionTarget& fn, const Module& module,
                             const Evaluator& eval, const std::vector<std::string>& alias_names) {
  // Expand placeholders into ARN text: function references become their names, alias references alias
  // ARNs, anything else (region, account, partition, variables) matches anything.
  std::string p;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != kMark) {
      p += pattern[i];
      continue;
    }
    size_t end = pattern.find(kMark, i + 1);
    if (end == std::string::npos)
      break;
    // every instance of a function with count or for_each has the function's name pattern
    auto ref = parse_resource_reference(pattern.substr(i + 1, end - i - 1));
    i = end;
    if (ref && !ref->data && ref->type == "aws_lambda_function" && !ref->attribute.empty()) {
      const BlockRef* other = module.resource(ref->type, ref->name);
      std::string name = other ? function_target(*other, eval).name : "\x01" + ref->name;
      if (ref->attribute == "arn")
        p += "arn:aws:lambda:*:*:function:" + name;
      else if (ref->attribute == "qualified_arn")
        p += "arn:aws:lambda:*:*:function:" + name + ":1";
      else if (ref->attribute == "function_name" || ref->attribute == "id")
        p += name;
      else
        p += "\x02";
    } else if (ref && !ref->data && ref->type == "aws_lambda_alias" && !ref->attribute.empty()) {
      const BlockRef* alias = module.resource(ref->type, ref->name);
      std::string fname = "\x03";
      std::string aname = "\x03" + ref->name;
      if (alias) {
        if (const Attribute* a = alias->attr("function_name")) {
          Value v = eval.eval(a->expr, alias->file);
          auto target = sole_resource(v);
          if (target && !target->data && target->type == "aws_lambda_function") {
            if (const BlockRef* f = module.resource(target->type, target->name))
              fname = function_target(*f, eval).name;
          } else if (v.is_literal_string()) {
            fname = v.s;
          }
        }
        if (const Attribute* a = alias->attr("name")) {
          Value v = eval.eval(a->expr, alias->file);
          if (v.is_literal_string())
            aname = v.s;
        }
      }
      p += (ref->attribute == "arn" ? "arn:aws:lambda:*:*:function:" + fname + ":" + aname
                                    : std::string("\x02"));
    } else {
      p += "*";
    }
  }
  auto matches = [&](const std::string& rest) {
    std::string target = "arn:aws:lambda:us-east-2:123456789012:" + rest;
    if (p.rfind("arn:", 0) != 0)
      return glob(p, target, false);
    // arn:PARTITION:SERVICE:REGION:ACCOUNT:REST, any partition, region and account
    size_t c[5];
    size_t from = 0;
    for (int k = 0; k < 5; ++k) {
      c[k] = p.find(':', from);
      if (c[k] == std::string::npos)
        return false;
      from = c[k] + 1;
    }
    std::string service = p.substr(c[1] + 1, c[2] - c[1] - 1);
    return glob(service, "lambda", false) && glob(p.substr(c[4] + 1), rest, false);
  };
  std::string base = "function:" + fn.name;
  if (matches(base + ":1/durable-execution/exec-name/exec-id") &&
      matches(base + ":$LATEST/durable-execution/exec-name/exec-id"))
    return ResourceMatch::Durable;
  if (matches(base + ":1/durable-execution/exec-name/exec-id"))
    return ResourceMatch::Durable;
  if (matches(base) || matches(base + ":1"))
    return ResourceMatch::Unqualified;
  for (const std::string& alias : alias_names)
    if (matches(base + ":" + alias))
      return ResourceMatch::Alias;
  if (p.find("function:" + fn.name + ":\x03") != std::string::npos ||
      p.find(fn.name + ":") != std::string::npos)
    return ResourceMatch::Alias;
  return ResourceMatch::None;
}

RoleTarget IamGatherer::role_of_function(const BlockRef& fn) const {
  RoleTarget t;
  const Attribute* a = fn.attr("role");
  if (!a)
    return t;
  t.range = fn.file->range(a->expr->span);
  Value v = m_eval.eval(a->expr, fn.file);
  // aws_iam_role.R.arn, or one instance of R (R[0], R["a"], R[each.key], one(R[*].arn)): the instances of
  // a role with count or for_each share R's body and the attachments that name R
  auto ref = sole_resource(v);
  if (ref && !ref->data && ref->type == "aws_iam_role" && ref->attribute == "arn" && ref->instance != "*") {
    const BlockRef* role = m_module.resource(ref->type, ref->name);
    if (!role)
      return t;
    t.known = true;
    t.resource_name = ref->name;
    t.instance = ref->instance;
    if (const Attribute* n = role->attr("name")) {
      Value nv = m_eval.eval(n->expr, role->file);
      if (nv.is_literal_string())
        t.role_name = nv.s;
    }
    return t;
  }
  if (v.is_literal_string()) {
    size_t pos = v.s.find(":role/");
    if (v.s.rfind("arn:", 0) == 0 && pos != std::string::npos) {
      t.role_name = v.s.substr(v.s.rfind('/') + 1);
      t.known = true;
    }
  }
  return t;
}

std::string IamGatherer::role_key(const Value& v, std::string& instance) const {
  auto ref = sole_resource(v);
  if (ref && !ref->data && ref->type == "aws_iam_role" &&
      (ref->attribute == "name" || ref->attribute == "id") && ref->instance != "*") {
    instance = ref->instance;
    return "res:" + ref->name;
  }
  if (v.is_literal_string())
    return "lit:" + v.s;
  return {};
}

void IamGatherer::build_index() const {
  m_indexed = true;
  auto index = [&](const BlockRef& r, const char* attr) {
    const Attribute* a = r.attr(attr);
    if (!a)
      return;
    std::string instance;
    std::string key = role_key(m_eval.eval(a->expr, r.file), instance);
    if (key.empty())
      m_unknown_attachment = true;
    else
      m_by_role.emplace(key, Attachment{r, instance});
  };
  for (const BlockRef& r : m_module.resources_of("aws_iam_role_policy"))
    index(r, "role");
  for (const BlockRef& r : m_module.resources_of("aws_iam_role_policy_attachment"))
    index(r, "role");
  for (const BlockRef& r : m_module.resources_of("aws_iam_role_policy_attachments_exclusive"))
    index(r, "role_name");
  for (const BlockRef& r : m_module.resources_of("aws_iam_policy_attachment")) {
    const Attribute* roles = r.attr("roles");
    if (!roles)
      continue;
    Value v = m_eval.eval(roles->expr, r.file);
    if (v.kind != Value::Kind::Tuple) {
      m_unknown_attachment = true;
      continue;
    }
    for (const auto& item : v.items) {
      std::string instance;
      std::string key = role_key(item, instance);
      if (key.empty())
        m_unknown_attachment = true;
      else
        m_by_role.emplace(key, Attachment{r, instance});
    }
  }
}

PolicySet IamGatherer::from_policy_arn(const Value& v) const {
  PolicySet set;
  Range where = v.range();
  auto ref = sole_resource(v);
  if (ref && !ref->data && ref->type == "aws_iam_policy" && ref->attribute == "arn" && ref->instance != "*") {
    const BlockRef* p = m_module.resource(ref->type, ref->name);
    const Attribute* doc = p ? p->attr("policy") : nullptr;
    if (!doc) {
      set.complete = false;
      return set;
    }
    return from_policy_value(m_eval.eval(doc->expr, p->file));
  }
  if (v.kind == Value::Kind::String) {
    if (ends_with(v.s, kDurablePolicySuffix)) {
      set.statements.push_back(managed_durable_statement(where));
      return set;
    }
    if (ends_with(v.s, kBasicPolicySuffix)) {
      set.statements.push_back(managed_basic_statement(where));
      return set;
    }
  }
  set.complete = false;
  return set;
}

PolicySet IamGatherer::from_policy_value(const Value& v, int depth) const {
  PolicySet set;
  if (depth > 8) {
    set.complete = false;
    return set;
  }
  auto ref = sole_resource(v);
  if (ref && ref->data && ref->type == "aws_iam_policy_document" && ref->instance != "*" &&
      (ref->attribute == "json" || ref->attribute == "minified_json")) {
    auto it = m_module.data.find(ref->type + "." + ref->name);
    if (it == m_module.data.end()) {
      set.complete = false;
      return set;
    }
    return from_document(it->second, depth + 1);
  }
  const Value* doc = nullptr;
  Value parsed;
  if (v.kind == Value::Kind::Object) {
    doc = &v;
  } else if (v.kind == Value::Kind::String) {
    auto json = parse_json(v.s);
    if (!json.ok() || !json->is_object()) {
      set.complete = false;
      return set;
    }
    parsed = json_to_value(*json, v);
    doc = &parsed;
  } else {
    set.complete = false;
    return set;
  }
  const Value* stmts = doc->field("Statement");
  if (stmts && stmts->from_default) {
    set.complete = false; // statements built from a variable's default (see from_document)
    return set;
  }
  std::vector<const Value*> list;
  if (stmts && stmts->kind == Value::Kind::Object)
    list.push_back(stmts);
  else if (stmts && stmts->kind == Value::Kind::Tuple)
    for (const auto& s : stmts->items)
      list.push_back(&s);
  else if (stmts) {
    set.complete = false;
    return set;
  }
  for (const Value* s : list) {
    if (s->kind != Value::Kind::Object) {
      set.complete = false;
      continue;
    }
    Statement st;
    Range where = s->range();
    if (const Value* e = s->field("Effect")) {
      if (!e->is_literal_string()) {
        set.complete = false;
        continue;
      }
      st.allow = e->s != "Deny";
    }
    if (const Value* sid = s->field("Sid"); sid && sid->kind == Value::Kind::String)
      st.sid = sid->s;
    st.conditional = s->field("Condition") != nullptr;
    const Value* actions = s->field("Action");
    if (!actions) {
      actions = s->field("NotAction");
      st.not_actions = actions != nullptr;
    }
    const Value* resources = s->field("Resource");
    if (!resources) {
      resources = s->field("NotResource");
      st.not_resources = resources != nullptr;
    }
    if (!value_elements(actions, st.actions, where) || !value_elements(resources, st.resources, where)) {
      set.complete = false;
      continue;
    }
    set.statements.push_back(std::move(st));
  }
  return set;
}

PolicySet IamGatherer::from_document(const BlockRef& doc, int depth) const {
  PolicySet set;
  auto merge_list = [&](const char* attr, bool override_by_sid) {
    const Attribute* a = doc.attr(attr);
    if (!a)
      return;
    Value v = m_eval.eval(a->expr, doc.file);
    if (v.kind != Value::Kind::Tuple) {
      set.complete = false;
      return;
    }
    for (const auto& item : v.items) {
      PolicySet sub = from_policy_value(item, depth + 1);
      set.complete = set.complete && sub.complete;
      for (auto& st : sub.statements) {
        bool replaced = false;
        if (override_by_sid && !st.sid.empty())
          for (auto& existing : set.statements)
            if (existing.sid == st.sid) {
              existing = st;
              replaced = true;
            }
        if (!replaced)
          set.statements.push_back(std::move(st));
      }
    }
  };
  merge_list("source_policy_documents", false);
  if (doc.attr("source_json") || doc.attr("override_json"))
    set.complete = false;
  // One statement body (a `statement` block, or the `content` of a dynamic "statement").
  auto statement = [&](const Body& body, Range where) {
    Statement st;
    auto string_attr = [&](const char* name, std::string& out) {
      if (const Attribute* a = body.attribute(name)) {
        Value v = m_eval.eval(a->expr, doc.file);
        if (!v.is_literal_string())
          return false;
        out = v.s;
      }
      return true;
    };
    std::string effect = "Allow";
    if (!string_attr("effect", effect) || !string_attr("sid", st.sid)) {
      set.complete = false;
      return;
    }
    st.allow = effect != "Deny";
    for (const Block& inner : body.blocks)
      if (inner.type == "condition" ||
          (inner.type == "dynamic" && !inner.labels.empty() && inner.labels[0].text == "condition"))
        st.conditional = true;
    auto list_attr = [&](const char* name, std::vector<PolicyElement>& out) {
      const Attribute* a = body.attribute(name);
      if (!a)
        return false;
      Value v = m_eval.eval(a->expr, doc.file);
      if (!value_elements(&v, out, where))
        set.complete = false;
      return true;
    };
    if (!list_attr("actions", st.actions))
      st.not_actions = list_attr("not_actions", st.actions);
    if (!list_attr("resources", st.resources))
      st.not_resources = list_attr("not_resources", st.resources);
    // a statement without resources applies to none in an identity policy: keep it, it grants nothing
    bool replaced = false;
    if (!st.sid.empty())
      for (auto& existing : set.statements)
        if (existing.sid == st.sid) {
          existing = st;
          replaced = true;
        }
    if (!replaced)
      set.statements.push_back(std::move(st));
  };
  for (const Block& b : doc.block->body.blocks) {
    if (b.type == "statement") {
      statement(b.body, doc.file->range(b.type_span));
      continue;
    }
    if (b.type != "dynamic" || b.labels.empty() || b.labels[0].text != "statement")
      continue;
    // dynamic "statement": expanded when for_each is a known collection
    const Attribute* for_each = b.body.attribute("for_each");
    const Block* content = nullptr;
    for (const Block& inner : b.body.blocks)
      if (inner.type == "content")
        content = &inner;
    Value coll = for_each ? m_eval.eval(for_each->expr, doc.file) : Value{};
    // statements generated from a variable's default (a module's `policy_statements = {}`) are not known:
    // the caller sets them (issue 11)
    if (!content || coll.from_default ||
        (coll.kind != Value::Kind::Tuple && coll.kind != Value::Kind::Object)) {
      set.complete = false;
      continue;
    }
    std::string iterator = b.labels[0].text;
    if (const Attribute* it = b.body.attribute("iterator"))
      if (it->expr->kind == ExprKind::ScopeTraversal && it->expr->steps.empty())
        iterator = it->expr->name;
    for (size_t i = 0; i < coll.items.size(); ++i) {
      Value each;
      each.kind = Value::Kind::Object;
      Value key;
      key.kind = coll.kind == Value::Kind::Object ? Value::Kind::String : Value::Kind::Number;
      if (coll.kind == Value::Kind::Object)
        key.s = coll.keys[i];
      else
        key.n = static_cast<double>(i);
      each.add_field("key", key);
      each.add_field("value", coll.items[i]);
      m_eval.bind(iterator, std::move(each));
      statement(content->body, doc.file->range(b.type_span));
      m_eval.unbind();
    }
  }
  merge_list("override_policy_documents", true);
  return set;
}

PolicySet IamGatherer::role_statements(const RoleTarget& role, PolicySet& boundary) const {
  if (!m_indexed)
    build_index();
  std::string cache_key = role.resource_name + "\n" + role.role_name + "\n" + role.instance;
  if (auto it = m_cache.find(cache_key); it != m_cache.end()) {
    boundary = it->second.second;
    return it->second.first;
  }
  PolicySet set;
  boundary = PolicySet{};
  boundary.complete = false;
  set.complete = !m_unknown_attachment;
  // `maybe_other`: the policy is attached to an instance of the role that may not be this one; it may widen
  // the grant (silence is safe) but its Deny statements are not known to apply.
  auto add = [&](PolicySet sub, bool maybe_other = false) {
    set.complete = set.complete && sub.complete;
    for (auto& st : sub.statements)
      if (st.allow || !maybe_other)
        set.statements.push_back(std::move(st));
  };
  std::vector<std::string> keys;
  if (!role.resource_name.empty())
    keys.push_back("res:" + role.resource_name);
  if (!role.role_name.empty())
    keys.push_back("lit:" + role.role_name);
  auto source = [&](const BlockRef& r, const Expr* e) {
    Range at = r.file->range(e->span);
    set.sources.push_back(r.type() + "." + r.name() + " (" + at.filename + ":" +
                          std::to_string(at.start.line) + "," + std::to_string(at.start.column) + ")");
  };
  std::vector<const Block*> seen;
  for (const std::string& key : keys) {
    auto [from, to] = m_by_role.equal_range(key);
    for (auto it = from; it != to; ++it) {
      const BlockRef& r = it->second.resource;
      const std::string& instance = it->second.instance;
      if (key[0] == 'r' && !may_be_same_instance(instance, role.instance))
        continue; // attached to another instance of the role
      bool maybe_other = key[0] == 'r' && !same_instance(instance, role.instance) &&
                         !(instance.empty() && role.instance.empty());
      if (std::find(seen.begin(), seen.end(), r.block) != seen.end())
        continue;
      seen.push_back(r.block);
      const std::string& type = r.type();
      if (type == "aws_iam_role_policy") {
        if (const Attribute* p = r.attr("policy")) {
          source(r, p->expr);
          add(from_policy_value(m_eval.eval(p->expr, r.file)), maybe_other);
        }
      } else if (type == "aws_iam_role_policy_attachments_exclusive") {
        if (const Attribute* p = r.attr("policy_arns")) {
          source(r, p->expr);
          Value v = m_eval.eval(p->expr, r.file);
          if (v.kind != Value::Kind::Tuple)
            set.complete = false;
          else
            for (const auto& item : v.items)
              add(from_policy_arn(item), maybe_other);
        }
      } else if (const Attribute* p = r.attr("policy_arn")) {
        source(r, p->expr);
        add(from_policy_arn(m_eval.eval(p->expr, r.file)), maybe_other);
      }
    }
  }
  if (!role.resource_name.empty()) {
    const BlockRef* r = m_module.resource("aws_iam_role", role.resource_name);
    if (r) {
      for (const Block& b : r->block->body.blocks) {
        if (b.type == "inline_policy") {
          if (const Attribute* p = b.body.attribute("policy")) {
            source(*r, p->expr);
            add(from_policy_value(m_eval.eval(p->expr, r->file)));
          }
        } else if (b.type == "dynamic") {
          set.complete = false;
        }
      }
      if (const Attribute* m = r->attr("managed_policy_arns")) {
        source(*r, m->expr);
        Value v = m_eval.eval(m->expr, r->file);
        if (v.kind != Value::Kind::Tuple)
          set.complete = false;
        else
          for (const auto& item : v.items)
            add(from_policy_arn(item));
      }
      if (const Attribute* pb = r->attr("permissions_boundary")) {
        PolicySet b = from_policy_arn(m_eval.eval(pb->expr, r->file));
        if (b.complete)
          boundary = std::move(b);
      }
    }
  } else if (set.statements.empty()) {
    set.complete = false; // a role known only by name: its own inline policies are invisible
  }
  m_cache.emplace(cache_key, std::make_pair(set, boundary));
  return set;
}

} // namespace dp::tf
