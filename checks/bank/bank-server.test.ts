import { describe, expect, it } from 'vitest';
import { type FakeServer, listenFakeTcp } from '../testing/fake-servers.js';
import { fastAssignment, runFakeServerPeer } from '../testing/run-fake-peer.js';
import { bankServer } from './assignments.js';

interface FakeBankOptions {
  start?: number;
  /** Answer one request per connection, then close. */
  onePerConnection?: boolean;
  /** Pays out whatever is asked. */
  noOverdraftCheck?: boolean;
  /** Refuses withdrawing exactly the whole balance (`>=` instead of `>`). */
  greaterOrEqual?: boolean;
  /** Reads the balance, waits, writes it back: concurrent deposits get lost. */
  lostUpdates?: boolean;
  /** A balance per connection instead of one account. */
  perConnection?: boolean;
  /** Books any number (negative, zero, decimals); crashes on text, like int() unchecked. */
  noValidation?: boolean;
  /** Replies without a line break. */
  noNewline?: boolean;
  words?: { deposit: string; withdraw: string; balance: string; ok: string; error: string };
  /** Amounts with up to this many decimals (balance kept in smallest units). */
  decimals?: number;
  /** Takes whatever one recv() returns as one whole request, as a beginner's server does. */
  oneRecvPerRequest?: boolean;
}

const TRACEBACK = `Traceback (most recent call last):
  File "/work/server.py", line 31, in <module>
    betrag = int(teile[1])
             ^^^^^^^^^^^^^
ValueError: invalid literal for int() with base 10: 'abc'
`;

/** A bank server in Node that behaves like the Python submissions we grade. */
function startFakeBank(options: FakeBankOptions = {}): Promise<FakeServer> {
  const words = options.words ?? { deposit: 'DEPOSIT', withdraw: 'WITHDRAW', balance: 'BALANCE', ok: 'OK', error: 'ERROR' };
  const scale = 10 ** (options.decimals ?? 0);
  let account = (options.start ?? 0) * scale;
  return listenFakeTcp((socket, shutdown) => {
    let own = (options.start ?? 0) * scale;
    const get = (): number => (options.perConnection ? own : account);
    const set = (value: number): void => void (options.perConnection ? (own = value) : (account = value));
    const show = (value: number): string => (scale === 1 ? String(value) : (value / scale).toFixed(2));
    const reply = (line: string): void => {
      const text = `${line}${options.noNewline ? '' : '\n'}`;
      if (options.onePerConnection) socket.end(text);
      else socket.write(text);
    };
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      if (options.oneRecvPerRequest && !buffer.endsWith('\n')) buffer += '\n';
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        const line = buffer.slice(0, at).trim();
        buffer = buffer.slice(at + 1);
        const [word = '', amountText = ''] = line.split(/\s+/);
        if (word === words.balance) {
          reply(`${words.ok} ${show(get())}`);
          continue;
        }
        if (word !== words.deposit && word !== words.withdraw) {
          reply(`${words.error} unknown request`);
          continue;
        }
        let amount: number;
        if (options.noValidation) {
          if (!/^-?\d+(\.\d+)?$/.test(amountText)) return shutdown({ exitCode: 1, stderr: TRACEBACK });
          amount = Math.round(Number(amountText) * scale);
        } else {
          const valid = scale === 1 ? /^\d+$/.test(amountText) : /^\d+(\.\d{1,2})?$/.test(amountText);
          amount = valid ? Math.round(Number(amountText) * scale) : 0;
          if (amount <= 0) {
            reply(`${words.error} invalid amount`);
            continue;
          }
        }
        if (word === words.withdraw) {
          const refuse = options.noOverdraftCheck ? false : options.greaterOrEqual ? amount >= get() : amount > get();
          if (refuse) {
            reply(`${words.error} not enough money`);
            continue;
          }
          amount = -amount;
        }
        if (options.lostUpdates) {
          const before = get();
          setTimeout(() => {
            set(before + amount);
            reply(`${words.ok} ${show(before + amount)}`);
          }, 2);
          continue;
        }
        set(get() + amount);
        reply(`${words.ok} ${show(get())}`);
      }
    });
  });
}

const assignment = fastAssignment(bankServer);
const run = (options: FakeBankOptions = {}, params: Record<string, unknown> = {}) =>
  runFakeServerPeer({ ...assignment, params: { ...assignment.params, ...params } }, () => startFakeBank(options));
const ALL_PASSED = ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed'];

