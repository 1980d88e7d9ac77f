/** Plain-text tables and errors for the ops CLI. */

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    /** 2: bad arguments or config; 1: the operation failed. */
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - [...c].length));
        return /^-?[\d,.]+( ms| s)?$/.test(c) && i > 0 ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

/**
 * A start-up step failed for a reason the message explains (a port held by another
 * process, another demo on the same data folder): printed as one line, exit code 1.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
