// The check language (docs/lessons-format.md "Checks"): every predicate once true and once false, on
// engine states built here; the combinators; the sentences a failed predicate says.
#include "../test_support.hpp"
#include "lessons/check.hpp"
#include "lessons/playground.hpp"

namespace dp::lessons {
namespace {

using test::document_text;
using test::load;

Predicate predicate(const std::string& text) {
  auto json = parse_json(text);
  EXPECT_TRUE(json.ok()) << text;
  auto p = parse_predicate(*json, "$.check");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().text());
  return p.ok() ? *p : Predicate{};
}

// An engine with executions of documents, and the subject a check reads.
struct State {
  engine::Engine engine;
  workflow::Document doc;
  std::string terraform;
  bool has_terraform = false;

  std::string run(const std::string& doc_text,
                  engine::Engine::Clock clock = engine::Engine::Clock::UntilInput) {
    doc = load(doc_text);
    auto arn = engine.start_execution(doc);
    EXPECT_TRUE(arn.ok());
    engine.run_to_end(*arn, clock);
    return *arn;
  }
  Subject subject() const { return Subject{&engine, &doc, has_terraform ? &terraform : nullptr, 0}; }
  bool holds(const std::string& p) const { return evaluate_one(predicate(p), subject()).passed; }
  std::string missing(const std::string& p) const { return evaluate_one(predicate(p), subject()).missing(); }
};

const char* kOrder = R"([
  {"step": "validate", "returns": {"ok": true}, "as": "v"},
  {"step": "pay", "returns": {"status": "paid", "amount": 99}, "as": "p", "side_effect": "charge the card"},
  {"wait": "cool-off", "seconds": 10},
  {"step": "confirm", "returns": "confirmed", "as": "c"},
  {"return": {"status": "completed", "payment": "${p}", "again": "${p}"}}])";

TEST(Check, ExecutionStatusAndResult) {
  State s;
  EXPECT_FALSE(s.holds(R"({"execution_status": "SUCCEEDED"})"));
  EXPECT_EQ(
      s.missing(R"({"execution_status": "SUCCEEDED"})"),
      "no execution has started yet (press Start in the Run panel); the execution should end SUCCEEDED");
  s.run(document_text(kOrder));
  EXPECT_TRUE(s.holds(R"({"execution_status": "SUCCEEDED"})"));
  EXPECT_TRUE(s.holds(R"({"execution_status": ["FAILED", "SUCCEEDED"]})"));
  EXPECT_FALSE(s.holds(R"({"execution_status": "FAILED"})"));
  EXPECT_TRUE(s.holds(R"({"result": {"path": "status", "equals": "completed"}})"));
  EXPECT_TRUE(s.holds(R"({"result": {"path": "payment.amount", "equals": 99}})"));
  EXPECT_FALSE(s.holds(R"({"result": {"path": "status", "equals": "pending"}})"));
  EXPECT_EQ(s.missing(R"({"result": {"path": "status", "equals": "pending"}})"),
            "the result's status is \"completed\"; the result's status should be \"pending\"");
  EXPECT_TRUE(s.holds(R"({"result": {"path": "payment", "equals_path": "again"}})"));
  EXPECT_FALSE(s.holds(R"({"result": {"path": "payment", "equals_path": "status"}})"));
  EXPECT_TRUE(s.holds(R"({"result": {"path": "payment.status", "exists": true}})"));
  EXPECT_FALSE(s.holds(R"({"result": {"path": "refund", "exists": true}})"));
  EXPECT_FALSE(s.holds(R"({"execution_error": {"type": "StepError"}})"));
}

TEST(Check, ExecutionErrorOfAFailedExecution) {
  State s;
  s.run(document_text(R"([{"step": "boom", "retry": "none",
      "throws": [{"attempts": "all", "error": {"type": "Kaput", "message": "no luck"}}]}])"));
  EXPECT_TRUE(s.holds(R"({"execution_status": "FAILED"})"));
  // The JavaScript SDK raises a step's final error as a StepError with the step's message.
  EXPECT_TRUE(s.holds(R"({"execution_error": {"type": "StepError", "message_contains": "luck"}})"));
  EXPECT_FALSE(s.holds(R"({"execution_error": {"type": "StepError", "message_contains": "fortune"}})"));
  EXPECT_FALSE(s.holds(R"({"execution_error": {"type": "Kaput"}})"));
}

