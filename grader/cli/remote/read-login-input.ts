import { createInterface } from 'node:readline/promises';

/** Where `sockgrade login` asks: the process's stdin and stderr, or fakes in tests. */
export interface LoginInput {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** The prompts go here (stderr), so stdout stays free for output. */
  prompt: NodeJS.WritableStream;
}

/** Lines a CI job may pipe in: a name and a password; more is a mistake. */
const MAX_PIPED_BYTES = 4096;

/**
 * Name and password. On a terminal, asked for, the password not echoed. Otherwise read
 * from stdin for CI (`printf '%s\n' "$PASSWORD" | sockgrade login URL --name ada`): the
 * first line is the password when `--name` is given, else the name and then the password.
 */
export async function readLoginInput(input: LoginInput, name: string | undefined): Promise<{ name: string; password: string }> {
  if (input.stdin.isTTY && input.stdin.setRawMode) {
    const typedName = name ?? (await askLine(input, 'Name: '));
    return { name: typedName, password: await askHidden(input, 'Password: ') };
  }
  const lines = (await readAll(input.stdin)).split(/\r?\n/);
  if (name !== undefined) return { name, password: lines[0] ?? '' };
  return { name: (lines[0] ?? '').trim(), password: lines[1] ?? '' };
}

async function askLine(input: LoginInput, question: string): Promise<string> {
  const rl = createInterface({ input: input.stdin, output: input.prompt, terminal: true });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Reads a line in raw mode, echoing nothing: Enter ends it, Backspace deletes, Ctrl-C and Ctrl-D (on an empty line) cancel. */
function askHidden(input: LoginInput, question: string): Promise<string> {
  const { stdin } = input;
  input.prompt.write(question);
  stdin.setEncoding('utf8');
  stdin.setRawMode!(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      input.prompt.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n') {
          finish();
          return resolve(chars.join(''));
        }
        if (char === '\u0003' || (char === '\u0004' && chars.length === 0)) {
          finish();
          return reject(new Error('cancelled'));
        }
        if (char === '\u007f' || char === '\b') chars = chars.slice(0, -1);
        else if (char === '\u0015') chars = [];
        else if (char >= ' ') chars.push(char);
      }
    };
    stdin.on('data', onData);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (Buffer.byteLength(text) > MAX_PIPED_BYTES) throw new Error(`more than ${MAX_PIPED_BYTES} bytes on stdin: send only the name and the password, one per line`);
  }
  return text;
}
