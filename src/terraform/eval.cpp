// Static evaluation for the rules and IAM gathering. Bounded by a depth counter so that locals that refer
// to each other in a cycle stop being followed instead of recursing forever.
#include "terraform/eval.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "terraform/reference.hpp"

namespace dp::tf {
namespace {

constexpr int kMaxDepth = 64;

Value unknown(const Expr* e, const File* f, std::string ref = {}) {
  Value v;
  v.origin = e;
  v.file = f;
  v.s = std::move(ref);
  return v;
}

Value string_value(std::string s, const Expr* e, const File* f) {
  Value v;
  v.kind = Value::Kind::String;
  v.s = std::move(s);
  v.origin = e;
  v.file = f;
  return v;
}

// Text of a value inside a template: known scalars as text, references as placeholders.
std::string interpolate(const Value& v) {
  switch (v.kind) {
  case Value::Kind::String:
    return v.s;
  case Value::Kind::Number:
    return number_text(v.n);
  case Value::Kind::Bool:
    return v.b ? "true" : "false";
  case Value::Kind::Unknown:
    return std::string(1, kMark) + (v.s.empty() ? "?" : v.s) + std::string(1, kMark);
  default:
    return std::string(1, kMark) + "?" + std::string(1, kMark);
  }
}

// Marks a default and everything inside it (values nest at most kMaxDepth levels).
void mark_default(Value& v) {
  v.from_default = true;
  for (Value& item : v.items)
    mark_default(item);
}

void flatten_into(const Value& v, std::vector<Value>& out) {
  if (v.kind == Value::Kind::Tuple) {
    for (const auto& item : v.items)
      flatten_into(item, out);
  } else {
    out.push_back(v);
  }
}

} // namespace

std::string number_text(double n) {
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15)
    return std::to_string(static_cast<long long>(n));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", n);
  return buf;
}

const Value* Value::field(std::string_view name) const {
  if (kind != Kind::Object)
    return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == name)
      return &items[i];
  return nullptr;
}

std::optional<double> Evaluator::as_number(const Value& v) {
  if (v.kind == Value::Kind::Number)
    return v.n;
  if (v.is_literal_string() && !v.s.empty()) {
    char* end = nullptr;
    double d = std::strtod(v.s.c_str(), &end);
    if (end && *end == '\0')
      return d;
  }
  return std::nullopt;
}

std::optional<bool> Evaluator::as_bool(const Value& v) {
  if (v.kind == Value::Kind::Bool)
    return v.b;
  if (v.is_literal_string() && (v.s == "true" || v.s == "false"))
    return v.s == "true";
  return std::nullopt;
}

Value Evaluator::eval(const Expr* e, const File* file) const {
  return eval_in(e, file, 0);
}

Value Evaluator::eval_in(const Expr* e, const File* f, int depth) const {
  size_t before = m_default_uses;
  Value v = eval_node(e, f, depth);
  if (m_default_uses != before)
    v.from_default = true;
  return v;
}

