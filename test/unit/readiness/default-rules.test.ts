import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, defaultReadinessConfig } from '../../../src/domain/readiness';

const markdown = readFileSync(new URL('../../../src/domain/readiness/DEFAULT-RULES.md', import.meta.url), 'utf8');

describe('DEFAULT-RULES.md', () => {
  it('documents every rule with its default switch and severity', () => {
    const config = defaultReadinessConfig();
    for (const id of RULE_IDS) {
      const row = markdown.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, id).toBeDefined();
      const cells = (row ?? '').split('|').map((cell) => cell.trim());
      expect(cells[3], id).toBe(config.rules[id].enabled ? 'on' : 'off');
      expect(cells[4], id).toBe(config.rules[id].severity);
    }
  });

  it('states the default parameters', () => {
    const { rules, issueTypes, storyPointsField } = defaultReadinessConfig();
    expect(issueTypes).toEqual(['Story', 'Task', 'Bug']);
    expect(storyPointsField?.id).toBe('customfield_10016');
    expect(rules['estimate-small'].maxPoints).toBe(8);
    expect(rules['description-length'].minWords).toBe(20);
    expect(rules['refined-recently'].maxDays).toBe(30);
    expect(markdown).toContain('`maxPoints` 8');
    expect(markdown).toContain('`minWords` 20');
    expect(markdown).toContain('`maxDays` 30');
  });
});
