#include "base/json.hpp"
#include "base/json_text.hpp"

#include <gtest/gtest.h>

namespace dp {

Json parsed(const char* text) {
  auto r = parse_json(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().text());
  return r.ok() ? r.value() : Json();
}

TEST(JsonText, PythonDumpsMatchesCPython) {
  // Expected strings printed by CPython 3.11 json.dumps for the same document.
  Json doc = parsed(
      R"({"a":1.0,"b":1e-5,"c":1e16,"d":"\u00e9\ud83d\ude00\n","e":[1,2.5,123456789.123],"f":1e22,"g":0.1})");
  EXPECT_EQ(
      to_python_json(doc),
      R"({"a": 1.0, "b": 1e-05, "c": 1e+16, "d": "\u00e9\ud83d\ude00\n", "e": [1, 2.5, 123456789.123], "f": 1e+22, "g": 0.1})");
  EXPECT_EQ(to_python_json(parsed(R"({"a":[1,"x"]})"), true), R"({"a":[1,"x"]})");
}

TEST(JsonText, JavaScriptStringifyMatchesNode) {
  // Expected string printed by Node 20 JSON.stringify for the same values.
  Json doc = parsed(
      R"({"a":1.0,"b":1e-5,"c":1e16,"d":"\u00e9\ud83d\ude00\n","e":[1,2.5,123456789.123],"f":1e22,"g":0.1,"h":1e-7,"i":1e21})");
  EXPECT_EQ(to_js_json(doc), "{\"a\":1,\"b\":0.00001,\"c\":10000000000000000,\"d\":"
                             "\"\xC3\xA9\xF0\x9F\x98\x80\\n\",\"e\":[1,2.5,123456789.123],"
                             "\"f\":1e+22,\"g\":0.1,\"h\":1e-7,\"i\":1e+21}");
}

TEST(JsonText, KeepsInsertionOrder) {
  EXPECT_EQ(to_js_json(parsed(R"({"z":1,"a":2})")), R"({"z":1,"a":2})");
}

TEST(JsonText, ReplacesInvalidUtf8InsteadOfAborting) {
  // "caf" + Latin-1 e-acute, a lone continuation byte, a cut 3-byte sequence: each becomes U+FFFD.
  Json value = {{"name", std::string("caf\xe9")}, {"list", {std::string("\x80x"), std::string("a\xe2\x82")}}};
  EXPECT_EQ(json_text(value),
            "{\"name\":\"caf\xef\xbf\xbd\",\"list\":[\"\xef\xbf\xbdx\",\"a\xef\xbf\xbd\"]}");
  EXPECT_EQ(json_text(Json{{"a", 1}}, 2), "{\n  \"a\": 1\n}");
}

TEST(ParseJson, ErrorsNameLineAndColumn) {
  auto r = parse_json("{\n  \"a\": 1,\n  \"b\": tru\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where, "line 3, column 8");
  EXPECT_NE(r.error().message.find("invalid literal"), std::string::npos) << r.error().message;
}

TEST(JsonPath, QuotesKeysThatAreNotIdentifiers) {
  EXPECT_EQ(path_key("$", "handler"), "$.handler");
  EXPECT_EQ(path_key("$", "a b"), "$[\"a b\"]");
  EXPECT_EQ(path_index("$.handler", 2), "$.handler[2]");
}

} // namespace dp
