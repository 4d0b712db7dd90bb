# The order workflow of the blog post, deployed with Terraform: a durable Python function, its execution
# role with the AWS managed durable policy, a published version and an alias.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.25.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}

provider "aws" {
  region = "us-east-2"
}

data "archive_file" "function" {
  type        = "zip"
  source_file = "${path.module}/lambda_function.py"
  output_path = "${path.module}/build/function.zip"
}

resource "aws_lambda_function" "main" {
  function_name    = "order-workflow"
  role             = aws_iam_role.lambda.arn
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  handler          = "lambda_function.handler"
  memory_size      = 256
  timeout          = 60
  publish          = true
  runtime       = "python3.12"

  durable_config {
    execution_timeout = 3600
    retention_period  = 7
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

resource "aws_iam_role" "lambda" {
  name = "order-workflow-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "durable" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"
}

output "alias_arn" {
  value = aws_lambda_alias.live.arn
}
