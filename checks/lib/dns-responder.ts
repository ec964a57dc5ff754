import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/**
 * A DNS server for the pod's loopback that answers every name with 127.0.0.1, so course
 * code with hard-coded hosts (`mail.hsg-kl.de`, `time.fu-berlin.de`) reaches the
 * reference peer unchanged. The pod's resolv.conf points at 127.0.0.1 (set on the
 * holder); without this responder a lookup fails at once, as it would with no network.
 *
 * Only what a stub resolver asks (RFC 1035 §4.1): one question, class IN. `A` and `ANY`
 * get 127.0.0.1; `AAAA` gets an empty NOERROR answer so clients fall back to IPv4, where
 * the reference servers listen; anything else is answered empty too.
 */
export class DnsResponder {
  /** Names looked up, in order, for feedback ("your client looked up `mail.hsg-kl.de`"). */
  readonly queries: string[] = [];

  private constructor(private readonly socket: Socket) {}

  static async start(opts: { host?: string; port?: number; maxRecorded?: number } = {}): Promise<DnsResponder> {
    const socket = createSocket('udp4');
    const responder = new DnsResponder(socket);
    const maxRecorded = opts.maxRecorded ?? 100;
    socket.on('message', (message: Buffer, remote: RemoteInfo) => {
      const answer = answerQuery(message);
      if (!answer) return;
      if (responder.queries.length < maxRecorded) responder.queries.push(answer.name);
      socket.send(answer.reply, remote.port, remote.address);
    });
    socket.on('error', () => {
      // A reply that cannot be delivered is the asker's problem; the responder carries on.
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port ?? 53, opts.host ?? '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return responder;
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

const TYPE_A = 1;
const TYPE_ANY = 255;
const CLASS_IN = 1;
const MAX_NAME_LENGTH = 255;

/** Builds the reply to one query, or null when the bytes are not a query we can answer. */
export function answerQuery(query: Buffer): { name: string; reply: Buffer } | null {
  if (query.length < 12 || query.length > 512) return null;
  const flags = query.readUInt16BE(2);
  const isResponse = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  if (isResponse || opcode !== 0 || query.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = query[offset];
    if (length === undefined || length > 63) return null; // compression pointers never appear in a question
    offset += 1;
    if (length === 0) break;
    if (offset + length > query.length) return null;
    labels.push(query.subarray(offset, offset + length).toString('latin1'));
    offset += length;
  }
  if (offset + 4 > query.length) return null;
  const name = labels.join('.');
  if (name.length > MAX_NAME_LENGTH) return null;
  const type = query.readUInt16BE(offset);
  const qclass = query.readUInt16BE(offset + 2);
  const question = query.subarray(12, offset + 4);
  const answers = (type === TYPE_A || type === TYPE_ANY) && qclass === CLASS_IN ? 1 : 0;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // id
  // QR, the question's opcode (0) and RD; AA and RA set; RCODE 0 (no error).
  header.writeUInt16BE(0x8000 | 0x0400 | (flags & 0x0100) | 0x0080, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers, 6);
  const parts = [header, question];
  if (answers) {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's, at offset 12
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(60, 6); // TTL
    record.writeUInt16BE(4, 10);
    Buffer.from([127, 0, 0, 1]).copy(record, 12);
    parts.push(record);
  }
  return { name, reply: Buffer.concat(parts) };
}
