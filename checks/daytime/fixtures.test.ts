/**
 * The daytime fixture submissions, graded on this machine: real `python3` child processes
 * behind the fake grader, the peer's whole path minus Docker (as `checks/echo/fixtures.test.ts`
 * does for echo). Checks that `expected-daytime.json` says what our suites really give.
 *
 * The `course` servers bind port 13 like the slides. Here that needs root, a free port 13
 * (also no connection of a run in the last minute left in TIME_WAIT: the server closes
 * first, and Python binds without SO_REUSEADDR) and a UTC clock (they print `time.ctime()`
 * without a zone), so they run only then and are skipped otherwise; in the sandbox pod all
 * of this always holds, and the Docker integration test grades them there.
 * Slow cases (sitting out real reply timeouts) run only with SOCKGRADE_SLOW_FIXTURES=1.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

/** Can we bind TCP and UDP port 13 right now, and is the local clock UTC? */
async function port13Usable(): Promise<boolean> {
  if (new Date().getTimezoneOffset() !== 0) return false;
  const tcp = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(13, '0.0.0.0', () => server.close(() => resolve(true)));
  });
  const udp = await new Promise<boolean>((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(13, '0.0.0.0', () => socket.close(() => resolve(true)));
  });
  return tcp && udp;
}

describeExpectedFixtures({ describe, it, expect, beforeAll }, {
  title: 'daytime fixture submissions graded on this machine',
  expectedFile: 'expected-daytime.json',
  timeoutMs: 90_000,
  slow: ['daytime-udp-server/skips-empty', 'daytime-tcp-server/waits-for-input', 'daytime-udp-client/hardcoded-port'],
  needs: { cases: ['daytime-udp-server/course', 'daytime-tcp-server/course'], probe: port13Usable },
});
