/**
 * Two clients on one account at the same time: each deposits 1, again and again. A server
 * that serves one client after the other passes (the second waits in the accept queue);
 * a threaded server passes only if its read-modify-write of the balance is atomic.
 */
import { readParams } from '../lib/param-schema.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import type { ServerCheck, ServerCheckContext } from '../suite.js';
import { type Exchange, exchange, openBank } from './bank-exchange.js';
import { BANK_TWO_CLIENTS, type BankProtocol, bankProtocol } from './bank-params.js';
import { BankScript, DYING, WAITING } from './bank-script.js';
import { judgeExchange, ok } from './bank-verdict.js';
import { amountText, formatAmount, units } from './money.js';

interface ClientRun {
  name: string;
  /** The balances the server confirmed, in order. */
  confirmed: number[];
  connections: number;
  /** The first deposit that went wrong, with the problem. */
  failure: { index: number; problem: string; exchange: Exchange } | null;
}

/** Param `depositsPerClient`. */
export const twoClients: ServerCheck = async (ctx) => {
  const s = new BankScript(ctx, bankProtocol(ctx.params));
  const { protocol } = s;
  const count = Math.max(1, Math.floor(readParams(BANK_TWO_CLIENTS, ctx.params).depositsPerClient));
  const start = await s.balance();
  if (start === null) return s.outcome('', { intro: 'First we asked for the balance. ' });
  const [a, b] = await Promise.all([depositMany(ctx, protocol, 'A', count), depositMany(ctx, protocol, 'B', count)]);
  const one = units(1, protocol.decimals);
  const summary = `Clients A and B each sent \`${protocol.words.deposit} ${amountText(one, protocol.decimals)}\` ${count} times, at the same time`;
  for (const run of [a, b]) {
    if (!run.failure) continue;
    const end = run.failure.exchange.end;
    return s.failWith(`${summary}. Client ${run.name}, deposit ${run.failure.index} of ${count} (after ${run.failure.index - 1} confirmed): ${run.failure.problem}`, {
      status: WAITING.has(end) ? 'timeout' : 'failed',
      dying: DYING.has(end),
    });
  }
  const expected = start + 2 * count * one;
  const final = await s.once(protocol.words.balance, ok(expected));
  const all = [...a.confirmed, ...b.confirmed];
  const duplicates = all.length - new Set(all).size;
  const how = a.connections > 1 || b.connections > 1 ? 'a new connection per deposit, as your server closes after each reply' : 'each client on one connection';
  if (final.problem) {
    const got = final.exchange.reply?.kind === 'ok' ? final.exchange.reply.balance : null;
    const forgot = got === start;
    const lost = got !== null && got < expected && !forgot ? ` ${(expected - got) / one} deposits got lost.` : '';
    const cause = forgot ? `\n\n${FORGOT_HINT}` : lost || duplicates ? lostUpdateHint(duplicates) : '';
    return s.failWith(
      `${summary} (${how}); your server confirmed all ${2 * count}. The balance should have grown from ${show(protocol, start)} to ${show(protocol, expected)}. ${final.problem}${lost}${cause}`,
      { status: WAITING.has(final.exchange.end) ? 'timeout' : 'failed', dying: DYING.has(final.exchange.end) },
    );
  }
  if (duplicates > 0) {
    return s.failWith(`${summary} (${how}). The final balance is right, but ${duplicates} replies showed a balance another reply had already shown.${lostUpdateHint(duplicates)}`);
  }
  return s.outcome(`${summary} (${how}): every deposit was confirmed with its own new balance, and the balance grew by exactly ${show(protocol, 2 * count * one)}.`);
};

/**
 * One client's deposits. After the first reply we wait briefly: a server that closes
 * after each reply gets a new connection per deposit from then on.
 */
async function depositMany(ctx: ServerCheckContext, protocol: BankProtocol, name: string, count: number): Promise<ClientRun> {
  const run: ClientRun = { name, confirmed: [], connections: 0, failure: null };
  const request = `${protocol.words.deposit} ${amountText(units(1, protocol.decimals), protocol.decimals)}`;
  let conn: TcpConnection | null = null;
  let perRequest = false;
  try {
    for (let index = 1; index <= count; index += 1) {
      if (!conn) {
        run.connections += 1;
        const opened = await openBank(ctx, `client ${name}${run.connections > 1 ? ` conn ${run.connections}` : ''}`, request, protocol);
        if (!opened.ok) return fail(run, index, opened.failure, protocol);
        conn = opened.conn;
      }
      const x = await exchange(conn, request, protocol, ctx.signal);
      if (judgeExchange(x, ok(null), protocol) !== null || x.reply?.kind !== 'ok' || x.reply.balance === null) return fail(run, index, x, protocol);
      run.confirmed.push(x.reply.balance);
      if (index === 1) {
        const rest = await conn.read({ until: 'close', idleTimeoutMs: protocol.graceMs, maxBytes: 1024, signal: ctx.signal });
        perRequest = rest.end === 'closed' || rest.end === 'reset';
      }
      if (perRequest) {
        await conn.close();
        conn = null;
      }
    }
    return run;
  } finally {
    await conn?.close();
  }
}

function fail(run: ClientRun, index: number, x: Exchange, protocol: BankProtocol): ClientRun {
  run.failure = { index, exchange: x, problem: judgeExchange(x, ok(null), protocol) ?? `We sent \`${x.request}\` and could not read the new balance.` };
  return run;
}

const FORGOT_HINT =
  'Likely cause: the deposits were booked, but a new connection sees the old balance. Your server seems to forget the balance between connections: keep it in a variable that lives outside the accept() loop, one account for all clients.';

function lostUpdateHint(duplicates: number): string {
  const seen = duplicates > 0 ? ' Two replies with the same balance mean two threads read the balance at the same time.' : '';
  return `\n\nLikely cause: lost updates.${seen} When two threads both read the balance, add 1 and write it back, one of the two deposits is lost. Protect reading and writing the balance together with a \`threading.Lock()\` (\`with lock: kontostand = kontostand + betrag\`).`;
}

function show(protocol: BankProtocol, amount: number): string {
  return formatAmount(amount, protocol.decimals);
}
