resource "aws_lambda_function" "g" {
  function_name = "g"
  role          = "g-role"
  filename      = "g.zip"
  s3_bucket     = "bucket"
  handler       = "index handler"
  runtime       = "python3.8"
  timeout       = 0
  memory_size   = "lots"
  publish       = "yes"
  runtimee      = "x"
  tracing { mode = "Active" }
}

resource "aws_lambda_alias" "a" {
  name             = "123"
  function_name    = aws_lambda_function.g.function_name
  function_version = "latest"
}

resource "aws_lambda_alias" "a" {
  name             = "dup"
  function_name    = "g"
  function_version = "1"
}

reource "x" "y" {}

output "o" {
  value = aws_lambda_function.missing.arn
}
