/** Test helper: checks that bytes are a well-formed PDF whose xref offsets point at their objects. */

export function pdfProblems(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const problems: string[] = [];
  if (!text.startsWith('%PDF-')) problems.push('does not start with %PDF-');
  if (!/%%EOF\s*$/.test(text)) problems.push('does not end with %%EOF');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!start) return [...problems, 'no startxref'];
  const xrefAt = Number(start[1]);
  if (text.slice(xrefAt, xrefAt + 4) !== 'xref') return [...problems, `startxref ${xrefAt} does not point at "xref"`];
  const header = /^xref\n(\d+) (\d+)\n/.exec(text.slice(xrefAt));
  if (!header) return [...problems, 'malformed xref header'];
  const first = Number(header[1]);
  const count = Number(header[2]);
  const entriesAt = xrefAt + header[0].length;
  for (let i = 0; i < count; i++) {
    const entry = text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20);
    const m = /^(\d{10}) (\d{5}) ([nf]) ?\r?\n?$/.exec(entry);
    if (!m || entry.length !== 20) {
      problems.push(`xref entry ${first + i} is not 20 bytes of "oooooooooo ggggg n \\n": ${JSON.stringify(entry)}`);
      continue;
    }
    if (m[3] === 'f') continue;
    const offset = Number(m[1]);
    const expected = `${first + i} ${Number(m[2])} obj`;
    if (text.slice(offset, offset + expected.length) !== expected) problems.push(`xref entry ${first + i} points at ${JSON.stringify(text.slice(offset, offset + 12))}, not "${expected}"`);
  }
  if (!/trailer\s*<<[^>]*\/Root \d+ 0 R/.test(text.slice(xrefAt))) problems.push('trailer without /Root');
  return problems;
}

/** The text shown on the page: the string literals of the content stream, unescaped. */
export function pdfStrings(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  return [...text.matchAll(/\(((?:\\.|[^\\)])*)\) '/g)].map((m) => (m[1] as string).replace(/\\(.)/g, '$1'));
}
