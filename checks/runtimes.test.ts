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
    expect(c.runtime.build?.command).toContain('-Wall');
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
});
