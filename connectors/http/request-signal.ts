/**
 * One abort listener per shared signal, however many requests use it.
 *
 * An activity hands its one cancellation signal to every request it makes, and each request
 * passes it on to the limiter, the backoff sleep and axios, which each add an abort listener for as
 * long as the request runs. With eight requests in flight that is 16–24 listeners on one
 * signal (Node warns past 10, once per signal: over 500 warnings in a bench). Here each
 * request gets a signal of its own, fed by a single listener on the shared one that is
 * removed when the last request using it completes.
 */

interface Fanout {
  readonly children: Set<AbortController>;
  readonly onAbort: () => void;
}

const fanouts = new WeakMap<AbortSignal, Fanout>();

export interface RequestSignal {
  /** Aborts when the shared signal aborts (same reason); undefined without a shared signal. */
  readonly signal: AbortSignal | undefined;
  /** Call once when the request completes (success or failure). */
  release(): void;
}

export function requestSignal(shared: AbortSignal | undefined): RequestSignal {
  if (shared === undefined) return { signal: undefined, release: () => {} };
  const child = new AbortController();
  if (shared.aborted) {
    child.abort(shared.reason);
    return { signal: child.signal, release: () => {} };
  }
  let fanout = fanouts.get(shared);
  if (fanout === undefined) {
    const children = new Set<AbortController>();
    const created: Fanout = {
      children,
      onAbort: () => {
        fanouts.delete(shared);
        for (const c of children) c.abort(shared.reason);
        children.clear();
      },
    };
    fanout = created;
    fanouts.set(shared, created);
    shared.addEventListener('abort', created.onAbort, { once: true });
  }
  const own = fanout;
  own.children.add(child);
  let released = false;
  return {
    signal: child.signal,
    release: () => {
      if (released) return;
      released = true;
      own.children.delete(child);
      if (own.children.size === 0 && fanouts.get(shared) === own) {
        shared.removeEventListener('abort', own.onAbort);
        fanouts.delete(shared);
      }
    },
  };
}
