import { type DiscoveredPort, describeSocket } from '../lib/port-discovery/index.js';
import type { ProtocolProbe } from '../lib/socket-probes.js';

export interface SocketChoice {
  chosen: DiscoveredPort;
  /** For every test's feedback when there was a choice to make; null with one socket. */
  note: string | null;
}

/** The rule, as the note and the README state it. */
const ORDER = 'unprivileged ports (1024 and up) first, then by ascending port number';

/**
 * Which of the student's sockets we grade (issue #13): with one socket, that one. With
 * several, in the order of `orderSockets`, the first that passes the suite's probe; the
 * first in that order when there is no probe or none passes. Deterministic across runs.
 * Probing only when there are several keeps a server that serves one client and exits
 * graded exactly as before.
 */
export async function chooseSocket(candidates: readonly DiscoveredPort[], transport: 'tcp' | 'udp', probe: ProtocolProbe | undefined, signal: AbortSignal): Promise<SocketChoice> {
  const first = candidates[0] as DiscoveredPort;
  if (candidates.length === 1) return { chosen: first, note: null };
  const list = candidates.map(describeSocket).join(', ');
  const intro = `Your server has ${candidates.length} ${transport === 'tcp' ? 'listening TCP' : 'bound UDP'} sockets: ${list}.`;
  if (!probe) return { chosen: first, note: `${intro} We graded ${describeSocket(first)}, the first in our order (${ORDER}).` };
  for (const candidate of candidates) {
    signal.throwIfAborted();
    if (await probe.probe(candidate, signal)) {
      return { chosen: candidate, note: `${intro} We graded ${describeSocket(candidate)}: the first in our order (${ORDER}) that ${probe.passes}.` };
    }
  }
  return { chosen: first, note: `${intro} None of them ${probe.passes}, so we graded ${describeSocket(first)}, the first in our order (${ORDER}).` };
}
