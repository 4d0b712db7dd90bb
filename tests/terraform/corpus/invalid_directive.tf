locals {
  a = "%{ if true }yes"
  b = "%{ endif }"
}
