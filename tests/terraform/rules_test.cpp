// One test per rule: it fires on a minimal bad configuration and stays silent on the good one
// (the playground's own export shape, which must produce no diagnostics at all).
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::fires;

// A configuration that must be clean: every rule stays silent on it.
const std::string kGood = R"(terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0" }
  }
}
provider "aws" {
  region = "us-east-2"
}
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "durable" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"]
      Resource = "${aws_lambda_function.main.arn}:*"
    }]
  })
}
resource "aws_lambda_function" "main" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  timeout       = 30
  memory_size   = 256
  publish       = true
  durable_config {
    execution_timeout = 3600
    retention_period  = 14
  }
  timeouts {
    delete = "60m"
  }
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.main.function_name
  function_version = aws_lambda_function.main.version
}
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << "fixture does not contain: " << from;
  if (pos != std::string::npos)
    text.replace(pos, from.size(), to);
  return text;
}

TEST(Rules, GoodConfigurationIsClean) {
  Report r = test::check(kGood);
  EXPECT_EQ(test::lines(r.diagnostics), std::vector<std::string>{});
}

TEST(Rules, TF001UnsupportedTopLevelBlock) {
  EXPECT_TRUE(fires(kGood + "resorce \"a\" \"b\" {}\n", "TF001"));
  EXPECT_TRUE(fires(kGood + "resource \"a\" {}\n", "TF001"));
  EXPECT_FALSE(fires(kGood + "moved {\n  from = a.b\n  to = a.c\n}\n", "TF001"));
}

TEST(Rules, TF002UnsupportedArgumentWithSuggestion) {
  Report r = test::check(with(kGood, "publish       = true", "publsh = true"));
  ASSERT_FALSE(r.diagnostics.empty());
  bool found = false;
  for (const auto& d : r.diagnostics)
    found = found || (d.rule == "TF002" && d.detail.find("Did you mean \"publish\"") != std::string::npos);
  EXPECT_TRUE(found);
  EXPECT_TRUE(fires(with(kGood, "retention_period  = 14", "kms_key_arn = \"x\""), "TF002"));
}

TEST(Rules, TF003UnsupportedBlockType) {
  EXPECT_TRUE(fires(with(kGood, "timeouts {", "timeout_block {"), "TF003"));
  EXPECT_FALSE(fires(with(kGood, "timeouts {", "lifecycle {\n  }\n  timeouts {"), "TF003"));
}

TEST(Rules, TF004MissingRequiredArgument) {
  EXPECT_TRUE(fires(with(kGood, "execution_timeout = 3600", ""), "TF004"));
  EXPECT_TRUE(fires(with(kGood, "role          = aws_iam_role.fn.arn", ""), "TF004"));
}

TEST(Rules, TF005SecondDurableConfig) {
  std::string twice =
      with(kGood, "  timeouts {", "  durable_config {\n    execution_timeout = 1\n  }\n  timeouts {");
  Report r = test::check(twice);
  bool found = false;
  for (const auto& d : r.diagnostics)
    found = found || (d.rule == "TF005" && d.subject.start.line == 37 && d.subject.start.column == 3);
  EXPECT_TRUE(found) << ::testing::PrintToString(test::lines(r.diagnostics));
}

TEST(Rules, TF006DuplicateAddress) {
  EXPECT_TRUE(fires(kGood + "resource \"aws_lambda_alias\" \"live\" {\n  name = \"x\"\n}\n", "TF006"));
}

TEST(Rules, TF007UndeclaredReferences) {
  EXPECT_TRUE(fires(with(kGood, "aws_iam_role.fn.arn", "aws_iam_role.fnn.arn"), "TF007"));
  EXPECT_TRUE(fires(with(kGood, "timeout       = 30", "timeout = var.t"), "TF007"));
  EXPECT_FALSE(fires(with(kGood, "timeout       = 30", "timeout = var.t") + "variable \"t\" {}\n", "TF007"));
  EXPECT_FALSE(fires(kGood + "locals {\n  x = [for v in [1] : v]\n}\n", "TF007"));
}

