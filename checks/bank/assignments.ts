import { defineAssignment } from '../define-assignment.js';
import { bankServerSuite } from './bank-server-checks.js';
import { bankServerDescription } from './descriptions.js';
import { paramValues } from '../lib/param-schema.js';
import { BANK_PROTOCOL, DEFAULT_WORDS } from './bank-params.js';

export const bankServer = defineAssignment(bankServerSuite, {
  id: 'bank-server',
  title: 'Bank server',
  summary: 'A TCP server that keeps one bank account: deposits, withdrawals (if covered) and the balance.',
  description: bankServerDescription,
  // `words` is the protocol the class agreed on, e.g. {deposit: 'EINZAHLEN', withdraw:
  // 'AUSZAHLEN', balance: 'KONTOSTAND', ok: 'OK', error: 'FEHLER'}; `decimals: 2` allows cents.
  params: { words: { ...DEFAULT_WORDS }, ...paramValues(BANK_PROTOCOL, 'decimals', 'replyMs') },
  /**
   * The tests, in an order that keeps a crash from costing more than it must: the invalid
   * amounts (which crash a server that calls int() unchecked) come last.
   */
  tests: [
    { id: 'balance', name: 'Asking for the balance', points: 10, params: { check: 'balance' } },
    { id: 'deposit', name: 'A deposit', points: 15, params: { check: 'deposit' } },
    { id: 'withdraw', name: 'A withdrawal', points: 15, params: { check: 'withdraw' } },
    { id: 'overdraft', name: 'No overdraft', points: 15, params: { check: 'overdraft' } },
    { id: 'several-requests', name: 'Several requests on one connection', points: 10, params: { check: 'several-requests' } },
    { id: 'two-clients', name: 'Two clients at the same time', points: 15, params: { check: 'two-clients', depositsPerClient: 50 } },
    { id: 'invalid-amounts', name: 'Invalid amounts are refused', points: 20, params: { check: 'invalid-amounts' } },
  ],
});

export const bankAssignments = [bankServer];
