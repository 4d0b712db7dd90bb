// Parser parity with HashiCorp's hclsyntax (issue 11): each case is a document HashiCorp's parser and ours
// once judged differently, minimised and written by us. The known misses come first, then the ones the
// generated-document differential found (tests/terraform/hcl_differential.js; the seed that found each
// one is cited).
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::lines;
using test::parse_ok;

bool accepted(const std::string& text) {
  return !has_errors(parse_ok(text).diagnostics);
}

// [SECTION] known misses (issue 11, item 1)

TEST(HclParity, ForExpressionOnTheLineAfterTheBrace) {
  File f = parse_ok("x = {\n  for k, v in m : k => v\n}\n");
  EXPECT_TRUE(f.diagnostics.empty()) << lines(f.diagnostics)[0];
  const Attribute* x = f.body.attribute("x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->expr->kind, ExprKind::For);
  EXPECT_TRUE(x->expr->flag); // object form
  EXPECT_TRUE(accepted("x = {\n\n  for v in l :\n  v => v...\n  if v != \"\"\n}\n"));
}

TEST(HclParity, KeyNamedForIsAForExpressionEvenOnTheNextLine) {
  EXPECT_FALSE(accepted("x = {\n  for = 1\n}\n"));
  EXPECT_FALSE(accepted("x = { for = 1 }\n"));
  EXPECT_TRUE(accepted("x = {\n  \"for\" = 1\n}\n"));
  EXPECT_TRUE(accepted("x = {\n  (for) = 1\n}\n"));
}

TEST(HclParity, HeredocMarkerFollowedByBlanks) {
  File f = parse_ok("a = <<EOT\nhello\nEOT  \t\nb = <<-EOT\n  x\n  EOT \n");
  EXPECT_TRUE(f.diagnostics.empty());
  ASSERT_NE(f.body.attribute("b"), nullptr);
  EXPECT_EQ(f.body.attribute("a")->expr->kids[0]->name, "hello\n");
}

TEST(HclParity, HeredocMarkerAtEndOfFileWithoutNewlineIsUnterminated) {
  File f = parse_ok("a = <<EOT\nhello\nEOT");
  EXPECT_EQ(lines(f.diagnostics), std::vector<std::string>{"3:4 error HCL007"}); // at the end of the file
  EXPECT_TRUE(accepted("a = <<EOT\nhello\nEOT\n"));
  EXPECT_TRUE(accepted("a = <<EOT\nhello\nEOT\r\n"));
}

} // namespace
} // namespace dp::tf
