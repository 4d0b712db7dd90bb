#include <filesystem>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"

namespace dp::workflow {
namespace {

Error load_error(const std::string& text) {
  auto doc = load_document(text);
  EXPECT_FALSE(doc.ok()) << "expected a load error for: " << text;
  return doc.ok() ? Error{} : doc.error();
}

TEST(Loader, UnknownFieldNamesItsPath) {
  Error e = load_error(test::document_text(R"([{"step": "a", "retrys": 3}])"));
  EXPECT_EQ(e.where, "$.handler[0].retrys");
  EXPECT_NE(e.message.find("unknown field"), std::string::npos);
}

// Issue 14: names the export writes into Terraform and shell commands follow the Lambda API patterns, so
// `check` no longer accepts an alias "a b" whose export then fails our own LMB008.
TEST(Loader, ExportedNamesFollowTheLambdaPatterns) {
  auto with = [](const std::string& field, const std::string& value) {
    return R"({"format": 1, "function": {"runtime": "python3.14", ")" + field + R"(": ")" + value +
           R"(", "durable_config": {"execution_timeout": 60}}, "handler": []})";
  };
  EXPECT_EQ(load_error(with("alias", "a b")).where, "$.function.alias");
  EXPECT_EQ(load_error(with("alias", "123")).where, "$.function.alias");
  EXPECT_EQ(load_error(with("name", "fn; rm -rf /")).where, "$.function.name");
  EXPECT_EQ(load_error(with("name", std::string(65, 'a'))).where, "$.function.name");
  EXPECT_EQ(load_error(with("region", "us-east-2 --profile x")).where, "$.function.region");
  EXPECT_EQ(load_error(with("handler", "index handler")).where, "$.function.handler");
  EXPECT_TRUE(load_document(with("alias", "live_2")).ok());
  EXPECT_TRUE(load_document(with("name", std::string(64, 'a'))).ok());
  EXPECT_TRUE(load_document(with("region", "us-gov-west-1")).ok());
  EXPECT_TRUE(load_document(with("handler", "src/app.handler")).ok());
}

TEST(Loader, WrongType) {
  Error e = load_error(test::document_text(R"([{"wait": null, "seconds": "ten"}])"));
  EXPECT_EQ(e.where, "$.handler[0].seconds");
  EXPECT_NE(e.message.find("integer"), std::string::npos);
}

TEST(Loader, WaitRangeFollowsTheService) {
  EXPECT_EQ(load_error(test::document_text(R"([{"wait": null, "seconds": 0}])")).where, "$.handler[0]");
  EXPECT_EQ(load_error(test::document_text(R"([{"wait": null, "days": 366, "seconds": 1}])")).where,
            "$.handler[0]");
  EXPECT_TRUE(load_document(test::document_text(R"([{"wait": null, "days": 366}])")).ok()); // 31,622,400 s
}

TEST(Loader, DurableConfigRanges) {
  Error e = load_error(
      R"({"format": 1, "function": {"runtime": "python3.14", "durable_config": {"execution_timeout": 60, "retention_period": 91}}, "handler": []})");
  EXPECT_EQ(e.where, "$.function.durable_config.retention_period");
  e = load_error(
      R"({"format": 1, "function": {"runtime": "python3.14", "durable_config": {"execution_timeout": 31622401}}, "handler": []})");
  EXPECT_EQ(e.where, "$.function.durable_config.execution_timeout");
  e = load_error(
      R"({"format": 1, "function": {"runtime": "python3.14", "durable_config": {}}, "handler": []})");
  EXPECT_EQ(e.where, "$.function.durable_config.execution_timeout");
}

TEST(Loader, RuntimeMustBeDurableCapable) {
  Error e = load_error(test::document_text("[]", "python3.12"));
  EXPECT_EQ(e.where, "$.function.runtime");
  EXPECT_NE(e.message.find("python3.13"), std::string::npos);
}

TEST(Loader, OperationNames) {
  EXPECT_EQ(load_error(test::document_text(R"([{"step": ")" + std::string(257, 'a') + R"("}])")).where,
            "$.handler[0].step");
  EXPECT_EQ(load_error(test::document_text("[{\"step\": \"caf\xC3\xA9\"}]")).where, "$.handler[0].step");
  EXPECT_EQ(load_error(test::document_text(R"([{"step": ""}])")).where, "$.handler[0].step");
  EXPECT_TRUE(load_document(test::document_text(R"([{"step": ")" + std::string(256, 'a') + R"("}])")).ok());
}

