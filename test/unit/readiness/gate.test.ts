/** The readiness gate's pure part: which failures refuse a transition, and the message Jira shows. */
import { describe, expect, it } from 'vitest';
import { parseReadinessConfig } from '../../../src/domain/readiness';
import type { ReadinessResult, RuleFailure } from '../../../src/domain/readiness';
import { MAX_GATE_MESSAGE_LENGTH, gateMessage, gatingFailures } from '../../../src/domain/readiness/gate';

const failure = (ruleId: RuleFailure['ruleId'], severity: RuleFailure['severity'] = 'blocking', message = 'Something is wrong.', fix = 'Fix it.'): RuleFailure => ({ ruleId, severity, message, fix });

function result(verdict: ReadinessResult['verdict'], failures: RuleFailure[], warnings: RuleFailure[] = []): ReadinessResult {
  return { key: 'TL-1', verdict, failures, warnings, passed: [], notChecked: [], points: undefined };
}

describe('gatingFailures', () => {
  it('gates on blocking rules by default and on warnings too when chosen', () => {
    const notReady = result('not-ready', [failure('estimate-present')], [failure('user-story-form', 'warning')]);
    expect(gatingFailures(notReady).map((f) => f.ruleId)).toEqual(['estimate-present']);
    expect(gatingFailures(notReady, 'blocking-and-warnings').map((f) => f.ruleId)).toEqual(['estimate-present', 'user-story-form']);
    const onlyWarnings = result('ready', [], [failure('description-length', 'warning')]);
    expect(gatingFailures(onlyWarnings)).toEqual([]);
    expect(gatingFailures(onlyWarnings, 'blocking-and-warnings')).toHaveLength(1);
  });

  it('never gates an issue type that is not checked', () => {
    expect(gatingFailures(result('not-applicable', [], [failure('user-story-form', 'warning')]), 'blocking-and-warnings')).toEqual([]);
  });
});

describe('gateMessage', () => {
  it('names each rule, what is wrong and how to fix it', () => {
    const text = gateMessage('TL-7', [failure('estimate-present', 'blocking', 'The story has no story points.', 'Add an estimate.'), failure('no-open-blocker', 'blocking', 'TL-3 blocks it.', 'Resolve TL-3.')]);
    expect(text).toBe(
      "TL-7 is not ready (Throughline's Definition of Ready): 2 rules to fix first.\n• Estimate present: The story has no story points. Fix: Add an estimate.\n• No open blocker: TL-3 blocks it. Fix: Resolve TL-3.",
    );
  });

  it('drops control and direction characters, counts rules past six, and stays within its length', () => {
    const many = Array.from({ length: 9 }, () => failure('required-fields', 'blocking', `Field \u202Eevil\u0007 ${'x'.repeat(400)}`, 'Fill it.'));
    const text = gateMessage('TL-1', many);
    expect(Array.from(text).filter((char) => char !== '\n' && (char.charCodeAt(0) < 0x20 || (char >= '\u202a' && char <= '\u202e')))).toEqual([]);
    expect(text.length).toBeLessThanOrEqual(MAX_GATE_MESSAGE_LENGTH);
    expect(gateMessage('TL-1', many.map((f) => ({ ...f, message: 'Short.' })))).toContain('and 3 more');
  });
});

describe('the gate setting', () => {
  it('defaults to blocking, accepts warnings too, refuses anything else with its path', () => {
    const parsed = parseReadinessConfig({});
    expect(parsed.ok && parsed.config.gate).toBe('blocking');
    const strict = parseReadinessConfig({ gate: 'blocking-and-warnings' });
    expect(strict.ok && strict.config.gate).toBe('blocking-and-warnings');
    const wrong = parseReadinessConfig({ gate: 'everything' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors[0]).toMatchObject({ path: 'gate', message: expect.stringContaining('must be one of "blocking", "blocking-and-warnings"') as unknown });
  });
});
