// Export (issue 5): escaping and identifiers per language, statement line ranges, and golden files for
// every example (tests/export/golden/<example>/..., compared exactly; DP_UPDATE_GOLDEN=1 rewrites them).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "export/emit.hpp"
#include "export/export.hpp"
#include "workflow/loader.hpp"

namespace dp::exporter {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

workflow::Document load(const std::string& relative) {
  auto doc = workflow::load_document(read(std::filesystem::path(DP_SOURCE_DIR) / relative));
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().text());
  return doc.ok() ? *doc : workflow::Document{};
}

TEST(ExportEscape, JavaScriptStrings) {
  EXPECT_EQ(js_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(js_string("line\nnext\t"), "\"line\\nnext\\t\"");
  EXPECT_EQ(js_string("${input.x}"), "\"${input.x}\""); // no template literal: ${ is plain text
  EXPECT_EQ(js_string("caf\xC3\xA9"), "\"caf\\u00E9\"");
  EXPECT_EQ(js_string("\xF0\x9F\x98\x80"), "\"\\uD83D\\uDE00\""); // U+1F600 as a surrogate pair
  EXPECT_EQ(js_string("\xE2\x80\xA8"), "\"\\u2028\"");            // a line terminator in JS source
  EXPECT_EQ(js_string("\xFF"), "\"\\uFFFD\"");                    // invalid UTF-8
}

TEST(ExportEscape, PythonStrings) {
  EXPECT_EQ(py_string("it's \"x\"\\"), "\"it's \\\"x\\\"\\\\\"");
  EXPECT_EQ(py_string("caf\xC3\xA9"), "\"caf\\u00E9\"");
  EXPECT_EQ(py_string("\xF0\x9F\x98\x80"), "\"\\U0001F600\"");
  EXPECT_EQ(py_string("{x}"), "\"{x}\""); // not an f-string
}

TEST(ExportEscape, HclStrings) {
  EXPECT_EQ(hcl_string("${var.x}"), "\"$${var.x}\"");
  EXPECT_EQ(hcl_string("%{ if }"), "\"%%{ if }\"");
  EXPECT_EQ(hcl_string("a\"b\\"), "\"a\\\"b\\\\\"");
  EXPECT_EQ(hcl_string("$5 and 100%"), "\"$5 and 100%\"");
  EXPECT_EQ(hcl_string("\xC3\xA9"), "\"\\u00E9\"");
}

TEST(ExportIdentifiers, ValidAndUnique) {
  std::set<std::string> taken;
  EXPECT_EQ(make_identifier("order-id", IdentStyle::JavaScript, taken), "order_id");
  EXPECT_EQ(make_identifier("order-id", IdentStyle::JavaScript, taken), "order_id_2");
  EXPECT_EQ(make_identifier("class", IdentStyle::JavaScript, taken), "class_");
  EXPECT_EQ(make_identifier("1st", IdentStyle::JavaScript, taken), "_1st");
  EXPECT_EQ(make_identifier("caf\xC3\xA9", IdentStyle::JavaScript, taken), "caf");
  EXPECT_EQ(make_identifier("", IdentStyle::JavaScript, taken), "value");
  std::set<std::string> py;
  EXPECT_EQ(make_identifier("lambda", IdentStyle::Python, py), "lambda_");
  EXPECT_EQ(make_identifier("None", IdentStyle::Python, py), "None_");
  EXPECT_EQ(make_identifier("a b c", IdentStyle::Python, py), "a_b_c");
}

TEST(ExportExpressions, TemplatesBecomeAccessPaths) {
  RootLookup lookup = [](const std::string& root) -> std::optional<std::string> {
    if (root == "input")
      return std::string("event");
    return root == "pay" ? std::optional<std::string>("payment") : std::nullopt;
  };
  ExprStyle js{IdentStyle::JavaScript, "textOf"}, py{IdentStyle::Python, "text_of"};
  EXPECT_EQ(value_expr(Json("${input.orderId}"), js, lookup), "event.orderId");
  EXPECT_EQ(value_expr(Json("${pay.items[2].odd-key}"), js, lookup), "payment.items[2][\"odd-key\"]");
  EXPECT_EQ(value_expr(Json("${pay.amount}"), py, lookup), "payment[\"amount\"]");
  EXPECT_EQ(value_expr(Json("sent ${pay.id}!"), js, lookup), "\"sent \" + textOf(payment.id) + \"!\"");
  EXPECT_EQ(value_expr(Json::parse(R"({"__proto__": 1, "b": [true, null]})"), js, lookup),
            "{ [\"__proto__\"]: 1, \"b\": [true, null] }");
  EXPECT_EQ(value_expr(Json::parse(R"({"a": [true, null, 1.5]})"), py, lookup), "{\"a\": [True, None, 1.5]}");
}

TEST(ExportExpressions, ArithmeticIsWrittenAsTheSameExpression) {
  RootLookup lookup = [](const std::string& root) -> std::optional<std::string> { return root; };
  ExprStyle js{IdentStyle::JavaScript, "textOf"}, py{IdentStyle::Python, "text_of"};
  EXPECT_EQ(value_expr(Json("${state + 1}"), js, lookup), "state + 1");
  EXPECT_EQ(value_expr(Json("${state + 1}"), py, lookup), "state + 1");
  EXPECT_EQ(value_expr(Json("${item.price * 2.5}"), py, lookup), "item[\"price\"] * 2.5");
  EXPECT_EQ(value_expr(Json("${n - -3}"), js, lookup), "n - -3");
  EXPECT_EQ(value_expr(Json("n=${n * 10}"), js, lookup), "\"n=\" + textOf(n * 10)");
  EXPECT_EQ(value_expr(Json::parse(R"({"next": "${state + 1}"})"), py, lookup), "{\"next\": state + 1}");
}

TEST(ExportLines, StatementsMapToTheirLines) {
  workflow::Document doc = load("examples/order.json");
  for (Language lang : {Language::NodeJs, Language::Python}) {
    std::string text = handler_file(doc, lang).content;
    std::vector<std::string> lines;
    std::stringstream ss(text);
    for (std::string l; std::getline(ss, l);)
      lines.push_back(l);
    auto marks = statement_lines(doc, lang);
    ASSERT_EQ(marks.size(), doc.handler.size());
    for (const auto& m : marks) {
      ASSERT_GE(m.first_line, 1);
      ASSERT_LE(m.last_line, static_cast<int>(lines.size()));
      ASSERT_LE(m.first_line, m.last_line);
    }
    EXPECT_EQ(marks[2].path, "$.handler[2]");
    EXPECT_NE(lines[marks[2].first_line - 1].find(".wait("), std::string::npos)
        << lines[marks[2].first_line - 1];
    EXPECT_NE(lines[marks[4].first_line - 1].find("return"), std::string::npos);
  }
}

// Issue 9 item 8: the Code panel marks a statement's call site in the handler, where a learner reads the
// workflow, not the module-level function that holds a Python step's body (that is body_first_line).
TEST(ExportLines, StatementsMarkTheirCallSite) {
  workflow::Document doc = load("examples/order.json");
  struct Expect {
    Language lang;
    std::vector<std::string> calls; // text on the marked lines of $.handler[0..4]
  };
  const Expect cases[] = {
      {Language::Python,
       {"validation_result = context.step(validate_order(event[\"orderId\"]))",
        "payment_result = context.step(process_payment(event[\"orderId\"]))",
        "context.wait(Duration.from_seconds(10))",
        "confirmation_result = context.step(confirm_order(event[\"orderId\"]))", "return {"}},
      {Language::NodeJs,
       {"const validationResult = await context.step(\"validate_order\", async () => {",
        "const paymentResult = await context.step(\"process_payment\", async () => {",
        "await context.wait({ seconds: 10 });",
        "const confirmationResult = await context.step(\"confirm_order\", async () => {", "return {"}},
  };
  for (const Expect& e : cases) {
    std::string text = handler_file(doc, e.lang).content;
    std::vector<std::string> lines;
    std::stringstream ss(text);
    for (std::string l; std::getline(ss, l);)
      lines.push_back(l);
    auto marks = statement_lines(doc, e.lang);
    ASSERT_EQ(marks.size(), e.calls.size());
    for (size_t i = 0; i < marks.size(); ++i) {
      const StatementLines& m = marks[i];
      EXPECT_EQ(m.path, "$.handler[" + std::to_string(i) + "]");
      std::string marked;
      for (int l = m.first_line; l <= m.last_line; ++l)
        marked += lines[l - 1] + "\n";
      EXPECT_NE(marked.find(e.calls[i]), std::string::npos) << marked;
      EXPECT_EQ(marked.find("def "), std::string::npos) << "a call site, not a function: " << marked;
    }
    if (e.lang == Language::Python) {
      // The step's body is its module-level @durable_step function, above the handler.
      ASSERT_GT(marks[0].body_first_line, 0);
      EXPECT_EQ(lines[marks[0].body_first_line - 1], "@durable_step");
      EXPECT_EQ(lines[marks[0].body_first_line], "def validate_order(step_context: StepContext, order_id):");
      EXPECT_LT(marks[0].body_last_line, marks[0].first_line);
      EXPECT_EQ(marks[2].body_first_line, 0); // a wait has no body
    }
  }
}

// Issue 10 "Values outside steps": a let is a plain assignment in the handler, evaluated on every
// invocation; a call in a step's returns is written inside the step's body, evaluated only when it runs.
TEST(ExportValues, WrittenWhereTheDocumentPutsThem) {
  auto doc = workflow::load_document(R"({"format": 1, "name": "values",
    "function": {"name": "f", "runtime": "python3.14", "durable_config": {"execution_timeout": 900}},
    "handler": [
      {"let": "coin", "value": "${random()}"},
      {"step": "stamp", "returns": {"id": "${uuid()}", "at": "${now()}", "coin": "${coin}"}, "as": "s"},
      {"if": {"less_than": ["${coin}", 0.5]}, "then": [{"return": "${s}"}]},
      {"return": null}]})");
  ASSERT_TRUE(doc.ok()) << doc.error().text();
  std::string py = handler_file(*doc, Language::Python).content;
  std::string js = handler_file(*doc, Language::NodeJs).content;
  size_t handler = py.find("def lambda_handler");
  ASSERT_NE(handler, std::string::npos);
  for (const char* import : {"import random\n", "import time\n", "import uuid\n"})
    EXPECT_NE(py.find(import), std::string::npos) << import << py;
  EXPECT_GT(py.find("    coin = random.random()\n"), handler) << py;
  // The step function reads the let's value as its argument and draws its own values when its body runs.
  EXPECT_LT(py.find("def stamp(step_context: StepContext, coin):"), handler) << py;
  EXPECT_LT(py.find("\"id\": str(uuid.uuid4()), \"at\": int(time.time() * 1000)"), handler) << py;
  EXPECT_NE(py.find("s = context.step(stamp(coin))"), std::string::npos) << py;
  EXPECT_NE(py.find("if (coin < 0.5):"), std::string::npos) << py;
  EXPECT_NE(js.find("  const coin = Math.random();\n"), std::string::npos) << js;
  size_t step = js.find("context.step(\"stamp\", async () => {");
  ASSERT_NE(step, std::string::npos) << js;
  EXPECT_GT(js.find("crypto.randomUUID()"), step) << js;
  EXPECT_GT(js.find("Date.now()"), step) << js;
  EXPECT_NE(js.find("if (coin < 0.5) {"), std::string::npos) << js;
}

