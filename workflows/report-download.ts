/**
 * reportDownload: one report requested from a channel and downloaded to a file, as a child
 * workflow of the flows that read reports. getReport is polled on durable timers with a
 * growing wait (REPORT_DOWNLOAD in temporal.config.ts), not by activity retries, so a report
 * that takes hours costs a handful of history events per poll and survives worker restarts.
 * The end is a typed outcome, never a generic failure:
 * - `downloaded`: the document is on disk (its reference, not its content);
 * - `cancelled`: cancelled on request, or by the channel because the period holds no data;
 * - `fatal`: the report failed; the channel's error document is downloaded when it names one;
 * - `timed_out`: no end within the schedule's giveUpAfterMs (REPORT_DOWNLOAD's by default).
 */
import { ApplicationFailure, continueAsNew, proxyActivities, setCurrentDetails, sleep, workflowInfo } from '@temporalio/workflow';
import type { CreateReportInput, ReportActivities, ReportFile } from '../activities/reports-types.js';
import { ACTIVITY_OPTIONS, REPORT_DOWNLOAD, reportPollDelayMs, type ReportPollSchedule } from '../temporal.config.js';

const { createReport, getReportStatus, downloadReportDocument } = proxyActivities<ReportActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

export interface ReportDownloadInput extends CreateReportInput {
  /** Carried across continue-as-new: the report already requested, its polls and the time waited. */
  reportId?: string;
  polls?: number;
  waitedMs?: number;
  /** Another polling schedule than REPORT_DOWNLOAD (a report known to take hours; tests). */
  schedule?: ReportPollSchedule;
}

export type ReportDownloadResult =
  | { outcome: 'downloaded'; reportId: string; file: ReportFile }
  | { outcome: 'cancelled'; reportId: string }
  | { outcome: 'fatal'; reportId: string; errorFile?: ReportFile }
  | { outcome: 'timed_out'; reportId: string; polls: number };

export async function reportDownload(input: ReportDownloadInput): Promise<ReportDownloadResult> {
  const { tenant, connection, reportType } = input;
  if (!tenant || !connection || !reportType) throw ApplicationFailure.nonRetryable('reportDownload needs a tenant, a connection and a reportType', 'validation');
  const ref = { tenant, connection };
  let reportId = input.reportId;
  if (reportId === undefined) {
    const { reportId: _r, polls: _p, waitedMs: _w, schedule: _s, ...request } = input;
    ({ reportId } = await createReport(request));
  }
  const schedule = input.schedule ?? REPORT_DOWNLOAD;
  let polls = input.polls ?? 0;
  let waitedMs = input.waitedMs ?? 0;
  for (;;) {
    const status = await getReportStatus({ ...ref, reportId });
    polls += 1;
    switch (status.status) {
      case 'done': {
        setCurrentDetails(`**${reportType}** ${reportId}: done after ${polls} polls, downloading`);
        const file = await downloadReportDocument({ ...ref, reportId, documentId: status.documentId, purpose: 'report' });
        setCurrentDetails(`**${reportType}** ${reportId}: downloaded, ${file.bytes} bytes`);
        return { outcome: 'downloaded', reportId, file };
      }
      case 'cancelled':
        setCurrentDetails(`**${reportType}** ${reportId}: cancelled (on request, or no data for the period)`);
        return { outcome: 'cancelled', reportId };
      case 'fatal': {
        setCurrentDetails(`**${reportType}** ${reportId}: failed (FATAL)`);
        if (status.errorDocumentId === undefined) return { outcome: 'fatal', reportId };
        const errorFile = await downloadReportDocument({ ...ref, reportId, documentId: status.errorDocumentId, purpose: 'error' });
        return { outcome: 'fatal', reportId, errorFile };
      }
      case 'pending':
        break;
    }
    if (waitedMs >= schedule.giveUpAfterMs) {
      setCurrentDetails(`**${reportType}** ${reportId}: no end after ${polls} polls`);
      return { outcome: 'timed_out', reportId, polls };
    }
    const delay = reportPollDelayMs(polls - 1, schedule);
    setCurrentDetails(`**${reportType}** ${reportId}: pending after ${polls} polls, next in ${Math.round(delay / 1000)} s`);
    await sleep(delay);
    waitedMs += delay;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > REPORT_DOWNLOAD.continueAsNewAfterEvents) {
      await continueAsNew<typeof reportDownload>({ ...input, reportId, polls, waitedMs });
    }
  }
}
