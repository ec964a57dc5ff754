import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../../grader/sandbox/docker-connection.js';
import { ensureImages, type EnsureImagesResult } from '../../grader/sandbox/images/index.js';

const distDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

let docker: Dockerode;
let images: EnsureImagesResult;
const log = (line: string) => console.log(`[images] ${line}`);

beforeAll(async () => {
  docker = await connectDocker({ timeoutMs: 10_000 });
  // Usually a no-op after `pretest`; on a bare host this is the full build (about a minute).
  images = await ensureImages({ docker, distDir, log });
});

/** Runs `cmd` in a throwaway container without network; returns exit code and output. */
async function run(image: string, cmd: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const [result, container] = (await docker.run(image, cmd, [stdout, stderr], {
    Tty: false,
    Labels: { 'sockgrade.managed': 'true', 'sockgrade.role': 'images-test' },
    HostConfig: { NetworkMode: 'none' },
  })) as [{ StatusCode: number }, Dockerode.Container];
  await container.remove({ force: true, v: true });
  return { code: result.StatusCode, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('sandbox images', () => {
  it('the student image runs the standard library a socket homework needs, as nobody', async () => {
    const result = await run(images.studentPython, [
      'python3',
      '-c',
      'import socket, json, pickle, smtplib, urllib.request, os; print("ok", os.getuid())',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'ok 65534\n' });
  });

  it('the student image has what the launcher and the holder use', async () => {
    const result = await run(images.studentPython, ['/bin/sh', '-c', 'command -v cp && command -v sleep && getent passwd nobody']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cp\n.*sleep\nnobody:x:65534:65534:/s);
  });

  it('the peer image runs node and loads the checks as ES modules', async () => {
    const result = await run(images.peer, [
      'node',
      '-e',
      'import("/opt/sockgrade/checks/types.js").then(() => console.log("ok", process.version.split(".")[0]))',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ok v(18|20)\n$/);
  });

  it('the images carry their role and inputs hash as labels', async () => {
    const student = await docker.getImage(images.studentPython).inspect();
    const peer = await docker.getImage(images.peer).inspect();
    expect(student.Config.Labels).toMatchObject({
      'sockgrade.image': 'student-python',
      'sockgrade.inputs-hash': images.studentPython.split(':')[1],
    });
    expect(peer.Config.Labels).toMatchObject({ 'sockgrade.image': 'peer', 'sockgrade.inputs-hash': images.peer.split(':')[1] });
  });

  it('a second ensureImages builds nothing and returns the same tags', async () => {
    const again = await ensureImages({ docker, distDir, log });
    expect(again.built).toEqual([]);
    expect({ ...again, built: images.built }).toEqual(images);
  });

  describe('a changed check', () => {
    let changedDist: string;
    let rebuilt: EnsureImagesResult | undefined;

    beforeAll(async () => {
      changedDist = await mkdtemp(join(tmpdir(), 'sockgrade-dist-'));
      await cp(join(distDir, 'checks'), join(changedDist, 'checks'), { recursive: true });
      await writeFile(join(changedDist, 'checks', 'images-test-marker.js'), `export const marker = ${Date.now()};\n`);
    });

    afterAll(async () => {
      if (rebuilt && rebuilt.peer !== images.peer) await docker.getImage(rebuilt.peer).remove().catch(() => undefined);
      await rm(changedDist, { recursive: true, force: true });
    });

    it('rebuilds only the peer layer, in seconds', async () => {
      const started = Date.now();
      rebuilt = await ensureImages({ docker, distDir: changedDist, log });
      expect(rebuilt.built).toEqual([rebuilt.peer]);
      expect(rebuilt.peer).not.toBe(images.peer);
      expect(rebuilt.studentPython).toBe(images.studentPython);
      expect(rebuilt.peerBase).toBe(images.peerBase);
      expect(Date.now() - started).toBeLessThan(30_000);
      const result = await run(rebuilt.peer, ['node', '-e', 'import("/opt/sockgrade/checks/images-test-marker.js").then((m) => console.log(typeof m.marker))']);
      expect(result.stdout).toBe('number\n');
    });
  });
});
