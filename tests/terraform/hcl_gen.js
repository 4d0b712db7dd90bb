// Generator of random HCL native-syntax documents for the differential test against HashiCorp's parser
// (hcl_differential.js). Covers every construct of hclsyntax's spec.md: bodies, blocks with quoted and bare
// labels, one-line blocks, every expression form and operator (precedence and parentheses), collections
// with commas/newlines/trailing commas, object keys of every kind, traversals with legacy indexes and both
// splats, function calls with "..." and provider namespaces, for-expressions with grouping and "if",
// quoted templates with escapes, interpolations, %{if}/%{for} directives and strip markers, heredocs of
// both kinds, comments of the three kinds in odd places, newlines inside brackets and parentheses, unicode
// identifiers and numbers in every notation. Broken documents are valid ones with one or two mutations
// (a deleted, inserted or swapped character, a truncation, or a targeted breakage) and are judged by
// HashiCorp's parser like any other. Deterministic: document N of seed S is always the same text.
'use strict';

// splitmix32: small, fast and identical on every platform (no Math.random).
function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const r = {
    int: (n) => next() % n,                  // 0 .. n-1
    chance: (p) => next() / 4294967296 < p,
    pick: (list) => list[next() % list.length],
  };
  return r;
}

const ASCII_NAMES = ['a', 'b', 'x', 'name', 'my-thing', 'value_2', '_private', 'for', 'in', 'if', 'endif', 'else',
  'true_ish', 'null_value', 'count', 'each', 'self', 'resource', 'data', 'var', 'local', 'tags', 'a-b-c'];
// Letters from several scripts (all ID_Start), and combining marks / digits after the first letter.
const UNICODE_START = ['é', 'ñ', 'ü', 'ß', 'α', 'λ', 'ж', 'я', '名', '字', 'ا', 'ש', 'ก', 'Ω', 'ǅ'];
const UNICODE_CONTINUE = ['\u0301', '٣', '_', '-', '9', 'ē'];
const FUNCS = ['f', 'upper', 'jsonencode', 'concat', 'merge', 'lookup', 'format', 'max', 'length', 'try'];

function ident(r) {
  if (r.chance(0.12)) {
    let s = r.pick(UNICODE_START);
    const n = r.int(3);
    for (let i = 0; i < n; i++) s += r.chance(0.5) ? r.pick(UNICODE_START) : r.pick(UNICODE_CONTINUE);
    return s;
  }
  return r.pick(ASCII_NAMES);
}

function number(r) {
  const forms = [
    () => String(r.int(10)),
    () => String(r.int(100000)),
    () => `${r.int(100)}.${r.int(1000)}`,
    () => `${r.int(10)}e${r.int(20)}`,
    () => `${r.int(10)}E+${r.int(5)}`,
    () => `${r.int(10)}.${r.int(10)}e-${r.int(5)}`,
    () => `00${r.int(10)}`,
    () => '12345678901234567890123',
    () => `${r.int(10)}.50`,
  ];
  return r.pick(forms)();
}

// The end of a line, sometimes with a comment before it.
function lineEnd(r) {
  return r.chance(0.85) ? '\n' : r.pick([' # note\n', ' // note\n', ' /* c */\n', ' #\n', '  /* a\n b */\n']);
}

// A comment that may sit where whitespace or a newline is allowed. `inline` only allows /* */.
function comment(r, inline) {
  if (inline || r.chance(0.4)) return r.pick(['/* c */', '/**/', '/* multi\n line */', '/* } ] ) " */']);
  return r.pick(['# note', '// note', '#', '# } ] " ${x}']) + '\n';
}

const ESCAPES = ['\\n', '\\t', '\\r', '\\"', '\\\\', '\\u00e9', '\\U0001F600', '$${literal}', '%%{literal}', '$', '%',
  '$$', '%%', '$x', '% ', '{', '}', '\u00a0', 'ä', '😀'];

function quotedText(r) {
  let s = '';
  const n = r.int(4);
  for (let i = 0; i < n; i++) s += r.chance(0.7) ? r.pick(['hello', ' ', 'a b', 'x', '-', ':', '#', '//', '/*', 'EOT']) : r.pick(ESCAPES);
  return s;
}

