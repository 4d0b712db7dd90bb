resource "aws_lambda_function" "f" {
  durable_config { execution_timeout = 1, retention_period = 2 }
}
