/**
 * The reference peer's entry point: `node checks/peer/main.js` in the peer container.
 * Reads its config from `SOCKGRADE_PEER_CONFIG`, speaks JSON lines on stdin/stdout, and
 * writes diagnostics to stderr only: stdout is the protocol stream.
 */
import { suites } from '../index.js';
import { decodePeerConfig, encodeMessage, PEER_CONFIG_ENV, type PeerConfig } from './protocol.js';
import { runPeer } from './run-peer.js';
import { LineTransport } from './transport.js';

function log(line: string): void {
  process.stderr.write(`[peer] ${line}\n`);
}

async function main(): Promise<number> {
  // A late error in some socket callback must not kill the run before `done`.
  process.on('uncaughtException', (error) => log(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  let config: PeerConfig;
  try {
    const encoded = process.env[PEER_CONFIG_ENV];
    if (!encoded) throw new Error(`${PEER_CONFIG_ENV} is not set`);
    config = decodePeerConfig(encoded);
  } catch (error) {
    log(`cannot read the peer config: ${error instanceof Error ? error.message : String(error)}`);
    process.stdout.write(encodeMessage({ type: 'log', message: 'the reference peer got no usable config' }));
    process.stdout.write(encodeMessage({ type: 'done' }));
    return 2;
  }
  const transport = new LineTransport(process.stdin, process.stdout, { log });
  log(`grading ${config.assignment?.id ?? '?'} with suite ${config.assignment?.suite ?? '?'}`);
  await runPeer(config, { transport, suites, log });
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
