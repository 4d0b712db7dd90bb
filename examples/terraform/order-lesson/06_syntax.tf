# The order workflow's configuration as the playground's export writes it (tests/export/golden/order:
# versions.tf, variables.tf, main.tf, outputs.tf in one file), the one a reader of the blog has.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.25"
    }
    archive = {
      source  = "hashicorp/archive"
      version = ">= 2.4"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-2"
}

variable "function_name" {
  description = "Name of the Lambda function."
  type        = string
  default     = "example-durable-function"
}

variable "alias_name" {
  description = "Alias the execution is invoked through (a qualified ARN)."
  type        = string
  default     = "prod"
}

variable "memory_size" {
  description = "Memory in MB."
  type        = number
  default     = 256
}

variable "timeout" {
  description = "Timeout of one invocation in seconds."
  type        = number
  default     = 30
}

variable "execution_timeout" {
  description = "Timeout of the whole durable execution in seconds."
  type        = number
  default     = 900
}

variable "retention_period" {
  description = "Days the execution history is kept after it ends."
  type        = number
  default     = 7
}

# The function's code, zipped from the python folder.
data "archive_file" "function" {
  type        = "zip"
  source_dir  = "${path.module}/python"
  output_path = "${path.module}/build/function.zip"
  excludes    = ["tests", "requirements-dev.txt"]
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.function_name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_iam_role_policy_attachment" "basic_execution" {
  role       = aws_iam_role.function.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

# Least privilege for the durable SDK: checkpoint and read state, on the function's versions only.
data "aws_iam_policy_document" "durable" {
  statement {
    actions = [
      "lambda:CheckpointDurableExecution",
      "lambda:GetDurableExecutionState",
    ]
    resources = ["${aws_lambda_function.function.arn}:*"]
  }
}

resource "aws_iam_role_policy" "durable" {
  name   = "durable-execution"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.durable.json
}

resource "aws_lambda_function" "function" {
  function_name    = var.function_name
  description      = "The order workflow from the AWS Lambda durable functions getting-started tutorial: validate, pay, wait 10 seconds, confirm."
  role             = aws_iam_role.function.arn
  runtime          = "python3.14"
  handler          = "lambda_function.lambda_handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = var.memory_size
  timeout          = var.timeout
  publish          = true

  durable_config {
    execution_timeout = var.execution_timeout
    retention_period  = var.retention_period
  }

  timeouts {
    delete = "60m
  }

  depends_on = [aws_iam_role_policy_attachment.basic_execution]
}

# Durable executions run a published version; invoke them through this alias (a qualified ARN).
resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  function_name    = aws_lambda_function.function.function_name
  function_version = aws_lambda_function.function.version
}

output "function_name" {
  value = aws_lambda_function.function.function_name
}

output "qualified_arn" {
  description = "Invoke durable executions with this ARN (function:alias)."
  value       = aws_lambda_alias.live.arn
}

output "version" {
  value = aws_lambda_function.function.version
}
