/**
 * Grading a bank server (course "Weitere Übungen 1": Einzahlungen, Auszahlungen falls
 * möglich, Kontostand). The server keeps one account for all clients; its start balance
 * is unknown to us, so every check first asks for it and works relative to it.
 */
import { tcpAnswerProbe } from '../lib/socket-probes.js';
import type { ServerCheck, ServerSuite } from '../suite.js';
import { BANK_CHECK, BANK_TWO_CLIENTS, bankProtocol } from './bank-params.js';
import { BankScript, type Step } from './bank-script.js';
import { ok, refused } from './bank-verdict.js';
import { amountText, formatAmount, units } from './money.js';
import { twoClients } from './two-clients.js';
import { withParams } from '../define-assignment.js';

/** `BALANCE` → `OK <balance>`. */
export const balanceCheck: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const balance = await s.balance();
  const reply = s.steps[0]?.exchange.reply?.text ?? '';
  return s.outcome(`We sent \`${s.protocol.words.balance}\` and got \`${reply}\`: the account holds ${show(s, balance ?? 0)}.`);
};

/** A deposit, its reply with the new balance, and the balance on a new connection. */
export const depositCheck: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const { words, decimals } = s.protocol;
  const start = await s.balance();
  if (start === null) return s.outcome('', { intro: 'First we asked for the balance. ' });
  let expected = start;
  const amounts = decimals > 0 ? [units(25, decimals), units(1, decimals) + Math.floor(units(1, decimals) / 4)] : [units(25, decimals)];
  for (const amount of amounts) {
    expected += amount;
    const step = await s.once(`${words.deposit} ${amountText(amount, decimals)}`, ok(expected));
    if (step.problem) return s.outcome('', { hint: forgotten(step, expected - amount, amount, s) });
  }
  const after = await s.once(words.balance, ok(expected));
  if (after.problem) return s.outcome('', { hint: forgotten(after, start, expected - start, s) });
  const what = amounts.map((a) => `\`${words.deposit} ${amountText(a, decimals)}\``).join(' and ');
  return s.outcome(`The balance was ${show(s, start)}; after ${what} your server replied with the new balance ${show(s, expected)}, and a new connection asking for the balance got ${show(s, expected)} too.`);
};

/** A withdrawal that the balance covers (after a deposit if it does not). */
export const withdrawCheck: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const { words, decimals } = s.protocol;
  let balance = await s.balance();
  if (balance === null) return s.outcome('', { intro: 'First we asked for the balance. ' });
  const amount = units(15, decimals);
  const toppedUp = balance < amount;
  if (toppedUp) {
    const top = units(40, decimals);
    balance += top;
    if ((await s.once(`${words.deposit} ${amountText(top, decimals)}`, ok(balance))).problem) return s.outcome('', { intro: 'The balance was too low, so we deposited first. ' });
  }
  balance -= amount;
  const step = await s.once(`${words.withdraw} ${amountText(amount, decimals)}`, ok(balance));
  if (step.problem) {
    const hint = toppedUp && step.exchange.reply?.kind === 'error' ? 'We had just deposited on another connection, so the balance covered it. If your server keeps a balance per connection, it has forgotten that deposit: keep the balance in a variable outside the accept() loop, one account for all clients.' : '';
    return s.outcome('', { hint });
  }
  if ((await s.once(words.balance, ok(balance))).problem) return s.outcome('', { hint: forgotten(s.steps[s.steps.length - 1] as Step, balance + amount, -amount, s) });
  return s.outcome(`\`${words.withdraw} ${amountText(amount, decimals)}\` was paid out: your server replied with the new balance ${show(s, balance)}, and a new connection asking for the balance got ${show(s, balance)} too.`);
};

/**
 * A withdrawal of one more than the balance must be refused and change nothing; one of
 * exactly the balance is allowed (leaves 0). Then the money goes back in.
 */
export const overdraftCheck: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const { words, decimals } = s.protocol;
  let balance = await s.balance();
  if (balance === null) return s.outcome('', { intro: 'First we asked for the balance. ' });
  const initial = balance;
  if (balance < units(20, decimals)) {
    const top = units(20, decimals);
    balance += top;
    if ((await s.once(`${words.deposit} ${amountText(top, decimals)}`, ok(balance))).problem) return s.outcome('', { intro: 'The balance was low, so we deposited first. ' });
  }
  const tooMuch = balance + units(1, decimals);
  const overdraw = await s.once(`${words.withdraw} ${amountText(tooMuch, decimals)}`, refused(`the balance is only ${show(s, balance)}`));
  if (overdraw.problem) return s.outcome('', { hint: 'An account must not go below 0: check the balance before you pay out, and reply with an error when it is too low ("Auszahlungen, falls möglich!").' });
  const check = await s.once(words.balance, ok(balance));
  if (check.problem) {
    const hint = forgotten(check, initial, balance - initial, s) || 'Your server refused the withdrawal, but the balance changed anyway: change it only when you reply OK.';
    return s.outcome('', { hint });
  }
  const all = await s.once(`${words.withdraw} ${amountText(balance, decimals)}`, ok(0));
  if (all.problem) {
    const hint = all.exchange.reply?.kind === 'error' ? 'Withdrawing exactly the whole balance is allowed (it leaves 0): compare with `>`, not `>=`.' : '';
    return s.outcome('', { hint });
  }
  if ((await s.once(`${words.deposit} ${amountText(balance, decimals)}`, ok(balance))).problem) return s.outcome('');
  return s.outcome(
    `\`${words.withdraw} ${amountText(tooMuch, decimals)}\` with a balance of ${show(s, balance)} was refused and changed nothing; withdrawing exactly ${show(s, balance)} was allowed and left 0.`,
  );
};