TEST(Loader, MaxConcurrencyAtLeastOne) {
  Error e = load_error(test::document_text(
      R"([{"map": "m", "items": [1], "item_as": "i", "max_concurrency": 0, "body": []}])"));
  EXPECT_EQ(e.where, "$.handler[0].max_concurrency");
}

TEST(Loader, UnknownReferenceNamesStatementAndName) {
  Error e = load_error(test::document_text(R"([{"step": "a", "returns": "${payment.amount}"}])"));
  EXPECT_EQ(e.where, "$.handler[0].returns");
  EXPECT_NE(e.message.find("payment"), std::string::npos);
}

TEST(Loader, ReferenceToLaterBindingIsAnError) {
  Error e =
      load_error(test::document_text(R"([{"step": "a", "returns": "${b}"}, {"step": "b", "as": "b"}])"));
  EXPECT_EQ(e.where, "$.handler[0].returns");
}

TEST(Loader, BodiesDoNotLeakBindings) {
  Error e = load_error(test::document_text(
      R"([{"child_context": "c", "body": [{"step": "inner", "as": "v"}]}, {"return": "${v}"}])"));
  EXPECT_EQ(e.where, "$.handler[1].return");
  // ... but try/if bindings stay visible afterwards, as in Python.
  EXPECT_TRUE(
      load_document(test::document_text(
                        R"([{"try": [{"step": "inner", "as": "v"}], "catch": []}, {"return": "${v}"}])"))
          .ok());
}

TEST(Loader, UnknownInvokeTarget) {
  Error e = load_error(test::document_text(R"([{"invoke": "i", "function": "nope"}])"));
  EXPECT_EQ(e.where, "$.handler[0].function");
}

TEST(Loader, FaultsAndCallbacksMustNameOperations) {
  Error e =
      load_error(test::document_text(R"([{"step": "a"}])", "nodejs22.x",
                                     R"(, "simulation": {"faults": [{"at": "b", "when": "after_body"}]})"));
  EXPECT_EQ(e.where, "$.simulation.faults[0].at");
  e = load_error(test::document_text(
      R"([{"step": "a"}])", "nodejs22.x",
      R"(, "simulation": {"callbacks": [{"callback": "a", "succeed": 1, "fail": {"type": "x"}}]})"));
  EXPECT_EQ(e.where, "$.simulation.callbacks[0]");
}

TEST(Loader, JsonSyntaxErrorsGiveLineAndColumn) {
  Error e = load_error("{\n  \"format\": 1,\n  \"name\": oops\n}");
  EXPECT_EQ(e.where, "line 3, column 11");
}

// Issue 10: {"let": VAR, "value": VALUE} binds like `as`; errors name the JSON path.
TEST(Loader, LetBindsAVariableWithTheScopeRulesOfAs) {
  auto doc = load_document(test::document_text(
      R"([{"let": "ref", "value": "${uuid()}"}, {"if": true, "then": [{"let": "n", "value": 1}]},
          {"step": "pay", "returns": "${ref}-${n}"}])"));
  ASSERT_TRUE(doc.ok()) << doc.error().text();
  const Statement& let = doc->handler[0];
  EXPECT_EQ(let.kind, StatementKind::Let);
  EXPECT_EQ(let.as, "ref");
  EXPECT_EQ(let.value, Json("${uuid()}"));
  EXPECT_EQ(let.path, "$.handler[0]");
  EXPECT_STREQ(statement_keyword(StatementKind::Let), "let");
  // Bodies of child contexts do not leak it; a later statement cannot be referred to.
  EXPECT_EQ(
      load_error(test::document_text(
                     R"([{"child_context": "c", "body": [{"let": "v", "value": 1}]}, {"return": "${v}"}])"))
          .where,
      "$.handler[1].return");
  EXPECT_EQ(
      load_error(test::document_text(R"([{"let": "a", "value": "${b}"}, {"let": "b", "value": 1}])")).where,
      "$.handler[0].value");
}