TEST(Check, InvocationsBillingAndReplay) {
  State s;
  s.run(document_text(kOrder));
  EXPECT_TRUE(s.holds(R"({"invocations": {"count": 2}})"));
  EXPECT_FALSE(s.holds(R"({"invocations": {"count": {"min": 3}}})"));
  EXPECT_EQ(s.missing(R"({"invocations": {"count": {"min": 3}}})"),
            "the execution has had 2 invocations; the execution should take at least 3 invocations");
  EXPECT_TRUE(s.holds(R"({"invocation": {"index": 1, "status": "PENDING"}})"));
  EXPECT_FALSE(s.holds(R"({"invocation": {"index": 1, "status": "SUCCEEDED"}})"));
  EXPECT_TRUE(s.holds(R"({"invocation": {"index": "last", "status": "SUCCEEDED"}})"));
  EXPECT_TRUE(s.holds(R"({"invocation": {"status": "PENDING"}})"));
  EXPECT_FALSE(s.holds(R"({"invocation": {"status": "FAILED"}})"));
  EXPECT_FALSE(s.holds(R"({"invocation": {"index": 3, "status": "PENDING"}})"));
  EXPECT_TRUE(s.holds(R"({"billing": {"idle_seconds": {"min": 10}, "billed_seconds": {"max": 1}}})"));
  EXPECT_FALSE(s.holds(R"({"billing": {"idle_seconds": {"min": 11}}})"));
  EXPECT_TRUE(s.holds(R"({"operation": {"name": "pay", "replayed_in": 2, "executed_in": 1}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "pay", "replayed_in": 1}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "confirm", "replayed_in": {"min": 1}}})"));
  EXPECT_EQ(s.missing(R"({"operation": {"name": "confirm", "replayed_in": {"min": 1}}})"),
            "'confirm' has not been replayed; 'confirm' should be replayed in invocation at least 1");
}

TEST(Check, OperationConstraints) {
  State s;
  s.run(document_text(R"([
    {"step": "flaky", "returns": "ok", "retry": {"max_attempts": 3, "initial_delay_seconds": 1, "jitter": "none"},
     "throws": [{"attempts": [1], "error": {"type": "E", "message": "m"}}]},
    {"child_context": "outer", "body": [{"step": "inner", "returns": {"n": 1}, "as": "i"}, {"return": "${i}"}]}])"));
  EXPECT_TRUE(s.holds(R"({"operation": {"name": "flaky", "type": "STEP", "status": "SUCCEEDED", "attempts": 2,
                                        "body_runs": 2}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "flaky", "type": "WAIT"}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "flaky", "status": "FAILED"}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "flaky", "attempts": 1}})"));
  EXPECT_EQ(s.missing(R"({"operation": {"name": "flaky", "body_runs": 1}, "say": "make it run once"})"),
            "'flaky''s body ran 2 times; make it run once");
  EXPECT_TRUE(s.holds(
      R"({"operation": {"name": "inner", "within": "outer", "result": {"path": "n", "equals": 1}}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "flaky", "within": "outer"}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "inner", "result": {"path": "n", "equals": 2}}})"));
  EXPECT_TRUE(s.holds(R"({"operation": {"name": "flaky", "duration_seconds": {"min": 0.5, "max": 5}}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "flaky", "duration_seconds": {"min": 10}}})"));
  EXPECT_FALSE(s.holds(R"({"operation": {"name": "missing"}})"));
  EXPECT_TRUE(s.holds(R"({"order": ["flaky", "outer", "inner"]})"));
  EXPECT_FALSE(s.holds(R"({"order": ["inner", "flaky"]})"));
  EXPECT_FALSE(s.holds(R"({"order": ["flaky", "nowhere"]})"));
}

