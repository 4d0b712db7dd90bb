variable "region" {
  default = "cn-north-1"
}

resource "aws_lambda_function" "main" {
  function_name = "fn"
  role          = var.role_arn
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "dotnet8"
  publish       = true
  region        = var.region
  durable_config {
    execution_timeout = 40000000
    retention_period  = 0
    kms_key_arn       = "x"
  }
  timeouts {
    delete = "2h"
  }
}

variable "role_arn" {}

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}
