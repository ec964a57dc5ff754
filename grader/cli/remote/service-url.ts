/**
 * The service's base URL as typed by a user (`http://host:3000/`, `https://grader.example/sockgrade`):
 * http or https, no credentials, query or fragment; returned without a trailing slash, so
 * the same service is one key in the credentials file however it was typed. Null when it is no such URL.
 */
export function normalizeServiceUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Whether a password sent there travels in the clear over a network (plain HTTP to another machine). */
export function sendsInTheClear(serviceUrl: string): boolean {
  const { protocol, hostname } = new URL(serviceUrl);
  if (protocol === 'https:') return false;
  return !(hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname));
}