TEST(Check, CrashesSideEffectsAndNonDeterminism) {
  State s;
  s.run(
      document_text(kOrder, "python3.14",
                    R"(, "simulation": {"faults": [{"at": "pay", "when": "after_body", "kind": "crash"}]})"));
  EXPECT_TRUE(s.holds(R"({"crash": {"at": "pay", "count": 1}})"));
  EXPECT_FALSE(s.holds(R"({"crash": {"at": "validate", "count": {"min": 1}}})"));
  EXPECT_TRUE(s.holds(R"({"side_effects": {"name": "pay", "runs": 2}})"));
  EXPECT_FALSE(s.holds(R"({"side_effects": {"runs": {"max": 1}}})"));
  EXPECT_NE(s.missing(R"({"side_effects": {"runs": {"max": 1}}})")
                .find("\"charge the card\" \u00d72 (pay: a crash"),
            std::string::npos);
  EXPECT_TRUE(s.holds(R"({"story": {"kind": "InvocationPending"}})"));
  EXPECT_TRUE(s.holds(R"({"story": {"kind": "Crash", "name": "pay", "count": 1}})"));
  EXPECT_FALSE(s.holds(R"({"story": {"kind": "NonDeterminism"}})"));
  EXPECT_FALSE(s.holds(R"({"story": {"kind": "Crash", "name": "validate"}})"));
  EXPECT_TRUE(s.holds(R"({"nondeterminism": false})"));
  EXPECT_FALSE(s.holds(R"({"nondeterminism": true})"));
  EXPECT_FALSE(s.holds(R"({"code_changed": true})"));

  State edited;
  edited.run(document_text(kOrder, "python3.14", R"(, "simulation": {"edits": [{"before_invocation": 2,
      "handler": [{"step": "validate"}, {"step": "new"}, {"step": "pay"}]}]})"));
  EXPECT_TRUE(edited.holds(R"({"code_changed": true})"));
  EXPECT_TRUE(edited.holds(R"({"nondeterminism": true})"));
  EXPECT_TRUE(edited.holds(R"({"execution_error": {"type": "NonDeterministicExecutionError"}})"));
  EXPECT_TRUE(edited.holds(R"({"story": {"kind": "NonDeterminism"}})"));
}

const char* kApproval = R"([
  {"create_callback": "approval", "as": "cb", "timeout_seconds": 86400, "heartbeat_timeout_seconds": 600},
  {"try": [{"await_callback": "cb", "as": "answer"}], "catch": [{"return": "no answer"}], "error_as": "e"},
  {"return": "${answer}"}])";

TEST(Check, CallbacksAndSomeExecution) {
  State s;
  EXPECT_FALSE(s.holds(R"({"executions": {"count": {"min": 1}}})"));
  auto first = s.run(document_text(kApproval));
  EXPECT_TRUE(s.holds(R"({"callback": {"name": "approval", "status": "STARTED"}})"));
  EXPECT_FALSE(s.holds(R"({"callback": {"name": "approval", "status": "SUCCEEDED"}})"));
  EXPECT_FALSE(s.holds(R"({"callback": {"name": "other"}})"));
  s.engine.advance_clock(300'000);
  auto id = s.engine.service().callback_id_by_name(first, "approval");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(s.engine.send_callback_heartbeat(*id).ok());
  s.engine.advance_clock(500'000);
  ASSERT_TRUE(s.engine.send_callback_success(*id, "\"yes\"").ok());
  s.engine.run_to_end(first);
  EXPECT_TRUE(s.holds(R"({"callback": {"name": "approval", "status": "SUCCEEDED", "heartbeats": 1,
                                       "open_seconds": {"min": 800}}})"));
  EXPECT_FALSE(s.holds(R"({"callback": {"name": "approval", "heartbeats": 2}})"));
  EXPECT_FALSE(s.holds(R"({"callback": {"name": "approval", "open_seconds": {"max": 60}}})"));

  s.run(document_text(kApproval), engine::Engine::Clock::LetTimeoutsFire); // nobody answers
  EXPECT_TRUE(s.holds(R"({"executions": {"count": 2}})"));
  EXPECT_TRUE(s.holds(R"({"callback": {"name": "approval", "status": "TIMED_OUT"}})"));
  // The latest execution timed out; some_execution finds the one that succeeded.
  EXPECT_FALSE(s.holds(R"({"callback": {"name": "approval", "status": "SUCCEEDED"}})"));
  EXPECT_TRUE(s.holds(R"({"some_execution": {"callback": {"name": "approval", "status": "SUCCEEDED"}}})"));
  EXPECT_FALSE(s.holds(R"({"some_execution": {"callback": {"name": "approval", "status": "FAILED"}}})"));
  EXPECT_EQ(
      s.missing(R"({"some_execution": {"callback": {"name": "approval", "status": "FAILED"}}})"),
      "in the latest execution, the callback 'approval' is TIMED_OUT; start another execution where: the "
      "callback 'approval' should end FAILED");

  // Executions started before the lesson opened are not the lesson's.
  Subject later = s.subject();
  later.first_execution = 2;
  EXPECT_FALSE(evaluate_one(predicate(R"({"executions": {"count": {"min": 1}}})"), later).passed);
}

TEST(Check, Combinators) {
  State s;
  s.run(document_text(kOrder));
  EXPECT_TRUE(s.holds(R"({"all": [{"execution_status": "SUCCEEDED"}, {"invocations": {"count": 2}}]})"));
  EXPECT_FALSE(s.holds(R"({"all": [{"execution_status": "SUCCEEDED"}, {"invocations": {"count": 3}}]})"));
  EXPECT_TRUE(s.holds(R"({"any": [{"execution_status": "FAILED"}, {"invocations": {"count": 2}}]})"));
  EXPECT_FALSE(s.holds(R"({"any": [{"execution_status": "FAILED"}, {"invocations": {"count": 3}}]})"));
  EXPECT_EQ(
      s.missing(
          R"({"any": [{"execution_status": "FAILED"}, {"invocations": {"count": 3}}], "say": "do either"})"),
      "the execution ended SUCCEEDED; do either");
  EXPECT_TRUE(s.holds(R"({"not": {"execution_status": "FAILED"}})"));
  EXPECT_FALSE(s.holds(R"({"not": {"execution_status": "SUCCEEDED"}})"));

  Report r = evaluate(predicate(R"({"all": [{"execution_status": "SUCCEEDED"}, {"invocations": {"count": 3},
                                          "say": "take three"}]})"),
                      s.subject());
  EXPECT_FALSE(r.passed);
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_TRUE(r.items[0].passed);
  EXPECT_FALSE(r.items[1].passed);
  EXPECT_EQ(r.missing(), "the execution has had 2 invocations; take three");

  // A nested `all` that holds says what holds: its parts' sentences, not a bare "all of it holds".
  const Outcome status = evaluate_one(predicate(R"({"execution_status": "SUCCEEDED"})"), s.subject());
  const Outcome count = evaluate_one(predicate(R"({"invocations": {"count": 2}})"), s.subject());
  const Outcome both = evaluate_one(
      predicate(R"({"all": [{"execution_status": "SUCCEEDED"}, {"invocations": {"count": 2}}]})"),
      s.subject());
  EXPECT_TRUE(both.passed);
  EXPECT_EQ(both.now, status.now + "; " + count.now);
  EXPECT_EQ(both.want, status.want + "; " + count.want);
  EXPECT_FALSE(status.want.empty());
}

