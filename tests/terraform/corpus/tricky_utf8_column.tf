locals {
  s = "é ☕ ñ ú" x = 1
}