class Gen {
  constructor(r) {
    this.r = r;
    this.depth = 0;
    this.heredocs = 0;
  }

  // Newlines and comments between items inside brackets, where they are ignored.
  gap() {
    const r = this.r;
    if (r.chance(0.75)) return r.chance(0.8) ? ' ' : '';
    return r.pick(['\n', '\n  ', ' ' + comment(r, true) + ' ', '\n' + comment(r, false), '\n\n']);
  }

  expr(level = 0) {
    const r = this.r;
    this.depth++;
    let e;
    if (this.depth > 4) e = this.term(true);
    else if (level === 0 && r.chance(0.1)) e = `${this.expr(1)} ? ${this.expr(0)} : ${this.expr(0)}`;
    else if (level <= 1 && r.chance(0.2)) {
      const op = r.pick(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);
      e = `${this.expr(2)}${r.pick([' ', ''])}${op}${r.pick([' ', ''])}${this.expr(2)}`;
      if (r.chance(0.3)) e += ` ${r.pick(['+', '*', '&&'])} ${this.expr(2)}`;
    } else if (r.chance(0.06)) e = `${r.pick(['-', '!'])}${this.postfix(this.term(false))}`;
    else e = this.postfix(this.term(false));
    this.depth--;
    return e;
  }

  postfix(t) {
    const r = this.r;
    let s = t;
    const n = r.chance(0.3) ? r.int(4) : 0;
    let splat = false;
    for (let i = 0; i < n; i++) {
      const k = r.int(10);
      if (k < 4) s += '.' + ident(r);
      else if (k < 5) s += '.' + r.int(4);           // legacy index
      else if (k < 7) s += `[${this.gap()}${this.expr(0)}${this.gap()}]`;
      else if (k < 8) s += '[*]';
      else if (k < 9 && !splat) { s += '.*'; splat = true; }
      else s += `["${quotedText(r)}"]`;
    }
    return s;
  }

  term(simple) {
    const r = this.r;
    const k = simple ? r.int(4) : r.int(17);
    switch (k) {
      case 0: return number(r);
      case 1: return r.pick(['true', 'false', 'null']);
      case 2: return ident(r) + (r.chance(0.5) ? '.' + ident(r) : '');
      case 3: return this.quoted(false);
      case 4: return this.quoted(true);
      case 5: return this.tuple();
      case 6: return this.object();
      case 7: return this.call();
      case 8: return this.forExpr();
      case 9: return `(${this.gap()}${this.expr(0)}${this.gap()})`;
      case 10: return this.heredoc();
      case 11: return `${ident(r)}.*.${ident(r)}`;
      case 12: return `${ident(r)}[*].${ident(r)}[${r.int(3)}]`;
      case 13: return `${ident(r)}.${r.int(3)}.${ident(r)}`;
      case 14: return number(r);
      case 15: return 'var.' + ident(r);
      default: return this.quoted(true);
    }
  }

  quoted(rich) {
    const r = this.r;
    let s = '"';
    const n = rich ? 1 + r.int(4) : 1;
    for (let i = 0; i < n; i++) {
      const k = rich ? r.int(6) : 0;
      if (k <= 2) s += quotedText(r);
      else if (k === 3) s += this.interp();
      else if (k === 4) s += this.directiveIf(false);
      else s += this.directiveFor(false);
    }
    return s + '"';
  }

  strip(open) {
    return this.r.chance(0.2) ? (open ? '~' : '~') : '';
  }

  interp() {
    const r = this.r;
    const pad = () => r.pick(['', ' ', '  ']);
    return '${' + this.strip(true) + pad() + this.expr(0) + pad() + this.strip(false) + '}';
  }

  templateBody(heredoc) {
    const r = this.r;
    let s = '';
    const n = r.int(3);
    for (let i = 0; i < n; i++) {
      if (r.chance(0.6)) s += heredoc ? r.pick(['text ', ' x', '\n', '  indented\n', 'EOTX\n', '$${a}']) : quotedText(r);
      else s += this.interp();
    }
    return s;
  }

