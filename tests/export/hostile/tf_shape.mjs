// Reads a list of {where, rel, file, plain} and checks each .tf file parses with HashiCorp's HCL
// (@cdktf/hcl2json) into the same shape as the plain export: the same keys at every level, no key made of
// the hostile text's marker, and no interpolation ("${") that the plain export does not have.
// Prints one line per problem; exit 1 when any. Usage: HCL2JSON_DIR=... node tf_shape.mjs LIST.json
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve(process.env.HCL2JSON_DIR ?? ".", "index.js"));
const { parse } = require("@cdktf/hcl2json");

// Strings become the count of unescaped "${" in them (hcl2json writes expressions as "${...}").
const interpolations = (s) => (s.replace(/\$\$\{/g, "").match(/\$\{/g) || []).length;
function skeleton(v) {
  if (Array.isArray(v)) return v.map(skeleton);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.keys(v).sort().map((k) => [/pwned/i.test(k) ? "!MARKED KEY!" : k, skeleton(v[k])]));
  return typeof v === "string" ? `str:${interpolations(v)}` : typeof v;
}

const cache = new Map();
let failed = 0;
for (const { where, rel, file, plain } of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
  try {
    const mine = JSON.stringify(skeleton(await parse(path.basename(file), fs.readFileSync(file, "utf8"))));
    if (!cache.has(plain))
      cache.set(plain, JSON.stringify(skeleton(await parse(path.basename(plain), fs.readFileSync(plain, "utf8")))));
    if (mine !== cache.get(plain)) throw new Error("Terraform structure differs from the plain export");
  } catch (e) {
    failed++;
    console.log(`${where}: ${rel}: ${e.message ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
