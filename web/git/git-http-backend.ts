import { spawn } from 'node:child_process';
import type { Request, Response } from 'express';
import { formatBytes } from '../../grader/submission-files.js';
import { CgiHeadError, parseCgiHead } from './cgi-response.js';

export interface GitBackendCall {
  /** The directory the repository path is under: `GIT_PROJECT_ROOT`. */
  projectRoot: string;
  /** `/<repo>.git/info/refs` and the like, below `projectRoot`: built from ids, never from the URL. */
  pathInfo: string;
  /** `REMOTE_USER`: set, it turns on `receive-pack` (pushing); also shown in git's reflog. */
  remoteUser: string;
  /** More variables for the hooks (their private channel). */
  env?: Record<string, string>;
  /** Bytes of request body (a pushed pack) read at most; beyond it 413 and the backend is stopped. */
  maxRequestBytes: number;
  /** The whole call, hooks and grading included; then the backend's processes are killed. */
  timeoutMs: number;
  log: (line: string) => void;
}

/** What git's stderr says when a call fails, kept for the log. */
const STDERR_BYTES = 8 * 1024;

/**
 * The CGI environment, built from scratch (RFC 3875 §4.1 and git-http-backend(1)): no
 * variable of ours leaks in, and no user's or system's git configuration is read.
 * `HTTP_CONTENT_ENCODING` lets git inflate the gzip bodies its clients send;
 * `GIT_PROTOCOL` carries protocol v2's header.
 */
function cgiEnv(req: Request, call: GitBackendCall): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: call.projectRoot,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: call.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: call.pathInfo,
    REMOTE_USER: call.remoteUser,
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    REQUEST_METHOD: req.method,
    QUERY_STRING: new URL(req.originalUrl, 'http://x').search.slice(1),
    CONTENT_TYPE: req.get('content-type') ?? '',
    ...call.env,
  };
  const length = req.get('content-length');
  if (length !== undefined && req.get('transfer-encoding') === undefined) env.CONTENT_LENGTH = length;
  const encoding = req.get('content-encoding');
  if (encoding !== undefined) env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = req.get('git-protocol');
  if (protocol !== undefined) env.GIT_PROTOCOL = protocol;
  return env;
}

/**
 * Serves one smart-HTTP request with `git http-backend` as a CGI child: no shell, the
 * request body streamed to it (counted, cut at `maxRequestBytes`), its answer streamed
 * back, all of it killed (as a process group: receive-pack and the hooks too) at
 * `timeoutMs` or when the client goes away.
 */
export function serveGitHttpBackend(req: Request, res: Response, call: GitBackendCall): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('git', ['http-backend'], { env: cgiEnv(req, call), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let finished = false;
    let failed = false;
    const kill = () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    };
    const fail = (status: number, message: string) => {
      if (failed) return;
      failed = true;
      if (!res.headersSent) res.status(status).type('text/plain').set('Connection', 'close').send(`${message}\n`);
      else res.destroy();
      kill();
    };
    const timer = setTimeout(() => {
      call.log(`git ${call.pathInfo}: stopped after ${call.timeoutMs} ms`);
      fail(504, `The git remote did not finish within ${Math.round(call.timeoutMs / 1000)} s.`);
    }, call.timeoutMs);

    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > call.maxRequestBytes) {
        req.unpipe(child.stdin);
        fail(413, `Your push is larger than ${formatBytes(call.maxRequestBytes)}, the most we take. Commit only your source files.`);
      }
    });
    req.pipe(child.stdin);
    child.stdin.on('error', () => {}); // The backend may exit before reading all (an error answer): not ours to report.
    res.on('close', () => {
      if (!finished) kill();
    });

    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_BYTES) stderr += chunk.toString('utf8').slice(0, STDERR_BYTES - stderr.length);
    });

    let head = Buffer.alloc(0);
    let headDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (headDone) {
        if (!res.write(chunk)) {
          child.stdout.pause();
          res.once('drain', () => child.stdout.resume());
        }
        return;
      }
      head = Buffer.concat([head, chunk]);
      try {
        const parsed = parseCgiHead(head);
        if (!parsed) return;
        headDone = true;
        res.status(parsed.status);
        for (const [name, value] of parsed.headers) res.setHeader(name, value);
        res.flushHeaders();
        if (parsed.rest.length > 0) res.write(parsed.rest);
      } catch (error) {
        call.log(`git ${call.pathInfo}: ${error instanceof CgiHeadError ? error.message : String(error)}`);
        fail(502, 'The git remote answered in a way we do not understand.');
      }
    });

    child.on('error', (error) => {
      call.log(`git http-backend could not run: ${error.message}`);
      fail(500, 'The git remote is not available on this server (is git installed?).');
    });
    child.on('close', (code, signal) => {
      finished = true;
      clearTimeout(timer);
      if (code !== 0 && stderr.trim()) call.log(`git ${call.pathInfo}: exit ${code ?? signal}: ${stderr.trim()}`);
      if (!headDone) fail(502, 'The git remote ended without an answer.');
      else if (!failed) res.end();
      resolve();
    });
  });
}
