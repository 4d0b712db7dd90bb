resource "aws_lambda_function" "f" {
  "runtime" = "nodejs22.x"
}
