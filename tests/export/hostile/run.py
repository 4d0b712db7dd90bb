#!/usr/bin/env python3
"""Export injection test (issue 14, item 1).

Every string of a document that covers every statement kind (base.json), and every key of its free-form
objects, is replaced in turn by each hostile text below: quotes of each kind, backslashes, newlines,
triple quotes, comment closers, template openers, </script>, control characters and non-ASCII. Each
variant is exported (both languages). A variant the loader refuses must exit 2 with a JSON path; an
accepted one must produce files whose *structure* equals that of the same document with a plain word in
that place:
  - Python: ast.parse succeeds and the sequence of AST node types equals the plain export's;
  - JavaScript: acorn parses the module and the sequence of node types equals the plain export's;
  - Terraform: HashiCorp's parser (@cdktf/hcl2json) accepts it and the JSON's shape equals the plain one's;
  - README: the same number of lines and of code fences; package.json parses.
No identifier anywhere may contain the marker word: the text stayed inside its literal or comment.

Usage: tests/export/hostile/run.py [--sim build/native/bin/durable-sim] [--keep DIR]
"""
import argparse
import ast
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
MARK = "pwned"

HOSTILE = [
    'wf"""; import os; os.system("id"); pwned(); """',
    "wf'''; pwned(); '''",
    '"; pwned(); "',
    "'; pwned(); '",
    "`; pwned(); `",
    "${pwned()}",
    "%{ if pwned }x%{ endif }",
    "*/ pwned(); /*",
    "</script><script>pwned()</script>",
    "back\\slash \\N{x} \\u00 \\x \\",
    "line one\npwned()\n# line three\r\n",
    "tab\there \x01\x1b[31m pwned \x7f",
    "\u2028pwned()\u2029 \ufeff",
    "\u00fcn\u00efc\u00f8d\u00e9 \U0001F600 pwned \u0645\u0631\u062d\u0628\u0627",
    "```\nrm -rf / # pwned\n```",
    "#{pwned} {{pwned}} $(pwned) `pwned`",
]
PLAIN = "plainword"

# Objects whose keys are the user's own (the rest are the format's field names).
FREE_OBJECT_KEYS = {"input", "returns", "payload", "succeed", "data", "initial_state", "functions"}


def string_positions(value, path=(), free=False):
    """Yields ('value', path) for each string and ('key', path) for each key of a free-form object."""
    if isinstance(value, str):
        yield ("value", path)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from string_positions(v, path + (i,), free)
    elif isinstance(value, dict):
        for k, v in value.items():
            if free:
                yield ("key", path + (k,))
            yield from string_positions(v, path + (k,), free or k in FREE_OBJECT_KEYS)


def replaced(doc, kind, path, text):
    out = copy.deepcopy(doc)
    parent = out
    for p in path[:-1]:
        parent = parent[p]
    last = path[-1]
    if kind == "value":
        parent[last] = text
    else:  # rename the key, keeping the order of the others
        items = list(parent.items())
        parent.clear()
        for k, v in items:
            parent[text if k == last else k] = v
    return out


