// References to one instance of a resource with count or for_each (aws_iam_role.r[0].arn, r["a"],
// r[each.key], one(r[*].arn), r.*.arn[0]): the instances share the resource's body, so the rules that follow
// references (DUR004/DUR005 through the role and its policies, DUR009, DUR010) see through the key, and stay
// silent where the reference cannot be resolved. Also the one module output that can be resolved: the role
// a terraform-aws-modules/lambda call creates.
#include <gtest/gtest.h>

#include "terraform/reference.hpp"
#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::fires;

// A durable function whose role has count = 1; the policy grants only the checkpoint action, so DUR004
// fires when (and only when) the role reference is resolved. ROLE and POLICY_ROLE are replaced per test.
const std::string kIndexedRole = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
resource "aws_iam_role" "fn" {
  count              = 1
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "durable" {
  role = POLICY_ROLE
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["lambda:CheckpointDurableExecution"]
      Resource = "${aws_lambda_function.main.arn}:*"
    }]
  })
}
resource "aws_lambda_function" "main" {
  function_name = "fn"
  role          = ROLE
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  publish       = true
  durable_config {
    execution_timeout = 3600
  }
}
)";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

std::string indexed(const std::string& role, const std::string& policy_role = "aws_iam_role.fn[0].id") {
  return replace_all(replace_all(kIndexedRole, "POLICY_ROLE", policy_role), "ROLE", role);
}

TEST(References, ParsesResourceReferences) {
  auto r = parse_resource_reference("aws_iam_role.r[0].arn");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, "aws_iam_role");
  EXPECT_EQ(r->name, "r");
  EXPECT_EQ(r->instance, "0");
  EXPECT_EQ(r->attribute, "arn");
  r = parse_resource_reference("data.aws_iam_policy_document.d[\"a.]b\"].json");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->data);
  EXPECT_EQ(r->instance, "\"a.]b\"");
  EXPECT_EQ(r->attribute, "json");
  r = parse_resource_reference("aws_iam_role.r.0.arn"); // legacy index step
  ASSERT_TRUE(r);
  EXPECT_EQ(r->instance, "0");
  EXPECT_EQ(r->attribute, "arn");
  r = parse_resource_reference("aws_iam_role.r.arn");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->instance, "");
  EXPECT_FALSE(parse_resource_reference("var.role"));
  EXPECT_FALSE(parse_resource_reference("module.m.role_arn"));
  EXPECT_FALSE(parse_resource_reference("aws_iam_role"));
  EXPECT_EQ(splat_element("aws_iam_role.r[*].arn", "1"), "aws_iam_role.r[1].arn");
  EXPECT_EQ(splat_element("aws_iam_role.r[0].arn", "1"), "");
  EXPECT_TRUE(may_be_same_instance("0", ".."));
  EXPECT_FALSE(may_be_same_instance("0", "1"));
  EXPECT_FALSE(same_instance("..", ".."));
}

TEST(References, IndexedAndKeyedRolesAreFollowed) {
  for (const char* role :
       {"aws_iam_role.fn[0].arn", "\"${aws_iam_role.fn[0].arn}\"", "aws_iam_role.fn.0.arn",
        "aws_iam_role.fn[\"a\"].arn", "aws_iam_role.fn[local.k].arn", "one(aws_iam_role.fn[*].arn)",
        "aws_iam_role.fn.*.arn[0]", "(aws_iam_role.fn[*].arn)[0]", "element(aws_iam_role.fn[*].arn, 0)"}) {
    std::string text = indexed(role, "aws_iam_role.fn[count.index].id");
    EXPECT_TRUE(fires(text, "DUR004")) << role;
    // with both actions granted the same reference is clean
    EXPECT_FALSE(
        fires(replace_all(text, "[\"lambda:CheckpointDurableExecution\"]",
                          "[\"lambda:CheckpointDurableExecution\", \"lambda:GetDurableExecutionState\"]"),
              "DUR004"))
        << role;
  }
}

