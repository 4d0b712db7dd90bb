# Lesson "terraform-fix", solved: a supported runtime and region, a published version behind an alias, the
# checkpoint permissions, and durable_config values inside the service's ranges.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.25.0"
    }
  }
}

provider "aws" {
  region = "us-east-2"
}

resource "aws_lambda_function" "orders" {
  function_name = "order-workflow"
  role          = aws_iam_role.orders.arn
  filename      = "build/function.zip"
  handler       = "lambda_function.lambda_handler"
  runtime       = "python3.14"
  memory_size   = 256
  timeout       = 30
  publish       = true

  durable_config {
    execution_timeout = 86400
    retention_period  = 30
  }

  timeouts {
    delete = "60m"
  }
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.orders.function_name
  function_version = aws_lambda_function.orders.version
}

resource "aws_iam_role" "orders" {
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
  role       = aws_iam_role.orders.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"
}
