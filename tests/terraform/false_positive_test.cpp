// No false positives on real code (issue 11, item 2): unknown is not wrong. Each class that once gave a
// false error has a silent case in the style of module code and a control case that must still fire.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::fires;

const std::string kFunctionHead = R"(resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
)";

TEST(FalsePositives, NullOrUnknownCodeSourcesAreNotSet) {
  // LMB006: null, and variables without a known value, are not "set"
  EXPECT_FALSE(
      fires(kFunctionHead + "  filename = \"f.zip\"\n  image_uri = null\n  s3_bucket = null\n}\n", "LMB006"));
  EXPECT_FALSE(fires("variable \"image\" {\n  default = null\n}\nvariable \"file\" {}\n" + kFunctionHead +
                         "  filename = var.file\n  image_uri = var.image\n}\n",
                     "LMB006"));
  // control: two literal sources conflict, none is missing code
  EXPECT_TRUE(fires(kFunctionHead + "  filename = \"f.zip\"\n  image_uri = \"repo:tag\"\n}\n", "LMB006"));
  EXPECT_TRUE(fires(kFunctionHead + "  image_uri = null\n}\n", "LMB006"));
}

TEST(FalsePositives, PlaceholderDefaultsBehindConditionalsAreNotJudged) {
  const std::string vars = "variable \"package_type\" {\n  default = \"Zip\"\n}\nvariable \"handler\" {\n"
                           "  default = \"\"\n}\n";
  EXPECT_FALSE(fires(vars + R"(resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "f.zip"
  runtime       = "nodejs22.x"
  handler       = var.package_type != "Zip" ? null : var.handler
}
)",
                     "LMB004"));
  // control: the same default reaching the argument unconditionally is judged
  EXPECT_TRUE(fires(vars + R"(resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "f.zip"
  runtime       = "nodejs22.x"
  handler       = var.handler
}
)",
                    "LMB004"));
}

TEST(FalsePositives, DefaultsInConditionallyCreatedResourcesAreNotJudged) {
  const std::string alias = R"(variable "name" {
  default = ""
}
variable "create" {
  default = true
}
resource "aws_lambda_alias" "a" {
  COUNT
  name             = var.name
  function_name    = "f"
  function_version = "1"
}
)";
  auto with = [&](const std::string& count) {
    std::string s = alias;
    s.replace(s.find("COUNT"), 5, count);
    return s;
  };
  EXPECT_FALSE(fires(with("count = var.create && var.name != \"\" ? 1 : 0"), "LMB008"));
  EXPECT_TRUE(fires(with(""), "LMB008"));          // used unconditionally: judged
  EXPECT_TRUE(fires(with("count = 1"), "LMB008")); // a literal count is not a condition
}

TEST(FalsePositives, DynamicBlocksAreAcceptedWhereverTheirTypeIs) {
  const std::string doc = R"(data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    dynamic "KIND" {
      for_each = []
      content {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = ["1"]
      }
    }
  }
}
)";
  auto with = [&](const std::string& kind) {
    std::string s = doc;
    s.replace(s.find("KIND"), 4, kind);
    return s;
  };
  EXPECT_FALSE(fires(with("condition"), "TF003"));
  EXPECT_TRUE(fires(with("conditions"), "TF003")); // control: not a block type of `statement`
}

TEST(FalsePositives, StatementsFromAVariableDefaultMakeDur004Unknown) {
  const std::string base = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
variable "statements" {
  default = {}
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = FOR_EACH
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  publish       = true
  durable_config {
    execution_timeout = 3600
    retention_period  = 14
  }
  timeouts {
    delete = "60m"
  }
}
)";
  auto with = [&](const std::string& for_each) {
    std::string s = base;
    s.replace(s.find("FOR_EACH"), 8, for_each);
    return s;
  };
  EXPECT_FALSE(fires(with("var.statements"), "DUR004"));
  // control: a literal collection is expanded and judged
  EXPECT_TRUE(fires(with("{ logs = { actions = [\"logs:PutLogEvents\"], resources = [\"*\"] } }"), "DUR004"));
  // jsonencode with statements from a for expression over the default: unknown as well
  std::string json = base;
  json.replace(json.find("data.aws_iam_policy_document.d.json"), 35,
               "jsonencode({ Statement = [for s in values(var.statements) : s] })");
  EXPECT_FALSE(fires(json, "DUR004"));
}

TEST(FalsePositives, OneProblemOneDiagnostic) {
  // every corpus file and the blog: no two diagnostics of the same rule at the same range
  for (const char* text : {"resource \"aws_lambda_function\" \"f\" {\n  runtime = \"python9\"\n}\n"}) {
    Report r = test::check(text);
    for (size_t i = 1; i < r.diagnostics.size(); ++i) {
      const Diagnostic& a = r.diagnostics[i - 1];
      const Diagnostic& b = r.diagnostics[i];
      EXPECT_FALSE(a.rule == b.rule && a.subject.start.byte == b.subject.start.byte &&
                   a.subject.end.byte == b.subject.end.byte)
          << a.rule;
    }
  }
}

} // namespace
} // namespace dp::tf