Value Evaluator::eval_node(const Expr* e, const File* f, int depth) const {
  if (!e || depth > kMaxDepth)
    return unknown(e, f);
  switch (e->kind) {
  case ExprKind::Literal: {
    Value v;
    v.origin = e;
    v.file = f;
    switch (e->lit) {
    case LitKind::Null:
      v.kind = Value::Kind::Null;
      break;
    case LitKind::Bool:
      v.kind = Value::Kind::Bool, v.b = e->flag;
      break;
    case LitKind::Number:
      v.kind = Value::Kind::Number, v.n = std::strtod(e->name.c_str(), nullptr);
      break;
    case LitKind::String:
      v.kind = Value::Kind::String, v.s = e->name;
      break;
    }
    return v;
  }
  case ExprKind::Template: {
    const Expr* only = e->kids.size() == 1 ? e->kids[0] : nullptr;
    if (only && !(only->kind == ExprKind::Literal && only->lit == LitKind::String) &&
        only->kind != ExprKind::TemplateIf && only->kind != ExprKind::TemplateFor) {
      Value v = eval_in(e->kids[0], f, depth + 1); // interpolation unwrapping: "${x}" is x
      v.origin = e;
      return v;
    }
    std::string s;
    for (const Expr* part : e->kids) {
      if (part->kind == ExprKind::Literal)
        s += part->name;
      else if (part->kind == ExprKind::TemplateIf || part->kind == ExprKind::TemplateFor)
        s += std::string(1, kMark) + "?" + std::string(1, kMark);
      else
        s += interpolate(eval_in(part, f, depth + 1));
    }
    return string_value(std::move(s), e, f);
  }
  case ExprKind::Parens: {
    Value v = eval_in(e->kids[0], f, depth + 1);
    v.origin = e;
    return v;
  }
  case ExprKind::Tuple: {
    Value v;
    v.kind = Value::Kind::Tuple;
    v.origin = e;
    v.file = f;
    for (const Expr* k : e->kids)
      v.items.push_back(eval_in(k, f, depth + 1));
    return v;
  }
  case ExprKind::Object: {
    Value v;
    v.kind = Value::Kind::Object;
    v.origin = e;
    v.file = f;
    for (size_t i = 0; i + 1 < e->kids.size(); i += 2) {
      const Expr* key = e->kids[i];
      std::string name;
      if (key->flag) {
        name = key->kids[0]->name;
      } else {
        Value k = eval_in(key->kids[0], f, depth + 1);
        if (!k.is_literal_string())
          return unknown(e, f);
        name = k.s;
      }
      v.add_field(name, eval_in(e->kids[i + 1], f, depth + 1));
    }
    return v;
  }
  case ExprKind::Conditional: {
    Value c = eval_in(e->kids[0], f, depth + 1);
    auto b = as_bool(c);
    if (!b || c.from_default) // a branch chosen by a default is not known to be taken (module placeholders)
      return unknown(e, f);
    return eval_in(e->kids[*b ? 1 : 2], f, depth + 1);
  }
  case ExprKind::Unary: {
    Value v = eval_in(e->kids[0], f, depth + 1);
    if (e->name == "-") {
      auto n = as_number(v);
      if (!n)
        return unknown(e, f);
      Value r;
      r.kind = Value::Kind::Number, r.n = -*n, r.origin = e, r.file = f;
      return r;
    }
    auto b = as_bool(v);
    if (!b)
      return unknown(e, f);
    Value r;
    r.kind = Value::Kind::Bool, r.b = !*b, r.origin = e, r.file = f;
    return r;
  }
  case ExprKind::Binary: {
    Value l = eval_in(e->kids[0], f, depth + 1);
    Value r = eval_in(e->kids[1], f, depth + 1);
    Value out;
    out.origin = e;
    out.file = f;
    const std::string& op = e->name;
    if (op == "&&" || op == "||") {
      auto a = as_bool(l), b = as_bool(r);
      if (!a || !b)
        return unknown(e, f);
      out.kind = Value::Kind::Bool, out.b = op == "&&" ? (*a && *b) : (*a || *b);
      return out;
    }
    if (op == "==" || op == "!=") {
      if (!l.known() || !r.known() || l.kind == Value::Kind::Tuple || l.kind == Value::Kind::Object)
        return unknown(e, f);
      bool eq = l.kind == r.kind && l.s == r.s && l.n == r.n && l.b == r.b;
      out.kind = Value::Kind::Bool, out.b = op == "==" ? eq : !eq;
      return out;
    }
    auto a = as_number(l), b = as_number(r);
    if (!a || !b)
      return unknown(e, f);
    if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
      out.kind = Value::Kind::Number;
      out.n = op == "+"   ? *a + *b
              : op == "-" ? *a - *b
              : op == "*" ? *a * *b
              : op == "/" ? *a / *b
                          : std::fmod(*a, *b);
      return out;
    }
    out.kind = Value::Kind::Bool;
    out.b = op == ">" ? *a > *b : op == ">=" ? *a >= *b : op == "<" ? *a < *b : *a <= *b;
    return out;
  }
  case ExprKind::ScopeTraversal:
    return traversal(e, f, depth);
  case ExprKind::RelativeTraversal:
    return apply_steps(eval_in(e->kids[0], f, depth + 1), e->steps, 0, e, f, depth);
  case ExprKind::For:
    return for_expr(e, f, depth);
  case ExprKind::Splat:
    return splat(e, f, depth);
  case ExprKind::FunctionCall:
    return call(e, f, depth);
  default:
    return unknown(e, f);
  }
}

