// The corpus (tests/terraform/corpus/*.tf, each beside its .expected list of "LINE:COL severity RULE"),
// and the blog's main.tf, which must report exactly what the spec says and nothing else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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

// The Terraform lesson (examples/terraform/order-lesson): the export's order configuration is clean and
// each broken variant reports exactly its expected diagnostics (issue 11, item 6).
TEST(Corpus, LessonVariants) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(DP_TF_TEST_DIR "/../../examples/terraform/order-lesson")) {
    if (entry.path().extension() != ".tf")
      continue;
    ++files;
    fs::path expected = entry.path();
    expected.replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
    EXPECT_EQ(actual_lines(entry.path()), expected_lines(expected)) << entry.path();
  }
  EXPECT_GE(files, 7);
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
