locals {
  a = local.b.0.0
}
