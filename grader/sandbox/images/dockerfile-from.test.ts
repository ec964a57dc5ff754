import { describe, expect, it } from 'vitest';
import { dockerfileBaseImage } from './dockerfile-from.js';

describe('dockerfileBaseImage', () => {
  it('reads the first FROM after comments', () => {
    expect(dockerfileBaseImage('# c\n\nFROM node:20-slim\nCOPY a b\nFROM other\n')).toBe('node:20-slim');
  });

  it('substitutes build arguments, then ARG defaults', () => {
    const dockerfile = 'ARG BASE=debian:bookworm\nFROM ${BASE}\n';
    expect(dockerfileBaseImage(dockerfile, { BASE: 'sockgrade-peer-base:0123456789ab' })).toBe('sockgrade-peer-base:0123456789ab');
    expect(dockerfileBaseImage(dockerfile)).toBe('debian:bookworm');
    expect(dockerfileBaseImage('FROM --platform=linux/amd64 $IMG\n', { IMG: 'x:1' })).toBe('x:1');
  });

  it('refuses an unset argument rather than guessing an image name', () => {
    expect(() => dockerfileBaseImage('ARG BASE\nFROM ${BASE}\n')).toThrow(/BASE.*not set/);
    expect(() => dockerfileBaseImage('# nothing\n')).toThrow(/no FROM/);
  });
});
