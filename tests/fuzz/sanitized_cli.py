#!/usr/bin/env python3
"""Runs the ASan + UBSan builds of durable-sim and tf-check over the fuzz corpora and mutations of them.

Called by tests/fuzz/run_sanitized_cli (which builds the tools with the `sanitize` CMake preset). Three
corpora, each for its share of SANITIZE_SECONDS:
  workflow documents  tests/fuzz/workflow_seeds, examples, tests/scenarios/*/workflow.json and the
                      libFuzzer corpus when present: `check`, then `run` (with a database now and then,
                      followed by `history` and `advance`);
  share links         the same documents packed as the page packs them (deflate-raw, base64url, "v1."),
                      damaged at the link level, then opened the way web/platform.js opens them (1 MB of
                      link text, 16 MB inflated, UTF-8, JSON) and checked;
  histories           tests/fuzz/importer_seeds, tests/importer and the importer fuzzer's corpus when
                      present: `import FILE --db`, then `export-history` of what was imported (issue 13);
  HCL                 tests/fuzz/hcl_seeds, tests/terraform/corpus, the lesson files and the HCL fuzzer's
                      corpus when present: `tf-check`.
Each corpus gets its files as they are (in a seeded order, as many as its share of the time allows), then
mutations of them (structure-aware for JSON, byte and token level for HCL) from a seeded random source. Besides the corpora, fixed boundary cases (nesting at and past the
limits, long operator chains) run once each. A sanitizer report, a signal, an exit status other than the
tool's own (0, 1, 2) or a run over the time bound is a finding: the input is kept in
build/sanitize/findings/ and the run fails. Exit 0 when nothing was found.

  tests/fuzz/sanitized_cli.py BUILD_BIN_DIR [--seconds N] [--seed N]
"""
import argparse
import base64
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
TIME_BOUND = 30  # seconds for one command under the sanitizers (the hardening suite allows 20 natively)
SHARE_MAX_LINK_CHARS = 1024 * 1024  # web/platform.js
SHARE_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # web/platform.js, kMaxDocumentBytes in src/workflow/loader.hpp
SANITIZER_ENV = {
    # A report ends the process with its own status, so a finding is never mistaken for exit 1 or 2.
    'ASAN_OPTIONS': 'detect_leaks=1:abort_on_error=0:exitcode=86:detect_stack_use_after_return=1',
    'UBSAN_OPTIONS': 'halt_on_error=1:print_stacktrace=1:exitcode=87',
}


def read_files(patterns):
    out = []
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if os.path.isfile(path) and os.path.getsize(path) <= 1 << 20:
                with open(path, 'rb') as f:
                    out.append((os.path.relpath(path, ROOT), f.read()))
    return out


class Runner:
    """Runs one tool command, classifies the outcome and keeps the inputs of findings."""

    def __init__(self, bin_dir, findings_dir):
        bin_dir = os.path.abspath(bin_dir)
        self.sim = os.path.join(bin_dir, 'durable-sim')
        self.tf = os.path.join(bin_dir, 'tf-check')
        self.findings_dir = findings_dir
        self.work = tempfile.mkdtemp(prefix='dp_sanitize_')
        self.env = dict(os.environ, **SANITIZER_ENV)
        self.runs = 0
        self.findings = 0

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def command(self, args, label, data, suffix):
        """Runs args; returns the exit status, or None after recording a finding."""
        self.runs += 1
        try:
            done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env,
                                  timeout=TIME_BOUND, cwd=self.work)
            status, err = done.returncode, done.stderr.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            status, err = 'timeout', 'no answer within %d s' % TIME_BOUND
        sanitizer = 'AddressSanitizer' in err or 'runtime error:' in err or 'LeakSanitizer' in err
        if status in (0, 1, 2) and not sanitizer:
            return status
        self.findings += 1
        os.makedirs(self.findings_dir, exist_ok=True)
        kept = os.path.join(self.findings_dir, 'finding-%d%s' % (self.findings, suffix))
        with open(kept, 'wb') as f:
            f.write(data)
        tool = [os.path.basename(args[0])] + [a if not a.startswith(self.work) else os.path.basename(a) for a in args[1:]]
        print('FINDING (%s) %s: %s %s -> %s; input kept in %s' % (label, 'sanitizer' if sanitizer else 'exit',
              ' '.join(tool[:1]), ' '.join(tool[1:]), status, os.path.relpath(kept, ROOT)))
        if self.findings <= 10:  # the first ones in full; the rest are kept in the folder
            print('\n'.join('    ' + line for line in err.strip().splitlines()[:30]))
        return None

    def workflow(self, data, label, rng):
        path = os.path.join(self.work, 'doc.json')
        with open(path, 'wb') as f:
            f.write(data)
        status = self.command([self.sim, 'check', path], label, data, '.json')
        if status != 0:
            return
        if rng.random() < 0.25:
            db = os.path.join(self.work, 'run.db')
            for leftover in glob.glob(db + '*'):
                os.remove(leftover)
            if self.command([self.sim, 'run', path, '--db', db, '--until', 'suspend'], label, data, '.json') != 0:
                return
            self.command([self.sim, 'history', '--db', db], label, data, '.json')
            self.command([self.sim, 'advance', '--db', db, '--next-timer'], label, data, '.json')
        else:
            self.command([self.sim, 'run', path], label, data, '.json')

    def history(self, data, label):
        path = os.path.join(self.work, 'history.json')
        with open(path, 'wb') as f:
            f.write(data)
        db = os.path.join(self.work, 'imported.db')
        for leftover in glob.glob(db + '*'):
            os.remove(leftover)
        if self.command([self.sim, 'import', path, '--db', db], label, data, '.json') == 0:
            self.command([self.sim, 'export-history', '--db', db], label, data, '.json')

    def hcl(self, data, label):
        path = os.path.join(self.work, 'main.tf')
        with open(path, 'wb') as f:
            f.write(data)
        self.command([self.tf, '--format', 'line', path], label, data, '.tf')


