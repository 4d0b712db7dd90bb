// Constructs met when running tf-check over public Terraform (modules, examples and durable-function
// projects): each test is our own minimal reproduction of one construct that once gave a wrong result,
// with a control case that must still fire.
#include <gtest/gtest.h>

#include "terraform/render.hpp"
#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::fires;

// A durable function with a long execution timeout, published behind an alias.
const std::string kDurable = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
resource "aws_lambda_function" "work" {
  function_name = "work"
  role          = "arn:aws:iam::123456789012:role/work"
  filename      = "work.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  timeout       = 900
  publish       = true
  durable_config {
    execution_timeout = 86400
    retention_period  = 7
  }
  timeouts {
    delete = "60m"
  }
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.work.function_name
  function_version = aws_lambda_function.work.version
}
)";

std::string rest_integration(const std::string& type, const std::string& header_lines) {
  return kDurable + R"(resource "aws_api_gateway_integration" "start" {
  rest_api_id             = "api"
  resource_id             = "res"
  http_method             = "POST"
  integration_http_method = "POST"
  type                    = ")" +
         type + R"("
  uri                     = aws_lambda_alias.live.invoke_arn
  request_parameters = {
)" + header_lines +
         R"(  }
}
)";
}

TEST(RealWorld, RestIntegrationWithEventInvocationTypeIsAsynchronous) {
  // DUR013: a non-proxy REST integration mapping X-Amz-Invocation-Type to 'Event' invokes asynchronously
  EXPECT_FALSE(fires(rest_integration("AWS", "    \"integration.request.header.X-Amz-Invocation-Type\" = "
                                             "\"'Event'\"\n"),
                     "DUR013"));
  EXPECT_FALSE(fires(rest_integration("AWS", "    \"integration.request.header.x-amz-invocation-type\" = "
                                             "\"'Event'\"\n"),
                     "DUR013"));
  // controls: without the header, with a client-chosen type, or as a proxy integration, the call is
  // synchronous
  EXPECT_TRUE(fires(rest_integration("AWS", ""), "DUR013"));
  EXPECT_TRUE(fires(rest_integration("AWS", "    \"integration.request.header.X-Amz-Invocation-Type\" = "
                                            "\"method.request.header.InvocationType\"\n"),
                    "DUR013"));
  EXPECT_TRUE(
      fires(rest_integration("AWS_PROXY", "    \"integration.request.header.X-Amz-Invocation-Type\" = "
                                          "\"'Event'\"\n"),
            "DUR013"));
}

const std::string kCheckBlock = R"(check "endpoint" {
  data "http" "ping" {
    url = "https://example.com/health"
  }
  assert {
    condition     = data.http.ping.status_code == 200
    error_message = "${data.http.ping.url} answered ${data.http.ping.status_code}"
  }
}
)";

TEST(RealWorld, CheckBlockScopedDataSourcesAreDeclared) {
  // TF007: the assertion refers to the data source the check block declares
  EXPECT_FALSE(fires(kCheckBlock, "TF007"));
  // controls: an undeclared data source is still reported, and the scoped one shares the module's names
  EXPECT_TRUE(fires(kCheckBlock + "output \"o\" {\n  value = data.http.other.url\n}\n", "TF007"));
  EXPECT_TRUE(fires(kCheckBlock + "data \"http\" \"ping\" {\n  url = \"https://example.com\"\n}\n", "TF006"));
}