TEST(Check, DocumentFacts) {
  State s;
  s.doc = load(document_text(R"([
    {"step": "pay", "returns": {"key": "${input.x}-pay", "idempotency_key": "k"}, "semantics": "at_most_once_per_retry",
     "retry": "none"},
    {"step": "ship", "returns": "${input.x}", "retry": {"max_attempts": 5, "backoff_rate": 2, "jitter": "half"}},
    {"log": "order ${input.x} at clock-time"},
    {"child_context": "ctx", "body": [{"step": "inner"}]}])"));
  EXPECT_TRUE(
      s.holds(R"({"step": {"name": "pay", "semantics": "at_most_once_per_retry", "retry": "none"}})"));
  EXPECT_FALSE(s.holds(R"({"step": {"name": "ship", "semantics": "at_most_once_per_retry"}})"));
  EXPECT_FALSE(s.holds(R"({"step": {"name": "ship", "retry": "none"}})"));
  EXPECT_TRUE(s.holds(R"({"step": {"name": "ship", "retry": "custom", "max_attempts": {"min": 4},
                                   "backoff_rate": {"min": 1.5}, "jitter": "half"}})"));
  EXPECT_FALSE(s.holds(R"({"step": {"name": "ship", "jitter": "full"}})"));
  EXPECT_FALSE(s.holds(R"({"step": {"name": "pay", "max_attempts": 3}})"));
  EXPECT_TRUE(s.holds(R"({"step": {"name": "pay", "returns_contains": "idempotency_key"}})"));
  EXPECT_FALSE(s.holds(R"({"step": {"name": "ship", "returns_contains": "idempotency_key"}})"));
  EXPECT_FALSE(s.holds(R"({"step": {"name": "nowhere"}})"));
  EXPECT_TRUE(s.holds(R"({"in_step": {"text": "-pay"}})"));
  EXPECT_TRUE(s.holds(R"({"in_step": {"text": "-pay", "step": "pay"}})"));
  EXPECT_FALSE(s.holds(R"({"in_step": {"text": "-pay", "step": "ship"}})"));
  EXPECT_FALSE(s.holds(R"({"in_step": {"text": "clock-time"}})"));
  EXPECT_TRUE(s.holds(R"({"outside_steps": {"text": "clock-time"}})"));
  EXPECT_FALSE(s.holds(R"({"outside_steps": {"text": "-pay"}})"));
  EXPECT_TRUE(s.holds(R"({"statement": {"kind": "child_context", "name": "ctx"}})"));
  EXPECT_TRUE(s.holds(R"({"statement": {"kind": "step", "count": 3}})"));
  EXPECT_FALSE(s.holds(R"({"statement": {"kind": "wait"}})"));
}

