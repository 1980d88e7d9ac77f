/**
 * The one way connectors describe zod issues: `payload.Orders[0].OrderTotal: Invalid input`.
 * Paths and messages only — never the value, which may be a secret or a buyer's data.
 */

export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `a.b[0].c` for the path ['a', 'b', 0, 'c']; '' for the root. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** `path: message` for one issue, `(root): message` at the root. */
export function describeIssue(issue: IssueLike): string {
  return `${issuePath(issue.path) || '(root)'}: ${issue.message}`;
}

/** Every issue, `; `-separated. */
export function describeIssues(issues: readonly IssueLike[]): string {
  return issues.map(describeIssue).join('; ');
}

/** The first issue, or `invalid` when zod gave none. */
export function describeFirstIssue(error: { readonly issues: readonly IssueLike[] }): string {
  const issue = error.issues[0];
  return issue === undefined ? 'invalid' : describeIssue(issue);
}
