// Differential test: every corpus file through our parser (tf-structure) and HashiCorp's HCL
// (npm @cdktf/hcl2json, Go compiled to wasm). Both must accept or reject the same files, and for
// accepted files produce the same blocks, labels and attribute names.
// Usage: node differential.js TF_STRUCTURE_BINARY HCL2JSON_DIR FILE...
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [binary, modulesDir, ...files] = process.argv.slice(2);
const { parse } = require(path.resolve(modulesDir, 'node_modules', '@cdktf', 'hcl2json'));

function isPlainObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

// hcl2json renders blocks as theirs[type][label1]...[labelN] = [body, ...] and attributes as keys.
// Walk our structure and consume the matching parts of theirs; report what differs.
function compareBody(ours, theirs, where, problems) {
  if (!isPlainObject(theirs)) { problems.push(`${where}: hcl2json has no object here`); return; }
  const expected = new Set();
  for (const name of ours.attributes) {
    expected.add(name);
    if (!(name in theirs)) problems.push(`${where}: attribute ${name} missing in hcl2json`);
  }
  const cursor = new Map(); // path key -> next index in their list
  for (const block of ours.blocks) {
    expected.add(block.type);
    let node = theirs[block.type];
    let key = block.type;
    for (const label of block.labels) {
      if (!isPlainObject(node) || !(label in node)) { node = undefined; break; }
      node = node[label];
      key += '\u0000' + label;
    }
    const where2 = `${where}/${[block.type, ...block.labels].join('.')}`;
    if (!Array.isArray(node)) { problems.push(`${where2}: block missing in hcl2json`); continue; }
    const index = cursor.get(key) || 0;
    cursor.set(key, index + 1);
    if (index >= node.length) { problems.push(`${where2}: extra block in ours`); continue; }
    compareBody(block.body, node[index], `${where2}[${index}]`, problems);
  }
  for (const name of Object.keys(theirs))
    if (!expected.has(name)) problems.push(`${where}: hcl2json has ${name}, ours does not`);
}

// `terraform fmt -` parses with the same HCL; exit 0 = accepted. Only where a terraform binary exists.
function terraformAccepts(text) {
  const r = spawnSync('terraform', ['fmt', '-no-color', '-'], { input: text, encoding: 'utf8' });
  if (r.error) return null; // no terraform on this machine
  return r.status === 0;
}

async function main() {
  const ours = JSON.parse(execFileSync(binary, files, { maxBuffer: 1 << 28 }).toString());
  let failed = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let theirs = null;
    let theirError = null;
    try {
      theirs = await parse(path.basename(file), text);
    } catch (e) {
      theirError = String(e && e.message ? e.message : e).split('\n')[0];
    }
    const mine = ours[file];
    const problems = [];
    if (mine.valid !== (theirError === null)) {
      problems.push(`accept/reject differs: ours ${mine.valid ? 'accepts' : 'rejects (' + mine.diagnostics.join('; ') + ')'}, ` +
        `hcl2json ${theirError === null ? 'accepts' : 'rejects (' + theirError + ')'}`);
    } else if (mine.valid) {
      compareBody(mine.body, theirs, '', problems);
    }
    const tf = terraformAccepts(text);
    if (tf !== null && tf !== mine.valid)
      problems.push(`accept/reject differs from terraform fmt: ours ${mine.valid ? 'accepts' : 'rejects'}, terraform ${tf ? 'accepts' : 'rejects'}`);
    if (problems.length) {
      failed++;
      console.log(`FAIL ${file}`);
      for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
    } else {
      console.log(`ok   ${file} (${mine.valid ? 'accepted' : 'rejected'})`);
    }
  }
  console.log(`differential: ${files.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
