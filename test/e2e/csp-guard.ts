/**
 * Every browser test fails when a frame broke Forge's Content Security Policy during it, not only
 * on page errors: a blocked inline style or script works nowhere but here otherwise, since Forge
 * blocks it in Jira. A setup file, so every e2e file gets the check without asking for it.
 */
import { afterEach } from 'vitest';
import { assertNoCspViolations } from './support';

afterEach(() => {
  assertNoCspViolations();
});
