// Parses every .tf file given with HashiCorp's HCL (npm @cdktf/hcl2json, HCL compiled to wasm) and
// checks the blocks export promises are there. Usage: node hcl_parse.mjs FILE.tf...
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve(process.env.HCL2JSON_DIR ?? ".", "index.js"));
const { parse } = require("@cdktf/hcl2json");
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const json = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
    if (file.endsWith("main.tf")) {
      const fn = json.resource?.aws_lambda_function?.function?.[0];
      const problems = [];
      if (!fn) problems.push("no aws_lambda_function.function");
      else {
        if (!fn.durable_config) problems.push("no durable_config");
        if (fn.publish !== true) problems.push("publish is not true");
        if (fn.timeouts?.[0]?.delete !== "60m") problems.push("timeouts.delete is not 60m");
      }
      if (!json.resource?.aws_lambda_alias) problems.push("no aws_lambda_alias");
      if (!json.data?.archive_file) problems.push("no archive_file");
      if (problems.length) throw new Error(problems.join(", "));
    }
  } catch (e) {
    failed++;
    console.log(`hcl2json: ${file}: ${e.message ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
