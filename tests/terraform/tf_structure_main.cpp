// Test tool: prints the structure of .tf files as JSON for the differential tests against HashiCorp's parser
// (differential.js for the corpus, hcl_differential.js for generated documents): accept/reject, blocks,
// labels, attribute names and, for the generated documents, each attribute's expression tree with byte
// spans, so the JavaScript side can rebuild what @cdktf/hcl2json prints for it.
//   tf-structure FILE...          one JSON object keyed by file name
//   tf-structure --batch FILE     FILE holds a JSON array of document texts; prints a JSON array of results
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/json.hpp"
#include "terraform/parser.hpp"

namespace {

const char* kind_name(dp::tf::ExprKind k) {
  using K = dp::tf::ExprKind;
  switch (k) {
  case K::Invalid:
    return "invalid";
  case K::Literal:
    return "literal";
  case K::Template:
    return "template";
  case K::TemplateIf:
    return "tif";
  case K::TemplateFor:
    return "tfor";
  case K::ScopeTraversal:
    return "scope";
  case K::RelativeTraversal:
    return "relative";
  case K::FunctionCall:
    return "call";
  case K::Conditional:
    return "cond";
  case K::Binary:
    return "binary";
  case K::Unary:
    return "unary";
  case K::Tuple:
    return "tuple";
  case K::Object:
    return "object";
  case K::ObjectKey:
    return "key";
  case K::For:
    return "for";
  case K::Splat:
    return "splat";
  case K::Parens:
    return "parens";
  }
  return "?";
}

// The expression as JSON: kind, byte span, literal value, the flags the conversion needs and the kids.
// The parser bounds expression nesting, so this recursion is bounded too.
dp::Json expr_json(const dp::tf::Expr* e) {
  using K = dp::tf::ExprKind;
  if (!e)
    return nullptr;
  dp::Json j = dp::Json::object();
  j["k"] = kind_name(e->kind);
  j["s"] = dp::Json::array({e->span.begin, e->span.end});
  if (e->kind == K::Literal) {
    switch (e->lit) {
    case dp::tf::LitKind::Null:
      j["t"] = "null";
      break;
    case dp::tf::LitKind::Bool:
      j["t"] = "bool";
      j["v"] = e->flag;
      break;
    case dp::tf::LitKind::Number:
      j["t"] = "number";
      j["v"] = e->name;
      break;
    case dp::tf::LitKind::String:
      j["t"] = "string";
      j["v"] = e->name;
      break;
    }
  }
  if (e->kind == K::ObjectKey)
    j["bare"] = e->flag;
  if (e->kind == K::TemplateFor) {
    j["kv"] = e->name;
    j["vv"] = e->name2;
  }
  if (e->kind == K::Template && e->heredoc)
    j["heredoc"] = true;
  if (!e->kids.empty()) {
    dp::Json kids = dp::Json::array();
    for (const dp::tf::Expr* k : e->kids)
      kids.push_back(expr_json(k));
    j["kids"] = kids;
  }
  return j;
}

dp::Json structure(const dp::tf::Body& body, bool with_exprs) {
  dp::Json out = dp::Json::object();
  dp::Json attrs = dp::Json::array();
  dp::Json exprs = dp::Json::object();
  for (const auto& a : body.attributes) {
    attrs.push_back(a.name);
    if (with_exprs)
      exprs[a.name] = expr_json(a.expr);
  }
  dp::Json blocks = dp::Json::array();
  for (const auto& b : body.blocks) {
    dp::Json jb = dp::Json::object();
    jb["type"] = b.type;
    dp::Json labels = dp::Json::array();
    for (const auto& l : b.labels)
      labels.push_back(l.text);
    jb["labels"] = labels;
    jb["body"] = structure(b.body, with_exprs);
    blocks.push_back(jb);
  }
  out["attributes"] = attrs;
  if (with_exprs)
    out["exprs"] = exprs;
  out["blocks"] = blocks;
  return out;
}

dp::Json result(const std::string& name, std::string text, bool with_exprs) {
  dp::tf::File f = dp::tf::parse(name, std::move(text));
  dp::Json j = dp::Json::object();
  j["valid"] = !dp::has_errors(f.diagnostics);
  dp::Json diags = dp::Json::array();
  for (const auto& d : f.diagnostics)
    diags.push_back(d.rule + " " + std::to_string(d.subject.start.line) + ":" +
                    std::to_string(d.subject.start.column) + " " + d.summary);
  j["diagnostics"] = diags;
  j["body"] = structure(f.body, with_exprs);
  return j;
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Invalid UTF-8 in names is replaced rather than aborting the dump.
void print(const dp::Json& j) {
  std::cout << j.dump(-1, ' ', false, dp::Json::error_handler_t::replace) << "\n";
}

} // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--batch") {
    auto docs = dp::parse_json(read_file(argv[2]));
    if (!docs.ok() || !docs->is_array()) {
      std::cerr << "tf-structure: --batch needs a JSON array of strings\n";
      return 2;
    }
    dp::Json all = dp::Json::array();
    size_t i = 0;
    for (const auto& d : *docs) {
      const std::string* text = d.get_ptr<const std::string*>();
      all.push_back(result("doc" + std::to_string(i++) + ".tf", text ? *text : std::string(), true));
    }
    print(all);
    return 0;
  }
  dp::Json all = dp::Json::object();
  for (int i = 1; i < argc; ++i)
    all[argv[i]] = result(argv[i], read_file(argv[i]), false);
  print(all);
  return 0;
}
