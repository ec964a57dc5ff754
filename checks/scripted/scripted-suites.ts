/**
 * The suites of scripted assignments (issue #14): one generic check, `script`, that runs
 * the compiled script a test carries in `params.script`. The probe that picks among
 * several listening sockets comes from the assignment (`params.probe`).
 */
import { speaksFirstProbe, tcpEchoProbe, udpEchoProbe, type ProtocolProbe } from '../lib/socket-probes.js';
import type { CheckFamily, ClientCheck, ClientSuite, ServerCheck, ServerSuite } from '../suite.js';
import { ourFault } from '../peer/run-test.js';
import { parseCompiledScript } from './parse-compiled-script.js';
import { runClientScript } from './run-client-script.js';
import { runScript } from './run-script.js';
import { SCRIPT_CHECK, scriptedSuiteId, type CompiledClientScript } from './script.js';

export const runScriptCheck: ServerCheck = async (ctx) => {
  const script = parseCompiledScript(ctx.params.script);
  if (typeof script === 'string') return ourFault(script, ctx.transcript.entries());
  return runScript(ctx, script);
};

/** `params.probe`: `echo` (what we send comes back) or `speaks-first`; else the first socket is graded. */
function probeFor(transport: 'tcp' | 'udp') {
  return (params: Record<string, unknown>): ProtocolProbe | undefined => {
    const probe = params.probe;
    if (probe === 'echo') return transport === 'tcp' ? tcpEchoProbe : udpEchoProbe;
    if (probe === 'speaks-first' && transport === 'tcp') return speaksFirstProbe;
    return undefined;
  };
}

function serverSuite(transport: 'tcp' | 'udp'): ServerSuite {
  return { id: scriptedSuiteId('server', transport), role: 'server', transport, checks: { [SCRIPT_CHECK]: runScriptCheck }, probe: probeFor(transport) };
}

export const scriptedTcpServerSuite = serverSuite('tcp');
export const scriptedUdpServerSuite = serverSuite('udp');

export const runClientScriptCheck: ClientCheck = async (ctx) => {
  const script = ctx.params.script as CompiledClientScript | undefined;
  if (!script || !Array.isArray(script.server) || !Array.isArray(script.args) || !script.framing) return ourFault('the test carries no client script', ctx.transcript.entries());
  return runClientScript(ctx, script);
};

/** Client assignments over TCP: our mock server plays a script on every connection. */
export const scriptedTcpClientSuite: ClientSuite = { id: scriptedSuiteId('client', 'tcp'), role: 'client', transport: 'tcp', checks: { [SCRIPT_CHECK]: runClientScriptCheck } };

/** Client assignments over UDP: our mock server plays one script over the client's datagrams. */
export const scriptedUdpClientSuite: ClientSuite = { id: scriptedSuiteId('client', 'udp'), role: 'client', transport: 'udp', checks: { [SCRIPT_CHECK]: runClientScriptCheck } };

/** Suites only: scripted assignments come from teachers' files, not from checks/. */
export const scriptedFamily: CheckFamily = {
  suites: [scriptedTcpServerSuite, scriptedUdpServerSuite, scriptedTcpClientSuite, scriptedUdpClientSuite],
  assignments: [],
};