# --- share links (web/platform.js, in Python) ---------------------------------------------------------

def pack_link(document):
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(document) + deflate.flush()
    return 'v1.' + base64.urlsafe_b64encode(packed).decode('ascii').rstrip('=')


def open_link(link):
    """The document a link carries as the page opens it, or None where the page shows a notice instead."""
    if not link.startswith('v1.'):
        return None
    packed = link[3:]
    if len(packed) > SHARE_MAX_LINK_CHARS or len(packed) % 4 == 1:
        return None
    if any(c not in 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_' for c in packed):
        return None
    try:
        raw = base64.urlsafe_b64decode(packed + '=' * (-len(packed) % 4))
        inflate = zlib.decompressobj(-15)
        text = inflate.decompress(raw, SHARE_MAX_DOCUMENT_BYTES + 1)
        if len(text) > SHARE_MAX_DOCUMENT_BYTES or not inflate.eof:
            return None
        json.loads(text.decode('utf-8'))
        return text
    except (ValueError, zlib.error, UnicodeDecodeError, RecursionError):
        return None


def mutate_link(link, rng):
    kind = rng.randrange(5)
    chars = list(link)
    if kind == 0 and len(chars) > 4:  # cut short
        return link[:rng.randrange(3, len(link))]
    if kind == 1:  # characters changed
        for _ in range(rng.randrange(1, 6)):
            chars[rng.randrange(3, len(chars))] = rng.choice('AQgw_-09zZ')
        return ''.join(chars)
    if kind == 2:  # bits flipped in the compressed bytes, then packed again
        raw = bytearray(base64.urlsafe_b64decode(link[3:] + '=' * (-len(link[3:]) % 4)))
        for _ in range(rng.randrange(1, 4)):
            if raw:
                raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
        return 'v1.' + base64.urlsafe_b64encode(bytes(raw)).decode('ascii').rstrip('=')
    if kind == 3:  # a block repeated
        at = rng.randrange(3, len(link))
        return link[:at] + link[at:at + rng.randrange(1, 40)] * rng.randrange(2, 20) + link[at:]
    return link + rng.choice(['', 'A', 'AA', 'AAA', '&scale=2.00'])


# --- JSON documents: structure-aware mutations ---------------------------------------------------------

EXTREME_NUMBERS = [-1, 0, 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63 - 1, 2 ** 63, 2 ** 64, 10 ** 20, -(2 ** 63), 1e308,
                   -1e308, 0.5, 1e-300, 31622400, 31622401, 99999999, 100000000]
HOSTILE_STRINGS = ['', '${input}', '${input.orderId[99999999999999999999]}', '${input.n + 1}',
                   '${input.n * 99999999999999999999}', '${missing}', '${', '}', '${input.a[-1]}',
                   '${input.' + 'a.' * 300 + 'b}', 'x' * 70000, '"""', '\\u0000', '\u2028', 'é' * 10]


def nodes(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from nodes(child, path + (i,))


def replace_at(value, path, new):
    if not path:
        return new
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return value


def mutate_json(doc, rng):
    all_nodes = list(nodes(doc))
    path, node = rng.choice(all_nodes)
    kind = rng.randrange(8)
    if kind == 0:
        new = rng.choice(EXTREME_NUMBERS)
    elif kind == 1:
        new = rng.choice(HOSTILE_STRINGS)
    elif kind == 2:  # nest the node deeper
        new = node
        for _ in range(rng.choice([2, 10, 70, 199, 201])):
            new = [new] if rng.random() < 0.5 else {'v': new}
    elif kind == 3 and isinstance(node, list) and node:  # repeat items
        new = node + [json.loads(json.dumps(rng.choice(node))) for _ in range(rng.randrange(1, 50))]
    elif kind == 4 and isinstance(node, dict) and node:  # drop a key
        new = dict(node)
        new.pop(rng.choice(list(new)))
    elif kind == 5:  # graft another node of the same document here
        new = json.loads(json.dumps(rng.choice(all_nodes)[1]))
    elif kind == 6:
        new = rng.choice([None, True, False, [], {}])
    else:
        new = str(node) if not isinstance(node, str) else node * rng.randrange(2, 5)
    return replace_at(doc, path, new)


def mutate_bytes(data, rng, tokens):
    data = bytearray(data)
    for _ in range(rng.randrange(1, 5)):
        kind = rng.randrange(5)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del data[at:at + rng.randrange(1, 64)]
        elif kind == 2:
            data[at:at] = rng.choice(tokens)
        elif kind == 3 and data:
            start = rng.randrange(len(data))
            data[at:at] = data[start:start + rng.randrange(1, 256)]
        else:
            data = data[:at]
    return bytes(data)


JSON_TOKENS = [b'{', b'}', b'[', b']', b'"', b',', b':', b'\\', b'\\u0000', b'\\ud800', b'1e999', b'-0',
               b'99999999999999999999', b'${', b'\xff', b'\xc3']
HCL_TOKENS = [b'{', b'}', b'[', b']', b'(', b')', b'"', b'${', b'%{', b'%{ if x }', b'%{ endif }', b'<<EOT\n',
              b'<<-EOT\n', b'\nEOT\n', b'[*]', b'.*', b'#', b'//', b'/*', b'*/', b'\n', b'=', b'=>', b'?', b':',
              b'...', b'for k, v in x : ', b'\\', b'\t', b'\xff', b'\xe2\x80\x8b', b'1e99999', b'0x', b'!']


# --- fixed boundary cases -------------------------------------------------------------------------

def document(handler, input_value=None):
    return json.dumps({'format': 1, 'name': 'edge', 'function': {'runtime': 'python3.14',
                       'durable_config': {'execution_timeout': 60}}, 'input': input_value or {},
                       'handler': handler})


def boundary_workflows():
    cases = []
    # The loader's limit is 200 levels for the whole document (kMaxJsonDepth): a return value sits 3 levels
    # down ({"handler": [{"return": …}]}), the input 1. Just under, at and past the limit, then far past.
    for where, outer in (('a return', 3), ('the input', 1)):
        for depth in (199 - outer, 200 - outer, 201 - outer, 1000, 5000, 100000):
            nested = '[' * depth + ']' * depth
            if where == 'a return':
                text = document([{'return': 'DEEP'}]).replace('"DEEP"', nested)
            else:
                text = document([{'return': '${input}'}]).replace('"input": {}', '"input": ' + nested)
            cases.append(('json depth %d in %s' % (depth, where), text.encode()))
    for depth in (63, 64, 65, 1000, 100000):  # as text: Python's json cannot write 1,000 levels
        body = '[{"if": true, "then": ' * depth + '[{"return": 1}]' + '}]' * depth
        cases.append(('if nesting %d' % depth, document([{'return': 'DEEP'}]).replace('[{"return": "DEEP"}]', body).encode()))
    cases.append(('index past any array', document([{'return': '${input.orderId[99999999999999999999]}'}],
                                                  {'orderId': [1]}).encode()))
    cases.append(('largest integer plus one', document([{'return': '${input.n + 1}'}],
                                                      {'n': 18446744073709551615}).encode()))
    return cases


def boundary_hcl():
    cases = []
    for n in (1000, 100000):
        cases.append(('%d + operands' % n, ('locals {\n  x = ' + ' + '.join(['1'] * n) + '\n}\n').encode()))
        cases.append(('%d splats' % n, ('locals {\n  x = a' + '[*].b' * n + '\n}\n').encode()))
        cases.append(('%d parentheses' % n, ('locals {\n  x = ' + '(' * n + '1' + ')' * n + '\n}\n').encode()))
        cases.append(('%d nested blocks' % n, ('a {\n' * n + '}\n' * n).encode()))
    cases.append(('200,000 attributes', ('locals {\n' + ''.join('  a%d = %d\n' % (i, i) for i in range(200000)) +
                                         '}\n').encode()))
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('bin_dir')
    parser.add_argument('--seconds', type=float, default=90)
    parser.add_argument('--seed', type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    runner = Runner(args.bin_dir, os.path.join(ROOT, 'build', 'sanitize', 'findings'))
    shutil.rmtree(runner.findings_dir, ignore_errors=True)
    workflows = read_files(['tests/fuzz/workflow_seeds/*.json', 'examples/*.json', 'tests/scenarios/*/workflow.json',
                            'build/fuzz-workflow/corpus/*'])
    hcl = read_files(['tests/fuzz/hcl_seeds/*.tf', 'tests/terraform/corpus/*.tf', 'tests/terraform/blog/*.tf',
                      'examples/terraform/*/*.tf', 'lessons/terraform/*.tf', 'build/fuzz/corpus/*'])
    histories = read_files(['tests/fuzz/importer_seeds/*.json', 'tests/importer/*.json',
                            'build/fuzz-importer/corpus/*'])
    parsed = []
    for name, data in workflows:
        try:
            parsed.append((name, json.loads(data)))
        except (ValueError, RecursionError):
            pass
    print('sanitized CLI: seed %d, %d workflow documents (%d JSON), %d histories, %d HCL files, %.0f s' %
          (args.seed, len(workflows), len(parsed), len(histories), len(hcl), args.seconds))
    started = time.monotonic()
    counts = {}

    def budget_left(share_end):
        return time.monotonic() - started < args.seconds * share_end

    def count(kind):
        counts[kind] = counts.get(kind, 0) + 1

    try:
        # The boundary cases, once each.
        for label, data in boundary_workflows():
            runner.workflow(data, label, rng)
            count('workflow')
        for label, data in boundary_hcl():
            runner.hcl(data, label)
            count('hcl')
        # Then each corpus for its share of the time (35% documents, 15% links, 20% histories, 30% HCL): its
        # files as they are, in a seeded order (a short run gets through part of them), then mutations.
        as_is = list(workflows)
        rng.shuffle(as_is)
        while budget_left(0.35) and as_is:
            name, data = as_is.pop()
            runner.workflow(data, name, rng)
            count('workflow')
        while budget_left(0.35) and parsed:
            name, doc = rng.choice(parsed)
            if rng.random() < 0.7:
                mutated = json.loads(json.dumps(doc))
                try:
                    for _ in range(rng.randrange(1, 4)):
                        mutated = mutate_json(mutated, rng)
                    data = json.dumps(mutated).encode()
                except RecursionError:  # Python's own limit (deep cases are in boundary_workflows)
                    continue
            else:
                data = mutate_bytes(json.dumps(doc).encode(), rng, JSON_TOKENS)
            runner.workflow(data, 'mutation of ' + name, rng)
            count('workflow')
        while budget_left(0.5) and parsed:
            name, doc = rng.choice(parsed)
            try:
                link = pack_link(json.dumps(mutate_json(json.loads(json.dumps(doc)), rng)).encode())
            except RecursionError:
                continue
            if rng.random() < 0.7:
                link = mutate_link(link, rng)
            opened = open_link(link)
            count('link')
            if opened is not None:
                runner.workflow(opened, 'share link from ' + name, rng)
        as_is = list(histories)
        rng.shuffle(as_is)
        while budget_left(0.7) and as_is:
            name, data = as_is.pop()
            runner.history(data, name)
            count('history')
        parsed_histories = []
        for name, data in histories:
            # A file may hold several JSON values (pages, then get-durable-execution's output): the first.
            try:
                parsed_histories.append((name, json.JSONDecoder().raw_decode(data.decode('utf-8', 'replace').lstrip())[0]))
            except (ValueError, RecursionError):
                pass
        while budget_left(0.7) and parsed_histories:
            name, doc = rng.choice(parsed_histories)
            if rng.random() < 0.7:
                try:
                    mutated = json.loads(json.dumps(doc))
                    for _ in range(rng.randrange(1, 4)):
                        mutated = mutate_json(mutated, rng)
                    data = json.dumps(mutated).encode()
                except RecursionError:
                    continue
            else:
                data = mutate_bytes(json.dumps(doc).encode(), rng, JSON_TOKENS)
            runner.history(data, 'mutation of ' + name)
            count('history')
        as_is = list(hcl)
        rng.shuffle(as_is)
        while budget_left(1.0) and as_is:
            name, data = as_is.pop()
            runner.hcl(data, name)
            count('hcl')
        while budget_left(1.0) and hcl:
            name, data = rng.choice(hcl)
            if rng.random() < 0.2:  # splice two files
                _, other = rng.choice(hcl)
                data = data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]
            runner.hcl(mutate_bytes(data, rng, HCL_TOKENS), 'mutation of ' + name)
            count('hcl')
    finally:
        runner.close()
    print('sanitized CLI: %d tool runs (%s) in %.0f s, %d finding(s)' %
          (runner.runs, ', '.join('%d %s inputs' % (n, k) for k, n in sorted(counts.items())),
           time.monotonic() - started, runner.findings))
    return 1 if runner.findings else 0


if __name__ == '__main__':
    sys.exit(main())
