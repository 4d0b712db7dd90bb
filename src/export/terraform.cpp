// Terraform for the exported function (versions.tf, main.tf, variables.tf, outputs.tf): hashicorp/aws
// >= 6.25 and archive, an execution role with AWSLambdaBasicExecutionRole plus a least-privilege inline
// policy for the checkpoint APIs on the function's versions, the function with durable_config, published,
// and an alias. Every string goes through hcl_string (quotes, backslashes, "${", "%{", non-ASCII).
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {
namespace {

std::string versions_tf() {
  return "terraform {\n"
         "  required_version = \">= 1.5\"\n"
         "  required_providers {\n"
         "    aws = {\n"
         "      source  = \"hashicorp/aws\"\n"
         "      version = \">= 6.25\"\n"
         "    }\n"
         "    archive = {\n"
         "      source  = \"hashicorp/archive\"\n"
         "      version = \">= 2.4\"\n"
         "    }\n"
         "  }\n"
         "}\n\n"
         "provider \"aws\" {\n"
         "  region = var.region\n"
         "}\n";
}

std::string variables_tf(const workflow::Document& doc) {
  auto var = [](const std::string& name, const std::string& type, const std::string& description,
                const std::string& def) {
    return "variable \"" + name + "\" {\n  description = " + hcl_string(description) +
           "\n  type        = " + type + "\n  default     = " + def + "\n}\n";
  };
  const workflow::FunctionConfig& f = doc.function;
  return var("region", "string", "AWS region to deploy to.", hcl_string(f.region)) + "\n" +
         var("function_name", "string", "Name of the Lambda function.", hcl_string(f.name)) + "\n" +
         var("alias_name", "string", "Alias the execution is invoked through (a qualified ARN).",
             hcl_string(f.alias)) +
         "\n" + var("memory_size", "number", "Memory in MB.", std::to_string(f.memory_size)) + "\n" +
         var("timeout", "number", "Timeout of one invocation in seconds.", std::to_string(f.timeout)) + "\n" +
         var("execution_timeout", "number", "Timeout of the whole durable execution in seconds.",
             std::to_string(f.execution_timeout)) +
         "\n" +
         var("retention_period", "number", "Days the execution history is kept after it ends.",
             std::to_string(f.retention_period));
}

std::string main_tf(const workflow::Document& doc, Language language) {
  bool python = language == Language::Python ||
                (language == Language::Both && doc.function.flavor() == workflow::Flavor::Python);
  std::string runtime = doc.function.runtime;
  if (python && runtime.rfind("python", 0) != 0)
    runtime = "python3.14";
  if (!python && runtime.rfind("nodejs", 0) != 0)
    runtime = "nodejs24.x";
  std::string handler = python ? "lambda_function.lambda_handler" : "index.handler";
  std::string source = python ? "${path.module}/python" : "${path.module}/nodejs";
  std::string out;
  out += "# The function's code, zipped from the " + std::string(python ? "python" : "nodejs") + " folder.\n";
  out += "data \"archive_file\" \"function\" {\n";
  out += "  type        = \"zip\"\n";
  out += "  source_dir  = \"" + source + "\"\n";
  out += "  output_path = \"${path.module}/build/function.zip\"\n";
  if (python)
    out += "  excludes    = [\"tests\", \"requirements-dev.txt\"]\n";
  else
    out += "  excludes    = [\"test\"]\n";
  out += "}\n\n";
  out += "data \"aws_iam_policy_document\" \"assume_lambda\" {\n";
  out += "  statement {\n";
  out += "    actions = [\"sts:AssumeRole\"]\n";
  out += "    principals {\n";
  out += "      type        = \"Service\"\n";
  out += "      identifiers = [\"lambda.amazonaws.com\"]\n";
  out += "    }\n";
  out += "  }\n";
  out += "}\n\n";
  out += "resource \"aws_iam_role\" \"function\" {\n";
  out += "  name               = \"${var.function_name}-role\"\n";
  out += "  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json\n";
  out += "}\n\n";
  out += "resource \"aws_iam_role_policy_attachment\" \"basic_execution\" {\n";
  out += "  role       = aws_iam_role.function.name\n";
  out += "  policy_arn = \"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"\n";
  out += "}\n\n";
  out +=
      "# Least privilege for the durable SDK: checkpoint and read state, on the function's versions only.\n";
  out += "data \"aws_iam_policy_document\" \"durable\" {\n";
  out += "  statement {\n";
  out += "    actions = [\n";
  out += "      \"lambda:CheckpointDurableExecution\",\n";
  out += "      \"lambda:GetDurableExecutionState\",\n";
  out += "    ]\n";
  out += "    resources = [\"${aws_lambda_function.function.arn}:*\"]\n";
  out += "  }\n";
  out += "}\n\n";
  out += "resource \"aws_iam_role_policy\" \"durable\" {\n";
  out += "  name   = \"durable-execution\"\n";
  out += "  role   = aws_iam_role.function.id\n";
  out += "  policy = data.aws_iam_policy_document.durable.json\n";
  out += "}\n\n";
  out += "resource \"aws_lambda_function\" \"function\" {\n";
  out += "  function_name    = var.function_name\n";
  if (!doc.description.empty())
    out += "  description      = " + hcl_string(doc.description.substr(0, 256)) + "\n";
  out += "  role             = aws_iam_role.function.arn\n";
  out += "  runtime          = " + hcl_string(runtime) + "\n";
  out += "  handler          = " + hcl_string(handler) + "\n";
  out += "  filename         = data.archive_file.function.output_path\n";
  out += "  source_code_hash = data.archive_file.function.output_base64sha256\n";
  out += "  memory_size      = var.memory_size\n";
  out += "  timeout          = var.timeout\n";
  out += "  publish          = true\n\n";
  out += "  durable_config {\n";
  out += "    execution_timeout = var.execution_timeout\n";
  out += "    retention_period  = var.retention_period\n";
  out += "  }\n\n";
  out += "  timeouts {\n";
  out += "    delete = \"60m\"\n";
  out += "  }\n\n";
  out += "  depends_on = [aws_iam_role_policy_attachment.basic_execution]\n";
  out += "}\n\n";
  out += "# Durable executions run a published version; invoke them through this alias (a qualified ARN).\n";
  out += "resource \"aws_lambda_alias\" \"live\" {\n";
  out += "  name             = var.alias_name\n";
  out += "  function_name    = aws_lambda_function.function.function_name\n";
  out += "  function_version = aws_lambda_function.function.version\n";
  out += "}\n";
  return out;
}

std::string outputs_tf() {
  return "output \"function_name\" {\n"
         "  value = aws_lambda_function.function.function_name\n"
         "}\n\n"
         "output \"qualified_arn\" {\n"
         "  description = \"Invoke durable executions with this ARN (function:alias).\"\n"
         "  value       = aws_lambda_alias.live.arn\n"
         "}\n\n"
         "output \"version\" {\n"
         "  value = aws_lambda_function.function.version\n"
         "}\n";
}

} // namespace

std::vector<ExportFile> terraform_files(const workflow::Document& doc, Language language) {
  return {{"versions.tf", versions_tf()},
          {"main.tf", main_tf(doc, language)},
          {"variables.tf", variables_tf(doc)},
          {"outputs.tf", outputs_tf()}};
}

} // namespace dp::exporter
