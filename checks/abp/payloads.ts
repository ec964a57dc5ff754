/**
 * The lines we transfer. None contains another, so a receiver's output line can be matched
 * to the payload it shows even with a prefix such as `Empfangen: `; one contains colons, so
 * `split(":")` instead of `split(":", 1)` shows.
 */
export const PAYLOAD_POOL: readonly string[] = Object.freeze([
  'Hallo Empfänger!',
  'Grüße aus Köln',
  'Uhrzeit: 12:30',
  'Das Bit wechselt: 0, 1, 0, 1',
  'Äpfel kosten 5 €',
  'Quittung bitte!',
  'Paket verloren? Nochmal senden.',
  'Sockets sind toll',
  'Schicht 2 lässt grüßen',
  'Öl, Mühle, Straße',
  'Fast fertig …',
  'Letzte Zeile',
]);

/** `count` payloads starting at `offset`, wrapping around the pool. */
export function payloadsFrom(offset: number, count: number): string[] {
  const n = PAYLOAD_POOL.length;
  return Array.from({ length: Math.min(count, n) }, (_, i) => PAYLOAD_POOL[(offset + i) % n] as string);
}

/**
 * The payloads a program printed, in order: each output line is matched to the longest
 * payload it contains; lines that contain none are returned separately.
 */
export function printedPayloads(stdout: string, payloads: readonly string[]): { printed: string[]; other: string[] } {
  const printed: string[] = [];
  const other: string[] = [];
  const byLength = [...new Set(payloads)].sort((a, b) => b.length - a.length);
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const match = byLength.find((payload) => line.includes(payload));
    if (match === undefined) other.push(line);
    else printed.push(match);
  }
  return { printed, other };
}