Value Evaluator::apply_steps(Value v, const std::vector<Step>& steps, size_t first, const Expr* e,
                             const File* f, int depth) const {
  for (size_t k = first; k < steps.size(); ++k) {
    const Step& st = steps[k];
    if (st.kind == StepKind::Attr && v.kind == Value::Kind::Object) {
      const Value* fv = v.field(st.name);
      if (!fv)
        return unknown(e, f);
      Value copy = *fv;
      v = std::move(copy);
    } else if ((st.kind == StepKind::Index || st.kind == StepKind::LegacyIndex) &&
               v.kind == Value::Kind::Tuple) {
      std::optional<double> i;
      if (st.kind == StepKind::LegacyIndex)
        i = std::strtod(st.name.c_str(), nullptr);
      else
        i = as_number(eval_in(st.index, f, depth + 1));
      if (!i || *i < 0 || static_cast<size_t>(*i) >= v.items.size())
        return unknown(e, f);
      Value copy = v.items[static_cast<size_t>(*i)];
      v = std::move(copy);
    } else if (st.kind == StepKind::Index && v.kind == Value::Kind::Object) {
      Value key = eval_in(st.index, f, depth + 1);
      const Value* fv = key.is_literal_string() ? v.field(key.s) : nullptr;
      if (!fv)
        return unknown(e, f);
      Value copy = *fv;
      v = std::move(copy);
    } else if (st.kind != StepKind::Attr && v.kind == Value::Kind::Unknown && k == first) {
      // an element of a splat of a resource (aws_iam_role.r.*.arn[0]) names that element's instance
      std::string key = "..";
      if (st.kind == StepKind::LegacyIndex) {
        key = st.name;
      } else if (auto i = as_number(eval_in(st.index, f, depth + 1)); i && *i >= 0 && *i == std::floor(*i)) {
        key = number_text(*i);
      }
      std::string element = splat_element(v.s, key);
      if (element.empty())
        return unknown(e, f, traversal_text(*e));
      v = unknown(e, f, std::move(element));
    } else {
      return unknown(e, f, traversal_text(*e));
    }
  }
  return v;
}

Value Evaluator::for_expr(const Expr* e, const File* f, int depth) const {
  Value coll = eval_in(e->kids[0], f, depth + 1);
  if (coll.kind != Value::Kind::Tuple && coll.kind != Value::Kind::Object)
    return unknown(e, f);
  Value out;
  out.kind = e->flag ? Value::Kind::Object : Value::Kind::Tuple;
  out.origin = e;
  out.file = f;
  size_t mark = m_scope.size();
  for (size_t i = 0; i < coll.items.size(); ++i) {
    Value key;
    if (coll.kind == Value::Kind::Object) {
      key.kind = Value::Kind::String;
      key.s = coll.keys[i];
    } else {
      key.kind = Value::Kind::Number;
      key.n = static_cast<double>(i);
    }
    m_scope.resize(mark);
    if (!e->name.empty())
      m_scope.emplace_back(e->name, key);
    m_scope.emplace_back(e->name2, coll.items[i]);
    if (e->kids[3]) {
      auto keep = as_bool(eval_in(e->kids[3], f, depth + 1));
      if (!keep) {
        m_scope.resize(mark);
        return unknown(e, f);
      }
      if (!*keep)
        continue;
    }
    Value value = eval_in(e->kids[2], f, depth + 1);
    if (!e->flag) {
      out.items.push_back(std::move(value));
      continue;
    }
    Value k = eval_in(e->kids[1], f, depth + 1);
    std::string name = k.kind == Value::Kind::Number ? number_text(k.n) : k.s;
    if (!(k.is_literal_string() || k.kind == Value::Kind::Number)) {
      m_scope.resize(mark);
      return unknown(e, f);
    }
    if (e->grouped) {
      Value* group = const_cast<Value*>(out.field(name));
      if (!group) {
        Value t;
        t.kind = Value::Kind::Tuple;
        out.add_field(name, t);
        group = &out.items.back();
      }
      group->items.push_back(std::move(value));
    } else {
      out.add_field(name, std::move(value));
    }
  }
  m_scope.resize(mark);
  return out;
}

Value Evaluator::splat(const Expr* e, const File* f, int depth) const {
  Value source = eval_in(e->kids[0], f, depth + 1);
  if (source.kind == Value::Kind::Null) {
    Value empty;
    empty.kind = Value::Kind::Tuple;
    empty.origin = e;
    empty.file = f;
    return empty;
  }
  if (!source.known()) {
    // a splat of a resource with count or for_each: every instance's attribute (aws_iam_role.r[*].arn)
    auto ref = parse_resource_reference(source.s);
    bool attributes_only = true;
    for (const Step& st : e->steps)
      attributes_only = attributes_only && st.kind == StepKind::Attr;
    if (!ref || !ref->instance.empty() || !ref->attribute.empty() || !attributes_only)
      return unknown(e, f);
    std::string text = source.s + "[*]";
    for (const Step& st : e->steps)
      text += "." + st.name;
    return unknown(e, f, std::move(text));
  }
  if (source.kind != Value::Kind::Tuple) { // a single value is wrapped in a one-element tuple
    Value t;
    t.kind = Value::Kind::Tuple;
    t.items.push_back(std::move(source));
    source = std::move(t);
  }
  Value out;
  out.kind = Value::Kind::Tuple;
  out.origin = e;
  out.file = f;
  for (const Value& item : source.items) {
    Value v = apply_steps(item, e->steps, 0, e, f, depth);
    if (!v.known())
      return unknown(e, f);
    out.items.push_back(std::move(v));
  }
  return out;
}

