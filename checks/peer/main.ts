/**
 * The reference peer's entry point: `node checks/peer/main.js` in the peer container.
 * Speaks JSON lines on stdin/stdout and writes diagnostics to stderr only: stdout is the
 * protocol stream. Serves runs one after the other, each begun by a config line and
 * followed by a clean-state check (`serve-runs.ts`); with `SOCKGRADE_PEER_CONFIG` set, one
 * run of that config.
 */
import { countResources, findLeftovers } from './clean-state.js';
import { decodePeerConfig, encodeMessage, PEER_CONFIG_ENV, type PeerConfig } from './protocol.js';
import { runPeer } from './run-peer.js';
import { serveRuns } from './serve-runs.js';
import { loadSuites } from './suite-loader.js';
import { LineTransport } from './transport.js';

function log(line: string): void {
  process.stderr.write(`[peer] ${line}\n`);
}

/** A peer waits this long for its next run or reset before giving up (the pool retires it sooner). */
const IDLE_WAIT_MS = 15 * 60 * 1000;
/**
 * After a run's `done`, the grader's `reset` comes within seconds (once the run's containers
 * are removed) or the grader is gone and a kept peer must retire itself.
 */
const RESET_WAIT_MS = 30 * 1000;
/** A backstop: the grader's pool retires a peer after fewer runs (`WarmPodPoolOptions.maxRunsPerPod`). */
const MAX_RUNS = 500;

async function main(): Promise<number> {
  // A late error in some socket callback must not kill the run before `done`.
  process.on('uncaughtException', (error) => log(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const transport = new LineTransport(process.stdin, process.stdout, { log });
  const encoded = process.env[PEER_CONFIG_ENV];
  if (encoded) {
    // One run, config in the environment (a peer started by hand for debugging).
    let config: PeerConfig;
    try {
      config = decodePeerConfig(encoded);
    } catch (error) {
      log(`cannot read the peer config: ${error instanceof Error ? error.message : String(error)}`);
      process.stdout.write(encodeMessage({ type: 'log', message: 'the reference peer got no usable config' }));
      process.stdout.write(encodeMessage({ type: 'done' }));
      return 2;
    }
    await runPeer(config, { transport, suites: await loadSuites(config.assignment?.suite), log });
  } else {
    // What an idle peer holds (its stdio): a run must leave no more than this. stderr's
    // handle is made on first use: make it now, or it would count as the first run's.
    void process.stderr;
    const baseline = countResources(process.getActiveResourcesInfo());
    const end = await serveRuns({
      transport,
      loadSuites,
      findLeftovers: () => findLeftovers({ baseline }),
      log,
      idleWaitMs: IDLE_WAIT_MS,
      resetWaitMs: RESET_WAIT_MS,
      maxRuns: MAX_RUNS,
    });
    if (end === 'no-config') return 2;
  }
  await transport.flush();
  transport.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
