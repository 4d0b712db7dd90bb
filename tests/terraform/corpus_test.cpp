// The corpus (tests/terraform/corpus/*.tf, each beside its .expected list of "LINE:COL severity RULE"),
// and the blog's main.tf, which must report exactly what the spec says and nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/json.hpp"
#include "terraform/render.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

namespace dp::tf {
namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> expected_lines(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(read(p));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty())
      out.push_back(line);
  return out;
}

std::vector<std::string> actual_lines(const fs::path& tf) {
  Report r = validate({SourceText{tf.filename().string(), read(tf)}});
  return test::lines(r.diagnostics);
}

TEST(Corpus, EveryFileMatchesItsExpectedDiagnostics) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(DP_TF_TEST_DIR "/corpus")) {
    if (entry.path().extension() != ".tf")
      continue;
    ++files;
    fs::path expected = entry.path();
    expected.replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
    EXPECT_EQ(actual_lines(entry.path()), expected_lines(expected)) << entry.path();
  }
  EXPECT_GE(files, 20);
}

// The Terraform lesson (examples/terraform/order-lesson): 00_blog.tf is the export's order configuration,
// clean; variants.json lists the broken variants as one change each over it ("replace" lines "with" lines,
// or "append" lines), so a variant cannot drift from the export. tests/e2e/11_terraform applies the same
// changes.
const fs::path kLessonDir = DP_TF_TEST_DIR "/../../examples/terraform/order-lesson";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    out.push_back(line);
  return out;
}

std::vector<std::string> strings(const Json* array) {
  std::vector<std::string> out;
  if (array)
    for (const Json& s : *array)
      out.push_back(s.get<std::string>());
  return out;
}

// The variant's text, or an empty string with a failure when its "replace" lines are not found exactly once.
std::string apply_change(const std::string& clean, const Json& variant) {
  std::vector<std::string> lines = split_lines(clean);
  const std::vector<std::string> replace = strings(find_member(variant, "replace"));
  const std::vector<std::string> with = strings(find_member(variant, "with"));
  const std::vector<std::string> append = strings(find_member(variant, "append"));
  if (!replace.empty()) {
    std::vector<size_t> found;
    for (size_t i = 0; i + replace.size() <= lines.size(); ++i)
      if (std::equal(replace.begin(), replace.end(), lines.begin() + static_cast<std::ptrdiff_t>(i)))
        found.push_back(i);
    if (found.size() != 1) {
      ADD_FAILURE() << variant["file"] << ": its \"replace\" lines occur " << found.size()
                    << " times in 00_blog.tf, not once";
      return "";
    }
    auto at = lines.begin() + static_cast<std::ptrdiff_t>(found[0]);
    at = lines.erase(at, at + static_cast<std::ptrdiff_t>(replace.size()));
    lines.insert(at, with.begin(), with.end());
  }
  lines.insert(lines.end(), append.begin(), append.end());
  std::string text;
  for (const std::string& line : lines)
    text += line + "\n";
  return text;
}

TEST(Corpus, LessonVariants) {
  const std::string clean = read(kLessonDir / "00_blog.tf");
  EXPECT_EQ(actual_lines(kLessonDir / "00_blog.tf"), std::vector<std::string>{})
      << "the export validates clean";
  auto manifest = parse_json(read(kLessonDir / "variants.json"));
  ASSERT_TRUE(manifest.ok()) << manifest.error().where << ": " << manifest.error().message;
  const Json* variants = find_member(*manifest, "variants");
  ASSERT_TRUE(variants && variants->is_array());
  for (const Json& variant : *variants) {
    const std::string text = apply_change(clean, variant);
    ASSERT_NE(text, clean) << variant["file"] << " changes nothing";
    Report r = validate({SourceText{variant["file"].get<std::string>(), text}});
    EXPECT_EQ(test::lines(r.diagnostics), strings(find_member(variant, "expected"))) << variant["file"];
  }
  EXPECT_GE(variants->size(), 6u);
}

TEST(Corpus, BlogMainTfReportsExactlyDur001OnTheRuntime) {
  fs::path tf = DP_TF_TEST_DIR "/blog/main.tf";
  EXPECT_EQ(actual_lines(tf), std::vector<std::string>{"36:19 error DUR001"});
  Report r = validate({SourceText{"main.tf", read(tf)}});
  std::string text = render_text(r);
  EXPECT_NE(text.find("Error: Runtime does not support durable execution"), std::string::npos);
  EXPECT_NE(text.find("  on main.tf line 36, in resource \"aws_lambda_function\" \"main\":"),
            std::string::npos);
  EXPECT_NE(text.find("  36:   runtime       = \"python3.12\"\n                        ^^^^^^^^^^^^"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Rule DUR001."), std::string::npos);
}

TEST(Corpus, WholeCorpusAsOneModule) {
  // Many files in one module: the files vector grows while parsing (regression: moved Files must keep
  // their expression nodes in place).
  std::vector<SourceText> files;
  for (const auto& entry : fs::directory_iterator(DP_TF_TEST_DIR "/corpus"))
    if (entry.path().extension() == ".tf")
      files.push_back({entry.path().filename().string(), read(entry.path())});
  Report r = validate(files);
  EXPECT_GT(r.error_count, 0);
  bool duplicate = false;
  for (const auto& d : r.diagnostics)
    duplicate = duplicate || d.rule == "TF006";
  EXPECT_TRUE(duplicate);
}

TEST(Corpus, BlogMainTfAsExportedIsClean) {
  std::string text = read(DP_TF_TEST_DIR "/blog/main.tf");
  size_t pos = text.find("\"python3.12\"");
  text.replace(pos, 12, "\"python3.13\"");
  EXPECT_TRUE(validate({SourceText{"main.tf", text}}).diagnostics.empty());
}

} // namespace
} // namespace dp::tf
