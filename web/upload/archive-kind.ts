/** The archive formats we unpack. */
export type ArchiveKind = 'zip' | 'gzip' | 'tar';

/**
 * What `bytes` are, by their first bytes (magic numbers), never by the file name: a
 * student's `hw1.zip` may be a renamed .rar, and a part called `files` may be a zip.
 */
export function archiveKind(bytes: Buffer): ArchiveKind | null {
  // APPNOTE 4.3.7 / 4.3.16: a zip starts with a local file header (PK\3\4), or, when
  // empty, with its end record (PK\5\6).
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    if ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6)) return 'zip';
  }
  // RFC 1952 §2.3.1: ID1 ID2 = 1f 8b, CM = 8 (deflate).
  if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8) return 'gzip';
  // POSIX ustar and GNU tar both write "ustar" at offset 257 of the first header.
  if (bytes.length >= 512 && bytes.toString('latin1', 257, 262) === 'ustar') return 'tar';
  return null;
}

/** Archive formats students try that we do not read, for a message that names them. */
export function unsupportedArchiveName(bytes: Buffer): string | null {
  if (bytes.subarray(0, 6).equals(Buffer.from('Rar!\x1a\x07', 'latin1'))) return 'a RAR archive';
  if (bytes.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return 'a 7-Zip archive';
  if (bytes.subarray(0, 3).equals(Buffer.from('BZh', 'latin1'))) return 'a bzip2 file';
  if (bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'an xz file';
  return null;
}