TEST(RealWorld, ByteOrderMarkIsNotAColumn) {
  // Files saved by Windows editors start with a BOM; HCL strips it and counts columns from the next
  // character, while byte offsets still include its three bytes.
  Report r = test::check("\xEF\xBB\xBF"
                         "x = \"\xC3\xA9\" ;\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "HCL005");
  EXPECT_EQ(r.diagnostics[0].subject.start.column, 9);
  EXPECT_EQ(r.diagnostics[0].subject.start.byte, 12);
  // the text form shows the line without the mark, the caret under the ";"
  EXPECT_NE(render_text(r).find("  1: x = \"\xC3\xA9\" ;\n             ^\n"), std::string::npos);
  // control: on the second line, nothing shifts
  Report second = test::check("\xEF\xBB\xBF"
                              "y = 1\nx = 2 ;\n");
  ASSERT_EQ(second.diagnostics.size(), 1u);
  EXPECT_EQ(second.diagnostics[0].subject.start.column, 7);
}

TEST(RealWorld, ModuleSourceAndVersionMustBeLiteral) {
  // Terraform reads a module's source and version before evaluating anything
  const std::string vars = "variable \"path\" {\n  default = \"./child\"\n}\n";
  EXPECT_TRUE(fires(vars + "module \"m\" {\n  source = var.path\n}\n", "TF009"));
  EXPECT_TRUE(fires(vars + "module \"m\" {\n  source = \"${var.path}/x\"\n}\n", "TF009"));
  EXPECT_TRUE(fires("module \"m\" {\n  source  = \"terraform-aws-modules/lambda/aws\"\n  version = "
                    "format(\"%s\", \"8.7.0\")\n}\n",
                    "TF009"));
  // control: literal strings, and references in the module's other arguments, are fine
  EXPECT_FALSE(fires(vars + "module \"m\" {\n  source  = \"terraform-aws-modules/lambda/aws\"\n  version = "
                            "\"~> 8.7\"\n  function_name = var.path\n}\n",
                     "TF009"));
}

TEST(RealWorld, InstancesOfDurableFunctionsAreRecognisedInInvokers) {
  // DUR010: one function per handler with for_each; an EventBridge target picks one instance by key
  const std::string fleet = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
locals {
  handlers = { orders = "orders", refunds = "refunds" }
}
resource "aws_lambda_function" "handler" {
  for_each      = local.handlers
  function_name = each.value
  role          = "arn:aws:iam::123456789012:role/handlers"
  package_type  = "Image"
  image_uri     = "repo:${each.key}"
  publish       = true
  durable_config {
    execution_timeout = 3600
  }
}
resource "aws_lambda_alias" "live" {
  for_each         = local.handlers
  name             = "live"
  function_name    = aws_lambda_function.handler[each.key].function_name
  function_version = aws_lambda_function.handler[each.key].version
}
)";
  auto target = [&](const std::string& arn) {
    return fleet +
           "resource \"aws_cloudwatch_event_target\" \"nightly\" {\n  rule = \"nightly\"\n  arn  = " + arn +
           "\n}\n";
  };
  EXPECT_TRUE(fires(target("aws_lambda_function.handler[\"orders\"].arn"), "DUR010"));
  EXPECT_TRUE(fires(target("\"${aws_lambda_function.handler[\"orders\"].arn}\""), "DUR010"));
  // control: the alias of the same instance is qualified
  EXPECT_FALSE(fires(target("aws_lambda_alias.live[\"orders\"].arn"), "DUR010"));
}

TEST(RealWorld, InvokingThroughLatestIsTheInfoNotTheWarning) {
  // DUR009: no version is published, but a Scheduler universal target invokes "<arn>:$LATEST"; that is the
  // $LATEST case (works, not recommended), not a function without any qualifier
  const std::string function = R"tf(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
resource "aws_lambda_function" "controller" {
  function_name = "controller"
  role          = "arn:aws:iam::123456789012:role/controller"
  filename      = "controller.zip"
  handler       = "bootstrap"
  runtime       = "nodejs22.x"
  durable_config {
    execution_timeout = 120
  }
}
)tf";
  const std::string schedule = R"tf(resource "aws_scheduler_schedule" "tick" {
  schedule_expression = "rate(1 minute)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:scheduler:::aws-sdk:lambda:invoke"
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
    input = jsonencode({
      FunctionName   = "${aws_lambda_function.controller.arn}:$LATEST"
      InvocationType = "Event"
    })
  }
}
)tf";
  auto count = [](const Report& r, Severity severity) {
    int n = 0;
    for (const Diagnostic& d : r.diagnostics)
      n += d.rule == "DUR009" && d.severity == severity;
    return n;
  };
  Report with_latest = test::check(function + schedule);
  EXPECT_EQ(count(with_latest, Severity::Warning), 0);
  EXPECT_EQ(count(with_latest, Severity::Info), 1);
  // control: without any qualified use, the warning stays
  EXPECT_EQ(count(test::check(function), Severity::Warning), 1);
}