TEST(ExportGenerators, EscapeNamesAndValuesInEveryLanguage) {
  workflow::Document doc = load("tests/differential/scenarios/x1-escaping-js.json");
  doc.description = "costs $5 ${not} %{x} \"quoted\" caf\xC3\xA9";
  std::string js = handler_file(doc, Language::NodeJs).content;
  std::string py = handler_file(doc, Language::Python).content;
  // Operation names stay byte-exact string literals.
  EXPECT_NE(js.find("\"say \\\"hi\\\" \\\\ ${not-a-ref} %{x}\""), std::string::npos) << js;
  EXPECT_NE(py.find("name=\"say \\\"hi\\\" \\\\ ${not-a-ref} %{x}\""), std::string::npos) << py;
  // Variables named like keywords get other identifiers.
  EXPECT_NE(js.find("const class_ = await context.step("), std::string::npos) << js;
  EXPECT_NE(js.find("const let_ = await context.step("), std::string::npos) << js;
  EXPECT_NE(py.find("class_ = context.step("), std::string::npos) << py;
  // Non-ASCII input and values come out as escapes: the files are ASCII.
  for (const std::string* text : {&js, &py})
    for (char c : *text)
      ASSERT_LT(static_cast<unsigned char>(c), 0x80u);
  for (const auto& f : export_project(doc, {Language::Both})) {
    if (f.path != "main.tf")
      continue;
    EXPECT_NE(f.content.find("description      = \"costs $5 $${not} %%{x} \\\"quoted\\\" caf\\u00E9\""),
              std::string::npos)
        << f.content;
  }
}