/** Several requests over one connection, each answered before the next is sent. */
export const severalRequests: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const { words, decimals } = s.protocol;
  const conn = await s.open(words.balance, ok(null));
  if (!conn) return s.outcome('');
  try {
    const first = await s.on(conn, words.balance, ok(null));
    const start = first.exchange.reply?.kind === 'ok' ? first.exchange.reply.balance : null;
    if (first.problem || start === null) return s.outcome('');
    const plan: Array<[string, number]> = [
      [`${words.deposit} ${amountText(units(7, decimals), decimals)}`, start + units(7, decimals)],
      [`${words.withdraw} ${amountText(units(3, decimals), decimals)}`, start + units(4, decimals)],
      [words.balance, start + units(4, decimals)],
      [`${words.deposit} ${amountText(units(1, decimals), decimals)}`, start + units(5, decimals)],
    ];
    for (const [index, [request, balance]] of plan.entries()) {
      const step = await s.on(conn, request, ok(balance));
      if (!step.problem) continue;
      const gone = ['closed', 'lost', 'reset'].includes(step.exchange.end);
      const hint = gone
        ? `Your server ended the connection after ${index === 0 ? 'the first reply' : `${index + 1} replies`}. In this protocol a client may send several requests over one connection: read requests in a loop (one line each) and reply to each, until recv() returns b'' because the client closed.`
        : '';
      return s.outcome('', { hint });
    }
    return s.outcome(`We sent ${plan.length + 1} requests over one connection, one after the other; every reply was right.`);
  } finally {
    await conn.close();
  }
};

/**
 * Amounts a bank must refuse: negative, zero, not a number, more decimals than allowed.
 * Each on its own connection; afterwards the balance must be unchanged. Partial credit:
 * the share of cases handled right.
 */
export const invalidAmounts: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const { words, decimals } = s.protocol;
  const start = await s.balance();
  if (start === null) return s.outcome('', { intro: 'First we asked for the balance. ' });
  const decimal = decimals === 0 ? '2.5' : `2.${'5'.repeat(decimals + 1)}`;
  const decimalWhy = decimals === 0 ? 'amounts are whole numbers' : `amounts have at most ${decimals} decimal places`;
  const cases: Array<[string, string]> = [
    [`${words.deposit} -5`, 'a negative amount'],
    [`${words.deposit} 0`, 'zero'],
    [`${words.withdraw} -5`, 'a negative amount: that would be a deposit in disguise'],
    [`${words.withdraw} 0`, 'zero'],
    [`${words.deposit} ${decimal}`, decimalWhy],
    [`${words.deposit} abc`, 'not a number'],
    [`${words.withdraw} abc`, 'not a number'],
  ];
  for (const [request, why] of cases) await s.once(request, refused(why));
  await s.once(words.balance, ok(start));
  const right = s.steps.slice(1).filter((step) => step.problem === null).length;
  const total = cases.length + 1;
  const crashed = s.steps.some((step) => ['closed', 'reset', 'refused'].includes(step.exchange.end));
  const hint = crashed
    ? 'A server must survive any request: check the amount before you use it (`try: betrag = int(text) except ValueError: …`) and reply with an error instead of crashing.'
    : 'Check every amount before you book it: a whole number greater than 0, else reply with an error and leave the balance alone.';
  return s.outcome(`Your server refused all ${cases.length} invalid amounts (negative, zero, not a number, ${decimals === 0 ? 'with decimals' : 'too many decimals'}), and the balance stayed ${show(s, start)}.`, {
    fraction: right / total,
    intro: `${right} of ${total} checks right:\n`,
    hint,
  });
};

const FORGOT = 'Your server seems to forget the balance between connections. Keep it in a variable that lives outside the accept() loop: there is one account for all clients.';

/** A deposit's reply or a later balance that shows the server forgot earlier bookings. */
function forgotten(step: Step, before: number, change: number, s: BankScript): string {
  const reply = step.exchange.reply;
  if (reply?.kind !== 'ok' || reply.balance === null) return '';
  if (reply.balance === before || (before !== 0 && reply.balance === change)) {
    return FORGOT;
  }
  return '';
}

function show(s: BankScript, amount: number): string {
  return formatAmount(amount, s.protocol.decimals);
}

const typed = withParams(BANK_CHECK);

export const bankServerSuite = {
  id: 'bank-server',
  role: 'server',
  transport: 'tcp',
  probe: (params) => {
    const { words, lineEnding } = bankProtocol(params);
    return tcpAnswerProbe(Buffer.from(`${words.balance}${lineEnding}`), (answer) => answer.toString('latin1').split('\n').some((line) => line.startsWith(words.ok)), `answered \`${words.balance}\` with \`${words.ok} …\``);
  },
  checks: {
    balance: typed(balanceCheck),
    deposit: typed(depositCheck),
    withdraw: typed(withdrawCheck),
    overdraft: typed(overdraftCheck),
    'several-requests': typed(severalRequests),
    'two-clients': withParams(BANK_TWO_CLIENTS)(twoClients),
    'invalid-amounts': typed(invalidAmounts),
  },
} satisfies ServerSuite;
