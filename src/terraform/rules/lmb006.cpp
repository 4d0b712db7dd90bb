// LMB006: exactly one of filename, image_uri and s3_bucket; s3_bucket needs s3_key (provider ExactlyOneOf).
#include "terraform/rules/rule.hpp"

namespace dp::tf {

void check_LMB006(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    int sources = 0;
    for (const char* n : {"filename", "image_uri", "s3_bucket"})
      sources += f.attr(n) ? 1 : 0;
    if (sources != 1)
      ctx.report("LMB006", Severity::Error,
                 sources == 0 ? "Missing function code" : "Conflicting function code",
                 sources == 0 ? "Set exactly one of filename, image_uri or s3_bucket (with s3_key)."
                              : "Only one of filename, image_uri and s3_bucket may be set.",
                 f.range(f.block->open_brace));
    const Attribute* bucket = f.attr("s3_bucket");
    if (bucket && !f.attr("s3_key"))
      ctx.report("LMB006", Severity::Error, "s3_bucket without s3_key",
                 "When the code comes from S3, set s3_key to the object key of the deployment package.",
                 f.range(bucket->name_span));
  }
}

} // namespace dp::tf
