// README.md of the exported project, the starter project a learner takes home (issue 10 item 4): what is in
// it, the prerequisites, running the tests, deploying the Python and the Node.js flavour step by step,
// starting an execution through the qualified ARN, logs and the console, listing executions and reading a
// history with the AWS CLI, answering callbacks, and destroying everything. The commands follow the Lambda
// developer guide (durable-invoking, durable-supported-runtimes) and the durable execution docs' "Manage
// executions" page (list-durable-executions-by-function, get-durable-execution,
// get-durable-execution-history, stop-durable-execution, aws logs tail).
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {
namespace {

using K = workflow::StatementKind;

bool has_callbacks(const workflow::Body& body) {
  for (const auto& s : body) {
    if (s.kind == K::CreateCallback || s.kind == K::WaitForCallback)
      return true;
    for (const workflow::Body* inner : {&s.children, &s.catch_body, &s.else_body})
      if (has_callbacks(*inner))
        return true;
    for (const auto& b : s.branches)
      if (has_callbacks(b.body))
        return true;
  }
  return false;
}

// What main.tf says for one flavour; the README shows the lines to change to deploy the other.
struct Flavour {
  const char* title;
  const char* folder;
  std::string runtime;
  const char* handler;
  const char* excludes;
  const char* build; // puts the SDK into the folder Terraform zips
};

Flavour python_flavour(const workflow::Document& doc) {
  std::string runtime = doc.function.runtime.rfind("python", 0) == 0 ? doc.function.runtime : "python3.14";
  return {"Python",
          "python",
          runtime,
          "lambda_function.lambda_handler",
          "[\"tests\", \"requirements-dev.txt\"]",
          "pip install -r python/requirements.txt --target python"};
}

Flavour node_flavour(const workflow::Document& doc) {
  std::string runtime = doc.function.runtime.rfind("nodejs", 0) == 0 ? doc.function.runtime : "nodejs24.x";
  return {"Node.js",       "nodejs",     runtime,
          "index.handler", "[\"test\"]", "(cd nodejs && npm install --omit=dev)"};
}

} // namespace

ExportFile readme_file(const workflow::Document& doc, Language language) {
  bool py = language != Language::NodeJs, node = language != Language::Python;
  bool python_first = py && (!node || doc.function.flavor() == workflow::Flavor::Python);
  Flavour first = python_first ? python_flavour(doc) : node_flavour(doc);
  Flavour second = python_first ? node_flavour(doc) : python_flavour(doc);
  bool both = py && node;
  // Document text reaches Markdown prose only through markdown_text and shell commands only through
  // shell_word (the loader already limits names, alias and region to the Lambda API's characters).
  std::string q = shell_word(json_text(doc.input));
  std::string name = shell_word(doc.function.name), alias = shell_word(doc.function.alias),
              region = shell_word(doc.function.region);
  std::string r;
  r += "# " + markdown_text(doc.name.empty() ? doc.function.name : doc.name) + "\n\n";
  if (!doc.description.empty())
    r += markdown_text(doc.description) + "\n\n";
  r += "A durable AWS Lambda function exported by Durable Playground. Each step returns what the playground\n"
       "simulated; replace the bodies marked \"Real work goes here\" with your code.\n\n";

  r += "## Files\n\n";
  r += "- `versions.tf`, `main.tf`, `variables.tf`, `outputs.tf`: the function (durable_config, published "
       "version,\n"
       "  alias `" +
       alias + "`), its role (AWSLambdaBasicExecutionRole plus checkpoint permissions on its versions).\n";
  if (py)
    r += "- `python/lambda_function.py`: the handler for `aws_durable_execution_sdk_python`; "
         "`python/tests/`: a test\n"
         "  with the official testing library.\n";
  if (node)
    r +=
        "- `nodejs/index.mjs`: the handler for `@aws/durable-execution-sdk-js`; `nodejs/test/`: a test with\n"
        "  `LocalDurableTestRunner`.\n";
  if (both)
    r += "\n`main.tf` deploys the " + std::string(first.title) +
         " handler (the runtime the workflow names); \"Deploy the " + second.title +
         " flavour\" below says what to change to deploy the other.\n";

  r += "\n## Prerequisites\n\n";
  r += "- An AWS account and credentials that the AWS CLI and Terraform both use (`aws configure`, or an\n"
       "  `AWS_PROFILE`), allowed to create IAM roles and Lambda functions. Check with "
       "`aws sts get-caller-identity`.\n";
  r += "- Terraform 1.5 or later. `terraform init` downloads the providers `versions.tf` asks for: "
       "`hashicorp/aws`\n"
       "  6.25 or later (the first with `durable_config`) and `hashicorp/archive` 2.4 or later.\n";
  r += "- AWS CLI version 2, recent enough to have the durable execution commands (`aws lambda\n"
       "  list-durable-executions-by-function help` prints its help).\n";
  if (py)
    r += "- Python 3.13 or 3.14 and pip (Lambda runs durable functions on `python3.13` and `python3.14`).\n";
  if (node)
    r += "- Node.js 22 or 24 and npm (Lambda runs durable functions on `nodejs22.x` and `nodejs24.x`).\n";
  r += "- The region in `variables.tf` (`" + region +
       "`) must offer Lambda durable functions; pass `-var region=...` to\n"
       "  `terraform apply` to choose another.\n";

  r += "\n## Run the tests first\n\nThey run the handler locally with the SDK's test runner; no AWS account "
       "is "
       "needed.\n\n```sh\n";
  if (py)
    r += "python3 -m venv .venv && . .venv/bin/activate\n"
         "pip install -r python/requirements-dev.txt && python -m pytest python\n";
  if (node)
    r += "(cd nodejs && npm install && npm test)\n";
  r += "```\n";

  auto deploy_steps = [&](const Flavour& f) {
    std::string d = "1. Put the SDK into the folder Terraform zips (Lambda's runtimes carry a copy for "
                    "testing, but AWS\n"
                    "   recommends deploying your own so that a runtime update cannot change it):\n\n"
                    "   ```sh\n   " +
                    std::string(f.build) + "\n   ```\n\n";
    d += "2. Create the role, the function, its published version and the alias, and answer `yes`:\n\n"
         "   ```sh\n   terraform init\n   terraform apply\n   ```\n\n";
    d += "3. Note the qualified ARN (function:alias) that executions start from:\n\n"
         "   ```sh\n   terraform output qualified_arn\n   ```\n";
    return d;
  };
  r += "\n## Deploy the " + std::string(first.title) + " flavour\n\n" + deploy_steps(first);
  if (both) {
    r += "\n## Deploy the " + std::string(second.title) + " flavour\n\n";
    r += "The function takes one runtime at a time. To deploy the " + std::string(second.title) +
         " handler instead (or after the\n" + first.title +
         " one: `terraform apply` then updates the function and publishes a new version), change\n"
         "these lines of `main.tf` first:\n\n";
    r += "| line | " + std::string(first.title) + " | " + second.title + " |\n| --- | --- | --- |\n";
    r += "| `source_dir` | `\"${path.module}/" + std::string(first.folder) + "\"` | `\"${path.module}/" +
         second.folder + "\"` |\n";
    r += "| `excludes` | `" + std::string(first.excludes) + "` | `" + second.excludes + "` |\n";
    r += "| `runtime` | `\"" + first.runtime + "\"` | `\"" + second.runtime + "\"` |\n";
    r += "| `handler` | `\"" + std::string(first.handler) + "\"` | `\"" + second.handler + "\"` |\n\n";
    r += "Then follow the same steps:\n\n" + deploy_steps(second);
  }

  r += "\n## Start an execution\n\n";
  r += "Durable executions start only through a qualified ARN, a version or an alias; this project invokes "
       "the\n"
       "alias. `--invocation-type Event` returns at once (202) and lets the execution run for as long as it "
       "needs;\n"
       "a synchronous invocation waits for the result but is limited to 15 minutes.\n\n```sh\n";
  r += "aws lambda invoke --region " + region + " --function-name " + name + ":" + alias +
       " --invocation-type Event \\\n  --cli-binary-format raw-in-base64-out --payload " + q +
       " response.json\n```\n";

  r += "\n## Watch it: logs and the console\n\n";
  r += "Each invocation of the execution writes to the function's log group (a replayed step logs nothing "
       "again):\n\n```sh\n";
  r += "aws logs tail /aws/lambda/" + name + " --region " + region + " --follow\n```\n\n";
  r += "In the Lambda console (region `" + region +
       "`), open the function: it lists its durable executions, and an\n"
       "execution shows its operations (steps, waits, callbacks) and the event history with their inputs "
       "and results.\n";

  r += "\n## List executions and read a history\n\n";
  r += "Executions run the published version the alias pointed to when they started; list them by that "
       "version\n"
       "and copy an execution's `DurableExecutionArn` into the next commands:\n\n```sh\n";
  r += "aws lambda list-durable-executions-by-function --region " + region + " --function-name " + name +
       " \\\n  --qualifier \"$(terraform output -raw version)\"\n";
  r += "aws lambda get-durable-execution --region " + region + " --durable-execution-arn EXECUTION_ARN\n";
  r += "aws lambda get-durable-execution-history --region " + region +
       " --durable-execution-arn EXECUTION_ARN\n```\n\n";
  r += "The history is kept while the execution runs and for `retention_period` days after it ends. A "
       "running\n"
       "execution can be stopped:\n\n```sh\n";
  r += "aws lambda stop-durable-execution --region " + region +
       " --durable-execution-arn EXECUTION_ARN\n```\n";

  if (has_callbacks(doc.handler)) {
    r += "\n## Answer a callback\n\nThe callback id is in the history (`CallbackStarted`) or wherever your "
         "code sent it:\n\n```sh\n";
    r += "aws lambda send-durable-execution-callback-success --region " + region +
         " --callback-id CALLBACK_ID \\\n  --cli-binary-format raw-in-base64-out --result '{\"approved\": "
         "true}'\n";
    r += "aws lambda send-durable-execution-callback-failure --region " + region +
         " --callback-id CALLBACK_ID --error ErrorType=Rejected,ErrorMessage=no\n```\n";
  }

  r += "\n## Destroy everything\n\n";
  r += "Stop the executions that still run, then remove every resource this project created:\n\n```sh\n"
       "terraform destroy\n```\n\n";
  r += "Deleting a durable function can take up to 60 minutes while Lambda winds down its executions; "
       "`main.tf`\n"
       "gives the deletion that long (`timeouts { delete = \"60m\" }`), so let `terraform destroy` finish.\n";
  return {"README.md", r};
}

} // namespace dp::exporter
