/**
 * The chat fixture submissions (`test/fixtures/submissions/chat-*`), graded on this
 * machine: real `python3` child processes behind the fake grader, the peer's whole path
 * minus Docker. Checks that `expected-chat.json` says what our suites really give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeExpectedFixtures } from '../testing/expected-fixtures.js';

describeExpectedFixtures({ describe, it, expect, beforeAll }, { title: 'chat fixture submissions graded on this machine', expectedFile: 'expected-chat.json', timeoutMs: 90_000 });
