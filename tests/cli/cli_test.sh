#!/usr/bin/env bash
# durable-sim end to end: the blog's result, a callback answered by a second process through the
# database, exit codes and messages for bad input, and a foreign file left untouched.
set -u
sim="$1"; root="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails+1)); fi; }

"$sim" run "$root/examples/order.json" > "$tmp/order.json"; rc=$?
check "order: exit 0" "[ $rc = 0 ]"
check "order: the blog's response.json" \
  "python3 -c 'import json,sys; d=json.load(open(\"$tmp/order.json\")); e=[x for x in d[\"events\"] if x[\"EventType\"]==\"ExecutionSucceeded\"][0]; sys.exit(e[\"ExecutionSucceededDetails\"][\"Result\"][\"Payload\"] != \"{\\\"orderId\\\": \\\"order-12345\\\", \\\"status\\\": \\\"completed\\\", \\\"steps\\\": [{\\\"orderId\\\": \\\"order-12345\\\", \\\"status\\\": \\\"validated\\\"}, {\\\"orderId\\\": \\\"order-12345\\\", \\\"status\\\": \\\"paid\\\", \\\"amount\\\": 99.99}, {\\\"orderId\\\": \\\"order-12345\\\", \\\"status\\\": \\\"confirmed\\\"}]}\")'"

# Two processes: run to the pending callback, exit; answer it from a second process.
"$sim" run "$root/examples/approval.json" --db "$tmp/a.db" --until suspend > "$tmp/1.json"; rc=$?
check "approval: suspended run exits 0" "[ $rc = 0 ]"
check "approval: still RUNNING after the first process" "grep -q '\"status\": \"RUNNING\"' $tmp/1.json"
"$sim" callback --db "$tmp/a.db" --name approval succeed '{"approved": true}' > "$tmp/2.json"; rc=$?
check "approval: callback from a second process exits 0" "[ $rc = 0 ]"
check "approval: execution SUCCEEDED" "grep -q '\"status\": \"SUCCEEDED\"' $tmp/2.json"
"$sim" history --db "$tmp/a.db" > "$tmp/h.json"
check "history: has CallbackSucceeded" "grep -q CallbackSucceeded $tmp/h.json"

# Bad input: exit 2, a message naming where and what, the database unchanged.
"$sim" run "$root/examples/approval.json" --db "$tmp/b.db" --until suspend > /dev/null
cp "$tmp/b.db" "$tmp/before.db"
"$sim" callback --db "$tmp/b.db" --name nope succeed '{}' 2> "$tmp/err" >/dev/null; rc=$?
check "unknown callback: exit 2" "[ $rc = 2 ]"
check "unknown callback: names the callback" "grep -q nope $tmp/err"
check "unknown callback: database unchanged" "cmp -s $tmp/b.db $tmp/before.db"
printf '{"format": 1, "function": {"runtime": "python3.9", "durable_config": {"execution_timeout": 60}}, "handler": []}' > "$tmp/bad.json"
"$sim" run "$tmp/bad.json" 2> "$tmp/err" >/dev/null; rc=$?
check "bad runtime: exit 2" "[ $rc = 2 ]"
check "bad runtime: names the JSON path" "grep -q '\$.function.runtime' $tmp/err"
printf 'this is not a database, just text that must survive\n' > "$tmp/foreign.db"
cp "$tmp/foreign.db" "$tmp/foreign.orig"
"$sim" run "$root/examples/order.json" --db "$tmp/foreign.db" 2> "$tmp/err" >/dev/null; rc=$?
check "foreign file: exit 2" "[ $rc = 2 ]"
check "foreign file: never overwritten" "cmp -s $tmp/foreign.db $tmp/foreign.orig"
"$sim" run "$root/examples/order.json" --until sometime 2> "$tmp/err" >/dev/null; rc=$?
check "bad --until: exit 2" "[ $rc = 2 ]"
"$sim" advance --db "$tmp/a.db" --seconds abc 2> "$tmp/err" >/dev/null; rc=$?
check "bad --seconds: exit 2" "[ $rc = 2 ]"
# Explain (issue 9): the story as text, the JSON keys, and the story of a stored execution from a second process.
"$sim" run "$root/examples/order.json" --explain > "$tmp/story.txt"; rc=$?
check "run --explain: exit 0" "[ $rc = 0 ]"
check "run --explain: the first invocation" "grep -q 'Invocation 1 starts' $tmp/story.txt"
check "run --explain: suspension told" "grep -q 'no compute is billed' $tmp/story.txt"
check "run --explain: replay told as one sentence" "grep -q 'Replayed 3 operations from checkpoints: validate_order, process_payment' $tmp/story.txt"
check "run --explain: the ledger" "grep -q \"charge the customer's card\" $tmp/story.txt"
check "run JSON: narration and side_effects" \
  "python3 -c 'import json,sys; d=json.load(open(\"$tmp/order.json\")); n=d[\"narration\"]; s=d[\"side_effects\"]; sys.exit(not (n and all(k in n[0] for k in (\"at_ms\",\"invocation\",\"kind\",\"text\",\"why\")) and any(\"operation_id\" in x for x in n) and len(s)==1 and s[0][\"effect\"]==\"charge the customer\x27s card\"))'"
crash="$root/tests/unit/explain/cases/crash-after-body.json"
"$sim" run "$crash" --db "$tmp/c.db" > /dev/null
"$sim" explain --db "$tmp/c.db" > "$tmp/c.txt"; rc=$?
check "explain --db: exit 0" "[ $rc = 0 ]"
check "explain --db: the crash and its consequence" "grep -q 'will run the body again' $tmp/c.txt"
check "explain --db: the effect flagged x2" "grep -q '×2' $tmp/c.txt"
"$sim" explain --db "$tmp/c.db" --json --wording javascript > "$tmp/c.json"; rc=$?
check "explain --db --json: side_effects twice" \
  "python3 -c 'import json,sys; d=json.load(open(\"$tmp/c.json\")); sys.exit(len(d[\"side_effects\"]) != 2 or d[\"side_effects\"][1][\"times\"] != 2)'"
"$sim" explain --db "$tmp/a.db" > "$tmp/a.txt"; rc=$?
check "explain --db after a callback from a second process" "[ $rc = 0 ] && grep -q 'Callback approval is answered' $tmp/a.txt"
"$sim" explain --db "$tmp/a.db" --wording cobol 2> "$tmp/err" >/dev/null; rc=$?
check "explain: bad --wording exits 2" "[ $rc = 2 ]"
"$sim" history --db "$tmp/c.db" > /dev/null; rc=$?
check "history --db still works on a schema 4 file" "[ $rc = 0 ]"
# Export writes let and the value functions where the document puts them (issue 10).
"$sim" export "$root/examples/determinism.json" --out "$tmp/det" 2> "$tmp/err" >/dev/null; rc=$?
check "export let: exit 0" "[ $rc = 0 ]"
check "export let: a plain assignment in the handler" "grep -qF 'order_ref = str(uuid.uuid4())' $tmp/det/python/lambda_function.py"
check "export let: JavaScript" "grep -qF 'const orderRef = crypto.randomUUID();' $tmp/det/nodejs/index.mjs"
for doc in "$root"/examples/*.json; do
  "$sim" check "$doc" > /dev/null; rc=$?
  check "check $(basename "$doc")" "[ $rc = 0 ]"
done
[ $fails = 0 ]
