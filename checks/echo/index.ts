export { echoAssignments, echoTcpClient, echoTcpServer, echoUdpClient, echoUdpServer } from './assignments.js';
export { echoTcpClientSuite, echoUdpClientSuite } from './echo-client-checks.js';
export { echoTcpServerSuite } from './echo-tcp-server.js';
export { echoUdpServerSuite } from './echo-udp-server.js';
export { explainMismatch, judgeEcho } from './echo-verdict.js';
