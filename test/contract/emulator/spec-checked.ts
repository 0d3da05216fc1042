/**
 * What every emulator contract test opens with: Atlassian's OpenAPI description loaded, a demo
 * emulator started before the file's tests and closed after them, and `checked`, a call whose
 * request body (unless it is meant to be bad) and answer are validated against the description.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { JiraEmulator, JiraEmulatorOptions } from '../../../dev/jira-emulator';
import { loadJiraSpec } from '../../../dev/openapi/validate';
import type { OpenApiValidator } from '../../../dev/openapi/validate';
import { call, startDemo } from '../../integration/emulator/support';
import type { Answer, Who } from '../../integration/emulator/support';

export interface CheckedOptions {
  readonly as?: Who;
  readonly body?: unknown;
  /** False for a body sent bad on purpose: only the answer is validated. */
  readonly validRequest?: boolean;
}

export interface SpecCheckedEmulator {
  /** The running emulator (inside the tests: it starts in `beforeAll`). */
  readonly emulator: JiraEmulator;
  readonly spec: OpenApiValidator;
  /** Calls, then checks request and answer against the description. */
  readonly checked: (method: string, path: string, options?: CheckedOptions) => Promise<Answer>;
}

/** Registers the file's `beforeAll`/`afterAll`; call it at the top of a `describe`. */
export function specCheckedEmulator(options: Partial<JiraEmulatorOptions> = {}): SpecCheckedEmulator {
  const started: { emulator?: JiraEmulator; spec?: OpenApiValidator } = {};
  beforeAll(async () => {
    started.spec = loadJiraSpec();
    started.emulator = await startDemo(options);
  });
  afterAll(async () => {
    await started.emulator?.close();
  });
  const running = (): { emulator: JiraEmulator; spec: OpenApiValidator } => {
    if (started.emulator === undefined || started.spec === undefined) throw new Error('The emulator runs only inside the tests (it starts in beforeAll).');
    return { emulator: started.emulator, spec: started.spec };
  };
  return {
    get emulator() {
      return running().emulator;
    },
    get spec() {
      return running().spec;
    },
    checked: async (method, path, checkedOptions = {}) => {
      const { emulator, spec } = running();
      const bare = path.split('?')[0] ?? path;
      if (checkedOptions.body !== undefined && checkedOptions.validRequest !== false) {
        expect(spec.validateRequest(method, bare, checkedOptions.body), `request ${method} ${bare}`).toEqual({ ok: true });
      }
      const answer = await call(emulator, method, path, checkedOptions);
      expect(spec.validateResponse(method, bare, answer.status, answer.body), `response ${answer.status} of ${method} ${path}: ${answer.text.slice(0, 300)}`).toEqual({ ok: true });
      return answer;
    },
  };
}
