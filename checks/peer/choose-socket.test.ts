import { describe, expect, it } from 'vitest';
import type { DiscoveredPort } from '../lib/port-discovery/index.js';
import type { ProtocolProbe } from '../lib/socket-probes.js';
import { chooseSocket } from './choose-socket.js';

const at = (port: number, address = '0.0.0.0'): DiscoveredPort => ({ port, address, host: '127.0.0.1', family: 4 });
const probeAnswering = (ports: number[], tried: number[] = []): ProtocolProbe => ({
  passes: 'sent our probe back unchanged',
  probe: async (target) => {
    tried.push(target.port);
    return ports.includes(target.port);
  },
});
const signal = new AbortController().signal;

describe('chooseSocket', () => {
  it('takes a single socket without probing (a server that serves one client is graded as before)', async () => {
    const tried: number[] = [];
    const choice = await chooseSocket([at(4711)], 'tcp', probeAnswering([], tried), signal);
    expect(choice).toEqual({ chosen: at(4711), note: null });
    expect(tried).toEqual([]);
  });

  it('grades the first socket in order that passes the probe, and names them all', async () => {
    const tried: number[] = [];
    const choice = await chooseSocket([at(2000), at(2001), at(40000)], 'tcp', probeAnswering([40000], tried), signal);
    expect(choice.chosen.port).toBe(40000);
    expect(tried).toEqual([2000, 2001, 40000]);
    expect(choice.note).toBe(
      'Your server has 3 listening TCP sockets: 0.0.0.0 port 2000, 0.0.0.0 port 2001, 0.0.0.0 port 40000. We graded 0.0.0.0 port 40000: the first in our order (unprivileged ports (1024 and up) first, then by ascending port number) that sent our probe back unchanged.',
    );
  });

  it('falls back to the first in order when none passes, or when the suite has no probe', async () => {
    const none = await chooseSocket([at(5000), at(53, '127.0.0.1')], 'udp', probeAnswering([]), signal);
    expect(none.chosen.port).toBe(5000);
    expect(none.note).toContain('Your server has 2 bound UDP sockets: 0.0.0.0 port 5000, 127.0.0.1 port 53. None of them sent our probe back unchanged, so we graded 0.0.0.0 port 5000');
    const noProbe = await chooseSocket([at(5000), at(6000)], 'tcp', undefined, signal);
    expect(noProbe.chosen.port).toBe(5000);
    expect(noProbe.note).toContain('We graded 0.0.0.0 port 5000, the first in our order');
  });
});
