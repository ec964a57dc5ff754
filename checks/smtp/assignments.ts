import { defineAssignment, suiteTests } from '../define-assignment.js';
import { smtpClientSuite } from './smtp-client-suite.js';
import { smtpClientDescription } from './descriptions.js';
import { paramValues } from '../lib/param-schema.js';
import { SMTP_CLIENT } from './smtp-params.js';

/** One run of the client; each test judges one rule of RFC 5321 / RFC 5322 on it. */
const tests = suiteTests(smtpClientSuite, [
  { id: 'command-order', name: 'Commands in the right order (RFC 5321 §4.1.4)', points: 15 },
  { id: 'waits-for-replies', name: 'Waits for the greeting and for each reply', points: 15 },
  { id: 'addresses', name: 'Sender and recipient as MAIL FROM:<…> and RCPT TO:<…>', points: 10 },
  { id: 'headers', name: 'Header fields From, To, Subject and Date (RFC 5322 §3.6)', points: 10 },
  { id: 'body', name: 'The body arrives as typed', points: 10 },
  { id: 'end-of-data', name: 'The message ends with a line holding only a dot', points: 10 },
  { id: 'dot-stuffing', name: 'Dot-stuffing of lines that start with a dot (RFC 5321 §4.5.2)', points: 10 },
  { id: 'quit', name: 'Ends with QUIT and exits cleanly', points: 10 },
  { id: 'line-endings', name: 'Every line ends with \\r\\n', points: 10 },
]);

export const smtpClient = defineAssignment(smtpClientSuite, {
  id: 'smtp-client',
  title: 'SMTP client (send a mail)',
  summary: 'A mail client that sends one mail to an SMTP server: greeting, EHLO, MAIL FROM, RCPT TO, DATA, the message, QUIT.',
  description: smtpClientDescription,
  // The course's client hard-codes `mail.hsg-kl.de`: every name resolves to the pod, where our server is.
  answerAllDnsNames: true,
  // greetDelayMs/replyDelayMs: a busy server's pauses, which make a client that does not wait visible.
  // pipelining: offer PIPELINING (RFC 2920) in the EHLO reply, and then allow it.
  params: paramValues(SMTP_CLIENT, 'serverName', 'pipelining', 'greetDelayMs', 'replyDelayMs', 'idleMs', 'settleMs'),
  tests,
});

export const smtpAssignments = [smtpClient];
