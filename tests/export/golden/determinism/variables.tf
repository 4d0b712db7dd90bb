variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-2"
}

variable "function_name" {
  description = "Name of the Lambda function."
  type        = string
  default     = "example-durable-function"
}

variable "alias_name" {
  description = "Alias the execution is invoked through (a qualified ARN)."
  type        = string
  default     = "prod"
}

variable "memory_size" {
  description = "Memory in MB."
  type        = number
  default     = 256
}

variable "timeout" {
  description = "Timeout of one invocation in seconds."
  type        = number
  default     = 30
}

variable "execution_timeout" {
  description = "Timeout of the whole durable execution in seconds."
  type        = number
  default     = 900
}

variable "retention_period" {
  description = "Days the execution history is kept after it ends."
  type        = number
  default     = 7
}
