/**
 * Grading a mail client (issue #5): started as `python3 client.py HOST PORT` with sender,
 * recipient, subject and body on stdin, it must send that mail to our mock SMTP server
 * the way RFC 5321 and RFC 5322 ask. One run; every test judges one aspect of it.
 */
import type { ClientSuite } from '../suite.js';
import { smtpCheck } from './smtp-finding.js';
import { judgeAddresses, judgeBody, judgeDotStuffing, judgeEndOfData, judgeHeaders } from './smtp-message-checks.js';
import { judgeLineEndings, judgeOrder, judgeQuit, judgeWaiting } from './smtp-session-checks.js';

export const smtpClientSuite = {
  id: 'smtp-client',
  role: 'client',
  transport: 'tcp',
  checks: {
    'command-order': smtpCheck(judgeOrder),
    'waits-for-replies': smtpCheck(judgeWaiting),
    addresses: smtpCheck(judgeAddresses),
    headers: smtpCheck(judgeHeaders),
    body: smtpCheck(judgeBody),
    'end-of-data': smtpCheck(judgeEndOfData),
    'dot-stuffing': smtpCheck(judgeDotStuffing),
    quit: smtpCheck(judgeQuit),
    'line-endings': smtpCheck(judgeLineEndings),
  },
} satisfies ClientSuite;
