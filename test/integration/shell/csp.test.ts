/**
 * The policy the Jira shell puts on a Custom UI page is the one Forge computes for it, by
 * Atlassian's own @forge/csp: no inline styles and no eval unless the manifest allows them, the
 * page's inline scripts allowed by hash; and the frames' reports reach the shell. Over HTTP, on
 * the committed probe page (test/fixtures/shell-app), so no build is needed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { startJiraShell } from '../../../dev/shell';
import type { JiraShell } from '../../../dev/shell';
import { CSP_REPORT_PATH, customUiCsp } from '../../../dev/shell/csp';
import type { CspReport } from '../../../dev/shell/csp';

const REPO_ROOT = join(import.meta.dirname, '../../..');
const MANIFEST = join(REPO_ROOT, 'test/fixtures/shell-app/manifest.yml');
const PROBE = join(REPO_ROOT, 'test/fixtures/shell-app/static/csp-probe/index.html');

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe("the shell's Content Security Policy for Custom UI pages", () => {
  let emulator: JiraEmulator;
  let runtime: ForgeRuntime;
  let shell: JiraShell;
  const reports: CspReport[] = [];

  beforeAll(async () => {
    emulator = await startJiraEmulator({ dataset: join(REPO_ROOT, 'dev/demo-data/demo.json') });
    runtime = await createForgeRuntime({ manifestPath: MANIFEST, jiraBaseUrl: emulator.url, memory: true, logger: { warn: () => undefined, error: () => undefined } });
    shell = await startJiraShell({ runtime, emulator, manifestPath: MANIFEST, port: 0, onCspViolation: (report) => reports.push(report) });
  });
  afterAll(async () => {
    await shell.close();
    await runtime.close();
    await emulator.close();
  });

  it('is what @forge/csp computes for the page as served, bridge included', async () => {
    const response = await fetch(`${shell.url}/__shell/resources/csp-probe/`);
    const page = await response.text();
    expect(page).toContain('<script src="/__shell/assets/bridge-client.js"></script>');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toBe(customUiCsp({ html: page, permissions: { scopes: ['read:jira-work'] }, hostname: shell.url }));
  });

  it('allows no inline style and no eval, allows the inline script by its hash, and reports to the shell', async () => {
    const policy = directives((await fetch(`${shell.url}/__shell/resources/csp-probe/`)).headers.get('content-security-policy') ?? '');
    expect(policy.get('style-src')).toContain("'self'");
    expect(policy.get('style-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    // Forge's sha256 over the inline script's text, exactly as written in the page.
    const inline = /<script>([\s\S]*?)<\/script>/.exec(readFileSync(PROBE, 'utf8'))?.[1] ?? '';
    expect(policy.get('script-src')).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(policy.get('frame-ancestors')).toContain(shell.url);
    expect(policy.get('sandbox')).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox', 'allow-downloads', 'allow-forms', 'allow-modals', 'allow-pointer-lock', 'allow-same-origin', 'allow-scripts']);
    // Offline: reports go to the shell, not to Atlassian's web-security-reports service.
    expect(policy.get('report-uri')).toEqual([CSP_REPORT_PATH]);
  });

  it('adds what the manifest allows, as Forge does: permissions.content styles unsafe-inline', () => {
    const strict = directives(customUiCsp({ html: '<html></html>', permissions: {}, hostname: 'http://127.0.0.1:1' }));
    const loose = directives(customUiCsp({ html: '<html></html>', permissions: { content: { styles: ['unsafe-inline'] } }, hostname: 'http://127.0.0.1:1' }));
    expect(strict.get('style-src')).not.toContain("'unsafe-inline'");
    expect(loose.get('style-src')).toContain("'unsafe-inline'");
  });

  it('passes each report a frame sends to report-uri on, and answers 204', async () => {
    const body = { 'csp-report': { 'document-uri': `${shell.url}/__shell/resources/csp-probe/`, 'effective-directive': 'style-src-attr', 'violated-directive': 'style-src-attr', 'blocked-uri': 'inline', 'line-number': 19, 'source-file': `${shell.url}/__shell/resources/csp-probe/` } };
    const response = await fetch(`${shell.url}${CSP_REPORT_PATH}`, { method: 'POST', headers: { 'content-type': 'application/csp-report' }, body: JSON.stringify(body) });
    expect(response.status).toBe(204);
    expect(reports).toEqual([{ documentUri: `${shell.url}/__shell/resources/csp-probe/`, directive: 'style-src-attr', blockedUri: 'inline', sourceFile: `${shell.url}/__shell/resources/csp-probe/`, lineNumber: 19, sample: undefined }]);
  });
});