TEST(Rules, TF008LiteralTypeWithTerraformConversions) {
  EXPECT_TRUE(fires(with(kGood, "publish       = true", "publish = \"yes\""), "TF008"));
  EXPECT_FALSE(fires(with(kGood, "publish       = true", "publish = \"true\""), "TF008"));
  EXPECT_FALSE(fires(with(kGood, "memory_size   = 256", "memory_size = \"256\""), "TF008"));
  EXPECT_TRUE(fires(with(kGood, "timeout       = 30", "timeout = \"ten\""), "TF008"));
}

TEST(Rules, LMB001UnknownRuntime) {
  EXPECT_TRUE(fires(with(kGood, "nodejs22.x", "nodejs99.x"), "LMB001"));
}

TEST(Rules, LMB002Timeout) {
  EXPECT_TRUE(fires(with(kGood, "timeout       = 30", "timeout = 901"), "LMB002"));
  EXPECT_FALSE(fires(with(kGood, "timeout       = 30", "timeout = 900"), "LMB002"));
}

TEST(Rules, LMB003MemorySize) {
  EXPECT_TRUE(fires(with(kGood, "memory_size   = 256", "memory_size = 64"), "LMB003"));
  Report r = test::check(with(kGood, "memory_size   = 256", "memory_size = 20000"));
  bool warning = false;
  for (const auto& d : r.diagnostics)
    warning = warning || (d.rule == "LMB003" && d.severity == Severity::Warning);
  EXPECT_TRUE(warning);
}

TEST(Rules, LMB004Handler) {
  EXPECT_TRUE(fires(with(kGood, "\"index.handler\"", "\"index handler\""), "LMB004"));
  EXPECT_TRUE(fires(with(kGood, "\"index.handler\"", "\"\""), "LMB004"));
}

TEST(Rules, LMB005ZipWithoutHandler) {
  EXPECT_TRUE(fires(with(kGood, "handler       = \"index.handler\"", ""), "LMB005"));
  EXPECT_FALSE(fires(with(with(kGood, "handler       = \"index.handler\"", "package_type = \"Image\""),
                          "filename      = \"f.zip\"", "image_uri = \"x\""),
                     "LMB005"));
}

TEST(Rules, LMB006CodeSource) {
  EXPECT_TRUE(fires(with(kGood, "filename      = \"f.zip\"", ""), "LMB006"));
  EXPECT_TRUE(fires(with(kGood, "filename      = \"f.zip\"", "s3_bucket = \"b\""), "LMB006"));
  EXPECT_FALSE(
      fires(with(kGood, "filename      = \"f.zip\"", "s3_bucket = \"b\"\n  s3_key = \"k\""), "LMB006"));
}

TEST(Rules, LMB007DeprecatedRuntime) {
  EXPECT_TRUE(fires(with(kGood, "nodejs22.x", "nodejs18.x"), "LMB007"));
}

TEST(Rules, LMB008Alias) {
  EXPECT_TRUE(fires(with(kGood, "name             = \"live\"", "name = \"42\""), "LMB008"));
  EXPECT_TRUE(
      fires(with(kGood, "function_version = aws_lambda_function.main.version", "function_version = \"v1\""),
            "LMB008"));
  EXPECT_FALSE(
      fires(with(kGood, "function_version = aws_lambda_function.main.version", "function_version = \"3\""),
            "LMB008"));
}

TEST(Rules, LMB009RoleMustBeAnArn) {
  EXPECT_TRUE(fires(with(kGood, "role          = aws_iam_role.fn.arn", "role = \"fn\""), "LMB009"));
}

