/**
 * Which gadget a frame is and what it asks first: no bridge and no React here, so that the frame's
 * first script stays small and this is tested in Node.
 */
import type { FullContext } from '@forge/bridge';
import type { SprintReadinessGadgetView, TopOfBacklogView, VisionAlignmentView } from '../../../src/contract';

/** Which gadget a frame is: the module key the manifest gives it. */
export type GadgetKind = 'vision-alignment' | 'top-of-backlog' | 'sprint-readiness';

/** Each gadget's view and the resolver that answers it. */
export interface GadgetAnswers {
  readonly getVisionAlignment: VisionAlignmentView;
  readonly getTopOfBacklog: TopOfBacklogView;
  readonly getSprintReadinessGadget: SprintReadinessGadgetView;
}
export type GadgetRead = keyof GadgetAnswers;

const READ_OF: Readonly<Record<GadgetKind, GadgetRead>> = {
  'vision-alignment': 'getVisionAlignment',
  'top-of-backlog': 'getTopOfBacklog',
  'sprint-readiness': 'getSprintReadinessGadget',
};

/** The gadget a module key names; Vision alignment for any other (the manifest has only these three). */
export function gadgetKindOf(moduleKey: unknown): GadgetKind {
  return moduleKey === 'top-of-backlog' || moduleKey === 'sprint-readiness' ? moduleKey : 'vision-alignment';
}

/**
 * The resolver a frame asks at once: its gadget's read in the view; nothing in the edit view,
 * which lists projects or boards instead.
 */
export function earlyReadOf(context: Pick<FullContext, 'moduleKey' | 'extension'>): GadgetRead | undefined {
  const extension = context.extension as { entryPoint?: unknown } | undefined;
  if (extension?.entryPoint === 'edit') return undefined;
  return READ_OF[gadgetKindOf(context.moduleKey)];
}
