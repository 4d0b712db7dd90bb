terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
}

provider "aws" {
  region = "us-gov-west-1"
}

resource "aws_iam_role" "fn" {
  name               = "bad"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "durable" {
  role = aws_iam_role.fn.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["lambda:CheckpointDurableExecutions", "lambda:GetDurableExecutionState"]
        Resource = aws_lambda_function.main.arn
      },
      {
        Effect   = "Allow"
        Action   = "lambda:*"
        Resource = "*"
      }
    ]
  })
}

resource "aws_lambda_function" "main" {
  function_name = "bad"
  role          = aws_iam_role.fn.arn
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "python3.12"
  timeout       = 900
  durable_config {
    execution_timeout = 600
    retention_period  = 120
  }
  durable_config {
    execution_timeout = 1
  }
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule = "nightly"
  arn  = aws_lambda_function.main.arn
}

resource "aws_lambda_function_url" "url" {
  function_name      = aws_lambda_function.main.function_name
  authorization_type = "NONE"
}