Value Evaluator::traversal(const Expr* e, const File* f, int depth) const {
  for (size_t k = m_scope.size(); k-- > 0;)
    if (m_scope[k].first == e->name)
      return apply_steps(m_scope[k].second, e->steps, 0, e, f, depth);
  std::string ref = traversal_text(*e);
  if (e->name == "var" && !e->steps.empty() && e->steps[0].kind == StepKind::Attr) {
    auto it = m_module.variables.find(e->steps[0].name);
    if (it != m_module.variables.end() && e->steps.size() == 1) {
      if (const Attribute* def = it->second.attr("default")) {
        Value v = eval_in(def->expr, it->second.file, depth + 1);
        if (v.known() && v.kind != Value::Kind::Null) {
          ++m_default_uses;
          mark_default(v);
          return v;
        }
      }
    }
    return unknown(e, f, ref);
  }
  if (e->name == "local" && !e->steps.empty() && e->steps[0].kind == StepKind::Attr) {
    auto it = m_module.locals.find(e->steps[0].name);
    if (it != m_module.locals.end()) {
      Value v = eval_in(it->second.attr->expr, it->second.file, depth + 1);
      // apply the remaining steps to the local's value
      for (size_t k = 1; k < e->steps.size() && v.known(); ++k) {
        const Step& st = e->steps[k];
        if (st.kind == StepKind::Attr && v.kind == Value::Kind::Object && v.field(st.name)) {
          Value copy = *v.field(st.name);
          v = std::move(copy);
        } else {
          return unknown(e, f, ref);
        }
      }
      if (v.known())
        return v;
    }
    return unknown(e, f, ref);
  }
  return unknown(e, f, ref);
}