TEST(Check, TerraformAndExport) {
  State s;
  EXPECT_FALSE(s.holds(R"({"terraform_diagnostics": {"count": 0}})")); // no text
  s.has_terraform = true;
  s.terraform = R"(resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "f.zip"
  handler       = "index.handler"
  runtime       = "python3.12"
  durable_config {
    execution_timeout = 60
    retention_period  = 120
  }
}
)";
  EXPECT_TRUE(s.holds(R"({"terraform_diagnostics": {"severity": "error", "count": {"min": 2}}})"));
  EXPECT_TRUE(s.holds(R"({"terraform_diagnostics": {"rule": "DUR003", "count": 1}})"));
  EXPECT_FALSE(s.holds(R"({"terraform_diagnostics": {"severity": "error", "count": 0}})"));
  EXPECT_NE(s.missing(R"({"terraform_diagnostics": {"severity": "error", "count": 0}})").find("DUR001"),
            std::string::npos);
  EXPECT_TRUE(s.holds(R"({"terraform_resource": {"type": "aws_lambda_function", "block": "durable_config",
                                                 "attribute": "runtime"}})"));
  EXPECT_FALSE(s.holds(R"({"terraform_resource": {"type": "aws_lambda_function", "block": "vpc_config"}})"));
  EXPECT_FALSE(s.holds(R"({"terraform_resource": {"type": "aws_lambda_alias"}})"));

  s.doc = load(document_text(R"([{"step": "a"}])"));
  EXPECT_TRUE(s.holds(R"({"export_file": {"path": "README.md", "contains": "--region  us-east-2"}})"));
  EXPECT_FALSE(s.holds(R"({"export_file": {"path": "README.md", "contains": "--region eu-west-1"}})"));
  EXPECT_FALSE(s.holds(R"({"export_file": {"path": "nowhere.txt", "contains": "x"}})"));
  EXPECT_TRUE(s.holds(R"({"export_terraform": {"errors": 0}})"));
  EXPECT_FALSE(s.holds(R"({"export_terraform": {"errors": {"min": 1}}})"));
}

TEST(Check, ParseErrorsNameThePath) {
  auto bad = [](const std::string& text) {
    auto p = parse_predicate(*parse_json(text), "$.check");
    return p.ok() ? std::string("(accepted)") : p.error().text();
  };
  EXPECT_EQ(bad(R"({"execution_state": "SUCCEEDED"})").substr(0, 58),
            "$.check.execution_state: unknown predicate 'execution_stat");
  EXPECT_EQ(
      bad(R"({"execution_status": "DONE"})"),
      "$.check.execution_status: unknown execution status 'DONE' (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, "
      "STOPPED)");
  EXPECT_EQ(bad(R"({"all": [{"operation": {"name": "a", "staus": "SUCCEEDED"}}]})").substr(0, 60),
            "$.check.all[0].operation.staus: unknown field of 'operation'");
  EXPECT_EQ(bad(R"({"operation": {"status": "SUCCEEDED"}})"),
            "$.check.operation: 'operation' needs the field 'name'");
  EXPECT_EQ(bad(R"({"invocations": {"count": {"least": 2}}})"),
            "$.check.invocations.count.least: unknown field (a range has min and max)");
  EXPECT_EQ(bad(R"({"result": {"path": "a"}})"),
            "$.check.result: needs exactly one of equals, exists or equals_path");
  EXPECT_EQ(
      bad(R"({"execution_status": "FAILED", "invocations": {"count": 1}})"),
      "$.check.invocations: a predicate has one name (this one is 'execution_status'; combine predicates "
      "with all/any)");
  EXPECT_EQ(bad(R"({"any": []})"), "$.check.any: expected a non-empty list of predicates");
  EXPECT_EQ(bad(R"({"story": {"kind": "Explosion"}})"),
            "$.check.story.kind: unknown sentence kind 'Explosion' (see src/explain/explain.hpp)");
  EXPECT_EQ(bad(R"({"not": {"nope": 1}})").substr(0, 39), "$.check.not.nope: unknown predicate 'no");
  EXPECT_EQ(bad(R"({"invocation": {"index": 0, "status": "PENDING"}})"),
            "$.check.invocation.index: expected an invocation number (1, 2 ...), \"last\" or \"any\"");
}

} // namespace
} // namespace dp::lessons
