// Unit tests of the HCL lexer and parser, one per syntax feature of spec section 1, plus positions,
// recovery and the depth limit.
#include <gtest/gtest.h>

#include "terraform/lexer.hpp"
#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::lines;
using test::parse_ok;

const Expr* attr_expr(const File& f, const char* name) {
  const Attribute* a = f.body.attribute(name);
  return a ? a->expr : nullptr;
}

TEST(HclLexer, TokensAndModes) {
  std::vector<Token> t = lex("a = \"x${b}y\"\n");
  std::vector<Tok> types;
  for (const auto& k : t)
    types.push_back(k.type);
  std::vector<Tok> want = {
      Tok::Ident, Tok::Equal,          Tok::OQuote,    Tok::QuotedLit, Tok::TemplateInterp,
      Tok::Ident, Tok::TemplateSeqEnd, Tok::QuotedLit, Tok::CQuote,    Tok::Newline,
      Tok::Eof};
  EXPECT_EQ(types, want);
}

TEST(HclLexer, NestedStringInsideInterpolation) {
  File f = parse_ok("a = \"${upper(\"${x}-y\")}\"\n");
  EXPECT_TRUE(f.diagnostics.empty());
  const Expr* e = attr_expr(f, "a");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, ExprKind::Template);
  ASSERT_EQ(e->kids.size(), 1u);
  EXPECT_EQ(e->kids[0]->kind, ExprKind::FunctionCall);
}

TEST(HclParser, EmptyAndCommentOnlyFilesAreValid) {
  EXPECT_TRUE(parse_ok("").diagnostics.empty());
  EXPECT_TRUE(parse_ok("# a\n// b\n/* c\n d */\n").diagnostics.empty());
}

TEST(HclParser, AttributesAndBlocksWithLabels) {
  File f = parse_ok("a = 1\nresource \"t\" name {\n  b = 2\n  inner {\n  }\n}\n");
  ASSERT_TRUE(f.diagnostics.empty());
  ASSERT_EQ(f.body.blocks.size(), 1u);
  const Block& b = f.body.blocks[0];
  EXPECT_EQ(b.type, "resource");
  ASSERT_EQ(b.labels.size(), 2u);
  EXPECT_EQ(b.labels[0].text, "t");
  EXPECT_EQ(b.labels[1].text, "name");
  EXPECT_EQ(f.range(b.open_brace).start.column, 19);
  EXPECT_EQ(b.body.blocks.size(), 1u);
}

TEST(HclParser, OneLineBlocks) {
  EXPECT_TRUE(parse_ok("data \"a\" \"b\" {}\n").diagnostics.empty());
  EXPECT_TRUE(parse_ok("timeouts { delete = \"60m\" }\n").diagnostics.empty());
  EXPECT_EQ(lines(parse_ok("d { a = 1, b = 2 }\n").diagnostics),
            std::vector<std::string>{"1:10 error HCL006"});
}

TEST(HclParser, AttributeRedefinedCitesTheFirst) {
  File f = parse_ok("a = 1\na = 2\n");
  ASSERT_EQ(f.diagnostics.size(), 1u);
  EXPECT_EQ(f.diagnostics[0].rule, "HCL004");
  EXPECT_EQ(f.diagnostics[0].subject.start.line, 2);
  EXPECT_NE(f.diagnostics[0].detail.find("t.tf:1,1-2"), std::string::npos);
}

TEST(HclParser, QuotedArgumentNameIsInvalid) {
  EXPECT_EQ(lines(parse_ok("\"runtime\" = 1\n").diagnostics), std::vector<std::string>{"1:1 error HCL006"});
}

TEST(HclParser, CollectionsWithTrailingCommasAndNewlines) {
  File f = parse_ok("a = [1, 2,]\nb = {\n  x = 1\n  \"y\" : 2, z = 3\n}\nc = [\n  1,\n  2\n]\n");
  EXPECT_TRUE(f.diagnostics.empty());
  EXPECT_EQ(attr_expr(f, "b")->kids.size(), 6u);
  EXPECT_FALSE(parse_ok("a = [1\n2]\n").diagnostics.empty()); // tuples need commas
}

TEST(HclParser, ForWinsOverKeysNamedFor) {
  EXPECT_FALSE(parse_ok("a = { for = 1 }\n").diagnostics.empty());
  EXPECT_FALSE(parse_ok("a = [for, x]\n").diagnostics.empty());
  EXPECT_TRUE(parse_ok("a = { \"for\" = 1 }\n").diagnostics.empty());
}

TEST(HclParser, ForExpressions) {
  File f = parse_ok("a = [for k, v in m : v if k != \"x\"]\nb = {for x in l : x.k => x...}\n");
  ASSERT_TRUE(f.diagnostics.empty());
  const Expr* a = attr_expr(f, "a");
  EXPECT_EQ(a->kind, ExprKind::For);
  EXPECT_EQ(a->name, "k");
  EXPECT_EQ(a->name2, "v");
  EXPECT_NE(a->kids[3], nullptr);
  const Expr* b = attr_expr(f, "b");
  EXPECT_TRUE(b->flag);
  EXPECT_TRUE(b->grouped);
}