describe('bank-server suite', () => {
  it('gives a correct server full marks, from any start balance', async () => {
    for (const start of [0, 7, 1000]) {
      const result = await run({ start });
      expect(result.statuses, `start ${start}`).toEqual(ALL_PASSED);
      expect(result.score).toEqual({ score: 100, maxScore: 100 });
    }
  });

  it('says what passed, with the numbers', async () => {
    const result = await run({ start: 100 });
    expect(result.feedback.balance).toBe('We sent `BALANCE` and got `OK 100`: the account holds 100.');
    expect(result.feedback.deposit).toBe('The balance was 100; after `DEPOSIT 25` your server replied with the new balance 125, and a new connection asking for the balance got 125 too.');
    expect(result.feedback.overdraft).toBe('`WITHDRAW 111` with a balance of 110 was refused and changed nothing; withdrawing exactly 110 was allowed and left 0.');
    expect(result.feedback['two-clients']).toBe(
      'Clients A and B each sent `DEPOSIT 1` 50 times, at the same time (each client on one connection): every deposit was confirmed with its own new balance, and the balance grew by exactly 100.',
    );
  });

  it('passes a server that answers one request per connection, except several requests (90/100)', async () => {
    const result = await run({ onePerConnection: true });
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'failed', 'passed', 'passed']);
    expect(result.score.score).toBe(90);
    expect(result.feedback['several-requests']).toContain('Your server ended the connection after the first reply.');
    expect(result.feedback['two-clients']).toContain('(a new connection per deposit, as your server closes after each reply)');
  });

  it('fails a server without overdraft check and says what it paid out', async () => {
    const result = await run({ noOverdraftCheck: true });
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'failed', 'passed', 'passed', 'passed']);
    expect(result.feedback.overdraft).toContain('We sent `WITHDRAW 31` (the balance is only 30), expected `ERROR <reason>`, but got `OK -1`: your server carried out a request it must refuse.');
    expect(result.feedback.overdraft).toContain('Our requests and your replies:\n1. conn 1: `BALANCE` → `OK 10`\n2. conn 2: `DEPOSIT 20` → `OK 30`\n3. conn 3: `WITHDRAW 31` → `OK -1`  ✗');
  });

  it('names >= when withdrawing everything is refused', async () => {
    const result = await run({ greaterOrEqual: true });
    expect(result.statuses[3]).toBe('failed');
    expect(result.feedback.overdraft).toContain('compare with `>`, not `>=`');
  });

  it('catches lost updates of two clients at once', async () => {
    const result = await run({ lostUpdates: true });
    expect(result.statuses[5]).toBe('failed');
    expect(result.feedback['two-clients']).toMatch(/deposits got lost\./);
    expect(result.feedback['two-clients']).toContain('threading.Lock()');
  });

  it('fails a balance per connection and says to keep one account', async () => {
    const result = await run({ perConnection: true, start: 0 });
    expect(result.statuses.slice(0, 4)).toEqual(['passed', 'failed', 'failed', 'failed']);
    expect(result.feedback.deposit).toContain('We sent `BALANCE`, expected `OK 25`, got `OK 0`.');
    expect(result.feedback.deposit).toContain('Your server seems to forget the balance between connections.');
  });

  it('gives no credit for invalid amounts that are booked, and reports the crash', async () => {
    const result = await run({ noValidation: true, start: 50 });
    expect(result.statuses).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed']);
    // Refused nothing: -5, 0, -5, 0, 2.5 are booked; `abc` crashes it, so the rest fail too.
    expect(result.score.score).toBe(80);
    const feedback = result.feedback['invalid-amounts'] ?? '';
    expect(feedback).toMatch(/^0 of 8 checks right:\n- We sent `DEPOSIT -5` \(a negative amount\), expected `ERROR <reason>`, but got `OK \d+`: your server carried out a request it must refuse\./);
    expect(feedback).toContain('- We sent `DEPOSIT abc`, but your server closed the connection without replying.');
    expect(feedback).toContain('ValueError: invalid literal for int()');
    expect(feedback).toContain('A server must survive any request');
  });

  it('times out replies without a line break and says so', async () => {
    const result = await run({ noNewline: true });
    expect(result.statuses[0]).toBe('timeout');
    expect(result.feedback.balance).toContain('We sent `BALANCE` and got `OK 0`, but no line break after it: we waited 200 ms for the end of the line.');
  });

  it('grades the words the class agreed on', async () => {
    const words = { deposit: 'EINZAHLEN', withdraw: 'AUSZAHLEN', balance: 'KONTOSTAND', ok: 'OK', error: 'FEHLER' };
    const result = await run({ words }, { words });
    expect(result.statuses).toEqual(ALL_PASSED);
    const wrong = await run({}, { words });
    expect(wrong.feedback.balance).toContain('We sent `KONTOSTAND`, expected `OK <balance>`, got `ERROR unknown request`. Every reply starts with `OK` or `FEHLER`');
  });

  it('handles cents with decimals: 2', async () => {
    const result = await run({ decimals: 2, start: 3 }, { decimals: 2 });
    expect(result.statuses).toEqual(ALL_PASSED);
    expect(result.feedback.deposit).toContain('after `DEPOSIT 25` and `DEPOSIT 1.25` your server replied with the new balance 29.25');
  });
});

describe('bank-server under wire faults', () => {
  it('a server that takes one recv() as one request passes by default, fails byte by byte, and is told why', async () => {
    expect((await run({ oneRecvPerRequest: true })).statuses).toEqual(ALL_PASSED);
    const faulty = await run({ oneRecvPerRequest: true }, { writeMode: 'bytewise' });
    expect(faulty.score.score).toBe(0);
    expect(faulty.feedback.balance).toContain('This test ran with wire faults: we sent every message one byte at a time');
    expect(faulty.feedback.balance).toContain('use sendall()');
  });

  it('a server that reads whole lines passes byte by byte and with a slow reader', async () => {
    const bytewise = await run({}, { writeMode: 'bytewise' });
    expect(bytewise.statuses).toEqual(ALL_PASSED);
    expect(bytewise.feedback.balance).not.toContain('wire faults');
    expect((await run({}, { writeMode: 'coalesced', readDelayMs: 20 })).statuses).toEqual(ALL_PASSED);
  });
});
