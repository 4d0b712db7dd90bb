// Calls to the community Lambda module terraform-aws-modules/lambda/aws and its modules/alias (issue 11,
// item 3): the durable and Lambda rules on the module's inputs, with ranges on the call's arguments.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace dp::tf {
namespace {

using test::lines;

const std::string kBad = R"(module "orders" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 8.7"

  function_name = "orders"
  handler       = "app.handler"
  runtime       = "python3.9"

  durable_config_execution_timeout = 0
  durable_config_retention_period  = 365
}
)";

const std::string kGood = R"(module "orders" {
  source = "SOURCE"

  function_name = "orders"
  handler       = "app.handler"
  runtime       = "python3.13"
  publish       = true

  durable_config_execution_timeout = coalesce(var.execution_timeout, 86400)
  durable_config_retention_period  = 14

  attach_policies    = true
  number_of_policies = 1
  policies           = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"]
}

variable "execution_timeout" {
  default = null
}

module "live" {
  source           = "terraform-aws-modules/lambda/aws//modules/alias"
  name             = "live"
  function_name    = module.orders.lambda_function_name
  function_version = module.orders.lambda_function_version
}
)";

std::string with_source(const std::string& source) {
  std::string s = kGood;
  s.replace(s.find("SOURCE"), 6, source);
  return s;
}

TEST(LambdaModule, BadCallGetsTheDurableAndLambdaRulesOnItsArguments) {
  Report r = test::check(kBad);
  EXPECT_EQ(lines(r.diagnostics),
            (std::vector<std::string>{"7:19 error DUR001", "7:19 warning LMB007", "9:3 error DUR004",
                                      "9:3 warning DUR009", "9:38 error DUR002", "10:38 error DUR003"}));
  for (const auto& d : r.diagnostics)
    EXPECT_NE(d.detail.find("module.orders"), std::string::npos)
        << d.rule << ": says what to set on the module";
}

TEST(LambdaModule, GoodCallIsSilentInEverySourceForm) {
  for (const char* source :
       {"terraform-aws-modules/lambda/aws", "registry.terraform.io/terraform-aws-modules/lambda/aws",
        "git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v8.7.0",
        "github.com/terraform-aws-modules/terraform-aws-lambda"}) {
    Report r = test::check(with_source(source));
    EXPECT_TRUE(r.diagnostics.empty())
        << source << ": " << (r.diagnostics.empty() ? "" : r.diagnostics[0].rule);
  }
  // the same module called through git, with a bad value: recognised
  std::string bad =
      with_source("git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v8.7.0");
  bad.replace(bad.find("python3.13"), 10, "python3.12");
  EXPECT_TRUE(test::fires(bad, "DUR001"));
}

TEST(LambdaModule, UnknownInputsStaySilent) {
  EXPECT_TRUE(test::check(R"(variable "t" {}
module "f" {
  source                           = "terraform-aws-modules/lambda/aws"
  runtime                          = var.t
  durable_config_execution_timeout = var.t
  attach_policy_json               = true
  policy_json                      = var.t
}
)")
                  .diagnostics.empty());
  // not the community module: nothing is assumed
  EXPECT_TRUE(test::check("module \"f\" {\n  source = \"./lambda\"\n  runtime = \"python3.9\"\n}\n")
                  .diagnostics.empty());
}

TEST(LambdaModule, AliasSubmodule) {
  std::string s = kGood;
  s.replace(s.find("name             = \"live\""), 25, "name             = \"123\"");
  EXPECT_EQ(lines(test::check(s).diagnostics), std::vector<std::string>{"23:22 error LMB008"});
  // without the alias (and without publish) the durable function has no qualified ARN
  std::string good = with_source("terraform-aws-modules/lambda/aws");
  std::string no_alias = good.substr(0, good.find("module \"live\""));
  no_alias.replace(no_alias.find("  publish       = true\n"), 23, "");
  EXPECT_TRUE(test::fires(no_alias, "DUR009"));
}

} // namespace
} // namespace dp::tf
