resource "aws_lambda_function" "crlf" {
  function_name = "crlf"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "python3.13"
  memory_size   = 99999
}