TEST(RealWorld, SchedulerUniversalTargetNamesTheFunctionInItsInput) {
  // DUR010: the universal target arn:aws:scheduler:::aws-sdk:lambda:invoke names the function in the JSON
  // input's FunctionName, which must then be qualified
  auto schedule = [](const std::string& function_name) {
    return R"tf(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
resource "aws_lambda_function" "controller" {
  function_name = "controller"
  role          = "arn:aws:iam::123456789012:role/controller"
  filename      = "controller.zip"
  handler       = "bootstrap"
  runtime       = "nodejs22.x"
  publish       = true
  durable_config {
    execution_timeout = 120
  }
}
resource "aws_scheduler_schedule" "tick" {
  schedule_expression = "rate(1 minute)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:scheduler:::aws-sdk:lambda:invoke"
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
    input = jsonencode({
      FunctionName   = )tf" +
           function_name + R"tf(
      InvocationType = "Event"
    })
  }
}
)tf";
  };
  EXPECT_TRUE(fires(schedule("aws_lambda_function.controller.arn"), "DUR010"));
  EXPECT_TRUE(fires(schedule("aws_lambda_function.controller.function_name"), "DUR010"));
  // controls: a qualified ARN, built from the version or $LATEST, is fine
  EXPECT_FALSE(
      fires(schedule("\"${aws_lambda_function.controller.arn}:${aws_lambda_function.controller.version}\""),
            "DUR010"));
  EXPECT_FALSE(fires(schedule("\"${aws_lambda_function.controller.arn}:$LATEST\""), "DUR010"));
}

TEST(RealWorld, LambdaModuleAttachesOnlyNumberOfPoliciesEntries) {
  // DUR004 on a terraform-aws-modules/lambda/aws call: the module attaches policies[count.index] with
  // count = number_of_policies (default 0), so a list without the count attaches nothing
  auto call = [](const std::string& count_line) {
    return R"tf(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.28.0" }
  }
}
module "workflow" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "8.7.0"

  function_name = "workflow"
  handler       = "app.handler"
  runtime       = "python3.13"
  publish       = true

  durable_config_execution_timeout = 86400
  durable_config_retention_period  = 14

  attach_policies = true
  policies        = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"]
)tf" + count_line +
           "}\n";
  };
  EXPECT_TRUE(fires(call(""), "DUR004"));
  EXPECT_TRUE(fires(call("  number_of_policies = 0\n"), "DUR004"));
  // controls: counted, or not known, the policy is (or may be) attached
  EXPECT_FALSE(fires(call("  number_of_policies = 1\n"), "DUR004"));
  EXPECT_FALSE(fires("variable \"n\" {}\n" + call("  number_of_policies = var.n\n"), "DUR004"));
}

TEST(RealWorld, TagsAllCannotBeConfigured) {
  // a generated wrapper passes every attribute through, tags_all included; the provider only exports it
  auto function = [](const std::string& line) {
    return R"tf(resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "python3.13"
)tf" + line +
           "}\n";
  };
  Report r = test::check(function("  tags_all = { team = \"core\" }\n"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "TF002");
  EXPECT_EQ(r.diagnostics[0].summary, "Value for unconfigurable attribute");
  EXPECT_EQ(r.diagnostics[0].subject.start.line, 7);
  EXPECT_EQ(r.diagnostics[0].subject.start.column, 14);
  // controls: tags is the argument to set; null leaves tags_all unset; an unknown value may be null
  EXPECT_FALSE(fires(function("  tags = { team = \"core\" }\n"), "TF002"));
  EXPECT_FALSE(fires(function("  tags_all = null\n"), "TF002"));
  EXPECT_FALSE(fires("variable \"t\" {}\n" + function("  tags_all = var.t\n"), "TF002"));
}

