// Value templates: references, arithmetic on numbers, and the errors that name what is wrong.
#include <cstdint>
#include <limits>

#include "../test_support.hpp"
#include "workflow/value_template.hpp"

namespace dp::workflow {
namespace {

Json rendered(const std::string& text, const Scope& scope) {
  auto v = render(Json(text), scope);
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : v.error().message);
  return v.ok() ? *v : Json();
}

std::string render_error(const std::string& text, const Scope& scope) {
  auto v = render(Json(text), scope);
  EXPECT_FALSE(v.ok()) << "expected an error for " << text;
  return v.ok() ? std::string() : v.error().message;
}

Scope sample_scope() {
  Scope scope;
  scope.bind("state", 5);
  scope.bind("item", Json::parse(R"({"price": 2.5, "name": "pen", "paid": true, "tags": [1, 2]})"));
  scope.bind("big", std::numeric_limits<int64_t>::max());
  return scope;
}

TEST(ValueTemplate, PlainReferencesKeepTheirType) {
  Scope scope = sample_scope();
  EXPECT_EQ(rendered("${item.tags}", scope), Json::parse("[1, 2]"));
  EXPECT_EQ(rendered("${item.tags[1]}", scope), Json(2));
  EXPECT_EQ(rendered("name: ${item.name}, state ${state}", scope), Json("name: pen, state 5"));
}

TEST(ValueTemplate, ArithmeticOnIntegersStaysInteger) {
  Scope scope = sample_scope();
  Json next = rendered("${state + 1}", scope);
  EXPECT_TRUE(next.is_number_integer());
  EXPECT_EQ(next, Json(6));
  EXPECT_EQ(rendered("${state - 7}", scope), Json(-2));
  EXPECT_EQ(rendered("${state * 10}", scope), Json(50));
  EXPECT_EQ(rendered("${state + -1}", scope), Json(4));
  EXPECT_EQ(rendered("${ state  *  3 }", scope), Json(15));
  EXPECT_EQ(rendered("next is ${state + 1}", scope), Json("next is 6"));
}

TEST(ValueTemplate, ArithmeticWithAFractionIsADouble) {
  Scope scope = sample_scope();
  Json total = rendered("${item.price * 4}", scope);
  EXPECT_TRUE(total.is_number_float());
  EXPECT_DOUBLE_EQ(total.get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(rendered("${state + 0.5}", scope).get<double>(), 5.5);
}

TEST(ValueTemplate, IntegerOverflowFallsBackToADouble) {
  Scope scope = sample_scope();
  Json v = rendered("${big + 1}", scope);
  EXPECT_TRUE(v.is_number_float());
  EXPECT_DOUBLE_EQ(v.get<double>(), 9223372036854775808.0);
}

TEST(ValueTemplate, ArithmeticErrorsNameTheReference) {
  Scope scope = sample_scope();
  EXPECT_NE(render_error("${item.name + 1}", scope)
                .find("\"${item.name + 1}\": item.name is a string, not a number"),
            std::string::npos);
  EXPECT_NE(render_error("${item.paid * 2}", scope).find("a boolean, not a number"), std::string::npos);
  EXPECT_NE(render_error("${state+1}", scope).find("write arithmetic with spaces"), std::string::npos);
  EXPECT_NE(render_error("${state + }", scope).find("a number must follow '+'"), std::string::npos);
  EXPECT_NE(render_error("${state / 2}", scope).find("expected an operator"), std::string::npos);
  EXPECT_NE(render_error("${state + two}", scope).find("\"two\" is not a number"), std::string::npos);
  EXPECT_NE(render_error("${missing + 1}", scope).find("variable 'missing' is not bound"), std::string::npos);
}

TEST(ValueTemplate, RootsOfArithmeticReferences) {
  auto roots = referenced_roots(Json::parse(R"({"a": "${state + 1}", "b": ["x ${item.price * 2} y"]})"));
  ASSERT_TRUE(roots.ok());
  EXPECT_EQ(*roots, (std::vector<std::string>{"state", "item"}));
  auto ref = parse_reference(" item.price * 2 ");
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->path, "item.price");
  EXPECT_EQ(ref->root, "item");
  EXPECT_EQ(ref->op, '*');
  EXPECT_EQ(ref->operand, Json(2));
}

TEST(ValueTemplate, LoaderChecksTheScopeOfArithmeticReferences) {
  auto ok = load_document(test::document_text(
      R"([{"wait_for_condition": "poll", "initial_state": 5, "check": {"returns": "${state + 1}", "done_when": {"attempt": 3}}, "as": "n"}, {"return": "${n * 2}"}])"));
  EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.error().message);
  auto bad = load_document(test::document_text(R"([{"return": "${nope + 1}"}])"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where, "$.handler[0].return");
  auto malformed = load_document(test::document_text(R"([{"return": "${input % 2}"}])"));
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.error().message.find("expected an operator"), std::string::npos);
}

