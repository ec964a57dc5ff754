import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceClient, ServiceError } from './service-client.js';

// A real HTTP server on 127.0.0.1:0 that answers slowly in the ways a service or a proxy can.
let server: Server;
let client: ServiceClient;

beforeEach(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      setTimeout(() => res.end('data: late\n\n'), 3000);
    } else if (req.url === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 3000);
    } else if (req.url === '/refused') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' }).end(JSON.stringify({ error: { code: 'BUDGET_EXHAUSTED', message: 'You used your 5 submissions.' } }));
    } else {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' }).end('<h1>proxy</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new ServiceClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the service client', () => {
  it('bounds a stream by its headers only: a body slower than the timeout is read whole', async () => {
    const response = await client.request('/stream', { stream: true, timeoutMs: 1500 });
    expect(await response.text()).toBe(': hello\n\ndata: late\n\n');
  });

  it('bounds a JSON answer as a whole, with a message that says so', async () => {
    const failed = await client.json('/slow-body', { timeoutMs: 1500 }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ServiceError);
    expect((failed as ServiceError).code).toBe('BAD_ANSWER');
  });

  it('gives the service’s code and message, with Retry-After; a status and its text for anything else', async () => {
    await expect(client.request('/refused')).rejects.toMatchObject({ code: 'BUDGET_EXHAUSTED', status: 429, message: 'You used your 5 submissions. (try again in 30 s)' });
    await expect(client.request('/other')).rejects.toMatchObject({ code: 'HTTP_502', status: 502, message: `${client.baseUrl} answered 502 Bad Gateway.` });
  });
});