TEST(RealWorld, DependsOnNamesWholeObjects) {
  const std::string objects = R"tf(resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
module "m" {
  source = "./m"
}
)tf";
  auto bucket = [&](const std::string& deps) {
    return objects + "resource \"aws_s3_bucket\" \"b\" {\n  bucket     = \"b\"\n  depends_on = [" + deps +
           "]\n}\n";
  };
  Report r = test::check(bucket("aws_iam_role.r.arn"));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid depends_on reference");
  EXPECT_EQ(r.diagnostics[0].subject.start.column, 31); // the ".arn" after the object
  EXPECT_NE(r.diagnostics[0].detail.find("Write aws_iam_role.r."), std::string::npos);
  // controls: whole resources, instances, module calls and module outputs are objects
  EXPECT_FALSE(fires(bucket("aws_iam_role.r, aws_iam_role.r[0], module.m, module.m.out"), "TF009"));
}

TEST(RealWorld, ImportIdReferencesAreChecked) {
  // terraform validate evaluates an import block's id (its `to` is checked by import_test.cpp)
  const std::string import =
      "resource \"aws_instance\" \"example\" {}\nimport {\n  to = aws_instance.example\n"
      "  id = var.image_id\n}\n";
  EXPECT_TRUE(fires(import, "TF007"));
  EXPECT_FALSE(fires("variable \"image_id\" {}\n" + import, "TF007"));
}

TEST(RealWorld, CountGatedFunctionNamesItsRoleAndPolicyThroughOne) {
  // A pattern seen in public code: everything gated by count, each reference written one(X[*].attr) (the
  // role, the role policy's role and policy, the EventBridge target). With durable_config added, the role
  // lacks the durable actions (DUR004) and the target invokes the unqualified ARN (DUR010).
  const std::string guard = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
variable "cap" { default = null }
locals {
  enabled = var.cap != null
}
resource "aws_iam_role" "guard" {
  count              = local.enabled ? 1 : 0
  name               = "guard"
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "guard" {
  count = local.enabled ? 1 : 0
  statement {
    sid       = "Read"
    actions   = ["ce:GetCostAndUsage"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "guard" {
  count  = local.enabled ? 1 : 0
  role   = one(aws_iam_role.guard[*].id)
  policy = one(data.aws_iam_policy_document.guard[*].json)
}
resource "aws_lambda_function" "guard" {
  count         = local.enabled ? 1 : 0
  function_name = "guard"
  role          = one(aws_iam_role.guard[*].arn)
  filename      = "guard.zip"
  handler       = "guard.handler"
  runtime       = "python3.13"
  publish       = true
  durable_config {
    execution_timeout = 3600
  }
}
resource "aws_cloudwatch_event_target" "guard" {
  count = local.enabled ? 1 : 0
  rule  = "guard"
  arn   = one(aws_lambda_function.guard[*].arn)
}
)";
  EXPECT_TRUE(fires(guard, "DUR004"));
  EXPECT_TRUE(fires(guard, "DUR010"));
  // control: a statement granting both actions on the function's executions, named through one() too
  const std::string granted = guard.substr(0, guard.find("  statement {\n    sid       = \"Read\"")) +
                              "  statement {\n    actions   = [\"lambda:CheckpointDurableExecution\", "
                              "\"lambda:GetDurableExecutionState\"]\n    resources = "
                              "[\"${one(aws_lambda_function.guard[*].arn)}:*\"]\n  }\n" +
                              guard.substr(guard.find("  statement {\n    sid       = \"Read\""));
  EXPECT_FALSE(fires(granted, "DUR004"));
  EXPECT_FALSE(fires(granted, "DUR005"));
  // control: the target through the alias of the one instance is qualified
  std::string aliased = granted +
                        "resource \"aws_lambda_alias\" \"live\" {\n  count = 1\n  name = \"live\"\n  "
                        "function_name = one(aws_lambda_function.guard[*].function_name)\n  "
                        "function_version = one(aws_lambda_function.guard[*].version)\n}\n";
  aliased.replace(aliased.find("arn   = one(aws_lambda_function.guard[*].arn)"),
                  std::string("arn   = one(aws_lambda_function.guard[*].arn)").size(),
                  "arn   = one(aws_lambda_alias.live[*].arn)");
  EXPECT_FALSE(fires(aliased, "DUR010"));
}

} // namespace
} // namespace dp::tf
