locals {
  names    = ["a", "b", "c"]
  upper    = [for n in local.names : upper(n) if n != "b"]
  by_len   = { for n in local.names : length(n) => n... }
  indexed  = { for i, n in local.names : n => i }
  splat    = local.objs[*].id
  attr     = local.objs.*.id
  legacy   = local.names.0
  nested   = local.objs[0].tags["x"]
  math     = -1 + 2 * 3 / 4 % 5 - (6 - 7)
  logic    = !true || false && 1 >= 2 || 3 <= 4 || 5 > 6 || 7 < 8 || 1 == 1 || 2 != 3
  cond     = length(local.names) > 2 ? "many" : "few"
  objs     = [{ id = 1, tags = { x = "y" } }, { "id" : 2, tags = {} }]
  expanded = max([1, 2, 3]...)
  multi = [
    1,
    2,
  ]
  numbers  = [1, 1.5, 1e3, 2.5E-2, 0]
  keyexpr  = { (local.cond) = 1 }
  fn       = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x")
}
