/** The params of the SMTP client checks, each typed once with its default (issue #14). */
import { nonEmpty, paramDefaults } from '../lib/param-schema.js';

/** Our mock SMTP server, as the assignment (or a test) configures it. */
export const SMTP_CLIENT = paramDefaults({
  /** Our host name in the greeting and the EHLO reply. */
  serverName: nonEmpty('mail.hsg-kl.de'),
  /** Offer PIPELINING (RFC 2920) in the EHLO reply, and then allow it. */
  pipelining: false,
  /** A busy server's pause before the greeting, which makes a client that does not wait visible. */
  greetDelayMs: 100,
  /** The same pause before every reply. */
  replyDelayMs: 25,
  /** Longest silence of the client before we answer 421 and close. */
  idleMs: 5000,
  /** A line without line end counts as complete after this much silence. */
  settleMs: 500,
});
