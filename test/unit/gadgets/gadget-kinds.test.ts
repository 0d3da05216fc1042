import { describe, expect, it } from 'vitest';
import { earlyReadOf, gadgetKindOf } from '../../../static/gadgets/src/gadget-kinds';

describe("what a gadget's first script asks", () => {
  it("names each gadget by its module key, Vision alignment for any other", () => {
    expect(gadgetKindOf('top-of-backlog')).toBe('top-of-backlog');
    expect(gadgetKindOf('sprint-readiness')).toBe('sprint-readiness');
    expect(gadgetKindOf('vision-alignment')).toBe('vision-alignment');
    expect(gadgetKindOf(undefined)).toBe('vision-alignment');
  });

  it("asks each gadget's view for its own answer at once", () => {
    expect(earlyReadOf({ moduleKey: 'vision-alignment', extension: { type: 'jira:dashboardGadget' } })).toBe('getVisionAlignment');
    expect(earlyReadOf({ moduleKey: 'top-of-backlog', extension: { type: 'jira:dashboardGadget', entryPoint: 'view' } })).toBe('getTopOfBacklog');
    expect(earlyReadOf({ moduleKey: 'sprint-readiness', extension: { type: 'jira:dashboardGadget' } })).toBe('getSprintReadinessGadget');
  });

  it('asks nothing in the edit view, which lists projects or boards instead', () => {
    expect(earlyReadOf({ moduleKey: 'vision-alignment', extension: { type: 'jira:dashboardGadget', entryPoint: 'edit' } })).toBeUndefined();
    expect(earlyReadOf({ moduleKey: 'sprint-readiness', extension: { type: 'jira:dashboardGadget', entryPoint: 'edit' } })).toBeUndefined();
  });
});
