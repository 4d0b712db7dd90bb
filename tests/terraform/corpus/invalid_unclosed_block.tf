resource "aws_lambda_function" "f" {
  function_name = "f"
  durable_config {
    execution_timeout = 10
}
