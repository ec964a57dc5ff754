import { randomBytes } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { z } from 'zod';

/** The variables a hook finds the channel by: set only in the environment of the `git http-backend` we start. */
export const HOOK_SOCKET_VAR = 'SOCKGRADE_HOOK_SOCKET';
export const HOOK_TOKEN_VAR = 'SOCKGRADE_HOOK_TOKEN';

/** What a hook sends: one JSON line. Refs as receive-pack hands them to the hook on stdin (githooks(5)). */
const hookCallSchema = z.object({
  token: z.string().min(1).max(200),
  hook: z.enum(['pre-receive', 'post-receive']),
  updates: z
    .array(z.object({ oldId: z.string().regex(/^[0-9a-f]{40,64}$/), newId: z.string().regex(/^[0-9a-f]{40,64}$/), ref: z.string().min(1).max(1024) }))
    .max(1000),
  /** `GIT_QUARANTINE_PATH`: where a pre-receive hook's pushed objects wait (git ≥ 2.13). */
  quarantine: z.string().max(4096).nullable(),
});

export type HookCall = Omit<z.infer<typeof hookCallSchema>, 'token'>;
export type RefUpdate = HookCall['updates'][number];

export interface HookReply {
  /** Text for the pusher: the hook prints it, and git shows it as `remote:` lines. */
  say(text: string): void;
  /** Aborted when the hook goes away (the push was interrupted). */
  signal: AbortSignal;
}

/** Answers one hook run; resolves with the hook's exit code (a pre-receive hook's non-zero refuses the push). */
export type HookHandler = (call: HookCall, reply: HookReply) => Promise<number>;

/** A hook's request line: its ref updates fit easily (1000 refs of 1 KiB). */
const MAX_CALL_BYTES = 1024 * 1024;
/** A hook that connects and says nothing is cut off after this. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * The private line between the hooks git runs during a push and this service: a unix
 * socket in a directory only the service's user can enter, and a one-time token per
 * `git http-backend` call, handed to its hooks in their environment. A hook sends one JSON
 * line; the service answers with JSON lines `{"out": text}` and a last `{"exit": code}`.
 */
export class HookChannel {
  readonly #handlers = new Map<string, HookHandler>();
  readonly #sockets = new Set<Socket>();

  private constructor(
    readonly socketPath: string,
    private readonly server: Server,
    private readonly log: (line: string) => void,
  ) {}

  static async open(socketPath: string, log: (line: string) => void): Promise<HookChannel> {
    await rm(socketPath, { force: true }); // left by a process that died
    const server = createServer();
    const channel = new HookChannel(socketPath, server, log);
    server.on('connection', (socket) => channel.#serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await chmod(socketPath, 0o600);
    return channel;
  }

  /** A token for one backend call's hooks; `release` when the call ends. */
  register(handler: HookHandler): { env: Record<string, string>; release(): void } {
    const token = randomBytes(32).toString('base64url');
    this.#handlers.set(token, handler);
    return { env: { [HOOK_SOCKET_VAR]: this.socketPath, [HOOK_TOKEN_VAR]: token }, release: () => this.#handlers.delete(token) };
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.socketPath, { force: true });
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    const aborter = new AbortController();
    socket.on('close', () => {
      this.#sockets.delete(socket);
      aborter.abort(new Error('the hook went away'));
    });
    socket.on('error', () => {});
    socket.setTimeout(CALL_TIMEOUT_MS, () => socket.destroy());
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\n');
      if (end < 0) {
        if (buffer.length > MAX_CALL_BYTES) socket.destroy();
        return;
      }
      socket.off('data', onData);
      socket.setTimeout(0);
      void this.#answer(socket, buffer.subarray(0, end).toString('utf8'), aborter.signal);
    };
    socket.on('data', onData);
  }

  async #answer(socket: Socket, line: string, signal: AbortSignal): Promise<void> {
    const send = (message: object) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };
    let exit = 1;
    try {
      let json: unknown = null;
      try {
        json = JSON.parse(line);
      } catch {
        // Not ours: answered below like an unknown token.
      }
      const parsed = hookCallSchema.safeParse(json);
      const handler = parsed.success ? this.#handlers.get(parsed.data.token) : undefined;
      if (!parsed.success || !handler) {
        send({ out: 'This repository takes pushes only through sockgrade.\n' });
      } else {
        const { token: _token, ...call } = parsed.data;
        exit = await handler(call, { say: (text) => send({ out: text }), signal });
      }
    } catch (error) {
      this.log(`git hook failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send({ out: 'Something went wrong on our side; please push again.\n' });
    }
    send({ exit });
    socket.end();
  }
}
