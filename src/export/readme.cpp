// README.md of the exported project: what is in it, deploy (terraform init && terraform apply), invoke
// with the qualified ARN, answer callbacks, read the history, run the tests.
#include "export/emit.hpp"
#include "export/handler_gen.hpp"

namespace dp::exporter {

ExportFile readme_file(const workflow::Document& doc, Language language) {
  bool py = language != Language::NodeJs, node = language != Language::Python;
  std::string name = doc.function.name, alias = doc.function.alias, region = doc.function.region;
  // Document text reaches Markdown prose only through markdown_text and shell commands only through
  // shell_word (the loader already limits names, alias and region to the Lambda API's characters).
  std::string q = shell_word(doc.input.dump());
  name = shell_word(name), alias = shell_word(alias), region = shell_word(region);
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
         "  with the official testing library (`pip install -r python/requirements-dev.txt && python -m "
         "pytest python`).\n";
  if (node)
    r +=
        "- `nodejs/index.mjs`: the handler for `@aws/durable-execution-sdk-js`; `nodejs/test/`: a test with\n"
        "  `LocalDurableTestRunner` (`cd nodejs && npm install && npm test`, Node 22 or later).\n";
  if (py && node)
    r += "\nTerraform deploys the " +
         std::string(doc.function.flavor() == workflow::Flavor::Python ? "Python" : "Node.js") +
         " handler (the runtime the workflow names); edit `main.tf` to deploy the other.\n";
  r += "\n## Deploy\n\n```sh\n";
  bool deploy_python = py && (!node || doc.function.flavor() == workflow::Flavor::Python);
  if (deploy_python)
    r += "pip install -r python/requirements.txt --target python\n";
  else
    r += "(cd nodejs && npm install --omit=dev)\n";
  r += "terraform init && terraform apply\n```\n\n";
  r += "## Invoke\n\nDurable executions need a qualified ARN (a version or an alias):\n\n```sh\n";
  r += "aws lambda invoke --region " + region + " --function-name " + name + ":" + alias +
       " --invocation-type Event \\\n  --cli-binary-format raw-in-base64-out --payload " + q +
       " response.json\n```\n\n";
  r += "## Answer a callback\n\nThe callback id is in the history (`CallbackStarted`) or wherever your code "
       "sent it:\n\n```sh\n";
  r += "aws lambda send-durable-execution-callback-success --region " + region +
       " --callback-id CALLBACK_ID \\\n  --cli-binary-format raw-in-base64-out --result '{\"approved\": "
       "true}'\n";
  r += "aws lambda send-durable-execution-callback-failure --region " + region +
       " --callback-id CALLBACK_ID --error ErrorType=Rejected,ErrorMessage=no\n```\n\n";
  r += "## Read the history\n\n```sh\n";
  r += "aws lambda list-durable-executions-by-function --region " + region + " --function-name " + name +
       ":" + alias + "\n";
  r += "aws lambda get-durable-execution-history --region " + region +
       " --durable-execution-arn EXECUTION_ARN\n```\n";
  return {"README.md", r};
}

} // namespace dp::exporter
