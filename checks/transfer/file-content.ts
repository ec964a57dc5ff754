/**
 * The files we transfer: UTF-8 text, binary bytes (every byte value, then seeded random
 * bytes), an empty file and a large one. Random content comes from the run's seed, so a
 * run can be replayed byte for byte; SHA-256 identifies a file in feedback.
 */
import { createHash } from 'node:crypto';
import { readParams } from '../lib/param-schema.js';
import { FILE_CONTENT, type FileKind } from './params.js';

export type { FileKind } from './params.js';

export interface TransferFile {
  kind: FileKind;
  name: string;
  content: Buffer;
  sha256: string;
}

const DEFAULT_NAMES: Record<FileKind, string> = { text: 'gruesse.txt', binary: 'bild.bin', empty: 'leer.txt', large: 'gross.bin' };
const DEFAULT_SIZES: Record<FileKind, number> = { text: 3000, binary: 64 * 1024, empty: 0, large: 3 * 1024 * 1024 };

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file a test transfers. Params: `file` (the kind), `name`, `bytes` (size; not for `empty`). */
export function fileFor(params: Record<string, unknown>, seed: string): TransferFile {
  const given = readParams(FILE_CONTENT, params);
  const kind = given.file;
  const name = given.name ?? DEFAULT_NAMES[kind];
  const size = kind === 'empty' ? 0 : Math.floor(given.bytes ?? DEFAULT_SIZES[kind]);
  const content = kind === 'text' ? germanText(size) : kind === 'empty' ? Buffer.alloc(0) : binaryBytes(size, `${seed}:${kind}:${name}`);
  return { kind, name, content, sha256: sha256(content) };
}

/** `bytes` bytes: first every value 0x00–0xff once, then seeded pseudo-random bytes. */
export function binaryBytes(bytes: number, seed: string): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < Math.min(256, bytes); i += 1) out[i] = i;
  for (let offset = 256, block = 0; offset < bytes; offset += 32, block += 1) {
    createHash('sha256').update(`${seed}:${block}`).digest().copy(out, offset);
  }
  return out;
}

const LINES = [
  'Grüße aus Köln! Äpfel, Öl und Übermut für 5 €.',
  'Sockets übertragen Bytes, keine Zeichen: erst kodieren, dann senden.',
  'TCP kennt keine Nachrichtengrenzen – ein recv() liefert irgendein Stück.',
  'Straße, Maß und Fußgänger: ß bleibt ß, auch nach der Übertragung.',
  'Zitat: „Wer misst, misst Mist“ – und trotzdem zählt jede Prüfsumme.',
];

/** German UTF-8 text with umlauts, ß and €, `bytes` bytes long (cut at a line boundary, then padded). */
export function germanText(bytes: number): Buffer {
  const head = 'Übertragung einer Datei\n=======================\n\n';
  let text = head;
  for (let i = 1; Buffer.byteLength(text) < bytes; i += 1) text += `Zeile ${String(i).padStart(3, '0')}: ${LINES[i % LINES.length]}\n`;
  const encoded = Buffer.from(text, 'utf8');
  // Cut on a character boundary, then pad with '.' so the size is exact and it stays UTF-8.
  let cut = Math.min(bytes, encoded.length);
  while (cut > 0 && ((encoded[cut] as number) & 0xc0) === 0x80) cut -= 1;
  const out = Buffer.alloc(bytes, '.');
  encoded.copy(out, 0, 0, cut);
  if (bytes > 0) out[bytes - 1] = 0x0a;
  return out;
}