TEST(HclParser, TraversalsSplatsAndLegacyIndex) {
  File f = parse_ok("a = x.y[0][\"k\"].z\nb = l.*.id\nc = l[*].t[0]\nd = l.0\n");
  ASSERT_TRUE(f.diagnostics.empty());
  EXPECT_EQ(attr_expr(f, "a")->steps.size(), 4u);
  EXPECT_EQ(attr_expr(f, "b")->kind, ExprKind::Splat);
  EXPECT_EQ(attr_expr(f, "c")->kind, ExprKind::Splat);
  EXPECT_TRUE(attr_expr(f, "c")->flag);
  EXPECT_EQ(attr_expr(f, "d")->steps[0].kind, StepKind::LegacyIndex);
  EXPECT_EQ(lines(parse_ok("a = l.0.0\n").diagnostics), std::vector<std::string>{"1:7 error HCL008"});
}

TEST(HclParser, FunctionCallsWithExpansionAndProviderNamespace) {
  File f = parse_ok("a = max(\n  1,\n  2,\n)\nb = min(l...)\nc = provider::aws::arn_parse(\"x\")\n");
  ASSERT_TRUE(f.diagnostics.empty());
  EXPECT_EQ(attr_expr(f, "a")->kids.size(), 2u);
  EXPECT_TRUE(attr_expr(f, "b")->flag);
  EXPECT_EQ(attr_expr(f, "c")->name, "provider::aws::arn_parse");
}

TEST(HclParser, OperatorPrecedenceAndConditional) {
  File f = parse_ok("a = 1 + 2 * 3 > 4 == true && !false || x ? -1 : 2\n");
  ASSERT_TRUE(f.diagnostics.empty());
  const Expr* e = attr_expr(f, "a");
  ASSERT_EQ(e->kind, ExprKind::Conditional);
  const Expr* cond = e->kids[0];
  EXPECT_EQ(cond->name, "||");
  EXPECT_EQ(cond->kids[0]->name, "&&");
  EXPECT_EQ(cond->kids[0]->kids[0]->name, "==");
  EXPECT_EQ(cond->kids[0]->kids[0]->kids[0]->name, ">");
  EXPECT_EQ(cond->kids[0]->kids[0]->kids[0]->kids[0]->name, "+");
  EXPECT_EQ(e->kids[1]->kind, ExprKind::Unary);
}

TEST(HclParser, Numbers) {
  File f = parse_ok("a = 1.5e3\nb = 10\n");
  ASSERT_TRUE(f.diagnostics.empty());
  EXPECT_EQ(attr_expr(f, "a")->name, "1.5e3");
  EXPECT_FALSE(parse_ok("a = .5\n").diagnostics.empty());
}

TEST(HclParser, TemplateEscapesAndLiteralIntroducers) {
  File f = parse_ok("a = \"t\\t\\\"q\\\" \\u00e9 $${x} %%{y} &{aws:username}\"\n");
  ASSERT_TRUE(f.diagnostics.empty());
  const Expr* e = attr_expr(f, "a");
  ASSERT_EQ(e->kids.size(), 1u);
  EXPECT_EQ(e->kids[0]->name, "t\t\"q\" \xC3\xA9 ${x} %{y} &{aws:username}");
  EXPECT_EQ(lines(parse_ok("a = \"\\q\"\n").diagnostics), std::vector<std::string>{"1:6 error HCL008"});
}

TEST(HclParser, TemplateDirectivesAndStripMarkers) {
  File f = parse_ok("a = \"%{ if c }yes%{ else }no%{ endif }\"\nb = \"x ${~ y ~} z\"\nc = \"%{for i in "
                    "l}${i}%{endfor}\"\n");
  ASSERT_TRUE(f.diagnostics.empty());
  EXPECT_EQ(attr_expr(f, "a")->kids[0]->kind, ExprKind::TemplateIf);
  const Expr* b = attr_expr(f, "b");
  EXPECT_EQ(b->kids[0]->name, "x");
  EXPECT_EQ(b->kids[2]->name, "z");
  EXPECT_EQ(attr_expr(f, "c")->kids[0]->kind, ExprKind::TemplateFor);
  EXPECT_EQ(test::diag_line(parse_ok("a = \"%{ endif }\"\n").diagnostics.at(0)), "1:6 error HCL003");
}

TEST(HclParser, HeredocsPlainAndIndented) {
  File f = parse_ok("a = <<EOT\nx ${y}\n  z\nEOT\nb = <<-EOT\n    one\n      two\n    EOT\n");
  ASSERT_TRUE(f.diagnostics.empty());
  const Expr* a = attr_expr(f, "a");
  EXPECT_TRUE(a->heredoc);
  EXPECT_EQ(a->kids[0]->name, "x ");
  const Expr* b = attr_expr(f, "b");
  ASSERT_EQ(b->kids.size(), 2u);
  EXPECT_EQ(b->kids[0]->name, "one\n");
  EXPECT_EQ(b->kids[1]->name, "  two\n");
}

