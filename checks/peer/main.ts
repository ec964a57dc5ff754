/**
 * The reference peer's entry point: `node checks/peer/main.js` in the peer container.
 * Reads its config from `SOCKGRADE_PEER_CONFIG`, speaks JSON lines on stdin/stdout, and
 * writes diagnostics to stderr only: stdout is the protocol stream.
 */
import { decodePeerConfig, encodeMessage, PEER_CONFIG_ENV, type PeerConfig } from './protocol.js';
import { runPeer } from './run-peer.js';
import { loadSuites } from './suite-loader.js';
import { LineTransport } from './transport.js';

function log(line: string): void {
  process.stderr.write(`[peer] ${line}\n`);
}

async function main(): Promise<number> {
  // A late error in some socket callback must not kill the run before `done`.
  process.on('uncaughtException', (error) => log(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const transport = new LineTransport(process.stdin, process.stdout, { log });
  let config: PeerConfig;
  try {
    const encoded = process.env[PEER_CONFIG_ENV];
    config = encoded ? decodePeerConfig(encoded) : await configFromGrader(transport);
  } catch (error) {
    log(`cannot read the peer config: ${error instanceof Error ? error.message : String(error)}`);
    process.stdout.write(encodeMessage({ type: 'log', message: 'the reference peer got no usable config' }));
    process.stdout.write(encodeMessage({ type: 'done' }));
    return 2;
  }
  log(`grading ${config.assignment?.id ?? '?'} with suite ${config.assignment?.suite ?? '?'}`);
  await runPeer(config, { transport, suites: await loadSuites(config.assignment?.suite), log });
  await transport.flush();
  transport.close();
  return 0;
}

/** A warm peer waits this long for its run before giving up (the pool retires it sooner). */
const CONFIG_WAIT_MS = 15 * 60 * 1000;

/** Without `SOCKGRADE_PEER_CONFIG`, the first line from the grader is the config. */
function configFromGrader(transport: LineTransport): Promise<PeerConfig> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no config from the grader within ${CONFIG_WAIT_MS} ms`)), CONFIG_WAIT_MS);
    const onClosed = () => finish(new Error('the grader closed stdin before sending a config'));
    transport.closed.addEventListener('abort', onClosed, { once: true });
    transport.onMessage((message) => {
      if (message.type === 'config') finish(null, message.config);
    });
    function finish(error: Error | null, config?: PeerConfig) {
      clearTimeout(timer);
      transport.closed.removeEventListener('abort', onClosed);
      transport.onMessage(() => {});
      if (error) reject(error);
      else resolve(config!);
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
