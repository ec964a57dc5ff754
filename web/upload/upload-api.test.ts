import { randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { writeTarGz } from './testing/tar-writer.js';
import { writeZip } from './testing/zip-writer.js';

const MiB = 1024 * 1024;
const ASSIGNMENT = 'echo-tcp-server';

let h: ApiHarness;
let ada: string;

beforeEach(async () => {
  h = await startApiHarness();
  ada = h.addUser('ada', 'student').token;
});
afterEach(() => h.close());

type Part = [field: string, bytes: Buffer | string, filename?: string];

function form(parts: Part[], assignment: string | null = ASSIGNMENT): FormData {
  const data = new FormData();
  if (assignment !== null) data.append('assignment', assignment);
  for (const [field, bytes, filename] of parts) data.append(field, new Blob([Buffer.from(bytes)]), filename ?? 'upload.bin');
  return data;
}

/** Status and body only, so a test can `toEqual` the whole answer. */
async function post(body: FormData | string, headers: Record<string, string> = {}) {
  const response = await h.request('POST', '/api/submissions', { token: ada, headers, body });
  return { status: response.status, body: response.body };
}

/** What `curl -F 'files=<server.py'` sends: the file's text as a plain field. */
function textFiles(): FormData {
  const data = form([]);
  data.append('files', 'print(1)');
  return data;
}

const base64 = (text: Buffer | string) => Buffer.from(text).toString('base64');
const server_py = 'import socket\nprint("echo")\n';
const util_py = 'X = 1\n';

describe('POST /api/submissions with multipart/form-data', () => {
  it('takes loose files, paths kept, and the job carries exactly their bytes', async () => {
    const binary = randomBytes(300);
    const created = await post(form([['files', server_py, 'server.py'], ['files', util_py, 'lib/util.py'], ['files', binary, 'data.bin']]));
    expect(created).toEqual({ status: 202, body: { id: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/), status: 'queued' } });
    expect(h.queue.jobs).toHaveLength(1);
    expect(h.queue.jobs[0]!.submissionId).toBe(created.body.id);
    expect(h.queue.jobs[0]!.files).toEqual({ 'server.py': base64(server_py), 'lib/util.py': base64(util_py), 'data.bin': base64(binary) });
    expect(h.store.submissions.count()).toBe(1);
  });

  it('unpacks a zip of the student’s folder, without the folder and the macOS clutter', async () => {
    const zip = writeZip([
      { name: 'hw1/' },
      { name: 'hw1/server.py', data: server_py },
      { name: 'hw1/lib/util.py', data: util_py },
      { name: '__MACOSX/hw1/._server.py', data: 'junk' },
      { name: 'hw1/.DS_Store', data: 'junk' },
    ]);
    const created = await post(form([['archive', zip, 'hw1.zip']]));
    expect(created.status).toBe(202);
    expect(h.queue.jobs[0]!.files).toEqual({ 'server.py': base64(server_py), 'lib/util.py': base64(util_py) });
  });

  it('unpacks a .tar.gz sent as the only `files` part, recognised by its bytes, not its name', async () => {
    const archive = await writeTarGz([{ name: './server.py', data: server_py }, { name: './lib/util.py', data: util_py }]);
    const created = await post(form([['files', archive, 'submission.dat']]));
    expect(created.status).toBe(202);
    expect(h.queue.jobs[0]!.files).toEqual({ 'server.py': base64(server_py), 'lib/util.py': base64(util_py) });
  });

  it('ignores the empty part a browser sends for a file input left empty', async () => {
    const created = await post(form([['files', '', ''], ['files', server_py, 'server.py']]));
    expect(created.status).toBe(202);
    expect(h.queue.jobs[0]!.files).toEqual({ 'server.py': base64(server_py) });
  });

  it('still takes JSON, and answers 404 for an unknown assignment in a multipart upload', async () => {
    const json = JSON.stringify({ assignment: ASSIGNMENT, files: { 'server.py': base64(server_py) } });
    expect((await post(json, { 'content-type': 'application/json' })).status).toBe(202);
    const unknown = await post(form([['files', server_py, 'server.py']], 'no-such-thing'));
    expect(unknown).toEqual({ status: 404, body: { error: { code: 'UNKNOWN_ASSIGNMENT', message: 'There is no assignment `no-such-thing`.' } } });
    expect(h.store.submissions.count()).toBe(1);
  });

  const zeros = Buffer.alloc(100 * MiB);
  it.each<[string, () => Promise<FormData> | FormData, number, string, RegExp]>([
    ['a zip-slip entry', () => form([['archive', writeZip([{ name: 'server.py', data: 'a' }, { name: '../x.py', data: 'b' }])]]), 400, 'SUBMISSION_INVALID', /The file name "\.\.\/x\.py" contains `\.\.`; files must stay inside your submission\./],
    ['an absolute entry', () => form([['archive', writeZip([{ name: '/etc/x', data: 'b' }])]]), 400, 'SUBMISSION_INVALID', /The file name "\/etc\/x" is an absolute path/],
    ['a symlink entry', () => form([['archive', writeZip([{ name: 'server.py', data: '/etc/passwd', mode: 0o120777 }])]]), 400, 'SUBMISSION_INVALID', /^"server\.py" in your archive is a symbolic link; we accept only files and folders\./],
    ['a device in a .tar.gz', async () => form([['archive', await writeTarGz([{ name: 'tty', type: 'character-device' }])]]), 400, 'SUBMISSION_INVALID', /^"tty" in your archive is a device file;/],
    ['a hard link in a .tar.gz', async () => form([['archive', await writeTarGz([{ name: 'a.py', data: 'a' }, { name: 'b.py', type: 'link', linkname: 'a.py' }])]]), 400, 'SUBMISSION_INVALID', /^"b\.py" in your archive is a hard link;/],
    ['a 100 MiB zip bomb', () => form([['archive', writeZip([{ name: 'zeros.bin', data: zeros }])]]), 413, 'PAYLOAD_TOO_LARGE', /^Your archive unpacks to more than 1 MiB, the most we accept\./],
    ['a zip whose header lies about the size', () => form([['archive', writeZip([{ name: 'zeros.bin', data: zeros, declaredSize: 10 }])]]), 400, 'SUBMISSION_INVALID', /^Your zip is damaged: an entry holds a different number of bytes than its header says/],
    ['an encrypted zip', () => form([['archive', writeZip([{ name: 'server.py', data: 'a', encrypted: true }])]]), 400, 'SUBMISSION_INVALID', /^"server\.py" in your zip is encrypted \(password-protected\)/],
    ['a RAR archive', () => form([['archive', Buffer.from('Rar!\x1a\x07\x00 rest', 'latin1')]]), 400, 'SUBMISSION_INVALID', /It is a RAR archive; we read only those/],
    ['a loose file outside the submission', () => form([['files', 'x', '../x.py']]), 400, 'SUBMISSION_INVALID', /^The file name "\.\.\/x\.py" contains `\.\.`/],
    ['a loose file with an absolute name', () => form([['files', 'x', '/etc/passwd']]), 400, 'SUBMISSION_INVALID', /^The file name "\/etc\/passwd" is an absolute path/],
    ['the same loose file twice', () => form([['files', 'x', 'a.py'], ['files', 'y', 'a.py']]), 400, 'SUBMISSION_INVALID', /^"a\.py" is in your upload twice/],
    ['201 loose files', () => form(Array.from({ length: 201 }, (_, i): Part => ['files', 'x', `f${i}.py`])), 413, 'PAYLOAD_TOO_LARGE', /^Your upload has more than 200 files; at most 200 are accepted\./],
    ['an archive and loose files together', () => form([['archive', writeZip([{ name: 'a.py', data: 'a' }])], ['files', 'x', 'b.py']]), 400, 'BAD_REQUEST', /^Send either your files as parts named `files`, or one \.zip\/\.tar\.gz as `archive`, not both\./],
    ['a file part with another name', () => form([['upload', 'print(1)', 'server.py']]), 400, 'BAD_REQUEST', /^A file part is named `upload`\./],
    ['no assignment field', () => form([['files', 'x', 'a.py']], null), 400, 'BAD_REQUEST', /^Send the form field `assignment` with the id of an assignment\.$/],
    ['no files', () => form([]), 400, 'SUBMISSION_INVALID', /^The submission has no files\.$/],
    ['files sent as text, not attached', () => textFiles(), 400, 'BAD_REQUEST', /^`files` arrived as a text field; attach it as a file \(with `curl`: `-F files=@server\.py`\)\.$/],
  ])('refuses %s and stores nothing', async (_what, makeForm, status, code, message) => {
    const response = await post(await makeForm());
    expect(response).toEqual({ status, body: { error: { code, message: expect.stringMatching(message) } } });
    expect(h.store.submissions.count()).toBe(0);
    expect(h.queue.jobs).toEqual([]);
  });
});

