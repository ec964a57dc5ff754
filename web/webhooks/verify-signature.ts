import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Equal strings, compared in time that does not depend on where they differ (both hashed to one length first). */
function safeEqual(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Whether a push event comes from the host the teacher gave `secret` to:
 * - GitHub and Gitea: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw body
 *   with the secret (Gitea also sends the bare hex as `X-Gitea-Signature`);
 * - GitLab: the secret itself in `X-Gitlab-Token`.
 * Every comparison is timing-safe. No header at all is no proof.
 */
export function verifySignature(headers: IncomingHttpHeaders, body: Buffer, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  const hub = header(headers, 'x-hub-signature-256');
  if (hub !== undefined) return safeEqual(hub.trim().toLowerCase(), `sha256=${expected}`);
  const gitea = header(headers, 'x-gitea-signature');
  if (gitea !== undefined) return safeEqual(gitea.trim().toLowerCase(), expected);
  const gitlab = header(headers, 'x-gitlab-token');
  if (gitlab !== undefined) return safeEqual(gitlab, secret);
  return false;
}

/** The host's id of this delivery, which a replay repeats: GitHub's, Gitea's, GitLab's (`X-Gitlab-Event-UUID`). */
export function deliveryId(headers: IncomingHttpHeaders): string | undefined {
  for (const name of ['x-github-delivery', 'x-gitea-delivery', 'x-gitlab-event-uuid', 'x-gogs-delivery']) {
    const value = header(headers, name)?.trim();
    if (value) return value.slice(0, 200);
  }
  return undefined;
}

/** `push`, `ping`, … (GitHub, Gitea); GitLab's `Push Hook` is `push`. */
export function eventKind(headers: IncomingHttpHeaders): string | undefined {
  const hub = header(headers, 'x-github-event') ?? header(headers, 'x-gitea-event') ?? header(headers, 'x-gogs-event');
  if (hub !== undefined) return hub.trim().toLowerCase();
  const gitlab = header(headers, 'x-gitlab-event');
  if (gitlab !== undefined) return gitlab.trim() === 'Push Hook' ? 'push' : gitlab.trim().toLowerCase();
  return undefined;
}