TEST(ExportLines, NestedStatementsLieInsideTheirParents) {
  workflow::Document doc = load("tests/differential/scenarios/x4-conditions-map-js.json");
  for (Language lang : {Language::NodeJs, Language::Python}) {
    auto marks = statement_lines(doc, lang);
    std::map<std::string, StatementLines> by_path;
    for (const auto& m : marks)
      by_path[m.path] = m;
    ASSERT_TRUE(by_path.count("$.handler[0]"));
    ASSERT_TRUE(by_path.count("$.handler[0].body[0]"));
    for (const auto& m : marks) {
      // The parent of "$.handler[0].body[0].else[0]" is the longest marked prefix ending before a '.'.
      for (size_t cut = m.path.rfind('.'); cut != std::string::npos && cut > 1;
           cut = m.path.rfind('.', cut - 1)) {
        auto parent = by_path.find(m.path.substr(0, cut));
        if (parent == by_path.end())
          continue;
        // Inside the function that holds the parent's body when that stands apart from its call site
        // (Python's module-level functions), else inside the parent's own lines.
        const StatementLines& p = parent->second;
        int first = p.body_first_line ? p.body_first_line : p.first_line;
        int last = p.body_first_line ? p.body_last_line : p.last_line;
        EXPECT_LE(first, m.first_line) << m.path;
        EXPECT_GE(last, m.last_line) << m.path;
        break;
      }
    }
  }
}

