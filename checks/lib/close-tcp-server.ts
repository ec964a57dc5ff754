import type net from 'node:net';

/**
 * Stops accepting, half-closes every open connection (our FIN: the client sees a clean
 * end) and destroys what is still open after `graceMs`. Resolves when the server closed.
 */
export function closeTcpServer(server: net.Server, sockets: ReadonlySet<net.Socket>, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.end();
    const timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, graceMs);
    timer.unref?.();
    if (sockets.size === 0) clearTimeout(timer);
  });
}