TEST(Rules, DUR001Runtime) {
  Report r = test::check(with(kGood, "nodejs22.x", "python3.12"));
  ASSERT_EQ(test::lines(r.diagnostics), std::vector<std::string>{"29:19 error DUR001"});
  // .NET 8 and 10 are in the newest revision of the supported-runtimes page
  EXPECT_FALSE(fires(with(kGood, "nodejs22.x", "dotnet8"), "DUR001"));
  EXPECT_FALSE(fires(with(kGood, "nodejs22.x", "dotnet10"), "DUR001"));
  EXPECT_FALSE(fires(with(kGood, "nodejs22.x", "java21"), "DUR001"));
  EXPECT_TRUE(fires(with(kGood, "nodejs22.x", "dotnet6"), "DUR001"));
  // the OS-only runtime is in no revision's table: a warning that points at container images
  Report provided = test::check(with(kGood, "nodejs22.x", "provided.al2023"));
  ASSERT_EQ(test::lines(provided.diagnostics), std::vector<std::string>{"29:19 warning DUR001"});
  EXPECT_NE(provided.diagnostics[0].detail.find("package_type = \"Image\""), std::string::npos);
  EXPECT_TRUE(fires(with(kGood, "nodejs22.x", "nodejs26.x"), "DUR001"));
  EXPECT_FALSE(fires(with(with(kGood, "nodejs22.x", "python3.12"), "publish       = true",
                          "publish = true\n  package_type = \"Image\""),
                     "DUR001"));
}

TEST(Rules, DUR002ExecutionTimeout) {
  EXPECT_TRUE(fires(with(kGood, "execution_timeout = 3600", "execution_timeout = 0"), "DUR002"));
  EXPECT_TRUE(fires(with(kGood, "execution_timeout = 3600", "execution_timeout = 31622401"), "DUR002"));
  EXPECT_FALSE(fires(with(kGood, "execution_timeout = 3600", "execution_timeout = 31622400"), "DUR002"));
  // rule 2: a schema error inside durable_config skips the value rules
  EXPECT_FALSE(
      fires(with(kGood, "execution_timeout = 3600", "execution_timeout = 0\n    bogus = 1"), "DUR002"));
}

TEST(Rules, DUR003RetentionPeriod) {
  EXPECT_TRUE(fires(with(kGood, "retention_period  = 14", "retention_period = 91"), "DUR003"));
  EXPECT_FALSE(fires(with(kGood, "retention_period  = 14", "retention_period = 90"), "DUR003"));
}

TEST(Rules, DUR004MissingPermission) {
  std::string one =
      with(kGood, "[\"lambda:CheckpointDurableExecution\", \"lambda:GetDurableExecutionState\"]",
           "[\"lambda:CheckpointDurableExecution\"]");
  Report r = test::check(one);
  ASSERT_EQ(test::lines(r.diagnostics), std::vector<std::string>{"26:19 error DUR004"});
  EXPECT_NE(r.diagnostics[0].detail.find("lambda:GetDurableExecutionState"), std::string::npos);
  // managed policy satisfies it
  EXPECT_FALSE(
      fires(one + "resource \"aws_iam_role_policy_attachment\" \"d\" {\n  role = aws_iam_role.fn.name\n"
                  "  policy_arn = "
                  "\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy\"\n}\n",
            "DUR004"));
  // an unevaluable policy makes the role not analysable: silent
  EXPECT_FALSE(fires(one +
                         "resource \"aws_iam_role_policy\" \"x\" {\n  role = aws_iam_role.fn.id\n  policy = "
                         "file(\"p.json\")\n}\n",
                     "DUR004"));
  // a Deny removes it
  EXPECT_TRUE(fires(with(kGood, "Statement = [{",
                         "Statement = [{ Effect = \"Deny\", Action = \"lambda:*\", "
                         "Resource = \"*\" }, {"),
                    "DUR004"));
}

TEST(Rules, DUR005UnqualifiedResourceReplacesDUR004) {
  std::string bad = with(kGood, "\"${aws_lambda_function.main.arn}:*\"", "aws_lambda_function.main.arn");
  EXPECT_TRUE(fires(bad, "DUR005"));
  EXPECT_FALSE(fires(bad, "DUR004"));
  EXPECT_FALSE(fires(with(kGood, "\"${aws_lambda_function.main.arn}:*\"",
                          "\"${aws_lambda_function.main.qualified_arn}/durable-execution/*\""),
                     "DUR005"));
}