// A source that answers every call with a fixed value per function and counts the calls (#10).
class FixedSource : public FunctionSource {
public:
  Json call(ValueFunction f) override {
    ++calls;
    return f == ValueFunction::Random ? Json(0.25) : f == ValueFunction::Uuid ? Json("u-u-i-d") : Json(1000);
  }
  int calls = 0;
};

TEST(ValueTemplate, AStringThatIsOneCallYieldsTheValueItself) {
  Scope scope = sample_scope();
  FixedSource source;
  EXPECT_EQ(*render(Json("${random()}"), scope, &source), Json(0.25));
  EXPECT_EQ(*render(Json("${ now() }"), scope, &source), Json(1000));
  EXPECT_EQ(*render(Json("ref-${uuid()} at ${now()}"), scope, &source), Json("ref-u-u-i-d at 1000"));
  EXPECT_EQ(*render(Json::parse(R"({"a": ["${uuid()}"], "b": "${state}"})"), scope, &source),
            Json::parse(R"({"a": ["u-u-i-d"], "b": 5})"));
  EXPECT_EQ(source.calls, 5);
}

TEST(ValueTemplate, CallsTakeArithmeticAndVariablesKeepTheirNames) {
  // "${state + 1}" and "${random() * 100}" share one grammar: a variable path or a call, then one step.
  Scope scope = sample_scope();
  scope.bind("random", 7); // a variable may be called like a function: the parentheses tell them apart
  FixedSource source;
  EXPECT_EQ(*render(Json("${random() * 100}"), scope, &source), Json(25.0));
  EXPECT_EQ(*render(Json("${now() + 1}"), scope, &source), Json(1001));
  EXPECT_EQ(*render(Json("${random}"), scope, &source), Json(7));
  EXPECT_EQ(*render(Json("${random + 1}"), scope, &source), Json(8));
  EXPECT_EQ(*render(Json("${state + 1}"), scope, &source), Json(6));
  auto ref = parse_reference("uuid()");
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->function, ValueFunction::Uuid);
  EXPECT_EQ(ref->root, "");
  EXPECT_TRUE(ref->parts.empty());
  EXPECT_EQ(parse_reference("random")->function, ValueFunction::None);
}

TEST(ValueTemplate, MalformedCallsSayHowToWriteThem) {
  Scope scope = sample_scope();
  FixedSource source;
  auto error = [&](const std::string& text) {
    auto v = render(Json(text), scope, &source);
    EXPECT_FALSE(v.ok()) << text;
    return v.ok() ? std::string() : v.error().message;
  };
  EXPECT_NE(
      error("${rand()}").find("unknown function 'rand()'; the functions are random(), uuid() and now()"),
      std::string::npos);
  EXPECT_NE(error("${random(1)}").find("random() takes no arguments"), std::string::npos);
  EXPECT_NE(error("${uuid().x}").find("uuid() takes no arguments and has no members"), std::string::npos);
  EXPECT_NE(error("${random()*2}").find("write arithmetic with spaces"), std::string::npos);
  EXPECT_NE(error("${uuid() + 1}").find("uuid() is a string, not a number"), std::string::npos);
  EXPECT_NE(render_error("${now()}", scope).find("\"${now()}\" cannot be evaluated here"), std::string::npos);
  EXPECT_EQ(source.calls, 1); // only the uuid() whose arithmetic failed ran
}

TEST(ValueTemplate, CallsNameNoVariable) {
  Json value = Json::parse(R"({"a": "${uuid()}", "b": ["${random() * 2} ${item.price}"], "c": "${now()}"})");
  auto roots = referenced_roots(value);
  ASSERT_TRUE(roots.ok());
  EXPECT_EQ(*roots, (std::vector<std::string>{"item"}));
  EXPECT_EQ(called_functions(value),
            (std::vector<ValueFunction>{ValueFunction::Uuid, ValueFunction::Random, ValueFunction::Now}));
  auto unknown = load_document(test::document_text(R"([{"log": "${today()}"}])"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().where, "$.handler[0].log");
  EXPECT_NE(unknown.error().message.find("unknown function 'today()'"), std::string::npos);
}

} // namespace
} // namespace dp::workflow