TEST(References, UnresolvableRolesStaySilent) {
  // a whole list of roles (no single role), the full splat's per-element index (HCL applies [0] to each
  // ARN string, an error Terraform reports), a variable, a module output
  for (const char* role : {"aws_iam_role.fn[*].arn", "aws_iam_role.fn[*].arn[0]", "var.role_arn",
                           "module.iam.role_arn", "aws_iam_role.other[0].arn"})
    EXPECT_FALSE(fires(
        indexed(role) + "variable \"role_arn\" {}\nmodule \"iam\" {\n  source = \"./iam\"\n}\n", "DUR004"))
        << role;
}

TEST(References, AttachmentsOfAnotherInstanceDoNotCount) {
  std::string managed =
      "resource \"aws_iam_role_policy_attachment\" \"d\" {\n  role = ROLE_NAME\n  policy_arn = "
      "\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy\"\n}\n";
  // the managed policy on the same instance grants the missing action
  EXPECT_FALSE(
      fires(indexed("aws_iam_role.fn[0].arn") + replace_all(managed, "ROLE_NAME", "aws_iam_role.fn[0].name"),
            "DUR004"));
  // on a key that may be this instance: silent (not known to be missing)
  EXPECT_FALSE(fires(indexed("aws_iam_role.fn[0].arn") +
                         replace_all(managed, "ROLE_NAME", "aws_iam_role.fn[count.index].name"),
                     "DUR004"));
  // on another literal instance: it does not apply to this one
  EXPECT_TRUE(
      fires(indexed("aws_iam_role.fn[0].arn") + replace_all(managed, "ROLE_NAME", "aws_iam_role.fn[1].name"),
            "DUR004"));
}

TEST(References, DenyOfAnInstanceThatMayDifferIsIgnored) {
  std::string both =
      replace_all(indexed("aws_iam_role.fn[0].arn"), "[\"lambda:CheckpointDurableExecution\"]",
                  "[\"lambda:CheckpointDurableExecution\", \"lambda:GetDurableExecutionState\"]");
  std::string deny =
      "resource \"aws_iam_role_policy\" \"deny\" {\n  role = ROLE_NAME\n  policy = jsonencode({\n"
      "    Statement = [{ Effect = \"Deny\", Action = \"lambda:*\", Resource = \"*\" }]\n  })\n}\n";
  EXPECT_FALSE(fires(both, "DUR004"));
  // a Deny on the same instance removes the grant
  EXPECT_TRUE(fires(both + replace_all(deny, "ROLE_NAME", "aws_iam_role.fn[0].id"), "DUR004"));
  // a Deny on an instance chosen by count.index may be another instance's: not known to apply
  EXPECT_FALSE(fires(both + replace_all(deny, "ROLE_NAME", "aws_iam_role.fn[count.index].id"), "DUR004"));
}

// A for_each function and role pair, the usual shape for one function per key.
const std::string kForEach = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
locals {
  workers = { a = 1, b = 2 }
}
resource "aws_iam_role" "fn" {
  for_each           = local.workers
  name               = "fn-${each.key}"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "durable" {
  for_each = local.workers
  role     = aws_iam_role.fn[each.key].id
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"]
      Resource = "${aws_lambda_function.main[each.key].arn}:*"
    }]
  })
}
resource "aws_lambda_function" "main" {
  for_each      = local.workers
  function_name = "fn-${each.key}"
  role          = aws_iam_role.fn[each.key].arn
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  publish       = true
  durable_config {
    execution_timeout = 3600
  }
}
)";

