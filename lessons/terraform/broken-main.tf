# Lesson "terraform-fix": a durable function that Terraform and Lambda would refuse. Fix every problem the
# validator reports, and keep the function durable.
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
  region = "us-gov-west-1"
}

resource "aws_lambda_function" "orders" {
  function_name = "order-workflow"
  role          = aws_iam_role.orders.arn
  filename      = "build/function.zip"
  handler       = "lambda_function.lambda_handler"
  runtime       = "python3.12"
  memory_size   = 256
  timeout       = 30

  durable_config {
    execution_timeout = 40000000
    retention_period  = 120
  }

  timeouts {
    delete = "60m"
  }
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

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.orders.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
