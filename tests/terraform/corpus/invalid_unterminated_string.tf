resource "aws_lambda_function" "f" {
  function_name = "f
  runtime       = "nodejs22.x"
  handler       = "index.handler
}
