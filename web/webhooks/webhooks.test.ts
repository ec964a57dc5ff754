import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePushEvent } from './push-event.js';
import { deliveryId, eventKind, verifySignature } from './verify-signature.js';

const SECRET = 'a-secret-of-the-teacher';
const BODY = Buffer.from('{"ref":"refs/heads/main"}');
const hmac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

describe('verifySignature', () => {
  it("takes GitHub's and Gitea's HMAC-SHA256 of the raw body and GitLab's token", () => {
    expect(verifySignature({ 'x-hub-signature-256': `sha256=${hmac(SECRET, BODY)}` }, BODY, SECRET)).toBe(true);
    expect(verifySignature({ 'x-gitea-signature': hmac(SECRET, BODY) }, BODY, SECRET)).toBe(true);
    expect(verifySignature({ 'x-gitlab-token': SECRET }, BODY, SECRET)).toBe(true);
  });

  it('refuses another secret, another body, a bare hex in the GitHub header, and no header at all', () => {
    expect(verifySignature({ 'x-hub-signature-256': `sha256=${hmac('another secret', BODY)}` }, BODY, SECRET)).toBe(false);
    expect(verifySignature({ 'x-hub-signature-256': `sha256=${hmac(SECRET, BODY)}` }, Buffer.from(`${BODY} `), SECRET)).toBe(false);
    expect(verifySignature({ 'x-hub-signature-256': hmac(SECRET, BODY) }, BODY, SECRET)).toBe(false);
    expect(verifySignature({ 'x-gitlab-token': `${SECRET}x` }, BODY, SECRET)).toBe(false);
    expect(verifySignature({}, BODY, SECRET)).toBe(false);
  });
});

describe('deliveryId and eventKind', () => {
  it("read GitHub's, Gitea's and GitLab's headers", () => {
    expect(deliveryId({ 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' })).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
    expect(deliveryId({ 'x-gitea-delivery': 'abc' })).toBe('abc');
    expect(deliveryId({ 'x-gitlab-event-uuid': 'u-1' })).toBe('u-1');
    expect(deliveryId({})).toBeUndefined();
    expect(eventKind({ 'x-github-event': 'push' })).toBe('push');
    expect(eventKind({ 'x-gitea-event': 'ping' })).toBe('ping');
    expect(eventKind({ 'x-gitlab-event': 'Push Hook' })).toBe('push');
    expect(eventKind({ 'x-gitlab-event': 'Tag Push Hook' })).toBe('tag push hook');
  });
});

describe('parsePushEvent', () => {
  const after = 'a'.repeat(40);
  it("finds the repository in GitHub's and GitLab's fields, with and without .git", () => {
    expect(parsePushEvent({ ref: 'refs/heads/main', after, repository: { clone_url: 'https://github.com/ada/echo.git', html_url: 'https://github.com/ada/echo' } })).toEqual({
      ref: 'refs/heads/main',
      after,
      repositoryUrls: ['https://github.com/ada/echo.git', 'https://github.com/ada/echo'],
    });
    expect(parsePushEvent({ ref: 'refs/heads/main', after, project: { git_http_url: 'https://gitlab.com/ada/echo.git' } })?.repositoryUrls).toEqual([
      'https://gitlab.com/ada/echo.git',
      'https://gitlab.com/ada/echo',
    ]);
  });

  it('is undefined for what is not a push event', () => {
    expect(parsePushEvent(null)).toBeUndefined();
    expect(parsePushEvent({ ref: 'refs/heads/main', after: 'HEAD', repository: { clone_url: 'x' } })).toBeUndefined();
    expect(parsePushEvent({ ref: 'refs/heads/main', after })).toBeUndefined();
  });
});
