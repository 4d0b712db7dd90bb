// A large history in the shape `aws lambda get-durable-execution-history` prints (issue 13): `steps` steps
// with `payloadBytes` of result each, a wait (and so a new invocation) every `stepsPerInvocation` steps.
// Self-contained (no imports, no closures) so that e2e tests can run its source inside the page.
// Usage: node tests/importer/big_history.mjs OUT.json [STEPS] [PAYLOAD_BYTES] [STEPS_PER_INVOCATION]
export function bigHistory(steps, payloadBytes, stepsPerInvocation) {
  const t0 = Date.parse('2026-12-07T08:00:00.000Z');
  const at = (ms) => new Date(t0 + ms).toISOString();
  const pad = 'x'.repeat(payloadBytes);
  const parts = [];
  let id = 0;
  let ms = 0;
  let invocationStart = 0;
  const event = (type, fields) => {
    id += 1;
    parts.push(JSON.stringify({ EventType: type, EventId: id, EventTimestamp: at(ms), ...fields }, null, 1));
  };
  const invocationCompleted = () => {
    event('InvocationCompleted', { InvocationCompletedDetails: {
      StartTimestamp: at(invocationStart), EndTimestamp: at(ms), Error: {}, RequestId: 'request-' + id } });
  };
  event('ExecutionStarted', { Id: 'big-execution', ExecutionStartedDetails: { Input: { Payload: '{"items":' + steps + '}' } } });
  for (let k = 0; k < steps; ++k) {
    const stepId = 'step-' + k;
    const name = 'item-' + k;
    ms += 1;
    event('StepStarted', { SubType: 'Step', Id: stepId, Name: name, StepStartedDetails: {} });
    ms += 2;
    event('StepSucceeded', { SubType: 'Step', Id: stepId, Name: name, StepSucceededDetails: {
      Result: { Payload: JSON.stringify({ item: k, note: pad }) }, RetryDetails: {} } });
    if ((k + 1) % stepsPerInvocation === 0 && k + 1 < steps) {
      const waitId = 'wait-' + k;
      ms += 1;
      event('WaitStarted', { SubType: 'Wait', Id: waitId, Name: 'pause-' + k, WaitStartedDetails: {
        Duration: 1, ScheduledEndTimestamp: at(ms + 1000) } });
      invocationCompleted();
      ms += 1000;
      event('WaitSucceeded', { SubType: 'Wait', Id: waitId, Name: 'pause-' + k, WaitSucceededDetails: {} });
      ms += 5;
      invocationStart = ms;
    }
  }
  ms += 1;
  invocationCompleted();
  event('ExecutionSucceeded', { Id: 'big-execution', ExecutionSucceededDetails: { Result: { Payload: '{"done":true}' } } });
  return '{\n "Events": [\n' + parts.join(',\n') + '\n ]\n}\n';
}

if (import.meta.url === 'file://' + process.argv[1]) {
  const [out, steps = '40000', payloadBytes = '2300', perInvocation = '1000'] = process.argv.slice(2);
  const fs = await import('node:fs');
  fs.writeFileSync(out, bigHistory(Number(steps), Number(payloadBytes), Number(perInvocation)));
}
