// LMB006: exactly one of filename, image_uri and s3_bucket; s3_bucket needs s3_key (provider ExactlyOneOf).
// An argument set to null, or to a value that is not known (a variable, a module placeholder behind a
// conditional), is not "set": modules write `image_uri = var.image_uri` with a null default and choose the
// source at plan time, so only values known to be set or known to be absent are counted (issue 11).
#include "terraform/rules/rule.hpp"

namespace dp::tf {
namespace {

enum class Presence { Absent, Set, Unknown };

Presence presence(const RuleContext& ctx, const BlockRef& f, const char* name) {
  if (!f.attr(name))
    return Presence::Absent;
  Value v = ctx.value(f.block, f.file, name);
  if (v.kind == Value::Kind::Null)
    return Presence::Absent;
  return v.known() ? Presence::Set : Presence::Unknown;
}

} // namespace

void check_LMB006(RuleContext& ctx) {
  for (const BlockRef& f : ctx.module.resources_of("aws_lambda_function")) {
    int set = 0, unknown = 0;
    for (const char* n : {"filename", "image_uri", "s3_bucket"}) {
      Presence p = presence(ctx, f, n);
      set += p == Presence::Set ? 1 : 0;
      unknown += p == Presence::Unknown ? 1 : 0;
    }
    if (set >= 2 || (set == 0 && unknown == 0))
      ctx.report("LMB006", Severity::Error, set == 0 ? "Missing function code" : "Conflicting function code",
                 set == 0 ? "Set exactly one of filename, image_uri or s3_bucket (with s3_key)."
                          : "Only one of filename, image_uri and s3_bucket may be set.",
                 f.range(f.block->open_brace));
    const Attribute* bucket = f.attr("s3_bucket");
    if (bucket && presence(ctx, f, "s3_bucket") == Presence::Set &&
        presence(ctx, f, "s3_key") == Presence::Absent)
      ctx.report("LMB006", Severity::Error, "s3_bucket without s3_key",
                 "When the code comes from S3, set s3_key to the object key of the deployment package.",
                 f.range(bucket->name_span));
  }
}

} // namespace dp::tf