TEST(Rules, DUR004EvaluatesForExpressionsSplatsAndLocals) {
  std::string via_for = with(kGood, "Resource = \"${aws_lambda_function.main.arn}:*\"",
                             "Resource = [for q in [\"*\"] : \"${aws_lambda_function.main.arn}:${q}\"]");
  EXPECT_FALSE(fires(via_for, "DUR004"));
  EXPECT_FALSE(fires(via_for, "DUR005"));
  std::string via_local =
      with(kGood, "Action   = [\"lambda:CheckpointDurableExecution\", \"lambda:GetDurableExecutionState\"]",
           "Action = local.actions") +
      "locals {\n  actions = [\"lambda:CheckpointDurableExecution\"]\n}\n";
  EXPECT_TRUE(fires(via_local, "DUR004"));
  std::string via_splat =
      with(kGood, "Resource = \"${aws_lambda_function.main.arn}:*\"", "Resource = local.arns[*].arn") +
      "locals {\n  arns = [{ arn = \"${aws_lambda_function.main.arn}:*\" }]\n}\n";
  EXPECT_FALSE(fires(via_splat, "DUR004"));
}

TEST(Rules, DUR004ExpandsDynamicStatements) {
  std::string doc =
      with(kGood, "policy = jsonencode({",
           "policy = data.aws_iam_policy_document.d.json\n  unused = jsonencode({") +
      "data \"aws_iam_policy_document\" \"d\" {\n  dynamic \"statement\" {\n    for_each = ACTIONS\n"
      "    content {\n      actions = [statement.value]\n      resources = "
      "[\"${aws_lambda_function.main.arn}:*\"]\n    }\n  }\n}\n";
  auto use = [&](const std::string& actions) {
    std::string t = doc;
    t.replace(t.find("ACTIONS"), 7, actions);
    return t;
  };
  EXPECT_TRUE(fires(use("[\"lambda:CheckpointDurableExecution\"]"), "DUR004"));
  EXPECT_FALSE(
      fires(use("[\"lambda:CheckpointDurableExecution\", \"lambda:GetDurableExecutionState\"]"), "DUR004"));
  EXPECT_FALSE(fires(use("var.actions"), "DUR004")); // unknown: not analysable
}

TEST(Rules, DUR006WildcardAction) {
  EXPECT_TRUE(
      fires(with(kGood, "[\"lambda:CheckpointDurableExecution\", \"lambda:GetDurableExecutionState\"]",
                 "\"lambda:*\""),
            "DUR006"));
  EXPECT_FALSE(fires(kGood, "DUR006"));
}

TEST(Rules, DUR007ResourceStar) {
  EXPECT_TRUE(fires(with(kGood, "\"${aws_lambda_function.main.arn}:*\"", "\"*\""), "DUR007"));
  EXPECT_FALSE(
      fires(kGood + "resource \"aws_iam_role_policy_attachment\" \"d\" {\n  role = aws_iam_role.fn.name\n"
                    "  policy_arn = "
                    "\"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy\"\n}\n",
            "DUR007"));
}

TEST(Rules, DUR008MisspelledAction) {
  std::string bad =
      with(kGood, "\"lambda:GetDurableExecutionState\"]", "\"lambda:GetDurableExecutionStates\"]");
  EXPECT_TRUE(fires(bad, "DUR008"));
  EXPECT_TRUE(fires(bad, "DUR004")); // DUR008 does not suppress DUR004
  EXPECT_TRUE(
      fires(with(kGood, "\"lambda:GetDurableExecutionState\"]", "\"lambda:ManageDurableState\"]"), "DUR008"));
}

TEST(Rules, DUR009PublishAndAlias) {
  std::string unpublished = with(kGood, "publish       = true", "publish = false");
  EXPECT_FALSE(fires(unpublished, "DUR009")); // alias on aws_lambda_function.main.version
  std::string no_alias =
      with(unpublished, "resource \"aws_lambda_alias\"", "resource \"aws_lambda_alias_x\"");
  EXPECT_TRUE(fires(no_alias, "DUR009"));
  Report r = test::check(with(unpublished, "function_version = aws_lambda_function.main.version",
                              "function_version = \"$LATEST\""));
  bool info = false;
  for (const auto& d : r.diagnostics)
    info = info || (d.rule == "DUR009" && d.severity == Severity::Info);
  EXPECT_TRUE(info);
}