describe('POST /api/submissions with other bodies', () => {
  it.each([
    ['text/plain', 'print(1)', /^We cannot read a `text\/plain` body\. Send `multipart\/form-data`/],
    ['application/zip', 'PK', /^We cannot read a `application\/zip` body\./],
    ['application/x-www-form-urlencoded', 'assignment=echo-tcp-server', /^We cannot read a `application\/x-www-form-urlencoded` body\./],
  ])('answers 415 for %s, saying what to send', async (type, body, message) => {
    const response = await post(body, { 'content-type': type });
    expect(response).toEqual({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(message) } } });
    expect(response.body.error.message).toContain('`Content-Type: application/json`');
    expect(h.store.submissions.count()).toBe(0);
  });

  it('answers 400 for multipart without a boundary', async () => {
    const response = await post('x', { 'content-type': 'multipart/form-data' });
    expect(response).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^The multipart\/form-data body could not be read \(Multipart: Boundary not found\)\./) } } });
  });

  it('answers 415 for a body without a Content-Type', async () => {
    const response = await rawPost({}, (req) => req.end('print(1)'));
    expect(response.status).toBe(415);
    expect(response.body.error.message).toMatch(/^We cannot read a body without a Content-Type\./);
  });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
  /** Request bytes written before the response came. */
  sent: number;
}

