export { charcountUdpServer, countingAssignments, digitsumTcpServer } from './assignments.js';
export { charcountUdpServerSuite } from './charcount-udp-server.js';
export { digitsumTcpServerSuite } from './digitsum-tcp-server.js';
export { characterCount, digitSum } from './count-rules.js';
