# What the playground exports: provider >= 6.25, durable_config, published version, alias, a
# least-privilege inline policy on the qualified ARN, and a 60-minute delete timeout.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.25"
    }
  }
}

resource "aws_iam_role" "fn" {
  name               = "orders"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "durable" {
  statement {
    sid       = "Checkpoint"
    actions   = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"]
    resources = ["${aws_lambda_function.main.arn}:*"]
  }
}

resource "aws_iam_role_policy" "durable" {
  role   = aws_iam_role.fn.id
  policy = data.aws_iam_policy_document.durable.json
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "main" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
  filename      = "function.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
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
  function_name    = aws_lambda_function.main.function_name
  function_version = aws_lambda_function.main.version
}
