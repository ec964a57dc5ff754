import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignments } from './index.js';
import { acceptedEntries, mainClassOf, RUNTIME_IDS, RUNTIMES, runtimeForFiles, runtimeRef } from './runtimes.js';

const echoServer = { entry: 'server.py', role: 'server' as const, runtime: runtimeRef('python'), otherRuntimes: ['c', 'java'] as ('c' | 'java')[] };

describe('runtimes (issue #14)', () => {
  it('every built-in assignment uses a runtime of the registry, unchanged, and its entry is that runtime’s', () => {
    for (const assignment of assignments) {
      const id = assignment.runtime.id!;
      expect(RUNTIME_IDS, assignment.id).toContain(id);
      expect(assignment.runtime, assignment.id).toEqual(RUNTIMES[id].ref);
      for (const other of assignment.otherRuntimes ?? []) expect(RUNTIME_IDS, assignment.id).toContain(other);
    }
  });

  it('Python runs the entry as before: python3 server.py, nothing to build', () => {
    expect(runtimeRef('python')).toEqual({ id: 'python', image: 'python', command: ['python3', '{entry}'] });
  });

  it('gives each caller a copy: changing one cannot change the registry', () => {
    runtimeRef('c').command.push('--evil');
    expect(RUNTIMES.c.ref.command).not.toContain('--evil');
  });

  it('chooses the language by the entry file handed in, the assignment’s own first', () => {
    expect(runtimeForFiles(echoServer, ['server.py', 'server.c'])).toBe(echoServer);
    const c = runtimeForFiles(echoServer, ['server.c', 'README.md']);
    expect(c).toMatchObject({ entry: 'server.c', runtime: { id: 'c', image: 'c' } });
    expect(c.runtime.build?.shownCommand).toContain('-Wall');
    expect(runtimeForFiles({ ...echoServer, role: 'client', entry: 'client.py' }, ['Client.java'])).toMatchObject({
      entry: 'Client.java',
      runtime: { id: 'java' },
    });
  });

  it('leaves the assignment alone when no accepted entry is there, or it accepts no other language', () => {
    expect(runtimeForFiles(echoServer, ['server.cpp'])).toBe(echoServer);
    const pythonOnly = { entry: 'server.py', role: 'server' as const, runtime: runtimeRef('python') };
    expect(runtimeForFiles(pythonOnly, ['server.c'])).toBe(pythonOnly);
  });

  it('lists the accepted entries, its own first', () => {
    expect(acceptedEntries(echoServer)).toEqual(['server.py', 'server.c', 'Server.java']);
    expect(acceptedEntries({ ...echoServer, otherRuntimes: undefined })).toEqual(['server.py']);
  });

  it('the JVM gets memory flags under the container limit, the same for javac', () => {
    const java = RUNTIMES.java.ref;
    expect(java.command).toEqual(expect.arrayContaining(['-XX:MaxRAMPercentage=60', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '{main}']));
    expect(java.build?.command).toEqual(expect.arrayContaining(['-J-XX:MaxRAMPercentage=60', '-J-XX:+UseSerialGC']));
    expect(mainClassOf('Server.java')).toBe('Server');
  });

  it('compiles every .c file of the top folder, the entry first, but not the other role’s entry (a real shell)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockgrade-c-sources-'));
    try {
      for (const name of ['server.c', 'client.c', 'util.c', 'a b.c', '-o.c', 'util.h', 'notes.txt']) writeFileSync(join(dir, name), '');
      const [shell, flag, script, name, entry] = RUNTIMES.c.ref.build!.command;
      expect([shell, flag, name, entry]).toEqual(['sh', '-c', 'sh', '{entry}']);
      // The script as the build container runs it, printing gcc's argv instead of running gcc.
      const argvOf = (entryFile: string) => {
        const run = spawnSync(shell!, [flag!, script!.replace('exec gcc', 'printf "%s\\n" gcc'), name!, entryFile], { cwd: dir, encoding: 'utf8' });
        expect(run.stderr).toBe('');
        return run.stdout.trimEnd().split('\n');
      };
      const program = '/submission/.sockgrade-build/program';
      expect(argvOf('server.c')).toEqual(['gcc', '-Wall', '-O2', '-pthread', '-o', program, 'server.c', './-o.c', './a b.c', './util.c', '-lm']);
      expect(argvOf('client.c')).toEqual(['gcc', '-Wall', '-O2', '-pthread', '-o', program, 'client.c', './-o.c', './a b.c', './util.c', '-lm']);
      for (const name of ['client.c', 'util.c', 'a b.c', '-o.c']) rmSync(join(dir, name));
      expect(argvOf('server.c')).toEqual(['gcc', '-Wall', '-O2', '-pthread', '-o', program, 'server.c', '-lm']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
