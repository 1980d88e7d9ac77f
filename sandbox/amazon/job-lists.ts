/**
 * getFeeds and getReports: the same filters (types, processingStatuses, marketplaceIds,
 * createdSince defaulting to and at most 90 days back, createdUntil, pageSize 1–100), newest
 * first, and a nextToken carrying the filter and the position.
 */
import { csvParam, invalidInput, type ApiReply, type ApiRequest } from './api-types.js';
import { parseIsoDate } from './iso-date.js';
import { JOB_STATUSES, type JobStatus } from './jobs.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';

export interface ListedJob {
  id: string;
  type: string;
  createdMs: number;
  marketplaceIds: readonly string[];
  status: JobStatus;
}

interface JobFilter {
  types: string[];
  statuses?: string[];
  mps?: string[];
  since: number;
  until: number;
  size: number;
  after?: number;
}

const DAY = 86_400_000;

function listFilter(params: URLSearchParams, typesName: string, nowMs: number): { ok: true; value: JobFilter } | { ok: false; reply: ApiReply } {
  const fail = (message: string): { ok: false; reply: ApiReply } => ({ ok: false, reply: invalidInput(message) });
  const types = csvParam(params, typesName);
  if (!types || types.length === 0) return fail(`${typesName} or nextToken is required.`);
  if (types.length > 10) return fail(`${typesName} cannot contain more than 10 values.`);
  const statuses = csvParam(params, 'processingStatuses');
  const badStatus = statuses?.find((s) => !(JOB_STATUSES as readonly string[]).includes(s));
  if (badStatus !== undefined) return fail(`Invalid processingStatuses value: ${badStatus}.`);
  const mps = csvParam(params, 'marketplaceIds');
  const sizeRaw = params.get('pageSize') ?? '10';
  if (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1 || Number(sizeRaw) > 100) return fail('pageSize must be an integer between 1 and 100.');
  const sinceRaw = params.get('createdSince');
  const untilRaw = params.get('createdUntil');
  const since = sinceRaw === null ? nowMs - 90 * DAY : parseIsoDate(sinceRaw);
  const until = untilRaw === null ? nowMs : parseIsoDate(untilRaw);
  if (since === undefined) return fail(`createdSince is not a valid ISO 8601 date: ${sinceRaw ?? ''}.`);
  if (until === undefined) return fail(`createdUntil is not a valid ISO 8601 date: ${untilRaw ?? ''}.`);
  if (since < nowMs - 90 * DAY) return fail('createdSince cannot be more than 90 days in the past.');
  return { ok: true, value: { types, ...(statuses ? { statuses } : {}), ...(mps ? { mps } : {}), since, until, size: Number(sizeRaw) } };
}

/** One page of `jobs` for getFeeds (`key` feeds, filter feedTypes) or getReports (reports, reportTypes). */
export function listJobs<T>(req: ApiRequest, key: 'feeds' | 'reports', jobs: readonly T[], view: (job: T) => ListedJob, render: (job: T) => unknown): ApiReply {
  const op = key === 'feeds' ? 'getFeeds' : 'getReports';
  const nextToken = req.url.searchParams.get('nextToken');
  let filter: JobFilter;
  if (nextToken !== null) {
    const decoded = decodeNextToken(nextToken) as { op?: string; f?: JobFilter } | undefined;
    if (decoded?.op !== op || !decoded.f) return invalidInput('Invalid nextToken.');
    filter = decoded.f;
  } else {
    const parsed = listFilter(req.url.searchParams, key === 'feeds' ? 'feedTypes' : 'reportTypes', req.nowMs);
    if (!parsed.ok) return parsed.reply;
    filter = parsed.value;
  }
  const hits = jobs
    .map((job) => ({ job, v: view(job) }))
    .filter(({ v }) => filter.types.includes(v.type) && v.createdMs >= filter.since && v.createdMs <= filter.until)
    .filter(({ v }) => !filter.mps || v.marketplaceIds.some((m) => filter.mps?.includes(m)))
    .filter(({ v }) => !filter.statuses || filter.statuses.includes(v.status))
    .sort((a, b) => b.v.createdMs - a.v.createdMs || Number(b.v.id) - Number(a.v.id));
  const start = filter.after ?? 0;
  const page = hits.slice(start, start + filter.size);
  const more = start + filter.size < hits.length;
  return {
    status: 200,
    body: { [key]: page.map(({ job }) => render(job)), ...(more ? { nextToken: encodeNextToken({ op, f: { ...filter, after: start + filter.size } }) } : {}) },
  };
}
