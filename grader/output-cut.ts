/**
 * Program output too long to keep whole is kept as its head and its tail, with an exact
 * count of what was cut between them. The end matters most (the traceback after a flood
 * of prints, issue #13), the beginning says how the program started; the middle of a
 * flood rarely says anything either does not.
 */

/** The note put where bytes were cut; says exactly how many, so nothing is silently lost. */
export function cutNote(cutBytes: number): string {
  return `[… ${cutBytes} ${cutBytes === 1 ? 'byte' : 'bytes'} of output cut here …]`;
}

/** The length of `bytes` without an incomplete UTF-8 sequence at its end (continuation bytes are 0b10xxxxxx). */
function headEnd(bytes: Buffer): number {
  const end = bytes.length;
  let lead = end - 1;
  while (lead >= 0 && lead > end - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const byte = bytes[lead]!;
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + length > end ? lead : end;
}

/** The first index at or after `start` that begins a UTF-8 sequence. */
function tailStart(bytes: Buffer, start: number): number {
  let cut = Math.max(0, start);
  while (cut < bytes.length && cut < start + 3 && (bytes[cut]! & 0xc0) === 0x80) cut++;
  return cut;
}

/** Joins a kept head and tail, with the cut count, as text on UTF-8 character boundaries. */
export function joinHeadAndTail(head: Buffer, tail: Buffer, cutBytes: number): string {
  // Nothing cut: head and tail are one stretch of output, a character may span them.
  if (cutBytes === 0) return Buffer.concat([head, tail]).toString('utf8');
  const headCut = headEnd(head);
  const tailCut = tailStart(tail, 0);
  const cut = cutBytes + (head.length - headCut) + tailCut;
  return `${head.subarray(0, headCut).toString('utf8')}\n${cutNote(cut)}\n${tail.subarray(tailCut).toString('utf8')}`;
}

/**
 * Text cut to at most about `capBytes` of its own bytes, keeping the first and the last
 * half. Text within the cap comes back unchanged.
 */
export function capHeadAndTail(text: string, capBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= capBytes) return text;
  const headBytes = Math.ceil(capBytes / 2);
  const tailBytes = capBytes - headBytes;
  return joinHeadAndTail(bytes.subarray(0, headBytes), bytes.subarray(bytes.length - tailBytes), bytes.length - headBytes - tailBytes);
}
