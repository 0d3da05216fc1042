/**
 * The Content Security Policy of a Custom UI resource, computed by Atlassian's own code: the
 * `@forge/csp` package that `forge tunnel` uses for the same job (@forge/tunnel's
 * ResourceTunnelServer). `CSPProcessingService` reads the HTML after the bridge is injected
 * (sha256 hashes of inline scripts; `permissions.content` and `permissions.external` of the
 * manifest), and `CSPInjectionService` adds Forge's fixed directives for the production
 * environment: no inline styles and no eval unless the manifest allows them.
 *
 * Two differences from what Forge sends, both so the shell stays offline and can listen:
 * the hostname (the Jira site, in Forge) is the shell's own origin, and `report-uri` points at
 * the shell (`/__shell/api/csp-report`) instead of Atlassian's web-security-reports service.
 */
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load } from 'cheerio';

export const CSP_REPORT_PATH = '/__shell/api/csp-report';

export interface CustomUiCspInput {
  /** The page as the frame receives it, bridge script included. */
  readonly html: string;
  /** The manifest's `permissions` (only `content` and `external` matter here). */
  readonly permissions: unknown;
  /** Where Jira is: the shell's origin, e.g. http://127.0.0.1:8080. */
  readonly hostname: string;
}

/** The directives, in Forge's order, joined as the header value. */
export function customUiCsp(input: CustomUiCspInput): string {
  const permissions = (typeof input.permissions === 'object' && input.permissions !== null ? input.permissions : {}) as Permissions;
  const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(input.html, permissions);
  const directives = new CSPInjectionService().getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: input.hostname });
  return directives.map((directive) => (directive.startsWith('report-uri ') ? `report-uri ${CSP_REPORT_PATH}` : directive)).join('; ');
}

/** One violation as the browser reports it to `report-uri` (the fields the shell shows). */
export interface CspReport {
  readonly documentUri: string;
  readonly directive: string;
  readonly blockedUri: string;
  readonly sourceFile: string | undefined;
  readonly lineNumber: number | undefined;
  readonly sample: string | undefined;
}

/** Reads a `application/csp-report` body (`{"csp-report": {…}}`); undefined when it is not one. */
export function parseCspReport(text: string): CspReport | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const report = (body as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report'];
  if (typeof report !== 'object') return undefined;
  const field = (key: string): string | undefined => (typeof report[key] === 'string' ? report[key] : undefined);
  return {
    documentUri: field('document-uri') ?? '',
    directive: field('effective-directive') ?? field('violated-directive') ?? '',
    blockedUri: field('blocked-uri') ?? '',
    sourceFile: field('source-file'),
    lineNumber: typeof report['line-number'] === 'number' ? report['line-number'] : undefined,
    sample: field('script-sample'),
  };
}
