/**
 * The mock server of a scripted UDP client test (issue #14): one socket, one script over
 * the datagrams the student's client sends (`expect` one, answer from a `reply` table, `send`,
 * `wait`). Answers go to the sender of the last datagram, so the script must receive before
 * it sends (the loader refuses it otherwise): a UDP server learns its client's address only
 * from a datagram.
 */
import { linkSignals } from '../lib/any-signal.js';
import { quoteBytes } from '../lib/bytes-text.js';
import { formatDuration, sleep } from '../lib/deadline.js';
import { openUdp, type Datagram, type UdpEndpoint } from '../lib/udp-endpoint.js';
import type { ClientCheckContext } from '../suite.js';
import type { ConnectionFinding, MockServer } from './mock-server.js';
import { dataBytes, type ScriptTiming } from './run-script.js';
import type { CompiledClientScript } from './script.js';
import { judgeServerRead } from './server-step-read.js';
import { substitute } from './template.js';

const LABEL = 'our UDP server';

export async function startUdpScriptServer(ctx: ClientCheckContext, script: CompiledClientScript, timing: ScriptTiming): Promise<MockServer> {
  const endpoint = await openUdp({ label: LABEL, transcript: ctx.transcript, port: ctx.assignment.port ?? 0, signal: ctx.signal });
  const findings: ConnectionFinding[] = [];
  const ended = new AbortController();
  const state = { contacted: false, clientEnded: false };
  const played = playDatagrams(endpoint, script, timing, { run: ctx.signal, ended: ended.signal, firstWaitMs: ctx.limits.clientRunMs }, state).then(
    (finding) => void findings.push(finding),
    (error: unknown) => {
      if (!ctx.signal.aborted) throw error;
    },
  );
  return {
    port: endpoint.port,
    contacted: () => state.contacted,
    findings,
    close: async (graceMs) => {
      // The client has ended: a step still waiting for a datagram gets `graceMs`, then fails.
      state.clientEnded = true;
      const timer = setTimeout(() => ended.abort(), graceMs);
      try {
        await played;
      } finally {
        clearTimeout(timer);
        endpoint.close();
      }
    },
  };
}

interface Signals {
  /** The run's signal. */
  run: AbortSignal;
  /** Aborts a while after the client's run ended. */
  ended: AbortSignal;
  /** The first datagram may take the client's start-up: up to its whole run. */
  firstWaitMs: number;
}

type PlayState = { contacted: boolean; clientEnded: boolean };

async function playDatagrams(endpoint: UdpEndpoint, script: CompiledClientScript, timing: ScriptTiming, signals: Signals, state: PlayState): Promise<ConnectionFinding> {
  // Not AbortSignal.any: the peer runs on Node 18.
  const linked = linkSignals([signals.run, signals.ended]);
  try {
    return await playSteps(endpoint, script, timing, signals, state, linked.signal);
  } finally {
    linked.dispose();
  }
}

async function playSteps(endpoint: UdpEndpoint, script: CompiledClientScript, timing: ScriptTiming, signals: Signals, state: PlayState, signal: AbortSignal): Promise<ConnectionFinding> {
  const vars = new Map<string, string>();
  const found = (failure: string | null, timedOut = false): ConnectionFinding => ({ label: 'Our UDP server', failure, timedOut });
  let peer: Datagram | null = null;
  let lastSent: Buffer | null = null;
  /** The next datagram, or null when none came in time or the client ended first. */
  const next = async (withinMs: number): Promise<Datagram | null> => {
    try {
      const datagram = await endpoint.receive({ timeoutMs: peer ? withinMs : Math.max(withinMs, signals.firstWaitMs), signal });
      if (datagram) {
        peer = datagram;
        state.contacted = true;
      }
      return datagram;
    } catch (error) {
      if (signals.ended.aborted && !signals.run.aborted) return null;
      throw error;
    }
  };
  const send = async (bytes: Buffer) => {
    lastSent = bytes;
    if (peer) await endpoint.send(bytes, peer.address, peer.port);
  };
  for (const [index, step] of script.server.entries()) {
    const at = `step ${index + 1} of our server's script`;
    const after = lastSent ? `after we sent ${quoteBytes(lastSent)}, ` : '';
    const teacher = 'feedback' in step && step.feedback ? `\n\n${substitute(step.feedback, vars)}` : '';
    switch (step.do) {
      case 'send':
        await send(dataBytes(step.data, vars));
        break;
      case 'wait':
        await sleep(step.ms, signal).catch(() => {});
        break;
      case 'close':
        return found(null);
      case 'expect':
      case 'reply': {
        const withinMs = step.do === 'expect' && step.expect.kind === 'silence' ? step.expect.ms : (step.withinMs ?? timing.replyMs);
        const datagram = await next(withinMs);
        if (step.do === 'expect' && step.expect.kind === 'silence') {
          if (datagram) return found(`At ${at}, ${after}we expected nothing for ${formatDuration(step.expect.ms)}, but got ${quoteBytes(datagram.data)}.${teacher}`);
          break;
        }
        if (!datagram) {
          // A client that ended did not send it; one still running was too slow.
          const ended = state.clientEnded;
          const why = ended ? 'your client ended without sending it' : `we waited ${formatDuration(withinMs)}, but no datagram came`;
          return found(`At ${at}, ${after}we expected a datagram from your client, but ${why}.${teacher}`, !ended);
        }
        const read = judgeServerRead(step, datagram.data, vars);
        if ('failure' in read) return found(`At ${at}, ${after}${read.failure}${teacher}`);
        if (read.answer) await send(read.answer.bytes);
        break;
      }
    }
  }
  return found(null);
}
