import { describe, expect, it } from 'vitest';
import { getAssignment } from '../checks/index.js';
import {
  base64DecodedLength,
  decodeFiles,
  encodeFiles,
  GRADING_JOB_OPTIONS,
  isBase64,
  jobIdFor,
  JobPayloadError,
  MAX_JOB_FILES_BYTES,
  parseGradingJob,
  parseJobId,
  submissionIdOfJob,
} from './jobs.js';

const assignment = getAssignment('echo-tcp-server')!;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const valid = () => ({ submissionId: 'aWrXkefxmzlW', assignment, files: { 'server.py': b64('print(1)\n') } });

describe('job ids', () => {
  it('are sub-<id>: no colon, never all digits, and map back', () => {
    expect(jobIdFor('aWrXkefxmzlW')).toBe('sub-aWrXkefxmzlW');
    expect(jobIdFor('123')).toBe('sub-123');
    expect(submissionIdOfJob('sub-123')).toBe('123');
    expect(submissionIdOfJob('123')).toBeNull();
    expect(submissionIdOfJob('sub-a:b')).toBeNull();
    expect(submissionIdOfJob(undefined)).toBeNull();
    expect(() => jobIdFor('a:b')).toThrow(JobPayloadError);
  });

  it('name the grading generation after the first, so a regrade is a new job', () => {
    expect(jobIdFor('aWrXkefxmzlW', 0)).toBe('sub-aWrXkefxmzlW');
    expect(jobIdFor('aWrXkefxmzlW', 3)).toBe('sub-aWrXkefxmzlW.g3');
    expect(parseJobId('sub-aWrXkefxmzlW.g3')).toEqual({ submissionId: 'aWrXkefxmzlW', generation: 3 });
    expect(parseJobId('sub-aWrXkefxmzlW')).toEqual({ submissionId: 'aWrXkefxmzlW', generation: 0 });
    expect(parseJobId('sub-a.g0')).toBeNull();
    expect(parseJobId('sub-a.gx')).toBeNull();
    expect(() => jobIdFor('a', -1)).toThrow(JobPayloadError);
  });
});

describe('base64 helpers', () => {
  it('tell canonical base64 and its decoded size', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Grüße €']) {
      const encoded = b64(text);
      expect(isBase64(encoded)).toBe(true);
      expect(base64DecodedLength(encoded)).toBe(Buffer.byteLength(text));
    }
    expect(isBase64('abc')).toBe(false);
    expect(isBase64('ab!=')).toBe(false);
    expect(isBase64('YQ==YQ==')).toBe(false);
  });

  it('round-trip any bytes', () => {
    const files = new Map([['x.bin', Buffer.from([0, 255, 128, 10])]]);
    expect(decodeFiles(encodeFiles(files))).toEqual(files);
  });
});

describe('parseGradingJob', () => {
  it('accepts a real assignment and files, and keeps unknown assignment fields', () => {
    const data = valid();
    const withExtra = { ...data, assignment: { ...data.assignment, futureField: 1 } };
    expect(parseGradingJob(withExtra, 'sub-aWrXkefxmzlW').assignment).toMatchObject({ id: 'echo-tcp-server', futureField: 1 });
  });

  it.each([
    ['no files', { files: {} }, /no files/],
    ['a zip-slip name', { files: { '../x.py': b64('x') } }, /contains `\.\.`/],
    ['an absolute name', { files: { '/x.py': b64('x') } }, /absolute/],
    ['a backslash', { files: { 'a\\x.py': b64('x') } }, /backslash/],
    ['content that is not base64', { files: { 'x.py': 'not base64!' } }, /not base64/],
    ['more than 1 MiB', { files: { 'x.bin': Buffer.alloc(MAX_JOB_FILES_BYTES + 1).toString('base64') } }, /larger than 1 MiB/],
    ['a broken assignment', { assignment: { ...assignment, tests: [] } }, /assignment\.tests/],
    ['a submission id with a colon', { submissionId: 'a:b' }, /submissionId/],
    ['an extra key', { extra: true }, /Unrecognized key/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => parseGradingJob({ ...valid(), ...change })).toThrow(JobPayloadError);
    expect(() => parseGradingJob({ ...valid(), ...change })).toThrow(message);
  });

  it('refuses a payload under another job id', () => {
    expect(() => parseGradingJob(valid(), 'sub-other')).toThrow(/carries grading 0 of submission/);
    expect(parseGradingJob({ ...valid(), generation: 2 }, 'sub-aWrXkefxmzlW.g2').generation).toBe(2);
    expect(() => parseGradingJob({ ...valid(), generation: 2 }, 'sub-aWrXkefxmzlW')).toThrow(/carries grading 2/);
  });
});

describe('job options', () => {
  it('retry our faults with exponential backoff, three attempts in all', () => {
    expect(GRADING_JOB_OPTIONS.attempts).toBe(3);
    expect(GRADING_JOB_OPTIONS.backoff.type).toBe('exponential');
  });
});
