// Reads a list of {where, rel, file, plain} and checks each JavaScript module parses with acorn and has the
// same sequence of node types as the plain export; an identifier the plain export lacks may only stand in
// for one of the plain export's identifiers derived from the replaced word (sanitised names).
// Prints one line per problem; exit 1 when any. Usage: node js_shape.mjs LIST.json
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const acorn = require("acorn");

function shape(file) {
  const tree = acorn.parse(fs.readFileSync(file, "utf8"), { ecmaVersion: "latest", sourceType: "module" });
  const types = [];
  const names = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object" || typeof node.type !== "string") return;
    types.push(node.type);
    if (node.type === "Identifier" || node.type === "PrivateIdentifier") names.push(node.name);
    for (const [k, v] of Object.entries(node)) if (k !== "type" && typeof v === "object") walk(v);
  };
  walk(tree);
  return { types: types.join(","), names };
}

const cache = new Map();
let failed = 0;
for (const { where, rel, file, plain } of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
  try {
    const mine = shape(file);
    if (!cache.has(plain)) cache.set(plain, shape(plain));
    const theirs = cache.get(plain);
    if (mine.types !== theirs.types) throw new Error("JavaScript structure differs from the plain export");
    // An identifier may differ only where the plain export's was derived from the replaced word.
    const count = (list) => list.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map());
    const minus = (a, b) => [...a].flatMap(([n, k]) => Array(Math.max(0, k - (b.get(n) ?? 0))).fill(n));
    const [a, b] = [count(mine.names), count(theirs.names)];
    const extra = minus(a, b), missing = minus(b, a);
    const foreign = extra.length === missing.length && missing.every((n) => /plainword/i.test(n)) ? [] : extra;
    if (foreign.length) throw new Error(`identifiers from the text: ${foreign.slice(0, 4).join(", ")}`);
  } catch (e) {
    failed++;
    console.log(`${where}: ${rel}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
