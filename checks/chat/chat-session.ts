/**
 * The reference clients of one test against the student's chat server: opens them,
 * remembers them, and cleans all of them up at the end (logout, close), so the next test
 * starts with a server whose names are free again.
 */
import { formatDuration } from '../lib/deadline.js';
import { tryConnectTcp } from '../lib/try-connect-tcp.js';
import type { ServerCheckContext } from '../suite.js';
import { ChatPeer } from './chat-peer.js';
import type { ChatProtocol } from './chat-protocol.js';
import type { Finding } from './chat-finding.js';
import { wireFaultsParam } from '../lib/wire-faults.js';

export class ChatSession {
  readonly peers: ChatPeer[] = [];

  constructor(
    readonly ctx: ServerCheckContext,
    readonly protocol: ChatProtocol,
  ) {}

  /** Connects one more client, labelled e.g. `client Anna`; a refused connection is a finding. */
  async open(label: string): Promise<ChatPeer | Finding> {
    const { ctx, protocol } = this;
    const attempt = await tryConnectTcp({ host: ctx.target.host, port: ctx.target.port, label, transcript: ctx.transcript, timeoutMs: protocol.replyMs, wire: wireFaultsParam(ctx.params), signal: ctx.signal });
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