TEST(Loader, LetErrorsNameTheirPath) {
  Error e = load_error(test::document_text(R"([{"step": "a"}, {"let": "x"}])"));
  EXPECT_EQ(e.where, "$.handler[1].value");
  EXPECT_NE(e.message.find("required field is missing"), std::string::npos);
  e = load_error(test::document_text(R"([{"let": "x", "value": 1, "as": "y"}])"));
  EXPECT_EQ(e.where, "$.handler[0].as");
  EXPECT_NE(e.message.find("unknown field 'as' (expected one of: let, value)"), std::string::npos);
  EXPECT_EQ(load_error(test::document_text(R"([{"let": "2x", "value": 1}])")).where, "$.handler[0].let");
  EXPECT_EQ(load_error(test::document_text(R"([{"let": null, "value": 1}])")).where, "$.handler[0].let");
  e = load_error(test::document_text(R"([{"let": "attempt", "value": 1}])"));
  EXPECT_EQ(e.where, "$.handler[0].let");
  EXPECT_NE(e.message.find("reserved"), std::string::npos);
  e = load_error(test::document_text(R"([{"try": [{"let": "x", "value": "${uuid(}"}], "catch": []}])"));
  EXPECT_EQ(e.where, "$.handler[0].try[0].value");
  e = load_error(test::document_text(R"([{"let": "x", "value": {"at": "${clock()}"}}])"));
  EXPECT_EQ(e.where, "$.handler[0].value");
  EXPECT_NE(e.message.find("unknown function 'clock()'"), std::string::npos);
}

TEST(Loader, OrderComparisonsTakeTwoNumbers) {
  EXPECT_TRUE(load_document(test::document_text(
                                R"([{"let": "roll", "value": "${random()}"},
                                    {"if": {"not": {"less_than": ["${roll}", 0.5]}}, "then": []},
                                    {"if": {"greater_than": [3, "${roll * 10}"]}, "then": []}])"))
                  .ok());
  Error e = load_error(test::document_text(R"([{"if": {"less_than": [1]}, "then": []}])"));
  EXPECT_EQ(e.where, "$.handler[0].if.less_than");
  e = load_error(test::document_text(R"([{"if": {"not": {"greater_than": [1, "two"]}}, "then": []}])"));
  EXPECT_EQ(e.where, "$.handler[0].if.not.greater_than[1]");
  EXPECT_NE(e.message.find("expected a number"), std::string::npos);
  e = load_error(test::document_text(R"([{"if": {"smaller_than": [1, 2]}, "then": []}])"));
  EXPECT_EQ(e.where, "$.handler[0].if");
  EXPECT_NE(e.message.find("less_than"), std::string::npos);
}

TEST(Serializer, LetRoundTrips) {
  auto doc = load_document(test::document_text(
      R"([{"let": "ref", "value": {"id": "${uuid()}", "at": "${now()}"}}, {"return": "${ref}"}])"));
  ASSERT_TRUE(doc.ok());
  Json saved = save_document(*doc);
  EXPECT_EQ(saved["handler"][0],
            Json::parse(R"({"let": "ref", "value": {"id": "${uuid()}", "at": "${now()}"}})"));
  auto again = load_document_json(saved);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(save_document(*again), saved);
  EXPECT_EQ(again->handler[0].as, "ref");
  EXPECT_EQ(again->handler[0].value, doc->handler[0].value);
}

// The serializer is stable: load -> save -> load -> save is a fixed point, for every example and scenario.
// Issue 14: text past the document limit is refused before it is parsed (a share link inflated to 200 MB);
// a document at the limit is parsed as usual.
TEST(Loader, DocumentsOverTheSizeLimitAreRefusedBeforeParsing) {
  const std::string head =
      R"({"format":1,"function":{"runtime":"python3.14","durable_config":{"execution_timeout":60}},"handler":[{"return":")";
  const std::string tail = R"("}]})";
  std::string text = head + std::string(kMaxDocumentBytes - head.size() - tail.size(), 'a') + tail;
  ASSERT_EQ(text.size(), kMaxDocumentBytes);
  auto at_limit = load_document(text);
  EXPECT_TRUE(at_limit.ok()) << at_limit.error().text();
  text.insert(head.size(), "a");
  auto over = load_document(text);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().text(),
            "the document is 16777217 bytes; the playground's limit for a document is 16 MB");
}

TEST(Serializer, FixedPointOnEveryDocumentInTheRepository) {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const char* dir : {DP_SOURCE_DIR "/examples", DP_SOURCE_DIR "/tests/scenarios"}) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      bool example = entry.path().parent_path().filename() == "examples";
      if (entry.path().extension() != ".json" || (!example && name != "workflow.json"))
        continue;
      std::ifstream in(entry.path());
      std::stringstream ss;
      ss << in.rdbuf();
      auto first = load_document(ss.str());
      ASSERT_TRUE(first.ok()) << entry.path() << ": " << first.error().text();
      Json saved = save_document(*first);
      auto second = load_document_json(saved);
      ASSERT_TRUE(second.ok()) << entry.path() << ": " << second.error().text();
      EXPECT_EQ(save_document(*second), saved) << entry.path();
      ++checked;
    }
  }
  EXPECT_GT(checked, 60);
}

} // namespace
} // namespace dp::workflow
