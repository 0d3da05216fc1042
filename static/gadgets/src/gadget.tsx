/**
 * One frame for a gadget's view and its edit view: Jira says which (`context.extension.entryPoint`
 * is 'edit' while the user configures the gadget), and gives the saved configuration in
 * `context.extension.gadgetConfiguration`, which only the resolvers read and check.
 */
import type { ReactNode } from 'react';
import { ErrorPanel, Skeleton } from '../../common/components';
import { useForgeContext } from '../../common/forge-hooks';
import { GadgetEdit } from './gadget-edit';
import type { GadgetKind } from './gadget-edit';
import { SprintReadiness } from './sprint-readiness';
import { TopOfBacklog } from './top-of-backlog';
import { VisionAlignment } from './vision-alignment';

export function Gadget(): ReactNode {
  const context = useForgeContext();
  if (context.status === 'loading') return <Skeleton label="Loading the gadget" />;
  if (context.status === 'failed') return <ErrorPanel error={{ code: 'platform', message: 'Jira did not say which gadget this is. Reload the dashboard.', detail: context.message }} />;
  const extension = context.context.extension as { entryPoint?: unknown; gadget?: { id?: unknown }; gadgetConfiguration?: unknown };
  const locale = context.context.locale;
  const gadgetId = typeof extension.gadget?.id === 'string' ? extension.gadget.id : undefined;
  // Which gadget this frame is: the module key the manifest gives it.
  const kind: GadgetKind = context.context.moduleKey === 'top-of-backlog' ? 'top-of-backlog' : context.context.moduleKey === 'sprint-readiness' ? 'sprint-readiness' : 'vision-alignment';
  if (extension.entryPoint === 'edit') return <GadgetEdit saved={extension.gadgetConfiguration} kind={kind} />;
  if (kind === 'top-of-backlog') return <TopOfBacklog locale={locale} gadgetId={gadgetId} />;
  if (kind === 'sprint-readiness') return <SprintReadiness locale={locale} gadgetId={gadgetId} />;
  return <VisionAlignment locale={locale} gadgetId={gadgetId} />;
}
