export * from './proc-net.js';
export * from './pick-socket.js';
export * from './discover-port.js';
export * from './process-sockets.js';
