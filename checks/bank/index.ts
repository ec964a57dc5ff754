export { bankAssignments, bankServer } from './assignments.js';
export { bankServerSuite } from './bank-server-checks.js';
export { parseReply } from './bank-reply.js';
export { formatAmount, parseAmount } from './money.js';