  directiveIf(heredoc) {
    const r = this.r;
    const o = () => '%{' + this.strip(true) + ' ';
    const c = () => ' ' + this.strip(false) + '}';
    let s = o() + 'if ' + this.expr(1) + c() + this.templateBody(heredoc);
    if (r.chance(0.5)) s += o() + 'else' + c() + this.templateBody(heredoc);
    return s + o() + 'endif' + c();
  }

  directiveFor(heredoc) {
    const r = this.r;
    const vars = r.chance(0.5) ? 'v' : 'k, v';
    return '%{' + this.strip(true) + ' for ' + vars + ' in ' + this.expr(1) + ' ' + this.strip(false) + '}' +
      this.templateBody(heredoc) + '%{' + this.strip(true) + ' endfor ' + this.strip(false) + '}';
  }

  heredoc() {
    const r = this.r;
    if (this.heredocs > 2) return this.quoted(true);
    this.heredocs++;
    const marker = r.pick(['EOT', 'EOF', 'JSON', 'END_OF_TEXT', 'x-y']);
    const indented = r.chance(0.5);
    const indent = indented ? r.pick(['', '  ', '    ', '\t']) : '';
    let s = `<<${indented ? '-' : ''}${marker}\n`;
    const lines = r.int(4);
    for (let i = 0; i < lines; i++) {
      const k = r.int(6);
      let line = indent + (indented && r.chance(0.4) ? '  ' : '');
      if (k < 3) line += r.pick(['plain text', '{"Version": "2012-10-17"}', '  spaced', '', 'EOT is not alone', `${marker}x`, '# not a comment']);
      else if (k === 3) line += 'a ' + this.interp() + ' b';
      else if (k === 4) line += this.directiveIf(true);
      else line += this.directiveFor(true);
      s += line + '\n';
    }
    s += indent + marker + (r.chance(0.15) ? r.pick([' ', '\t', '  ']) : '');
    return s + '\n';
  }

  tuple() {
    const r = this.r;
    const n = r.int(4);
    let s = '[' + this.gap();
    for (let i = 0; i < n; i++) {
      s += this.expr(0);
      if (i < n - 1) s += ',' + this.gap();
      else if (r.chance(0.3)) s += ',';
      s += r.chance(0.2) ? this.gap() : '';
    }
    return s + this.gap() + ']';
  }

  objectKey() {
    const r = this.r;
    const k = r.int(7);
    if (k < 3) return ident(r);
    if (k < 5) return this.quoted(r.chance(0.3));
    if (k < 6) return `(${this.expr(1)})`;
    return number(r);
  }

  object() {
    const r = this.r;
    const multiline = r.chance(0.5);
    const n = r.int(4);
    let s = '{';
    if (multiline) s += '\n';
    for (let i = 0; i < n; i++) {
      s += (multiline ? '  ' : ' ') + this.objectKey() + ' ' + r.pick(['=', ':']) + ' ' + this.expr(0);
      if (multiline) s += r.chance(0.2) ? ',\n' : lineEnd(r);
      else if (i < n - 1) s += ',';
      else if (r.chance(0.3)) s += ',';
    }
    return s + (multiline ? '' : ' ') + '}';
  }

  call() {
    const r = this.r;
    let name = r.pick(FUNCS);
    if (r.chance(0.1)) name = 'provider::aws::arn_parse';
    const n = r.int(4);
    let s = name + '(' + this.gap();
    for (let i = 0; i < n; i++) {
      s += this.expr(0);
      if (i < n - 1) s += ',' + this.gap();
    }
    if (n > 0 && r.chance(0.15)) s += '...';
    else if (n > 0 && r.chance(0.2)) s += ',';
    return s + this.gap() + ')';
  }

  forExpr() {
    const r = this.r;
    const obj = r.chance(0.5);
    const vars = r.chance(0.5) ? 'v' : 'k, v';
    const nl = () => r.chance(0.3) ? '\n' : ' ';
    let s = (obj ? '{' : '[') + nl() + 'for ' + vars + ' in ' + this.expr(1) + ' :' + nl();
    if (obj) s += this.expr(1) + ' => ' + this.expr(1) + (r.chance(0.3) ? '...' : '');
    else s += this.expr(0);
    if (r.chance(0.3)) s += nl() + 'if ' + this.expr(1);
    return s + nl() + (obj ? '}' : ']');
  }