Value Evaluator::call(const Expr* e, const File* f, int depth) const {
  const std::string& name = e->name;
  std::vector<Value> args;
  for (const Expr* k : e->kids)
    args.push_back(eval_in(k, f, depth + 1));
  auto result = [&](Value v) {
    v.origin = e;
    v.file = f;
    return v;
  };
  if (e->flag) // f(list...): expansion not evaluated
    return unknown(e, f, name + "()");
  if ((name == "jsonencode" || name == "tolist" || name == "toset" || name == "tomap") && args.size() == 1) {
    Value v = args[0];
    if (name == "jsonencode") {
      v.origin = e; // keep the structure: IAM gathering reads the object directly
      return v;
    }
    return result(v);
  }
  // one(list) and element(list, i): on a splat of a resource, that resource's instance
  if ((name == "one" && args.size() == 1) || (name == "element" && args.size() == 2)) {
    if (args[0].kind == Value::Kind::Unknown) {
      std::string element = splat_element(args[0].s, "..");
      return element.empty() ? unknown(e, f, name + "()") : unknown(e, f, std::move(element));
    }
    if (args[0].kind == Value::Kind::Tuple && name == "one" && args[0].items.size() <= 1) {
      if (args[0].items.empty()) {
        Value null_value;
        null_value.kind = Value::Kind::Null;
        return result(null_value);
      }
      return args[0].items[0];
    }
    if (name == "element" && args[0].kind == Value::Kind::Tuple && !args[0].items.empty()) {
      double i = as_number(args[1]).value_or(-1);
      if (i >= 0)
        return args[0].items[static_cast<size_t>(i) % args[0].items.size()];
    }
    return unknown(e, f, name + "()");
  }
  if ((name == "concat" || name == "flatten") && !args.empty()) {
    Value v;
    v.kind = Value::Kind::Tuple;
    for (const auto& a : args) {
      if (a.kind != Value::Kind::Tuple)
        return unknown(e, f, name + "()");
      for (const auto& item : a.items) {
        if (name == "flatten")
          flatten_into(item, v.items);
        else
          v.items.push_back(item);
      }
    }
    return result(v);
  }
  if (name == "merge") {
    Value v;
    v.kind = Value::Kind::Object;
    for (const auto& a : args) {
      if (a.kind != Value::Kind::Object)
        return unknown(e, f, name + "()");
      for (size_t i = 0; i < a.keys.size(); ++i) {
        bool replaced = false;
        for (size_t j = 0; j < v.keys.size(); ++j)
          if (v.keys[j] == a.keys[i]) {
            v.items[j] = a.items[i];
            replaced = true;
          }
        if (!replaced)
          v.add_field(a.keys[i], a.items[i]);
      }
    }
    return result(v);
  }
  if ((name == "lower" || name == "upper") && args.size() == 1 && args[0].kind == Value::Kind::String) {
    std::string s = args[0].s;
    for (char& c : s)
      if (c != kMark)
        c = static_cast<char>(name == "lower" ? std::tolower(static_cast<unsigned char>(c))
                                              : std::toupper(static_cast<unsigned char>(c)));
    return result(string_value(s, e, f));
  }
  if (name == "join" && args.size() == 2 && args[0].kind == Value::Kind::String &&
      args[1].kind == Value::Kind::Tuple) {
    std::string s;
    for (size_t i = 0; i < args[1].items.size(); ++i)
      s += (i ? args[0].s : "") + interpolate(args[1].items[i]);
    return result(string_value(s, e, f));
  }
  if (name == "format" && !args.empty() && args[0].is_literal_string()) {
    std::string s;
    size_t next_arg = 1;
    const std::string& fmt = args[0].s;
    for (size_t i = 0; i < fmt.size(); ++i) {
      if (fmt[i] == '%' && i + 1 < fmt.size()) {
        char c = fmt[++i];
        if (c == '%') {
          s += '%';
        } else if (next_arg < args.size()) {
          s += interpolate(args[next_arg++]);
        } else {
          return unknown(e, f, name + "()");
        }
      } else {
        s += fmt[i];
      }
    }
    return result(string_value(s, e, f));
  }
  if (name == "length" && args.size() == 1) {
    Value v;
    v.kind = Value::Kind::Number;
    if (args[0].kind == Value::Kind::Tuple)
      v.n = static_cast<double>(args[0].items.size());
    else if (args[0].kind == Value::Kind::Object)
      v.n = static_cast<double>(args[0].keys.size());
    else if (args[0].is_literal_string())
      v.n = static_cast<double>(args[0].s.size());
    else
      return unknown(e, f, name + "()");
    return result(v);
  }
  if ((name == "max" || name == "min") && !args.empty()) {
    Value v;
    v.kind = Value::Kind::Number;
    for (size_t i = 0; i < args.size(); ++i) {
      auto n = as_number(args[i]);
      if (!n)
        return unknown(e, f, name + "()");
      v.n = i == 0 ? *n : (name == "max" ? std::max(v.n, *n) : std::min(v.n, *n));
    }
    return result(v);
  }
  if ((name == "keys" || name == "values") && args.size() == 1 && args[0].kind == Value::Kind::Object) {
    Value v;
    v.kind = Value::Kind::Tuple;
    for (size_t i = 0; i < args[0].keys.size(); ++i)
      v.items.push_back(name == "keys" ? string_value(args[0].keys[i], e, f) : args[0].items[i]);
    return result(v);
  }
  if (name == "lookup" && args.size() >= 2 && args[0].kind == Value::Kind::Object &&
      args[1].is_literal_string()) {
    if (const Value* fv = args[0].field(args[1].s))
      return *fv;
    if (args.size() == 3)
      return args[2];
    return unknown(e, f, name + "()");
  }
  if (name == "replace" && args.size() == 3 && args[0].kind == Value::Kind::String &&
      args[1].is_literal_string() && args[2].kind == Value::Kind::String && !args[1].s.empty() &&
      args[1].s.front() != '/') {
    std::string s = args[0].s;
    size_t pos = 0;
    while ((pos = s.find(args[1].s, pos)) != std::string::npos) {
      s.replace(pos, args[1].s.size(), args[2].s);
      pos += args[2].s.size();
    }
    return result(string_value(s, e, f));
  }
  if (name == "split" && args.size() == 2 && args[0].is_literal_string() &&
      args[1].kind == Value::Kind::String && !args[0].s.empty()) {
    Value v;
    v.kind = Value::Kind::Tuple;
    size_t start = 0;
    for (;;) {
      size_t pos = args[1].s.find(args[0].s, start);
      v.items.push_back(string_value(args[1].s.substr(start, pos - start), e, f));
      if (pos == std::string::npos)
        break;
      start = pos + args[0].s.size();
    }
    return result(v);
  }
  return unknown(e, f, name + "()");
}

} // namespace dp::tf