TEST(References, ForEachFunctionGrantedOnItsOwnInstanceIsClean) {
  // the policy names the function through an instance key: it grants the function (no DUR004/DUR005)
  EXPECT_FALSE(fires(kForEach, "DUR004"));
  EXPECT_FALSE(fires(kForEach, "DUR005"));
  // control: granted on the unqualified ARN of the instance is DUR005
  EXPECT_TRUE(fires(replace_all(kForEach, "\"${aws_lambda_function.main[each.key].arn}:*\"",
                                "aws_lambda_function.main[each.key].arn"),
                    "DUR005"));
  // control: a missing action is DUR004
  EXPECT_TRUE(fires(replace_all(kForEach, ", \"lambda:GetDurableExecutionState\"]", "]"), "DUR004"));
}

TEST(References, IndexedPolicyDocumentsAndPoliciesAreRead) {
  std::string base = indexed("aws_iam_role.fn[0].arn");
  std::string doc = replace_all(base, "resource \"aws_iam_role_policy\" \"durable\"",
                                "resource \"aws_iam_role_policy\" \"unused\"");
  std::string via_document =
      doc + "data \"aws_iam_policy_document\" \"d\" {\n  count = 1\n  statement {\n    actions = "
            "[\"lambda:GetDurableExecutionState\"]\n    resources = "
            "[\"${aws_lambda_function.main.arn}:*\"]\n  }\n}\n"
            "resource \"aws_iam_role_policy\" \"doc\" {\n  role   = aws_iam_role.fn[0].id\n  policy = "
            "data.aws_iam_policy_document.d[0].json\n}\n";
  EXPECT_FALSE(fires(via_document, "DUR004"));
  // control: a document that grants something else leaves the action missing
  EXPECT_TRUE(fires(replace_all(via_document, "[\"lambda:GetDurableExecutionState\"]", "[\"s3:GetObject\"]"),
                    "DUR004"));
  std::string via_policy =
      doc +
      "resource \"aws_iam_policy\" \"p\" {\n  count  = 1\n  policy = jsonencode({ Statement = [{ Effect = "
      "\"Allow\", Action = \"lambda:GetDurableExecutionState\", Resource = \"*\" }] })\n}\n"
      "resource \"aws_iam_role_policy_attachment\" \"p\" {\n  role       = aws_iam_role.fn[0].name\n  "
      "policy_arn = aws_iam_policy.p[0].arn\n}\n";
  EXPECT_FALSE(fires(via_policy, "DUR004"));
  EXPECT_TRUE(
      fires(replace_all(via_policy, "Action = \"lambda:GetDurableExecutionState\"", "Action = \"s3:*\""),
            "DUR004"));
}

TEST(References, OneOfAKnownListIsItsElement) {
  std::string text = replace_all(kIndexedRole, "POLICY_ROLE", "aws_iam_role.fn[0].id");
  text = replace_all(text, "ROLE", "one(local.roles)") + "locals {\n  roles = [aws_iam_role.fn[0].arn]\n}\n";
  EXPECT_TRUE(fires(text, "DUR004"));
  EXPECT_FALSE(
      fires(replace_all(text, "[aws_iam_role.fn[0].arn]", "[aws_iam_role.fn[0].arn, \"x\"]"), "DUR004"));
}

TEST(References, LatestQualifierThroughAnInstanceIsInfo) {
  std::string text =
      replace_all(kForEach, "  publish       = true\n", "") +
      "resource \"aws_scheduler_schedule\" \"s\" {\n  for_each = local.workers\n  "
      "schedule_expression = \"rate(1 hour)\"\n  flexible_time_window {\n    mode = \"OFF\"\n  }\n"
      "  target {\n    arn      = \"arn:aws:scheduler:::aws-sdk:lambda:invoke\"\n    role_arn = "
      "\"arn:aws:iam::1:role/s\"\n    input    = jsonencode({ FunctionName = "
      "\"${aws_lambda_function.main[each.key].arn}:$LATEST\" })\n  }\n}\n";
  Report r = test::check(text);
  bool info = false, warning = false;
  for (const auto& d : r.diagnostics)
    if (d.rule == "DUR009") {
      info = info || d.severity == Severity::Info;
      warning = warning || d.severity == Severity::Warning;
    }
  EXPECT_TRUE(info);
  EXPECT_FALSE(warning);
}