TEST(ExportGolden, Examples) {
  namespace fs = std::filesystem;
  bool update = std::getenv("DP_UPDATE_GOLDEN") != nullptr;
  std::vector<std::string> examples;
  for (const auto& entry : fs::directory_iterator(fs::path(DP_SOURCE_DIR) / "examples"))
    if (entry.path().extension() == ".json")
      examples.push_back(entry.path().stem().string());
  std::sort(examples.begin(), examples.end());
  ASSERT_GE(examples.size(), 2u);
  for (const std::string& example : examples) {
    workflow::Document doc = load("examples/" + example + ".json");
    fs::path dir = fs::path(DP_SOURCE_DIR) / "tests/export/golden" / example;
    for (const auto& file : export_project(doc, {Language::Both})) {
      fs::path path = dir / file.path;
      if (update) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << file.content;
        continue;
      }
      ASSERT_TRUE(fs::exists(path)) << path << " is missing; run with DP_UPDATE_GOLDEN=1 and review the diff";
      EXPECT_EQ(read(path), file.content) << path;
    }
  }
}

// The Terraform lesson's clean file (examples/terraform/order-lesson/00_blog.tf) is the order workflow's
// export in one file after a short header, and the page's Terraform panel opens on that same text: the
// two cannot drift apart (issue 11, item 6).
TEST(ExportTerraform, LessonFileIsTheOrderExportInOneFile) {
  const std::string single = terraform_single_file(load("examples/order.json"));
  const std::string lesson =
      read(std::filesystem::path(DP_SOURCE_DIR) / "examples/terraform/order-lesson/00_blog.tf");
  const size_t body = lesson.find("\n\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_EQ(lesson.substr(body + 2), single)
      << "regenerate 00_blog.tf from `durable-sim export examples/order.json`";
  EXPECT_EQ(single.rfind("terraform {", 0), 0u);
  for (const char* part :
       {"variable \"alias_name\"", "resource \"aws_lambda_alias\" \"live\"", "output \"version\""})
    EXPECT_NE(single.find(part), std::string::npos) << part;
}

} // namespace
} // namespace dp::exporter
