/**
 * The program behind every hook of a student's repository (`pre-receive`, `post-receive`),
 * run by git's receive-pack as `node push-hook.js <hook>`. It decides nothing: it hands the
 * ref updates (and, before they are accepted, where the pushed objects wait) to the service
 * over the channel in its environment, prints what the service says (git shows it to the
 * pusher as `remote:` lines) and exits with the code it is given. Node built-ins only: it
 * starts once per hook run.
 */
import { connect } from 'node:net';

const SOCKET_VAR = 'SOCKGRADE_HOOK_SOCKET';
const TOKEN_VAR = 'SOCKGRADE_HOOK_TOKEN';
const MAX_STDIN_BYTES = 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_STDIN_BYTES) throw new Error('too many refs in one push');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  const hook = process.argv[2];
  const socketPath = process.env[SOCKET_VAR];
  const token = process.env[TOKEN_VAR];
  const input = await readStdin();
  if (!socketPath || !token || (hook !== 'pre-receive' && hook !== 'post-receive')) {
    process.stdout.write('This repository takes pushes only through sockgrade.\n');
    return hook === 'post-receive' ? 0 : 1;
  }
  const updates = input
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [oldId = '', newId = '', ref = ''] = line.trim().split(' ');
      return { oldId, newId, ref };
    });
  const quarantine = process.env.GIT_QUARANTINE_PATH ?? null;
  return new Promise((resolve) => {
    let exit: number | null = null;
    let buffer = '';
    const socket = connect(socketPath, () => socket.write(`${JSON.stringify({ token, hook, updates, quarantine })}\n`));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end)) as { out?: string; exit?: number };
        buffer = buffer.slice(end + 1);
        if (typeof message.out === 'string') process.stdout.write(message.out);
        if (typeof message.exit === 'number') exit = message.exit;
      }
    });
    socket.on('error', (error) => process.stdout.write(`The grading service cannot be reached (${error.message}); please push again.\n`));
    socket.on('close', () => resolve(exit ?? (hook === 'pre-receive' ? 1 : 0)));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
