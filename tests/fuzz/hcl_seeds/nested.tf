a = "${"${"${x}"}"}"
b = <<-EOT
  %{ for i in l ~}
  ${i}
  %{ endfor ~}
  EOT
c = [for k, v in m : {(k) = v...}]
