terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 6.25.0, < 7.0.0" }
  }
}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "durable" {
  role = aws_iam_role.fn.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Allow"
      Action   = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"]
      Resource = [aws_lambda_function.main.arn, aws_lambda_alias.live.arn]
    }
  })
}

resource "aws_lambda_function" "main" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  filename      = "f.zip"
  handler       = "app.handler"
  runtime       = "python3.14"
  publish       = false
  durable_config {
    execution_timeout = 3600
    retention_period  = 7
  }
  timeouts {
    delete = "1h"
  }
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.main.arn
  function_version = "$LATEST"
}

resource "aws_lambda_function_url" "url" {
  function_name      = aws_lambda_function.main.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = "AWS_IAM"
}
