/**
 * A bank check as a script of requests: each step is sent, judged against what a correct
 * server answers, and kept for the feedback's listing of the whole conversation.
 */
import { serverExitNote } from '../lib/server-exit-note.js';
import type { TcpConnection } from '../lib/tcp-connection.js';
import { readParams } from '../lib/param-schema.js';
import type { ServerCheckContext } from '../suite.js';
import type { TestOutcome, TestStatus } from '../types.js';
import { ConnectionLabels, type Exchange, exchange, exchangeOnce, openBank } from './bank-exchange.js';
import { BANK_CHECK, type BankProtocol } from './bank-params.js';
import { type Expectation, judgeExchange, ok, replyText } from './bank-verdict.js';

export interface Step {
  exchange: Exchange;
  expectation: Expectation;
  /** Null when the reply was right. */
  problem: string | null;
}

/** Ends after which the server may have crashed: wait briefly for its exit report. */
export const DYING: ReadonlySet<string> = new Set(['closed', 'reset', 'lost', 'refused']);
export const WAITING: ReadonlySet<string> = new Set(['silent', 'no-newline', 'no-accept']);

export class BankScript {
  readonly steps: Step[] = [];
  readonly labels = new ConnectionLabels();
  readonly #ctx: ServerCheckContext;
  readonly #protocol: BankProtocol;

  constructor(ctx: ServerCheckContext, protocol: BankProtocol) {
    this.#ctx = ctx;
    this.#protocol = protocol;
  }

  get protocol(): BankProtocol {
    return this.#protocol;
  }

  /** The first step that went wrong. */
  get failure(): Step | undefined {
    return this.steps.find((step) => step.problem !== null);
  }

  /** One request on a new connection. */
  async once(request: string, expectation: Expectation): Promise<Step> {
    return this.#record(await exchangeOnce(this.#ctx, this.labels, request, this.#protocol), expectation);
  }

  /** One request on an open connection. */
  async on(conn: TcpConnection, request: string, expectation: Expectation): Promise<Step> {
    return this.#record(await exchange(conn, request, this.#protocol, this.#ctx.signal), expectation);
  }

  /** Opens a connection for several requests; a refusal is recorded as the failed first step. */
  async open(firstRequest: string, expectation: Expectation): Promise<TcpConnection | null> {
    const opened = await openBank(this.#ctx, this.labels.next(), firstRequest, this.#protocol);
    if (opened.ok) return opened.conn;
    this.#record(opened.failure, expectation);
    return null;
  }

  /** `BALANCE` on a new connection: the balance in smallest units, or null (the step failed). */
  async balance(): Promise<number | null> {
    const step = await this.once(this.#protocol.words.balance, ok(null));
    return step.problem === null && step.exchange.reply?.kind === 'ok' ? step.exchange.reply.balance : null;
  }

  /**
   * The test's result: passed with `passed` when every step was right, else the first
   * problem (or `problems` of several independent steps), the listing and what happened
   * to the server.
   */
  async outcome(passed: string, options: { fraction?: number; intro?: string; hint?: string } = {}): Promise<TestOutcome> {
    const ctx = this.#ctx;
    const failures = this.steps.filter((step) => step.problem !== null);
    if (failures.length === 0) return { status: 'passed', feedback: passed, transcript: ctx.transcript.entries() };
    const first = failures[0] as Step;
    const status: TestStatus = WAITING.has(first.exchange.end) ? 'timeout' : 'failed';
    const problems = failures.map((step) => step.problem as string);
    const parts = [`${options.intro ?? ''}${problems.length === 1 ? problems[0] : problems.map((p) => `- ${p}`).join('\n')}`];
    if (options.hint) parts.push(options.hint);
    parts.push(this.listing());
    const note = await serverExitNote(ctx, { dying: failures.some((step) => DYING.has(step.exchange.end)), waitMs: readParams(BANK_CHECK, ctx.params).exitReportMs });
    if (note) parts.push(note);
    return { status, feedback: parts.join('\n\n'), transcript: ctx.transcript.entries(), ...(options.fraction !== undefined ? { fraction: options.fraction } : {}) };
  }

  /**
   * A failure found outside the steps (e.g. in concurrent traffic summarized elsewhere):
   * `problem`, then the listing of the steps and what happened to the server.
   */
  async failWith(problem: string, options: { status?: TestStatus; dying?: boolean } = {}): Promise<TestOutcome> {
    const ctx = this.#ctx;
    const parts = [problem, this.listing()];
    const note = await serverExitNote(ctx, { dying: options.dying ?? false, waitMs: readParams(BANK_CHECK, ctx.params).exitReportMs });
    if (note) parts.push(note);
    return { status: options.status ?? 'failed', feedback: parts.join('\n\n'), transcript: ctx.transcript.entries() };
  }

  /** Every request and reply, marking the wrong ones. */
  listing(): string {
    const lines = this.steps.map((step, index) => `${index + 1}. ${step.exchange.conn}: \`${step.exchange.request}\` → ${replyText(step.exchange, this.#protocol)}${step.problem ? '  ✗' : ''}`);
    return `Our requests and your replies:\n${lines.join('\n')}`;
  }

  #record(x: Exchange, expectation: Expectation): Step {
    const step: Step = { exchange: x, expectation, problem: judgeExchange(x, expectation, this.#protocol) };
    this.steps.push(step);
    return step;
  }
}
