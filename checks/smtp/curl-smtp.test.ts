/**
 * curl's SMTP client must score fully, like Python's smtplib (fixture `smtplib`). curl is
 * not in the student image, so this runs on the host, when `/usr/bin/curl` exists: curl
 * sends the mail we typed (as a ready-made message file) to our mock server through the
 * peer's whole path.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from '../testing/fake-grader.js';
import { runFakePeer } from '../testing/run-fake-peer.js';
import { smtpClient } from './assignments.js';

const CURL = '/usr/bin/curl';
const dir = mkdtempSync(join(tmpdir(), 'sockgrade-curl-smtp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Builds the message from our stdin the way a student's client would, and hands it to curl. */
function curlStudent(request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', port = '0'] = request.args;
  const [from = '', to = '', subject = '', ...body] = (request.stdin ?? '').replace(/\n$/, '').split('\n');
  const date = new Date().toUTCString().replace('GMT', '+0000');
  const message = [`From: <${from}>`, `To: <${to}>`, `Subject: ${subject}`, `Date: ${date}`, '', ...body].map((line) => `${line}\r\n`).join('');
  const file = join(dir, 'mail.txt');
  writeFileSync(file, message, 'utf8');
  const started = Date.now();
  const child = spawn(CURL, ['--silent', '--show-error', '--url', `smtp://${host}:${port}`, '--mail-from', from, '--mail-rcpt', to, '--upload-file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    child.on('error', (error) => resolve({ exitCode: null, startError: error.message }));
    child.on('close', (code) => resolve({ exitCode: code, stdout, stderr, durationMs: Date.now() - started }));
  });
  return { exited, stop: () => child.kill('SIGKILL') };
}

describe('curl as a mail client', () => {
  it('scores fully: curl speaks SMTP as RFC 5321 asks', async (ctx) => {
    ctx.skip(!existsSync(CURL), `${CURL} is not installed on this machine; curl is not in the student image, so this test runs on the host only`);
    const result = await runFakePeer(smtpClient, curlStudent);
    if (process.env.DUMP) console.log(result.feedback);
    expect(result.statuses.every((s) => s === 'passed')).toBe(true);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
  });
});
