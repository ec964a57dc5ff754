/**
 * The reference clients of one test against the student's chat server: opens them,
 * remembers them, and cleans all of them up at the end (logout, close), so the next test
 * starts with a server whose names are free again.
 */
import { setMaxListeners } from 'node:events';
import { formatDuration } from '../lib/deadline.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import type { ServerCheckContext } from '../suite.js';
import { ChatPeer } from './chat-peer.js';
import type { ChatProtocol } from './chat-protocol.js';
import type { Finding } from './chat-finding.js';

/** More clients than any test opens; the many-clients test caps its `clients` param at 30. */
const MAX_CLIENTS = 40;

export class ChatSession {
  readonly peers: ChatPeer[] = [];

  constructor(
    readonly ctx: ServerCheckContext,
    readonly protocol: ChatProtocol,
  ) {
    // Every pending read of every client listens on the test's signal: ten clients
    // reading at once are more than Node's default of 10 listeners, and that is fine.
    setMaxListeners(MAX_CLIENTS * 4, ctx.signal);
  }

  /** Connects one more client, labelled e.g. `client Anna`; a refused connection is a finding. */
  async open(label: string): Promise<ChatPeer | Finding> {
    const { ctx, protocol } = this;
    const attempt = await tryConnectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: protocol.replyMs, signal: ctx.signal });
    if (!attempt.ok) {
      const how = attempt.end === 'refused' ? 'was refused: nobody accepts connections on it any more' : `did not open within ${formatDuration(protocol.replyMs)}: your server no longer calls accept()`;
      const others = this.peers.length > 0 ? ` (${this.peers.length} other client${this.peers.length === 1 ? ' was' : 's were'} connected at that moment)` : '';
      return { status: attempt.end === 'refused' ? 'failed' : 'timeout', feedback: `The connection of ${label} to your server (port ${ctx.target.port})${others} ${how}.`, dying: true };
    }
    const peer = new ChatPeer(attempt.conn, protocol, ctx.signal);
    this.peers.push(peer);
    return peer;
  }

  /** Logs every client out that is still logged in and closes all connections. */
  async closeAll(): Promise<void> {
    await Promise.allSettled(this.peers.map((peer) => peer.leave()));
  }
}
