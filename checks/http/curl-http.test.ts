/**
 * curl must score fully, like Python's urllib (fixture `urllib`). curl is not in the
 * student image, so this runs on the host, when `/usr/bin/curl` exists, through the
 * peer's whole path: `curl http://HOST:PORT/` for each of the three runs.
 *
 * curl writes the body's bytes as they come; the page is ISO-8859-1, so a terminal set to
 * ISO-8859-1 shows the umlauts right. We read curl's output that way (the grader reads a
 * student's output as UTF-8, and a Python client decodes before it prints).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StartStudentRequest, StudentRunResult } from '../peer/protocol.js';
import type { FakeStudent } from '../testing/fake-grader.js';
import { runFakePeer } from '../testing/run-fake-peer.js';
import { httpClient } from './assignments.js';

const CURL = '/usr/bin/curl';

function curlStudent(request: StartStudentRequest): FakeStudent {
  const [host = '127.0.0.1', port = '0'] = request.args;
  const started = Date.now();
  const child = spawn(CURL, ['--silent', '--show-error', `http://${host}:${port}/`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<Partial<StudentRunResult>>((resolve) => {
    child.on('error', (error) => resolve({ exitCode: null, startError: error.message }));
    child.on('close', (code) => resolve({ exitCode: code, stdout: Buffer.concat(out).toString('latin1'), stderr, durationMs: Date.now() - started }));
  });
  return { exited, stop: () => child.kill('SIGKILL') };
}

describe('curl as a web client', () => {
  it('scores fully: request, whole page, keep-alive and chunked', async (ctx) => {
    ctx.skip(!existsSync(CURL), `${CURL} is not installed on this machine; curl is not in the student image, so this test runs on the host only`);
    const result = await runFakePeer(httpClient, curlStudent);
    if (process.env.DUMP) console.log(result.feedback);
    expect(result.statuses.every((s) => s === 'passed')).toBe(true);
    expect(result.score).toEqual({ score: 100, maxScore: 100 });
    expect(result.feedback['keep-alive']).toContain('reading by `Content-Length`');
  });
});
