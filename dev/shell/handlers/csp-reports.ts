/**
 * Content Security Policy reports from the app's frames (the policy's `report-uri`): each goes to
 * the shell's `onCspViolation`, which the browser tests set to fail the test that caused it, and
 * which by default warns on the console once per page and directive, as `forge tunnel` does.
 */
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { CSP_REPORT_PATH, parseCspReport } from '../csp';
import type { CspReport } from '../csp';
import { readBody, sendNoContent } from '../http';

/** The default: one console warning per page and directive, however often the frame repeats it. */
export function warnOncePerDirective(): (report: CspReport) => void {
  const warned = new Set<string>();
  return (report) => {
    const key = `${report.documentUri}#${report.directive}`;
    if (warned.has(key)) return;
    warned.add(key);
    console.warn(`jira-shell: the app broke its Content Security Policy in ${report.documentUri}: ${report.directive} blocked ${report.blockedUri || 'inline content'}${report.sourceFile === undefined ? '' : ` (${report.sourceFile}:${String(report.lineNumber ?? '?')})`}. Forge blocks this too.`);
  };
}

async function takeReport({ request, response }: ShellCall, shell: ShellContext): Promise<void> {
  const report = parseCspReport(await readBody(request));
  if (report !== undefined) shell.onCspViolation(report);
  sendNoContent(response);
}

export const cspReportRoutes: readonly ShellRoute[] = [{ method: 'POST', path: CSP_REPORT_PATH, handle: takeReport }];
