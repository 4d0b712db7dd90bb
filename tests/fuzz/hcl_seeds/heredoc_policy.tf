resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "partial" {
  role   = aws_iam_role.fn.id
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "lambda:CheckpointDurableExecution",
        "Resource": "${aws_lambda_function.main.arn}:*"
      }]
    }
  JSON
}

resource "aws_lambda_function" "main" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  image_uri     = "123456789012.dkr.ecr.us-east-2.amazonaws.com/fn:1"
  package_type  = "Image"
  publish       = true
  durable_config {
    execution_timeout = 100
    retention_period  = 14
  }
  timeouts {
    delete = "30m"
  }
}
