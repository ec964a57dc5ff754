/**
 * Caps that keep a reference peer alive against a student's program that floods it
 * (issue #13): a client that sends megabytes without ever reading our answers, a server
 * that answers with an endless stream. Past a cap the peer closes that connection and
 * the test says what the program did, instead of the peer buffering until it is
 * OOM-killed and every test blaming us.
 */

const MiB = 1024 * 1024;

/**
 * Our answers not yet taken by the student's program (Node's `writableLength`): past this,
 * the program is not reading, so we close rather than keep its backlog in our memory.
 */
export const MAX_UNREAD_REPLY_BYTES = 1 * MiB;

/**
 * Bytes one connection may send us. No assignment needs more than a few MiB (the file
 * transfer's large file is 3 MiB); everything above is a flood.
 */
export const MAX_RECEIVED_BYTES_PER_CONNECTION = 32 * MiB;

/** Why we cut a connection short. */
export type FloodKind = 'unread-replies' | 'too-much-data';

/** A connection we closed because the student's program flooded it. */
export interface FloodNote {
  kind: FloodKind;
  /** Bytes the program had sent us on that connection when we closed it. */
  receivedBytes: number;
  /** Our answers it had not read yet (for `unread-replies`). */
  unreadBytes: number;
}

/** "1.0 MiB", "512 KiB", "900 bytes": sizes a student can read. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** The transcript line for the moment we cut the connection. */
export function floodEvent(note: FloodNote, answers = 'replies'): string {
  if (note.kind === 'unread-replies') {
    return `your program had sent ${formatBytes(note.receivedBytes)} without reading our ${answers} (${formatBytes(note.unreadBytes)} waiting for it): we closed the connection`;
  }
  return `your program sent more than ${formatBytes(MAX_RECEIVED_BYTES_PER_CONNECTION)} on one connection: we closed it`;
}

/**
 * The feedback sentence for a flooded test, e.g. "Your client sent 3.0 MiB without
 * reading the echo: we closed the connection once 1.0 MiB of our echo was waiting for it."
 */
export function floodFeedback(note: FloodNote, what: { program: string; answers: string }): string {
  if (note.kind === 'unread-replies') {
    return `Your ${what.program} sent ${formatBytes(note.receivedBytes)} without reading ${what.answers}: we closed the connection once ${formatBytes(note.unreadBytes)} of it was waiting for your ${what.program}. Read each answer before you send more, and send only what the task asks for.`;
  }
  return `Your ${what.program} sent more than ${formatBytes(MAX_RECEIVED_BYTES_PER_CONNECTION)} on one connection, far more than this task needs, so we closed it. Send only what the task asks for, and stop.`;
}
