/**
 * Stoplight Prism for contract tests: `startPrism` runs `prism mock|proxy --errors` on a port
 * of the OS's choosing and resolves once Prism says it listens; `startPrismRecorder` is a
 * loopback proxy in front of it that reports the status and `sl-violations` of every exchange.
 */
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const PRISM_BIN = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));
/** The line Prism prints once its HTTP server is bound (with -p 0, the port it was given). */
const LISTENING = /Prism is listening on http:\/\/127\.0\.0\.1:(\d+)/;
/** Signals that end a test process; each must end Prism too. */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface PrismOptions {
  readonly mode: 'mock' | 'proxy';
  /** Path of the OpenAPI/Swagger document Prism validates against. */
  readonly spec: string;
  /** Where `proxy` mode forwards requests (required there, refused in `mock`). */
  readonly upstream?: string;
  /** How long Prism may take to start; 25 s by default (it parses the whole model first). */
  readonly startTimeoutMs?: number;
}

export interface RunningPrism {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Everything Prism printed so far (for failure messages). */
  output(): string;
  /** Ends Prism and its process group; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts Prism with --errors, so a request or response that breaks the model is an error answer. */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  if ((options.mode === 'proxy') !== (options.upstream !== undefined)) {
    throw new Error(`prism ${options.mode}: upstream is ${options.mode === 'proxy' ? 'required' : 'only for proxy mode'}`);
  }
  const args = [PRISM_BIN, options.mode, options.spec, ...(options.upstream === undefined ? [] : [options.upstream])];
  // detached: Prism leads its own process group, so stop() ends anything it forks too.
  const child = spawn(process.execPath, [...args, '--errors', '-h', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined || !running()) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal); // the group is already gone; make sure the leader is too
    }
  };
  // Its own group also keeps it from a Ctrl-C meant for the tests, so a test process that ends
  // without stop() (exit, or a signal: Ctrl-C, the pool ending a worker) takes Prism along.
  const killOnExit = (): void => signalGroup('SIGKILL');
  const killOnSignal = (signal: NodeJS.Signals): void => {
    killOnExit();
    forget();
    // Nobody else handles it: end as the signal would have without this listener.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const forget = (): void => {
    process.removeListener('exit', killOnExit);
    for (const signal of ENDING_SIGNALS) process.removeListener(signal, killOnSignal);
  };
  process.once('exit', killOnExit);
  for (const signal of ENDING_SIGNALS) process.once(signal, killOnSignal);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      forget();
      if (running()) {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    })();
    return stopping;
  };

  const timeoutMs = options.startTimeoutMs ?? 25_000;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`prism did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = LISTENING.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`prism exited (${String(code ?? signal)}) before listening:\n${output}`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, port, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One request through the recorder, as Prism answered it. */
export interface PrismExchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The raw `sl-violations` header (a JSON array), when Prism sent one. */
  readonly violations?: string;
  /** The request's headers as the connector sent them (a version pin, an idempotency key). */
  readonly requestHeaders: Readonly<Record<string, string | string[] | undefined>>;
}

export interface RunningRecorder {
  readonly url: string;
  stop(): Promise<void>;
}

export interface RecorderOptions {
  /** Answers a request itself (e.g. the OAuth token a description does not cover): true when it did. */
  readonly answerLocally?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A `POST path` answered with `body` as JSON (a vendor's token endpoint in front of Prism). */
export function jsonRoute(path: string, body: unknown): NonNullable<RecorderOptions['answerLocally']> {
  return (req, res) => {
    if (req.url !== path) return false;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return true;
  };
}

/** The `sl-violations` header as a list; "Too many violations…" (not JSON) is kept as one violation of unknown location. */
export function violationsOf(header: string | undefined): { location: string[]; message: string }[] {
  if (header === undefined) return [];
  try {
    return JSON.parse(header) as { location: string[]; message: string }[];
  } catch {
    return [{ location: ['unparsed'], message: header }];
  }
}

/**
 * A loopback proxy to `target` (a URL, or a function giving the current one when the Prism
 * behind it is restarted per description) that calls `record` with every exchange before
 * passing the answer on.
 */
export async function startPrismRecorder(target: string | (() => string), record: (exchange: PrismExchange) => void, options: RecorderOptions = {}): Promise<RunningRecorder> {
  const server: Server = createServer((req, res) => {
    if (options.answerLocally?.(req, res) === true) return;
    const { hostname, port } = new URL(typeof target === 'string' ? target : target());
    const upstream = httpRequest({ host: hostname, port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const violations = answer.headers['sl-violations'];
      record({
        method: req.method ?? '',
        url: req.url ?? '',
        status: answer.statusCode ?? 0,
        ...(violations === undefined ? {} : { violations: String(violations) }),
        requestHeaders: req.headers,
      });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: ownPort } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${ownPort}`,
    stop() {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
