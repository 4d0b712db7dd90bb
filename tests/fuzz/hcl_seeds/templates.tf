locals {
  name     = "order"
  plain    = "hello"
  interp   = "${local.name}-fn"
  nested   = "${upper("${local.name}-x")}-y"
  escapes  = "tab\there \"quoted\" back\\slash \u00e9 \U0001F600 $${literal} %%{literal}"
  directive = "%{if local.name == "order"}yes%{else}no%{endif}"
  loop     = "%{for n in ["a", "b"]}${n},%{endfor}"
  strip    = "a ${~local.name~} b"
  iam_var  = "arn:aws:s3:::bucket/&{aws:username}/*"
  heredoc  = <<EOT
line one ${local.name}
  line two
EOT
  indented = <<-EOT
    {
      "a": 1
    }
    EOT
}
