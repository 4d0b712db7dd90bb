locals {
  a = "${local.b"
}