/** A request written by hand, so a test can send a body that lies or never ends. */
function rawPost(headers: Record<string, string>, write: (req: ReturnType<typeof request>, responded: () => boolean) => void): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = request(`${h.base}/api/submissions`, { method: 'POST', headers: { authorization: `Bearer ${ada}`, ...headers } }, (res) => {
      responded = true;
      const sent = req.socket?.bytesWritten ?? 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), sent }));
      res.on('error', reject);
    });
    // After the response the server closes the connection under a still-writing client: expected.
    req.on('error', (error) => {
      if (!responded) reject(error);
    });
    write(req, () => responded);
  });
}

const BOUNDARY = 'sockgrade-test-boundary';
const partHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="assignment"\r\n\r\n${ASSIGNMENT}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="archive"; filename="big.zip"\r\nContent-Type: application/zip\r\n\r\n`;

describe('POST /api/submissions with a body too large', () => {
  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const response = await rawPost({ 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(100 * MiB) }, (req) => req.write(partHead));
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Your upload is larger than 5 MiB, the most we accept. Submit only your source files, or pack them in a .zip or .tar.gz.' } });
    expect(h.store.submissions.count()).toBe(0);
  });

  it('cuts off a body that never ends, soon after the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const response = await rawPost({ 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'transfer-encoding': 'chunked' }, (req, responded) => {
      req.write(partHead);
      const pump = () => {
        while (!responded() && !req.destroyed) if (!req.write(chunk)) return void req.once('drain', pump);
      };
      pump();
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(response.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^Your upload is larger than 5 MiB, the most we accept\./) });
    // Past the 5 MiB limit by no more than what sits in the two sockets' buffers.
    expect(response.sent).toBeGreaterThan(5 * MiB);
    expect(response.sent).toBeLessThan(40 * MiB);
    expect(h.store.submissions.count()).toBe(0);
  });
});

describe('file names are limited in bytes, not characters (issue #12)', () => {
  // 130 × `é` is 130 characters but 260 bytes in UTF-8: more than a Linux file name holds.
  const tooLong = `${'é'.repeat(130)}.py`;
  const fits = `${'é'.repeat(125)}.py`;
  const refusal = (name: string) => ({
    status: 400,
    body: { error: { code: 'SUBMISSION_INVALID', message: expect.stringContaining(`${JSON.stringify(`${name.slice(0, 80)}…`)} is too long: its name has ${Buffer.byteLength(name)} bytes (UTF-8), at most 255`) } },
  });

  it.each<[string, (name: string) => Promise<FormData | string> | FormData | string]>([
    ['JSON', (name) => JSON.stringify({ assignment: ASSIGNMENT, files: { [name]: base64('x'), 'server.py': base64(server_py) } })],
    ['multipart', (name) => form([['files', 'x', name], ['files', server_py, 'server.py']])],
    ['a zip', (name) => form([['archive', writeZip([{ name, data: 'x' }, { name: 'server.py', data: server_py }])]])],
    ['a .tar.gz', async (name) => form([['archive', await writeTarGz([{ name, data: 'x' }, { name: 'server.py', data: server_py }])]])],
  ])('%s: 400 naming a 263-byte name, 202 for a 253-byte one', async (_how, body) => {
    const headers = (value: unknown): Record<string, string> => (typeof value === 'string' ? { 'content-type': 'application/json' } : {});
    const refused = await body(tooLong);
    expect(await post(refused, headers(refused))).toEqual(refusal(tooLong));
    expect(h.store.submissions.count()).toBe(0);
    const accepted = await body(fits);
    const created = await post(accepted, headers(accepted));
    expect(created.status).toBe(202);
    expect(Object.keys(h.queue.jobs[0]!.files).sort()).toEqual([fits, 'server.py'].sort());
  });
});
