import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { readArchive } from './read-archive.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './submission-upload.js';
import { writeTar, writeTarGz } from './testing/tar-writer.js';
import { writeZip } from './testing/zip-writer.js';

const MiB = 1024 * 1024;
/** 100 MiB of zeros: deflates to about 100 KiB, a classic bomb. */
const zeros = Buffer.alloc(100 * MiB);

async function files(archive: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<Record<string, string>> {
  const read = await readArchive(archive, limits);
  return Object.fromEntries([...read].map(([name, bytes]) => [name, bytes.toString('utf8')]));
}

/** The refusal of `archive`: status, code and message, so each test pins all three. */
async function refusal(archive: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS) {
  try {
    await readArchive(archive, limits);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, code: error.code, message: error.message };
  }
  throw new Error('the archive was accepted');
}

const invalid = (message: RegExp) => ({ status: 400, code: 'SUBMISSION_INVALID', message: expect.stringMatching(message) });
const tooLarge = (message: RegExp) => ({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(message) });

describe('zip', () => {
  it('reads files and folders, keeping paths', async () => {
    const zip = writeZip([{ name: 'server.py', data: 'print(1)\n' }, { name: 'lib/' }, { name: 'lib/util.py', data: 'X = 1\n', method: 'store' }]);
    expect(await files(zip)).toEqual({ 'server.py': 'print(1)\n', 'lib/util.py': 'X = 1\n' });
  });

  it('strips the one folder everything sits in and skips macOS and Python clutter', async () => {
    const zip = writeZip([
      { name: 'hw1/' },
      { name: 'hw1/server.py', data: 'print(1)\n' },
      { name: 'hw1/lib/util.py', data: 'X = 1\n' },
      { name: 'hw1/.DS_Store', data: 'junk' },
      { name: 'hw1/__pycache__/util.cpython-311.pyc', data: 'junk' },
      { name: 'hw1/lib/old.pyc', data: 'junk' },
      { name: '__MACOSX/hw1/._server.py', data: 'junk' },
    ]);
    expect(await files(zip)).toEqual({ 'server.py': 'print(1)\n', 'lib/util.py': 'X = 1\n' });
  });

  it('keeps names as they are when files sit in different folders or at the top', async () => {
    const zip = writeZip([{ name: 'hw1/server.py', data: 'a' }, { name: 'README.md', data: 'b' }]);
    expect(await files(zip)).toEqual({ 'hw1/server.py': 'a', 'README.md': 'b' });
  });

  it('reads `./` prefixes and the backslashes of Windows tools as folders', async () => {
    const zip = writeZip([{ name: './hw1\\server.py', data: 'a' }, { name: 'hw1\\lib\\util.py', data: 'b' }]);
    expect(await files(zip)).toEqual({ 'server.py': 'a', 'lib/util.py': 'b' });
  });

  it.each([
    ['a zip-slip name', '../x.py', /^Your archive cannot be unpacked safely\. The file name "\.\.\/x\.py" contains `\.\.`/],
    ['a zip-slip name with backslashes', 'hw1\\..\\..\\x.py', /The file name "hw1\/\.\.\/\.\.\/x\.py" contains `\.\.`/],
    ['an absolute path', '/etc/x', /The file name "\/etc\/x" is an absolute path/],
    ['a drive letter', 'C:\\Users\\x.py', /The file name "C:\/Users\/x\.py" starts with a drive letter/],
    ['a zip-slip folder', '../', /The file name "\.\." contains `\.\.`/],
  ])('refuses %s, naming it', async (_what, name, message) => {
    expect(await refusal(writeZip([{ name: 'ok.py', data: 'a' }, { name, data: 'evil' }]))).toEqual(invalid(message));
  });

  it.each([
    ['a symbolic link', 0o120777, /^"hw1\/link\.py" in your archive is a symbolic link; we accept only files and folders/],
    ['a character device', 0o020644, /^"hw1\/link\.py" in your archive is a device file;/],
    ['a block device', 0o060644, /^"hw1\/link\.py" in your archive is a device file;/],
    ['a fifo', 0o010644, /^"hw1\/link\.py" in your archive is a named pipe \(FIFO\);/],
    ['a socket', 0o140644, /^"hw1\/link\.py" in your archive is a socket file;/],
  ])('refuses %s', async (_what, mode, message) => {
    const zip = writeZip([{ name: 'hw1/server.py', data: 'a' }, { name: 'hw1/link.py', data: '/etc/passwd', mode }]);
    expect(await refusal(zip)).toEqual(invalid(message));
  });

  it('refuses an encrypted entry and one packed with a method we cannot unpack', async () => {
    expect(await refusal(writeZip([{ name: 'a.py', data: 'x', encrypted: true }]))).toEqual(
      invalid(/^"a\.py" in your zip is encrypted \(password-protected\); pack your files again without a password\.$/),
    );
    expect(await refusal(writeZip([{ name: 'a.py', data: 'x', method: 12 }]))).toEqual(invalid(/^"a\.py" in your zip is compressed with a method we cannot unpack \(method 12/));
  });

  it('refuses a bomb by what its header says, before inflating it', async () => {
    const bomb = writeZip([{ name: 'zeros.bin', data: zeros }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refusal(bomb)).toEqual(tooLarge(/^Your archive unpacks to more than 1 MiB, the most we accept\./));
  });

  it('refuses a bomb whose header lies about its size, stopping at the lie', async () => {
    expect(await refusal(writeZip([{ name: 'zeros.bin', data: zeros, declaredSize: 1000 }]))).toEqual(
      invalid(/^Your zip is damaged: an entry holds a different number of bytes than its header says/),
    );
  });

  it('refuses an absurd compression ratio under the size limit', async () => {
    const zip = writeZip([{ name: 'blank.txt', data: Buffer.alloc(512 * 1024) }]);
    expect(await refusal(zip)).toEqual(tooLarge(/^Your archive unpacks to more than we accept: "blank\.txt" is compressed more than 200 to 1, as a zip bomb is \(the limit is 1 MiB unpacked\)/));
    // The same ratio on a small file is a file of blanks, not a bomb.
    expect(Object.keys(await files(writeZip([{ name: 'blank.txt', data: Buffer.alloc(32 * 1024) }])))).toEqual(['blank.txt']);
  });

  it('counts real bytes against the unpacked limit across entries', async () => {
    const zip = writeZip([0, 1, 2].map((i) => ({ name: `part${i}.bin`, data: randomBytes(400 * 1024) })));
    expect(await refusal(zip)).toEqual(tooLarge(/^Your archive unpacks to more than 1 MiB, the most we accept\./));
  });

  it('refuses too many entries before reading one, and too many files', async () => {
    const entries = Array.from({ length: 1001 }, (_, i) => ({ name: `d${i}/` }));
    expect(await refusal(writeZip(entries))).toEqual(tooLarge(/^Your archive has more than 1000 entries \(files and folders\); at most 1000 are accepted\./));
    const four = ['a', 'b', 'c', 'd'].map((name) => ({ name: `${name}.py`, data: name }));
    expect(await refusal(writeZip(four), { ...DEFAULT_UPLOAD_LIMITS, maxFiles: 3 })).toEqual(tooLarge(/^Your archive has more than 3 files; at most 3 are accepted\./));
  });

  it('refuses an archive over the archive limit, a duplicate, and one with only clutter', async () => {
    const zip = writeZip([{ name: 'a.py', data: 'x'.repeat(500) }]);
    expect(await refusal(zip, { ...DEFAULT_UPLOAD_LIMITS, maxArchiveBytes: 100 })).toEqual(tooLarge(new RegExp(`^Your archive is ${zip.length} bytes; at most 100 bytes is accepted\\.`)));
    expect(await refusal(writeZip([{ name: 'a.py', data: '1' }, { name: './a.py', data: '2' }]))).toEqual(invalid(/^"a\.py" is in your archive twice/));
    expect(await refusal(writeZip([{ name: '__MACOSX/._a.py', data: '1' }, { name: 'hw1/' }]))).toEqual(invalid(/^Your archive has no files/));
  });

  it('refuses a damaged zip and names formats it does not read', async () => {
    expect(await refusal(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]))).toEqual(invalid(/^Your zip could not be read \(/));
    expect(await refusal(Buffer.from('Rar!\x1a\x07\x01\x00 more bytes', 'latin1'))).toEqual(invalid(/It is a RAR archive; we read only those/));
    expect(await refusal(Buffer.from('print(1)\n'))).toEqual(invalid(/^The file you sent as an archive is not a \.zip, \.tar\.gz or \.tar\. We read only those/));
  });
});

describe('tar and tar.gz', () => {
  it('reads a .tar.gz made with `tar -czf hw1.tgz .`, stripping `./` and the top folder', async () => {
    const archive = await writeTarGz([
      { name: './', type: 'directory' },
      { name: './hw1/', type: 'directory' },
      { name: './hw1/server.py', data: 'print(1)\n' },
      { name: './hw1/lib/util.py', data: 'X = 1\n' },
      { name: './hw1/._server.py', data: 'junk' },
    ]);
    expect(await files(archive)).toEqual({ 'server.py': 'print(1)\n', 'lib/util.py': 'X = 1\n' });
  });

  it('reads a plain .tar', async () => {
    expect(await files(await writeTar([{ name: 'server.py', data: 'a' }, { name: 'empty.txt', data: '' }]))).toEqual({ 'server.py': 'a', 'empty.txt': '' });
  });

  it.each([
    ['a symbolic link', { name: 'hw1/link.py', type: 'symlink', linkname: '/etc/passwd' }, /^"hw1\/link\.py" in your archive is a symbolic link;/],
    ['a hard link', { name: 'hw1/link.py', type: 'link', linkname: 'hw1/server.py' }, /^"hw1\/link\.py" in your archive is a hard link;/],
    ['a device file', { name: 'hw1/null', type: 'character-device' }, /^"hw1\/null" in your archive is a device file;/],
    ['a fifo', { name: 'hw1/pipe', type: 'fifo' }, /^"hw1\/pipe" in your archive is a named pipe \(FIFO\);/],
    ['a zip-slip name', { name: 'hw1/../../x.py', data: 'evil' }, /^Your archive cannot be unpacked safely\. The file name "hw1\/\.\.\/\.\.\/x\.py" contains `\.\.`/],
    ['an absolute path', { name: '/etc/cron.d/x', data: 'evil' }, /The file name "\/etc\/cron\.d\/x" is an absolute path/],
    ['a backslash', { name: 'hw1\\x.py', data: 'evil' }, /The file name "hw1\\\\x\.py" contains a backslash/],
  ] as const)('refuses %s', async (_what, entry, message) => {
    expect(await refusal(await writeTarGz([{ name: 'hw1/server.py', data: 'a' }, entry]))).toEqual(invalid(message));
  });

  it('stops gunzipping a bomb at its ratio, or at the size cap when the ratio is allowed', async () => {
    const bomb = gzipSync(await writeTar([{ name: 'zeros.bin', data: Buffer.alloc(10 * MiB) }]));
    expect(await refusal(bomb)).toEqual(tooLarge(/^Your archive unpacks to more than we accept: it is compressed more than 200 to 1, as a zip bomb is/));
    const anyRatio = { ...DEFAULT_UPLOAD_LIMITS, maxCompressionRatio: 1e9 };
    expect(await refusal(bomb, anyRatio)).toEqual(tooLarge(/^Your archive unpacks to more than 1 MiB, the most we accept\./));
  });

  it('counts file bytes against the unpacked limit', async () => {
    const archive = await writeTarGz([0, 1, 2].map((i) => ({ name: `part${i}.bin`, data: randomBytes(400 * 1024) })));
    expect(await refusal(archive)).toEqual(tooLarge(/^Your archive unpacks to more than 1 MiB, the most we accept\./));
  });

  it('counts tar entries against the entry limit', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `d${i}/`, type: 'directory' as const }));
    expect(await refusal(await writeTarGz(entries), { ...DEFAULT_UPLOAD_LIMITS, maxEntries: 10 })).toEqual(tooLarge(/^Your archive has more than 10 entries/));
  });

  it('refuses a gzipped file that is not a tar, and a truncated .tar.gz', async () => {
    expect(await refusal(gzipSync('print(1)\n'))).toEqual(invalid(/^Your archive is not a tar archive we can read \(/));
    const archive = await writeTarGz([{ name: 'server.py', data: randomBytes(4096) }]);
    expect(await refusal(archive.subarray(0, archive.length - 100))).toEqual(invalid(/^Your \.tar\.gz could not be unpacked \(unexpected end of file\)/));
  });
});