TEST(Rules, DUR010UnqualifiedInvocation) {
  EXPECT_TRUE(fires(kGood + "resource \"aws_cloudwatch_event_target\" \"t\" {\n  rule = \"r\"\n  arn = "
                            "aws_lambda_function.main.arn\n}\n",
                    "DUR010"));
  EXPECT_FALSE(fires(kGood + "resource \"aws_cloudwatch_event_target\" \"t\" {\n  rule = \"r\"\n  arn = "
                             "aws_lambda_alias.live.arn\n}\n",
                     "DUR010"));
  EXPECT_FALSE(
      fires(kGood + "resource \"aws_lambda_permission\" \"p\" {\n  function_name = "
                    "aws_lambda_function.main.function_name\n  qualifier = aws_lambda_alias.live.name\n}\n",
            "DUR010"));
}

TEST(Rules, DUR011ProviderVersion) {
  Report r = test::check(with(kGood, ">= 6.25.0", "~> 5.0"));
  EXPECT_TRUE(fires(with(kGood, ">= 6.25.0", "~> 5.0"), "DUR011"));
  EXPECT_EQ(r.diagnostics.at(0).severity, Severity::Error);
  Report w = test::check(with(kGood, ">= 6.25.0", ">= 6.0"));
  EXPECT_EQ(w.diagnostics.at(0).severity, Severity::Warning);
  EXPECT_FALSE(fires(with(kGood, ">= 6.25.0", "~> 6.25"), "DUR011"));
  EXPECT_FALSE(fires(with(kGood, ">= 6.25.0", "~> 6.28.0"), "DUR011"));
  Report none = test::check(with(kGood, "aws = { source = \"hashicorp/aws\", version = \">= 6.25.0\" }", ""));
  bool info = false;
  for (const auto& d : none.diagnostics)
    info = info || (d.rule == "DUR011" && d.severity == Severity::Info);
  EXPECT_TRUE(info);
}

TEST(Rules, DUR012ExecutionShorterThanTimeout) {
  EXPECT_TRUE(fires(with(kGood, "execution_timeout = 3600", "execution_timeout = 10"), "DUR012"));
  EXPECT_FALSE(fires(with(kGood, "execution_timeout = 3600", "execution_timeout = 30"), "DUR012"));
}

TEST(Rules, DUR013SynchronousInvoker) {
  std::string url = kGood +
                    "resource \"aws_lambda_function_url\" \"u\" {\n  function_name = "
                    "aws_lambda_alias.live.function_name\n  qualifier = \"live\"\n  authorization_type = "
                    "\"NONE\"\n}\n";
  EXPECT_TRUE(fires(url, "DUR013"));
  EXPECT_FALSE(fires(with(url, "execution_timeout = 3600", "execution_timeout = 900"), "DUR013"));
}

TEST(Rules, DUR014Region) {
  EXPECT_TRUE(fires(with(kGood, "us-east-2", "us-gov-west-1"), "DUR014"));
  EXPECT_TRUE(fires(with(kGood, "us-east-2", "cn-north-1"), "DUR014"));
  EXPECT_FALSE(fires(with(kGood, "us-east-2", "eu-west-1"), "DUR014"));
}

TEST(Rules, DUR015DeleteTimeout) {
  EXPECT_TRUE(fires(with(kGood, "delete = \"60m\"", ""), "DUR015"));
  EXPECT_TRUE(fires(with(kGood, "delete = \"60m\"", "delete = \"30m\""), "DUR015"));
  EXPECT_FALSE(fires(with(kGood, "delete = \"60m\"", "delete = \"1h30m\""), "DUR015"));
}

TEST(Rules, DUR016Retention) {
  EXPECT_TRUE(fires(with(kGood, "retention_period  = 14", ""), "DUR016"));
  ValidateOptions audit;
  audit.audit_min_days = 365;
  Report r = test::check(kGood, audit);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].detail.find("export the history"), std::string::npos);
}