TEST(HclParser, UnterminatedHeredocPointsAtEndOfFile) {
  File f = parse_ok("a = <<EOT\nabc\n");
  ASSERT_EQ(f.diagnostics.size(), 1u);
  EXPECT_EQ(test::diag_line(f.diagnostics[0]), "3:1 error HCL007");
  ASSERT_TRUE(f.diagnostics[0].context.has_value());
  EXPECT_EQ(f.diagnostics[0].context->start.line, 1);
}

TEST(HclParser, UnterminatedStringIsReportedOnceAtTheNewline) {
  File f = parse_ok("a = \"abc\nb = \"def\nc = 1\n");
  EXPECT_EQ(lines(f.diagnostics), std::vector<std::string>{"1:9 error HCL001"});
  ParseOptions all;
  all.all_unterminated = true;
  EXPECT_EQ(parse("t.tf", "a = \"abc\nb = \"def\n", all).diagnostics.size(), 2u);
}

TEST(HclParser, UnclosedBlockPointsAtItsBrace) {
  EXPECT_EQ(lines(parse_ok("x {\n  y {\n    a = 1\n}\n").diagnostics),
            std::vector<std::string>{"1:3 error HCL002"});
}

TEST(HclParser, InvalidCharactersWithHints) {
  File f = parse_ok("a = 1;\nb = 1 & 2\nc = \xE2\x80\x9Cx\xE2\x80\x9D\nd = 2 ** 3\n");
  std::vector<std::string> got = lines(f.diagnostics);
  EXPECT_EQ(got[0], "1:6 error HCL005");
  EXPECT_NE(f.diagnostics[1].detail.find("&&"), std::string::npos);
  EXPECT_EQ(got[2], "3:5 error HCL005");
  EXPECT_EQ(got[3], "4:7 error HCL005");
}

TEST(HclParser, InvalidUtf8AndBom) {
  EXPECT_EQ(parse_ok("a = \"\xff\"\n").diagnostics.at(0).summary, "Invalid character encoding");
  // A leading byte order mark is skipped like HashiCorp's scanner does (issue 11: it was a false HCL005).
  EXPECT_TRUE(parse_ok("\xEF\xBB\xBF"
                       "a = 1\n")
                  .diagnostics.empty());
  EXPECT_EQ(parse_ok("a = 1\n\xEF\xBB\xBF").diagnostics.at(0).rule, "HCL005");
}

TEST(HclParser, ColumnsCountCharactersNotBytes) {
  // Holdout 43's shape: an error after "é ☕ ñ ú" sits at a character column, not a byte column.
  File f = parse_ok("a = \"\xC3\xA9 \xE2\x98\x95 \xC3\xB1 \xC3\xBA\" x\n");
  ASSERT_FALSE(f.diagnostics.empty());
  EXPECT_EQ(f.diagnostics[0].subject.start.column, 15);
  EXPECT_EQ(f.diagnostics[0].subject.start.byte, 19);
}

TEST(HclParser, CrLfIsOneNewline) {
  File f = parse_ok("a = 1\r\nb = \"x\r\n");
  ASSERT_EQ(f.diagnostics.size(), 1u);
  EXPECT_EQ(f.diagnostics[0].subject.start.line, 2);
  EXPECT_EQ(f.diagnostics[0].subject.start.column, 7);
}

TEST(HclParser, TabIsOneColumn) {
  File f = parse_ok("\ta = 1;\n");
  EXPECT_EQ(f.diagnostics.at(0).subject.start.column, 7);
}

TEST(HclParser, PathologicalNestingGetsAnErrorNotACrash) {
  std::string deep = "a = " + std::string(100000, '[') + "\n";
  File f = parse_ok(deep);
  ASSERT_FALSE(f.diagnostics.empty());
  EXPECT_EQ(f.diagnostics.back().summary, "Nesting too deep");
  std::string braces = "a = " + std::string(100000, '{') + "\n";
  EXPECT_FALSE(parse_ok(braces).diagnostics.empty());
  std::string templates;
  for (int i = 0; i < 20000; ++i)
    templates += "\"${";
  EXPECT_FALSE(parse_ok("a = " + templates + "\n").diagnostics.empty());
}

TEST(HclParser, RecoveryContinuesAfterAnError) {
  File f = parse_ok("a = [1,\nresource \"x\" \"y\" {\n  b = )\n  c = 2\n}\nd = 3\n");
  EXPECT_FALSE(f.diagnostics.empty());
  EXPECT_NE(f.body.attribute("d"), nullptr);
}

} // namespace
} // namespace dp::tf