TEST(References, InvokersThroughAnyInstanceFormAreUnqualified) {
  // DUR010 on the legacy index step, one() and an attribute-only splat's element of a counted function
  std::string fn = replace_all(replace_all(kIndexedRole, "POLICY_ROLE", "aws_iam_role.fn[0].id"), "ROLE",
                               "aws_iam_role.fn[0].arn");
  fn = replace_all(fn, "resource \"aws_lambda_function\" \"main\" {\n",
                   "resource \"aws_lambda_function\" \"main\" {\n  count = 1\n");
  auto target = [&](const std::string& arn) {
    return fn + "resource \"aws_cloudwatch_event_target\" \"t\" {\n  rule = \"r\"\n  arn  = " + arn + "\n}\n";
  };
  for (const char* arn : {"aws_lambda_function.main.0.arn", "one(aws_lambda_function.main[*].arn)",
                          "aws_lambda_function.main.*.arn[0]", "aws_lambda_function.main[0].invoke_arn"})
    EXPECT_TRUE(fires(target(arn), "DUR010")) << arn;
  // a version-qualified ARN and the list of every instance's ARN are not unqualified single invocations
  for (const char* arn : {"aws_lambda_function.main[0].qualified_arn", "aws_lambda_function.main[*].arn"})
    EXPECT_FALSE(fires(target(arn), "DUR010")) << arn;
}

// A durable function that runs with the role a terraform-aws-modules/lambda call creates.
const std::string kModuleRole = R"(module "lambda" {
  source        = "terraform-aws-modules/lambda/aws"
  version       = "~> 8.7"
  function_name = "helper"
  handler       = "app.handler"
  runtime       = "python3.13"
MODULE_INPUTS}
resource "aws_lambda_function" "main" {
  function_name = "fn"
  role          = module.lambda.lambda_role_arn
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  publish       = true
  durable_config {
    execution_timeout = 3600
  }
}
)";

std::string module_role(const std::string& inputs) {
  return replace_all(kModuleRole, "MODULE_INPUTS", inputs);
}

TEST(References, RoleOfALambdaModuleCallIsJudgedByWhatTheModuleAttaches) {
  // the module's defaults attach no policy with the durable actions
  Report r = test::check(module_role(""));
  bool dur004 = false;
  for (const auto& d : r.diagnostics)
    if (d.rule == "DUR004") {
      dur004 = true;
      EXPECT_EQ(test::diag_line(d), "10:19 error DUR004");
      EXPECT_NE(d.detail.find("module.lambda"), std::string::npos);
    }
  EXPECT_TRUE(dur004);
  // the managed durable policy through the module's inputs grants them
  EXPECT_FALSE(fires(
      module_role("  attach_policies    = true\n  number_of_policies = 1\n  policies = "
                  "[\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy\"]\n"),
      "DUR004"));
  // not known: an existing role, a role the module may not create, inputs from variables, an attachment
  // that names the module's role from outside
  for (const char* inputs : {"  create_role = false\n", "  lambda_role = \"arn:aws:iam::1:role/x\"\n",
                             "  create_role = var.make\n", "  attach_policies = var.attach\n"})
    EXPECT_FALSE(fires(module_role(inputs) + "variable \"make\" {}\nvariable \"attach\" {}\n", "DUR004"))
        << inputs;
  EXPECT_FALSE(fires(module_role("") +
                         "resource \"aws_iam_role_policy_attachment\" \"d\" {\n  role = "
                         "module.lambda.lambda_role_name\n  policy_arn = \"arn:aws:iam::aws:policy/"
                         "service-role/AWSLambdaBasicDurableExecutionRolePolicy\"\n}\n",
                     "DUR004"));
  // another module's output stays unknown
  EXPECT_FALSE(fires(replace_all(module_role(""), "terraform-aws-modules/lambda/aws", "./lambda"), "DUR004"));
}

} // namespace
} // namespace dp::tf
