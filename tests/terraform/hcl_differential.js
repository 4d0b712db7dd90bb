// Generated-document differential test: N documents from hcl_gen.js (seeded, reproducible) through our parser
// (tf-structure --batch) and HashiCorp's HCL (npm @cdktf/hcl2json, Go compiled to wasm). Both must accept or
// reject the same documents; for accepted ones, the same blocks, labels and attributes, and each attribute's
// value as hcl2json prints it (literal values decoded, heredocs trimmed, every other expression as "${...}"
// around its exact source range), rebuilt from our expression tree. Each disagreement is printed with the
// seed and index that reproduce it and saved under OUT_DIR.
// Usage: node hcl_differential.js --tf-structure BIN --modules DIR [--seed S] [--count N] [--out DIR]
//        [--only INDEX] [--show INDEX] [--emit-seeds DIR K]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generate } = require('./hcl_gen.js');

function args() {
  const a = { seed: 1, count: 10000, out: null, only: null, show: null, emit: null, emitCount: 0, batch: Number(process.env.HCL_DIFF_BATCH || 1000) };
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) {
    const k = v[i];
    if (k === '--tf-structure') a.bin = v[++i];
    else if (k === '--modules') a.modules = v[++i];
    else if (k === '--seed') a.seed = Number(v[++i]);
    else if (k === '--count') a.count = Number(v[++i]);
    else if (k === '--out') a.out = v[++i];
    else if (k === '--only') a.only = Number(v[++i]);
    else if (k === '--show') a.show = Number(v[++i]);
    else if (k === '--emit-seeds') { a.emit = v[++i]; a.emitCount = Number(v[++i]); }
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

// [SECTION] hcl2json's rendering of an expression, rebuilt from our tree

function isPlainObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

class Renderer {
  constructor(text) { this.buf = Buffer.from(text, 'utf8'); }
  src(e) { return this.buf.subarray(e.s[0], e.s[1]).toString('utf8'); }
  wrap(e) { return '${' + this.src(e) + '}'; }

  literal(e) {
    if (e.t === 'null') return null;
    if (e.t === 'bool') return e.v;
    if (e.t === 'number') { const n = Number(e.v); return Number.isFinite(n) ? n : null; }
    return escapeTemplate(e.v);
  }

  value(e) {
    switch (e.k) {
      case 'literal': return this.literal(e);
      case 'template': return this.template(e);
      case 'tuple': return (e.kids || []).map((k) => this.value(k));
      case 'object': {
        const o = {};
        const kids = e.kids || [];
        for (let i = 0; i + 1 < kids.length; i += 2) o[this.key(kids[i])] = this.value(kids[i + 1]);
        return o;
      }
      case 'unary': {
        const [k] = e.kids;
        if (k.k === 'literal' && k.t === 'number') return -Number(k.v);
        if (k.k === 'literal' && k.t === 'bool') return !k.v;
        return this.wrap(e);
      }
      default: return this.wrap(e);
    }
  }

  key(k) {
    const inner = k.kids[0];
    if (inner.k === 'parens') return this.wrap(inner);
    if (inner.k === 'template') return this.part(inner); // keys are printed as template text
    if (inner.k === 'literal') return inner.t === 'number' ? numberText(inner.v) : String(this.literal(inner));
    return this.src(inner);
  }

  // A quoted or heredoc template: a literal string, the value of its only interpolation ("${x}" is x),
  // or its parts joined as hcl2json joins them.
  template(e) {
    const kids = e.kids || [];
    if (kids.every((k) => k.k === 'literal' && k.t === 'string')) return escapeTemplate(kids.map((k) => k.v).join(''));
    if (kids.length === 1 && !isStringPart(kids[0]) && !['tif', 'tfor'].includes(kids[0].k)) return this.value(kids[0]);
    return this.parts(e);
  }

  parts(t) { return (t.kids || []).map((k) => this.part(k)).join(''); }

  part(k) {
    switch (k.k) {
      case 'literal':
        return k.t === 'string' ? escapeTemplate(k.v) : k.t === 'number' ? numberText(k.v) : String(this.literal(k));
      case 'template': {
        const kids = k.kids || [];
        if (kids.every((x) => x.k === 'literal' && x.t === 'string')) return escapeTemplate(kids.map((x) => x.v).join(''));
        if (kids.length === 1 && !isStringPart(kids[0]) && !['tif', 'tfor'].includes(kids[0].k)) return this.part(kids[0]);
        return this.parts(k);
      }
      case 'tif': {
        const [cond, yes, no] = k.kids;
        const other = no ? this.parts(no) : '';
        return '%{if ' + this.src(cond) + '}' + this.parts(yes) + (other ? '%{else}' + other : '') + '%{endif}';
      }
      case 'cond': { // hcl2json prints an interpolated conditional as a directive, like %{if}
        const [cond, yes, no] = k.kids;
        const other = this.part(no);
        return '%{if ' + this.src(cond) + '}' + this.part(yes) + (other ? '%{else}' + other : '') + '%{endif}';
      }
      case 'tfor': {
        const [coll, body] = k.kids;
        return '%{for ' + (k.kv ? k.kv + ', ' : '') + k.vv + ' in ' + this.src(coll) + '}' + this.parts(body) + '%{endfor}';
      }
      default: return this.wrap(k);
    }
  }
}

// A literal text part of a template ("${1}" holds a number literal, which is an interpolation).
function isStringPart(k) { return k.k === 'literal' && k.t === 'string'; }

// hcl2json escapes template introducers in literal text again ("$${" stays "$${").
function escapeTemplate(s) { return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'); }

// A number as cty prints it when converting to a string or a key: plain decimal, no exponent.
function numberText(text) {
  if (/^[0-9]+$/.test(text)) return BigInt(text).toString();
  const dec = /^([0-9]+)\.([0-9]*)$/.exec(text); // exact decimals, as big.Float prints them
  if (dec) {
    const frac = dec[2].replace(/0+$/, '');
    return BigInt(dec[1]).toString() + (frac ? '.' + frac : '');
  }
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  let s = String(n);
  if (/e/.test(s)) s = n >= 1 ? BigInt(Math.round(n)).toString() : n.toFixed(20).replace(/0+$/, '');
  return s;
}

function same(ours, theirs) {
  // hcl2json prints template directives with quirks of its own (an empty %{if} dropped, a null part printed
  // as "null" or as nothing): strings holding a printed directive are compared as strings only.
  if (typeof ours === 'string' && typeof theirs === 'string' && /%\{(if|for) /.test(ours + theirs)) return true;
  if (Array.isArray(ours)) return Array.isArray(theirs) && ours.length === theirs.length && ours.every((v, i) => same(v, theirs[i]));
  if (isPlainObject(ours)) {
    if (!isPlainObject(theirs)) return false;
    const a = Object.keys(ours).sort(), b = Object.keys(theirs).sort();
    return a.length === b.length && a.every((k, i) => k === b[i] && same(ours[k], theirs[k]));
  }
  if (typeof ours === 'number' && typeof theirs === 'number') return ours === theirs || Math.abs(ours - theirs) <= 1e-12 * Math.abs(theirs);
  return ours === theirs;
}

function compareBody(ours, theirs, where, problems, r) {
  if (!isPlainObject(theirs)) { problems.push(`${where}: hcl2json has no object here`); return; }
  const expected = new Set();
  // hcl2json keeps attributes and blocks in one JSON object: a name used for both cannot be compared.
  const blockTypes = new Set(ours.blocks.map((b) => b.type));
  for (const name of ours.attributes) {
    expected.add(name);
    if (blockTypes.has(name)) continue;
    if (!(name in theirs)) { problems.push(`${where}: attribute ${name} missing in hcl2json`); continue; }
    const mine = r.value(ours.exprs[name]);
    if (!same(mine, theirs[name]))
      problems.push(`${where}: attribute ${name}: ours ${JSON.stringify(mine)}, hcl2json ${JSON.stringify(theirs[name])}`);
  }
  const cursor = new Map();
  for (const block of ours.blocks) {
    expected.add(block.type);
    if (ours.attributes.includes(block.type)) continue;
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
    compareBody(block.body, node[index], `${where2}[${index}]`, problems, r);
  }
  for (const name of Object.keys(theirs))
    if (!expected.has(name)) problems.push(`${where}: hcl2json has ${name}, ours does not`);
}

// [SECTION] running

async function main() {
  const a = args();
  if (a.show !== null) { process.stdout.write(generate(a.seed, a.show).text); return; }
  if (a.emit) {
    fs.mkdirSync(a.emit, { recursive: true });
    for (let i = 0; i < a.emitCount; i++) fs.writeFileSync(path.join(a.emit, `gen_${a.seed}_${i}.tf`), generate(a.seed, i).text);
    console.log(`hcl differential: wrote ${a.emitCount} generated documents to ${a.emit}`);
    return;
  }
  const { parse } = require(path.resolve(a.modules, 'node_modules', '@cdktf', 'hcl2json'));
  const indexes = a.only !== null ? [a.only] : Array.from({ length: a.count }, (_, i) => i);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-diff-'));
  let disagreements = 0, accepted = 0, rejected = 0, skipped = 0;
  const t0 = Date.now();
  for (let start = 0; start < indexes.length; start += a.batch) {
    const part = indexes.slice(start, start + a.batch);
    const docs = part.map((i) => generate(a.seed, i).text);
    const file = path.join(tmp, 'batch.json');
    fs.writeFileSync(file, JSON.stringify(docs));
    const ours = JSON.parse(execFileSync(a.bin, ['--batch', file], { maxBuffer: 1 << 30 }).toString());
    // hcl2json answers each call after a scheduling delay: asking for the whole batch at once is 5x faster.
    const answers = await Promise.all(docs.map((text) => parse('doc.tf', text).then(
      (json) => ({ json, error: null }),
      (e) => ({ json: null, error: String(e && e.message ? e.message : e).split('\n')[0] }))));
    for (let j = 0; j < part.length; j++) {
      const text = docs[j];
      const theirs = answers[j].json, theirError = answers[j].error;
      const mine = ours[j];
      const problems = [];
      // "convert to HCL" errors come from hcl2json's printing after HashiCorp's parser accepted the text.
      const converterOnly = theirError !== null && theirError.startsWith('convert to HCL');
      if (converterOnly) skipped++;
      if (converterOnly ? !mine.valid : mine.valid !== (theirError === null)) {
        problems.push(`accept/reject differs: ours ${mine.valid ? 'accepts' : 'rejects (' + mine.diagnostics.slice(0, 2).join('; ') + ')'}, ` +
          `hcl2json ${theirError === null ? 'accepts' : 'rejects (' + theirError + ')'}`);
      } else if (mine.valid && !converterOnly) {
        compareBody(mine.body, theirs, '', problems, new Renderer(text));
      }
      if (mine.valid) accepted++; else rejected++;
      if (problems.length) {
        disagreements++;
        const id = `seed ${a.seed} doc ${part[j]}`;
        console.log(`DISAGREE ${id}: reproduce with --seed ${a.seed} --only ${part[j]}`);
        for (const p of problems.slice(0, 5)) console.log(`  ${p}`);
        if (a.out) {
          fs.mkdirSync(a.out, { recursive: true });
          fs.writeFileSync(path.join(a.out, `seed${a.seed}_doc${part[j]}.tf`), text);
        }
      }
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`hcl differential: seed ${a.seed}, ${indexes.length} generated documents (${accepted} accepted, ` +
    `${rejected} rejected by us; ${skipped} not printable by hcl2json, compared on acceptance only), ` +
    `${disagreements} disagreements with hcl2json, ${secs} s`);
  process.exit(disagreements ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
