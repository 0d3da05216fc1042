/**
 * One frame for a gadget's view and its edit view: Jira says which (`context.extension.entryPoint`
 * is 'edit' while the user configures the gadget), and gives the saved configuration in
 * `context.extension.gadgetConfiguration`, which only the resolvers read and check. The context is
 * the one the frame's first script asked for (answer-prefetch.ts); the user's locale goes to every
 * number through the locale context.
 */
import type { ReactNode } from 'react';
import { ErrorPanel, Skeleton } from '../../common/components';
import { useForgeContext } from '../../common/forge-hooks';
import { LocaleProvider } from '../../common/locale';
import { gadgetContext } from './answer-prefetch';
import { gadgetKindOf } from './gadget-kinds';
import { GadgetEdit } from './gadget-edit';
import { SprintReadiness } from './sprint-readiness';
import { TopOfBacklog } from './top-of-backlog';
import { VisionAlignment } from './vision-alignment';

function GadgetView({ kind, gadgetId }: { readonly kind: ReturnType<typeof gadgetKindOf>; readonly gadgetId: string | undefined }): ReactNode {
  if (kind === 'top-of-backlog') return <TopOfBacklog gadgetId={gadgetId} />;
  if (kind === 'sprint-readiness') return <SprintReadiness gadgetId={gadgetId} />;
  return <VisionAlignment gadgetId={gadgetId} />;
}

export function Gadget(): ReactNode {
  const context = useForgeContext(gadgetContext());
  if (context.status === 'loading') return <Skeleton label="Loading the gadget" />;
  if (context.status === 'failed') return <ErrorPanel error={{ code: 'platform', message: 'Jira did not say which gadget this is. Reload the dashboard.', detail: context.message }} />;
  const extension = context.context.extension as { entryPoint?: unknown; gadget?: { id?: unknown }; gadgetConfiguration?: unknown };
  const gadgetId = typeof extension.gadget?.id === 'string' ? extension.gadget.id : undefined;
  const kind = gadgetKindOf(context.context.moduleKey);
  return (
    <LocaleProvider locale={context.context.locale}>
      {extension.entryPoint === 'edit' ? <GadgetEdit saved={extension.gadgetConfiguration} kind={kind} /> : <GadgetView kind={kind} gadgetId={gadgetId} />}
    </LocaleProvider>
  );
}
