// An import block's `to`: a managed resource's address (with an optional instance key, inside an optional
// module path) that this module declares; TF009 for a malformed address, TF007 for a missing target.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace dp::tf {
namespace {

const std::string kDeclared = R"(resource "aws_iam_role" "r" {
  for_each           = toset(["a"])
  name               = each.key
  assume_role_policy = "{}"
}
module "app" {
  source = "./app"
}
)";

std::string import_to(const std::string& to) {
  return kDeclared + "import {\n  to = " + to + "\n  id = \"x\"\n}\n";
}

// "LINE:COL severity RULE" of the diagnostics about the import block (line 9 onwards).
std::vector<std::string> import_lines(const std::string& to) {
  std::vector<std::string> out;
  for (const auto& d : test::check(import_to(to)).diagnostics)
    if (d.subject.start.line >= 9)
      out.push_back(test::diag_line(d) + " " + d.summary);
  return out;
}

TEST(ImportTo, ResourceAddressesOfDeclaredResourcesAreAccepted) {
  for (const char* to : {"aws_iam_role.r", "aws_iam_role.r[\"a\"]", "aws_iam_role.r[0]", "aws_iam_role.r.0",
                         "aws_iam_role.r[each.key]", "resource.aws_iam_role.r", "module.app.aws_iam_role.x",
                         "module.app[0].aws_iam_role.x[\"k\"]", "module.app.module.inner.aws_iam_role.x"})
    EXPECT_EQ(import_lines(to), std::vector<std::string>{}) << to;
}

TEST(ImportTo, MissingTargetIsReportedAtTheAddress) {
  EXPECT_EQ(import_lines("aws_iam_role.typo"),
            std::vector<std::string>{"10:8 warning TF007 Configuration for import target does not exist"});
  Report r = test::check(import_to("aws_iam_role.rr"));
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_NE(r.diagnostics.back().detail.find("Did you mean aws_iam_role.r?"), std::string::npos);
  EXPECT_NE(r.diagnostics.back().detail.find("-generate-config-out"), std::string::npos);
  EXPECT_EQ(import_lines("module.other.aws_iam_role.x"),
            std::vector<std::string>{"10:8 warning TF007 Configuration for import target does not exist"});
}

TEST(ImportTo, MalformedAddressesAreTF009) {
  EXPECT_EQ(import_lines("data.aws_iam_role.r"),
            std::vector<std::string>{"10:3 error TF009 Invalid import address"});
  EXPECT_EQ(import_lines("\"aws_iam_role.r\""),
            std::vector<std::string>{"10:8 error TF009 Invalid expression"});
  EXPECT_EQ(import_lines("aws_iam_role.r.arn"),
            std::vector<std::string>{"10:22 error TF009 Invalid address"});
  EXPECT_EQ(import_lines("aws_iam_role.r[0][1]"),
            std::vector<std::string>{"10:25 error TF009 Invalid address"});
  EXPECT_EQ(import_lines("var.role"), std::vector<std::string>{"10:8 error TF009 Invalid address"});
  EXPECT_EQ(import_lines("module.app"), std::vector<std::string>{"10:8 error TF009 Invalid address"});
  EXPECT_EQ(import_lines("aws_iam_role"), std::vector<std::string>{"10:8 error TF009 Invalid address"});
  EXPECT_EQ(import_lines("upper(\"x\")"), std::vector<std::string>{"10:8 error TF009 Invalid expression"});
}

TEST(ImportTo, SilentWhenDeclarationsAreUnknown) {
  // a file with a syntax error may hold the resource block
  Report r = validate({SourceText{"a.tf", import_to("aws_iam_role.elsewhere")},
                       SourceText{"b.tf", "resource \"aws_iam_role\" \"elsewhere\" {\n  name = \"x\n}\n"}});
  for (const auto& d : r.diagnostics)
    EXPECT_NE(d.rule, "TF007") << test::diag_line(d);
}

} // namespace
} // namespace dp::tf