TEST(Rules, DUR017EditModeReplacement) {
  ValidateOptions edit;
  edit.previous.push_back({"main.tf", with(kGood,
                                           "durable_config {\n    execution_timeout = 3600\n    "
                                           "retention_period  = 14\n  }",
                                           "")});
  EXPECT_TRUE(fires(kGood, "DUR017", edit));
  EXPECT_FALSE(fires(kGood, "DUR017"));
}

TEST(Rules, SyntaxErrorsSuppressSemanticRules) {
  std::vector<std::string> got = test::rules(with(kGood, "nodejs22.x\"", "python3.12"));
  EXPECT_EQ(got, std::vector<std::string>{"HCL001"});
}

TEST(Rules, NonDurableFunctionsGetNoDurRules) {
  std::string plain =
      with(with(kGood, "durable_config {\n    execution_timeout = 3600\n    retention_period  = 14\n  }", ""),
           "nodejs22.x", "python3.12");
  for (const auto& r : test::rules(plain))
    EXPECT_NE(r.substr(0, 3), "DUR");
}

TEST(Rules, EveryRuleHasAnExplanation) {
  for (const char* id : {"HCL001", "HCL008", "TF001", "TF008", "LMB001", "LMB009", "DUR001", "DUR017"}) {
    const RuleInfo* r = find_rule(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_GT(std::string(r->what).size(), 10u);
    EXPECT_GT(std::string(r->fix).size(), 5u);
    EXPECT_EQ(std::string(r->source).rfind("https://", 0), 0u);
  }
  EXPECT_EQ(all_rules().size(), 43u);
}

// The provider's current durable_config arguments (issue 11, item 5): the API's KMSKeyArn and the requested
// AllowInvokeLatest are not provider arguments; the message says where they come from.
TEST(Rules, DurableConfigArgumentsOfTheApiButNotOfTheProvider) {
  Report r =
      test::check(with(kGood, "retention_period  = 14", "retention_period  = 14\n    kms_key_arn = \"k\""));
  bool found = false;
  for (const auto& d : r.diagnostics)
    if (d.rule == "TF002") {
      found = true;
      EXPECT_NE(d.detail.find("durable-configuration.html"), std::string::npos);
    }
  EXPECT_TRUE(found);
  EXPECT_TRUE(
      fires(with(kGood, "retention_period  = 14", "retention_period  = 14\n    allow_invoke_latest = true"),
            "TF002"));
}

// What terraform validate reports without provider schemas (issue 11, item 4)
TEST(Rules, TF009AndDuplicatesTerraformValidateReports) {
  using test::lines;
  const std::string req =
      "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n";
  EXPECT_EQ(lines(test::check(req + req).diagnostics), std::vector<std::string>{"7:3 error TF006"});
  EXPECT_EQ(lines(test::check("provider \"aws\" {\n}\nprovider \"aws\" {\n}\n").diagnostics),
            std::vector<std::string>{"3:10 error TF006"});
  EXPECT_TRUE(
      test::check("provider \"aws\" {\n}\nprovider \"aws\" {\n  alias = \"east\"\n}\n").diagnostics.empty());
  EXPECT_EQ(
      lines(test::check("provider \"aws\" {\n  alias = \"e\"\n}\nprovider \"aws\" {\n  alias = \"e\"\n}\n")
                .diagnostics),
      std::vector<std::string>{"4:10 error TF006"});
  EXPECT_EQ(lines(test::check("module \"m\" {\n}\noutput \"o\" {\n}\n").diagnostics),
            (std::vector<std::string>{"1:12 error TF004", "3:12 error TF004"}));
  EXPECT_EQ(lines(test::check("resource \"null_resource\" \"r\" {\n  count = 1\n  for_each = {}\n}\n"
                              "variable \"count\" {\n}\n")
                      .diagnostics),
            (std::vector<std::string>{"3:3 error TF009", "5:10 error TF009"}));
}

} // namespace
} // namespace dp::tf
