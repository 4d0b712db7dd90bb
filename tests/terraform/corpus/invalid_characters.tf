locals {
  a = 1;
  b = 'x'
  c = true & false
}
