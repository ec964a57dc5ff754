export { daytimeAssignments, daytimeTcpClient, daytimeTcpServer, daytimeUdpClient, daytimeUdpServer } from './assignments.js';
export { daytimeTcpClientSuite, daytimeUdpClientSuite } from './daytime-client-checks.js';
export { daytimeTcpServerSuite, daytimeUdpServerSuite } from './daytime-server-checks.js';
export { instantOf, parseDaytime, type DaytimeReading } from './daytime-parse.js';
export { judgeReadable, judgeTime } from './daytime-verdict.js';
