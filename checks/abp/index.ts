export { abpAssignments, abpReceiver, abpSender } from './assignments.js';
export { abpReceiverSuite } from './receiver-checks.js';
export { abpSenderSuite } from './sender-checks.js';