  label() {
    const r = this.r;
    if (r.chance(0.3)) return ident(r);
    return '"' + r.pick(['aws_lambda_function', 'main', 'with space', 'é', '', 'a\\"b', 'x\\u0041', '-']) + '"';
  }

  body(level) {
    const r = this.r;
    let s = '';
    const n = r.int(level === 0 ? 6 : 4) + (level === 0 ? 1 : 0);
    const indent = '  '.repeat(level);
    const used = new Set();
    for (let i = 0; i < n; i++) {
      if (r.chance(0.12)) s += indent + comment(r, false).replace(/\n$/, '') + '\n';
      if (r.chance(0.08)) s += '\n';
      if (level < 3 && r.chance(0.35)) {
        s += this.block(level);
        continue;
      }
      let name = ident(r);
      if (used.has(name)) continue;
      used.add(name);
      s += indent + name + r.pick([' = ', '=', ' =  ', ' = ' + comment(r, true) + ' ']) + this.expr(0);
      s += lineEnd(r);
    }
    return s;
  }

  block(level) {
    const r = this.r;
    const indent = '  '.repeat(level);
    const labels = [];
    const n = r.int(3);
    for (let i = 0; i < n; i++) labels.push(this.label());
    let head = indent + ident(r) + (labels.length ? ' ' + labels.join(' ') : '') + ' {';
    const k = r.int(6);
    if (k === 0) return head + '}\n';
    if (k === 1) return head + ` ${ident(r)} = ${this.expr(0)} }\n`;
    return head + lineEnd(r) + this.body(level + 1) + indent + '}' + lineEnd(r);
  }
}

// Mutations that usually break a document (HashiCorp's parser decides whether they did).
const INSERTS = ['{', '}', '[', ']', '(', ')', '"', '\n', '$', '${', '%{', '~', '=', ',', '.', '*', '<<', '#', '/*',
  '\\', "'", ';', '&', '|', '?', ':', '=>', '...', 'for ', ' in ', '\r', '\t', '0.', '.0', '\u201c', 'é', '\ufeff'];

function mutate(r, text) {
  const cp = Array.from(text);
  const at = cp.length ? r.int(cp.length) : 0;
  switch (r.int(8)) {
    case 0: cp.splice(at, 1); break;                                  // delete a character
    case 1: cp.splice(at, 0, r.pick(INSERTS)); break;                 // insert something
    case 2: if (at + 1 < cp.length) [cp[at], cp[at + 1]] = [cp[at + 1], cp[at]]; break; // swap
    case 3: cp.length = at; break;                                    // truncate
    case 4: {                                                         // duplicate a line
      const lines = cp.join('').split('\n');
      const i = r.int(lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 5: {                                                         // drop a newline
      const i = cp.indexOf('\n', at);
      if (i >= 0) cp.splice(i, 1);
      break;
    }
    case 6: cp.splice(at, 0, r.pick(INSERTS), r.pick(INSERTS)); break;
    default: {                                                        // break a closer
      const closers = [];
      cp.forEach((c, i) => { if ('}])"'.includes(c)) closers.push(i); });
      if (closers.length) cp.splice(r.pick(closers), 1);
    }
  }
  return cp.join('');
}

// Document `index` of run `seed`: {text, broken}. About a third are mutated.
function generate(seed, index) {
  const r = rng((Math.imul(seed >>> 0, 0x2545f491) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const g = new Gen(r);
  let text = g.body(0);
  const broken = r.chance(0.35);
  if (broken) {
    text = mutate(r, text);
    if (r.chance(0.2)) text = mutate(r, text);
  } else if (r.chance(0.05)) {
    text = text.replace(/\n$/, '');                                    // no newline at the end of the file
  } else if (r.chance(0.05)) {
    text = text.replace(/\n/g, '\r\n');                              // CRLF
  }
  return { text, broken };
}

module.exports = { generate, rng };
