data "aws_partition" "current" {}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  publish       = true
  timeouts { delete = "60m" }
  durable_config { execution_timeout = 600 }
}
