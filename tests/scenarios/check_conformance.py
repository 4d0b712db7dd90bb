#!/usr/bin/env python3
"""Checks the engine against the official conformance expectations.

For every folder under tests/scenarios that has a conformance.json (the ExpectedResult and
ExpectedExecutionHistory of one requirement of aws/aws-durable-execution-conformance-tests, transcribed
into JSON), runs the folder's workflow.json with durable-sim and matches the resulting history with the
rules of the official runner (history.py EventHistoryMatcher, see /work/shared/spec/conformance.md §3.1):

* expected events are looked up by EventId; extra actual events are ignored;
* only the keys listed are compared (recursively); a listed key must exist in the actual event;
* '*' accepts any value, {} means "don't care", ${NAME} binds on first use and must then be equal,
  ${/re/} must search() the stringified value, {"${JSON}": spec} decodes a JSON string first,
  ${ABSENT} asserts a key is absent; lists match element-wise with equal length; anything else is
  literal equality after placeholder substitution;
* the conformance.json "variables" (the requirement's Variables, fixed to the values the workflow uses)
  are bound before matching, as the runner binds its generated values;
* before matching, Name is back-filled on CallbackStarted/StepStarted/StepSucceeded children of a
  WaitForCallback context (validate.py inherit_wait_for_callback_event_names).

The execution is driven like the official async runner: scripted callback answers come from the
workflow's simulation.callbacks; callbacks nobody answers are left to time out (the checker advances the
virtual clock to the next timer until the execution is terminal).

Per folder prints "ok", "FAIL <first difference>", "XFAIL" (conformance.json has "known_engine_bug"; the
mismatch is a documented engine bug, docs/conformance-findings.md), or "XPASS" (marked as a bug but
matches: remove the mark). Exit status is non-zero when any folder FAILs or XPASSes.

usage: check_conformance.py [--sim PATH] [--verbose] [FILTER...]
  FILTER: folder-name prefixes (e.g. 4- 7-1-) to run a subset.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_SIM = ROOT / "build" / "native" / "bin" / "durable-sim"
TERMINAL = {"SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED", "CANCELLED"}
MAX_ADVANCES = 200

PLACEHOLDER = re.compile(r"^\$\{(.+)\}$")
REGEX = re.compile(r"^\$\{/(.+)/\}$")
INLINE = re.compile(r"\$\{([^}/][^}]*)\}")
JSON_KEY = "${JSON}"
ABSENT = "${ABSENT}"


class Matcher:
    def __init__(self, bindings: dict):
        self.bindings = dict(bindings)
        self.errors: list[str] = []

    def substitute(self, text: str) -> str:
        def repl(m):
            name = m.group(1)
            if name in self.bindings:
                v = self.bindings[name]
                return v if isinstance(v, str) else json.dumps(v)
            return m.group(0)

        return INLINE.sub(repl, text)

    def match(self, exp, act, path: str) -> None:
        if isinstance(exp, dict) and not exp:
            return
        if exp == "*":
            return
        if isinstance(exp, str) and not REGEX.match(exp):
            m = PLACEHOLDER.match(exp)
            if m and m.group(1) != "JSON" and exp != ABSENT:
                name = m.group(1)
                if name in self.bindings:
                    if self.bindings[name] != act:
                        self.errors.append(f"{path}: ${{{name}}} is {self.bindings[name]!r}, got {act!r}")
                else:
                    self.bindings[name] = act
                return
        if isinstance(exp, str):
            m = REGEX.match(exp)
            if m:
                if not re.search(m.group(1), str(act)):
                    self.errors.append(f"{path}: {act!r} does not match /{m.group(1)}/")
                return
        if isinstance(exp, dict) and len(exp) == 1 and JSON_KEY in exp:
            if not isinstance(act, str):
                self.errors.append(f"{path}: ${{JSON}} needs a JSON string, got {act!r}")
                return
            try:
                decoded = json.loads(act)
            except ValueError as e:
                self.errors.append(f"{path}: not JSON ({e}): {act!r}")
                return
            self.match(exp[JSON_KEY], decoded, path + "<json>")
            return
        if isinstance(exp, dict) and isinstance(act, dict):
            for k, v in exp.items():
                if v == ABSENT:
                    if k in act:
                        self.errors.append(f"{path}.{k}: expected absent, got {act[k]!r}")
                    continue
                if k not in act:
                    self.errors.append(f"{path}.{k}: key missing in actual event")
                    continue
                self.match(v, act[k], f"{path}.{k}")
            return
        if isinstance(exp, list) and isinstance(act, list):
            if len(exp) != len(act):
                self.errors.append(f"{path}: list length {len(act)}, expected {len(exp)}")
                return
            for i, (e, a) in enumerate(zip(exp, act)):
                self.match(e, a, f"{path}[{i}]")
            return
        resolved = self.substitute(exp) if isinstance(exp, str) else exp
        if resolved != act:
            self.errors.append(f"{path}: expected {resolved!r}, got {act!r}")


def backfill_wait_for_callback_names(events: list) -> None:
    names = {}
    for ev in events:
        if ev.get("SubType") == "WaitForCallback" and ev.get("Id") and ev.get("Name"):
            names[ev["Id"]] = ev["Name"]
    for ev in events:
        if ev.get("EventType") in ("CallbackStarted", "StepStarted", "StepSucceeded") and "Name" not in ev:
            if ev.get("ParentId") in names:
                ev["Name"] = names[ev["ParentId"]]


def callback_name(op: dict, ops: dict) -> str:
    if op.get("Name"):
        return op["Name"]
    parent = ops.get(op.get("ParentId"), {})
    return parent.get("Name", "") if parent.get("SubType") == "WaitForCallback" else ""


def name_matches(pattern: str, name: str) -> bool:
    if pattern == "*" or pattern == name:
        return True
    m = REGEX.match(pattern)
    return bool(m and re.search(m.group(1), name))


def run_sim(sim: Path, workflow: Path, actions: list | None = None) -> tuple[dict | None, str]:
    """Runs to the end, letting unanswered callbacks time out. Returns (report, diagnostics).

    With actions (the requirement's CallbackActions, for callbacks the workflow document cannot script,
    e.g. an unnamed wait_for_callback), performs them like the official runner: on each new pending
    callback the first unused action whose CallbackName is '*', equal or regex-matching is applied after
    its Delay (virtual seconds); a heartbeat does not consume the callback."""
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        db = os.path.join(tmp, "run.db")

        def sim_call(*argv):
            p = subprocess.run([str(sim), *argv, "--db", db], capture_output=True, text=True)
            if p.returncode not in (0, 1) or not p.stdout.strip():
                return None, f"durable-sim {argv[0]} exit {p.returncode}: {p.stderr.strip()[:300]}"
            return json.loads(p.stdout), ""

        report, diag = sim_call("run", str(workflow))
        if report is None:
            return None, diag
        used: set[int] = set()
        done: set[str] = set()
        for _ in range(MAX_ADVANCES):
            if report.get("status") in TERMINAL:
                break
            step = None
            if actions:
                ops = {op.get("Id"): op for op in report.get("operations", [])}
                for op in report.get("operations", []):
                    if op.get("Type") != "CALLBACK" or op.get("Status") != "STARTED" or op["Id"] in done:
                        continue
                    name = callback_name(op, ops)
                    for i, a in enumerate(actions):
                        if i not in used and name_matches(a.get("CallbackName", "*"), name):
                            step = (i, a, op)
                            break
                    if step:
                        break
            if step:
                i, a, op = step
                used.add(i)
                if a.get("Delay"):
                    report, diag = sim_call("advance", "--seconds", str(int(a["Delay"])))
                    if report is None:
                        return None, diag
                    if report.get("status") in TERMINAL:
                        break
                cb_id = op["CallbackDetails"]["CallbackId"]
                verb = a["Operation"]
                if verb == "success":
                    text = json.dumps(a.get("Payload")) if "Payload" in a else ""
                    argv = ["callback", "--id", cb_id, "succeed", json.dumps(text)]
                elif verb == "failure":
                    argv = ["callback", "--id", cb_id, "fail", json.dumps(a.get("Payload") or {})]
                else:
                    argv = ["callback", "--id", cb_id, "heartbeat"]
                if verb != "heartbeat":
                    done.add(op["Id"])
                report, diag = sim_call(*argv)
                if report is None:
                    return None, diag
                continue
            nxt, diag = sim_call("advance", "--next-timer")
            if nxt is None:
                return report, f"stuck in {report.get('status')}: {diag}"
            report = nxt
        return report, ""


def clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "..."


def check(folder: Path, sim: Path, verbose: bool) -> tuple[str, str]:
    conf = json.loads((folder / "conformance.json").read_text())
    actions = None
    if conf.get("checker_sends_callbacks"):
        sub = Matcher(conf.get("variables", {}))
        deep = lambda v: ({k: deep(x) for k, x in v.items()} if isinstance(v, dict) else
                          [deep(x) for x in v] if isinstance(v, list) else
                          sub.substitute(v) if isinstance(v, str) else v)
        actions = deep(conf.get("callback_actions", []))
    report, diag = run_sim(sim, folder / "workflow.json", actions)
    errors: list[str] = []
    if report is None:
        errors.append(diag)
    else:
        events = report.get("events", [])
        backfill_wait_for_callback_names(events)
        if verbose:
            for ev in events:
                print("   ", ev.get("EventId"), ev.get("EventType"), ev.get("Name", ""), ev.get("SubType", ""))
        m = Matcher(conf.get("variables", {}))
        by_id = {ev.get("EventId"): ev for ev in events}
        for exp in conf.get("expected_history", []):
            eid = exp.get("EventId")
            act = by_id.get(eid)
            if act is None:
                m.errors.append(f"EventId {eid} ({exp.get('EventType')}): no such event (history has {len(events)})")
                continue
            m.match(exp, act, f"EventId {eid} {exp.get('EventType')}")
        errors += m.errors
        want = conf.get("expected_result")
        if want:
            status = report.get("status")
            if want.get("ExecutionStatus") and status != want["ExecutionStatus"]:
                errors.append(f"status {status}, expected {want['ExecutionStatus']} ({diag})" if diag
                              else f"status {status}, expected {want['ExecutionStatus']}")
            elif "Result" in want and status == "SUCCEEDED":
                rm = Matcher(m.bindings)
                rm.match(want["Result"], report.get("result"), "Result")
                errors += rm.errors
            if "Error" in want and status != "SUCCEEDED":
                rm = Matcher(m.bindings)
                rm.match(want["Error"], report.get("error") or {}, "Error")
                errors += rm.errors
    bug = conf.get("known_engine_bug")
    if errors:
        return ("XFAIL", f"{bug} -- {clip(errors[0], 160)}") if bug else ("FAIL", clip(errors[0], 600))
    return ("XPASS", f"marked known_engine_bug ({bug}) but matches") if bug else ("ok", "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", default=str(DEFAULT_SIM))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()
    sim = Path(args.sim)
    if not sim.exists():
        print(f"check_conformance: {sim} not built (cmake --build build/native --target durable-sim)")
        return 2
    folders = sorted((p.parent for p in HERE.glob("*/conformance.json")),
                     key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)])
    if args.filters:
        folders = [f for f in folders if any(f.name.startswith(x) for x in args.filters)]
    counts: dict[str, int] = {}
    for folder in folders:
        verdict, why = check(folder, sim, args.verbose)
        counts[verdict] = counts.get(verdict, 0) + 1
        print(f"{verdict:5} {folder.name}" + (f": {why}" if why else ""))
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("ok", "XFAIL", "FAIL", "XPASS"))
    print(f"{len(folders)} conformance scenarios: {summary}")
    return 0 if folders and not counts.get("FAIL") and not counts.get("XPASS") else 1


if __name__ == "__main__":
    sys.exit(main())
