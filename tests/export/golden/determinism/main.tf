# The function's code, zipped from the python folder.
data "archive_file" "function" {
  type        = "zip"
  source_dir  = "${path.module}/python"
  output_path = "${path.module}/build/function.zip"
  excludes    = ["tests", "requirements-dev.txt"]
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.function_name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_iam_role_policy_attachment" "basic_execution" {
  role       = aws_iam_role.function.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

# Least privilege for the durable SDK: checkpoint and read state, on the function's versions only.
data "aws_iam_policy_document" "durable" {
  statement {
    actions = [
      "lambda:CheckpointDurableExecution",
      "lambda:GetDurableExecutionState",
    ]
    resources = ["${aws_lambda_function.function.arn}:*"]
  }
}

resource "aws_iam_role_policy" "durable" {
  name   = "durable-execution"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.durable.json
}

resource "aws_lambda_function" "function" {
  function_name    = var.function_name
  description      = "The order workflow with a determinism bug: the order reference is a uuid() computed outside any step, so it is computed again on every invocation. The payment step charges one reference; after the 10-second wait the replay confirms a different one. Fix: co"
  role             = aws_iam_role.function.arn
  runtime          = "python3.14"
  handler          = "lambda_function.lambda_handler"
  filename         = data.archive_file.function.output_path
  source_code_hash = data.archive_file.function.output_base64sha256
  memory_size      = var.memory_size
  timeout          = var.timeout
  publish          = true

  durable_config {
    execution_timeout = var.execution_timeout
    retention_period  = var.retention_period
  }

  timeouts {
    delete = "60m"
  }

  depends_on = [aws_iam_role_policy_attachment.basic_execution]
}

# Durable executions run a published version; invoke them through this alias (a qualified ARN).
resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  function_name    = aws_lambda_function.function.function_name
  function_version = aws_lambda_function.function.version
}
