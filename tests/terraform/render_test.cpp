// Rendering pinned as text: Terraform's layout, the validate -json shape with rule and info, the gutter line.
#include <gtest/gtest.h>

#include "terraform/render.hpp"
#include "test_util.hpp"

namespace dp::tf {
namespace {

TEST(Render, TextLayoutLikeTerraform) {
  Report r = test::check("a = 1\na = 2\n");
  EXPECT_EQ(render_text(r),
            "\nError: Attribute redefined\n\n  on main.tf line 2:\n  2: a = 2\n     ^\n\n"
            "The argument \"a\" was already set at main.tf:1,1-2. Each argument may be set only once. "
            "Rule HCL004.\n");
}

TEST(Render, JsonShapeOfTerraformValidate) {
  Report r =
      test::check("resource \"aws_lambda_function\" \"f\" {\n  function_name = \"f\"\n  role = \"r\"\n}\n");
  Json j = render_json(r);
  EXPECT_EQ(j["valid"], false);
  EXPECT_EQ(j["error_count"], r.error_count);
  EXPECT_EQ(j["warning_count"], r.warning_count);
  const Json& d = j["diagnostics"][0];
  for (const char* key : {"severity", "summary", "detail", "range", "rule", "snippet"})
    EXPECT_TRUE(d.contains(key)) << key;
  EXPECT_TRUE(d["range"]["start"].contains("byte"));
  EXPECT_EQ(d["snippet"]["context"], "resource \"aws_lambda_function\" \"f\"");
}

TEST(Render, JsonOfAFileThatIsNotUtf8) {
  // A Latin-1 file: the snippet quotes the bad byte, and the JSON text says U+FFFD there (as Terraform's Go
  // encoder does) rather than aborting the program.
  Report r = test::check("resource \"aws_lambda_function\" \"f\" {\n  function_name = \"caf\xe9\"\n}\n");
  std::string text = json_text(render_json(r), 2);
  EXPECT_NE(text.find("Invalid character encoding"), std::string::npos);
  EXPECT_NE(text.find("caf\xef\xbf\xbd"), std::string::npos) << text;
}

TEST(Render, InfoSeverityAndGutterLine) {
  Diagnostic d;
  d.severity = Severity::Info;
  d.summary = "s";
  d.rule = "DUR016";
  d.subject = Range{"main.tf", Pos{3, 5, 20}, Pos{3, 6, 21}};
  EXPECT_EQ(render_line(d), "main.tf:3:5: info: DUR016 s");
}

} // namespace
} // namespace dp::tf