def export(sim, doc, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    doc_path = os.path.join(out_dir, "doc.json")
    with open(doc_path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    proc = subprocess.run([sim, "export", doc_path, "--out", os.path.join(out_dir, "project")],
                          capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stderr


class DropNameKeywords(ast.NodeTransformer):
    """Removes `name="..."` arguments given as a string literal. The Python handler leaves `name=` out when
    the decorated step function's name already is the operation's name (the SDK's @durable_step names the
    step after its function): a plain word as a step name is one, a hostile text never is. A literal
    argument cannot carry injected code; what could (the text) is checked everywhere else."""

    def visit_Call(self, node):
        self.generic_visit(node)
        node.keywords = [k for k in node.keywords
                         if not (k.arg == "name" and isinstance(k.value, ast.Constant)
                                 and isinstance(k.value.value, str))]
        return node


def py_shape(path):
    """The AST's node types in walk order, and its identifiers in the same order."""
    with open(path, encoding="utf-8") as f:
        tree = DropNameKeywords().visit(ast.parse(f.read(), filename=path))
    names = []
    for node in ast.walk(tree):
        for attr in ("id", "attr", "name", "arg", "asname", "module"):
            v = getattr(node, attr, None)
            if isinstance(v, str):
                names.append(v)
    return [type(n).__name__ for n in ast.walk(tree)], names


def foreign_identifiers(mine, plain):
    """Identifiers of the hostile export that the plain export does not have, unless each stands in for one
    of the plain export's identifiers derived from the replaced word (step functions and error classes are
    named after the text on purpose, sanitised by make_identifier): others could only come from injection."""
    from collections import Counter
    extra, missing = Counter(mine) - Counter(plain), Counter(plain) - Counter(mine)
    if sum(extra.values()) != sum(missing.values()) or any(PLAIN not in p.lower() for p in missing):
        return sorted(extra) or ["(identifiers of the plain export are missing)"]
    return []


def outside_fences(lines):
    out, inside = [], False
    for line in lines:
        if line.lstrip().startswith("```"):
            inside = not inside
        elif not inside:
            out.append(line)
    return out


def files_of(project):
    out = {}
    for base, _, names in os.walk(project):
        for n in names:
            p = os.path.join(base, n)
            out[os.path.relpath(p, project)] = p
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim", default=os.path.join(ROOT, "build/native/bin/durable-sim"))
    ap.add_argument("--keep", help="keep the exported projects in this folder")
    args = ap.parse_args()
    with open(os.path.join(HERE, "base.json"), encoding="utf-8") as f:
        base = json.load(f)
    work = args.keep or tempfile.mkdtemp(prefix="hostile-")
    failures = []

    rc, err = export(args.sim, base, os.path.join(work, "base"))
    if rc != 0:
        print(f"hostile: the base document does not export: {err}")
        return 1

    positions = list(string_positions(base))
    jobs = []  # (label, kind, path, text, dir)
    for pi, (kind, path) in enumerate(positions):
        jobs.append((pi, kind, path, PLAIN, os.path.join(work, f"p{pi}", "plain")))
        for hi, text in enumerate(HOSTILE):
            jobs.append((pi, kind, path, text, os.path.join(work, f"p{pi}", f"h{hi}")))

    def run(job):
        pi, kind, path, text, d = job
        return export(args.sim, replaced(base, kind, path, text), d)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(run, jobs))

    accepted = []
    plain_ok = {}
    for job, (rc, err) in zip(jobs, results):
        pi, kind, path, text, d = job
        where = f"{kind} {'/'.join(map(str, path))} = {text!r}"
        if text == PLAIN:
            plain_ok[pi] = rc == 0
            continue
        if rc == 2:
            if "$" not in err:
                failures.append(f"{where}: refused without a JSON path: {err.strip()}")
        elif rc != 0:
            failures.append(f"{where}: export exit {rc}: {err.strip()[:300]}")
        elif not plain_ok.get(pi):
            failures.append(f"{where}: accepted although the plain word there is refused")
        else:
            accepted.append(job)

    # Python and README/package.json in-process; JavaScript and Terraform in one node process each.
    js_pairs, tf_pairs = [], []
    for pi, kind, path, text, d in accepted:
        where = f"{kind} {'/'.join(map(str, path))} = {text!r}"
        mine = files_of(os.path.join(d, "project"))
        plain = files_of(os.path.join(os.path.dirname(d), "plain", "project"))
        if sorted(mine) != sorted(plain):
            failures.append(f"{where}: files differ from the plain export: {sorted(set(mine) ^ set(plain))}")
            continue
        for rel, p in mine.items():
            q = plain[rel]
            try:
                if rel.endswith(".py"):
                    shape, names = py_shape(p)
                    plain_shape, plain_names = py_shape(q)
                    bad = foreign_identifiers(names, plain_names)
                    if bad:
                        failures.append(f"{where}: {rel}: identifiers from the text: {bad[:4]}")
                    elif shape != plain_shape:
                        failures.append(f"{where}: {rel}: Python structure differs from the plain export")
                elif rel.endswith(".mjs") or rel.endswith(".js"):
                    js_pairs.append((where, rel, p, q))
                elif rel.endswith(".tf"):
                    tf_pairs.append((where, rel, p, q))
                elif rel.endswith(".json"):
                    with open(p, encoding="utf-8") as f:
                        json.load(f)
                elif rel.endswith(".md"):
                    a = open(p, encoding="utf-8").read().split("\n")
                    b = open(q, encoding="utf-8").read().split("\n")
                    fences = lambda lines: sum(1 for l in lines if l.lstrip().startswith("```"))
                    if len(a) != len(b) or fences(a) != fences(b):
                        failures.append(f"{where}: {rel}: Markdown lines/fences differ from the plain export")
                    if re.search(r"(?<!\\)<script", "\n".join(outside_fences(a))):
                        failures.append(f"{where}: {rel}: raw <script> in the README")
            except SyntaxError as e:
                failures.append(f"{where}: {rel}: Python does not parse: {e}")
            except ValueError as e:
                failures.append(f"{where}: {rel}: {e}")

    def node_check(script, pairs, env=None):
        if not pairs:
            return
        listing = os.path.join(work, os.path.basename(script) + ".list.json")
        with open(listing, "w", encoding="utf-8") as f:
            json.dump([{"where": w, "rel": r, "file": p, "plain": q} for w, r, p, q in pairs], f)
        proc = subprocess.run(["node", os.path.join(HERE, script), listing], capture_output=True, text=True,
                              env={**os.environ, **(env or {})}, timeout=600)
        for line in proc.stdout.splitlines():
            if line.strip():
                failures.append(line)
        if proc.returncode not in (0, 1):
            failures.append(f"{script}: exit {proc.returncode}: {proc.stderr.strip()[:500]}")

    node_check("js_shape.mjs", js_pairs, {"NODE_PATH": "/usr/share/nodejs"})
    hcl_dir = os.path.join(ROOT, "tests/differential/node_modules")
    if os.path.isdir(os.path.join(hcl_dir, "@cdktf/hcl2json")):
        node_check("tf_shape.mjs", tf_pairs, {"HCL2JSON_DIR": hcl_dir})
    else:
        print("hostile: @cdktf/hcl2json not installed (tests/differential/run installs it); Terraform shape skipped")

    # The fields that carried the hole must be accepted with every text, or the test proves nothing.
    must_accept = [("value", ("name",)), ("value", ("description",)),
                   ("value", ("handler", 1, "throws", 0, "error", "type")),
                   ("value", ("handler", 1, "side_effect",)), ("value", ("handler", 0, "log"))]
    accepted_at = {(j[1], j[2]) for j in accepted}
    for kind, path in must_accept:
        n = sum(1 for j in accepted if (j[1], j[2]) == (kind, path))
        # A log text is a template: "${pwned()}" in it is a reference the loader refuses, rightly.
        want = sum(1 for t in HOSTILE if not (path[-1] == "log" and "${" in t))
        if n != want:
            failures.append(f"{kind} {'/'.join(map(str, path))}: only {n} of {want} texts accepted")
    print(f"hostile: {len(positions)} positions x {len(HOSTILE)} texts = {len(positions) * len(HOSTILE)} exports;"
          f" {len(accepted)} accepted and checked ({len(js_pairs)} JavaScript, {len(tf_pairs)} Terraform files),"
          f" {len(accepted_at)} positions accept some hostile text, the rest refused with a JSON path")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures[:60]:
        print("FAIL", f)
    if len(failures) > 60:
        print(f"... and {len(failures) - 60} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
