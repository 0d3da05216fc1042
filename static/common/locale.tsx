/**
 * The user's locale (from Jira's context, `view.getContext().locale`) for every number an app
 * draws: set once at the app's root, read where a number is written, so that deep components do
 * not each take it as a prop. Undefined until the context arrives: the browser's own locale then.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

const LocaleContext = createContext<string | undefined>(undefined);

export function LocaleProvider({ locale, children }: { readonly locale: string | undefined; readonly children: ReactNode }): ReactNode {
  return <LocaleContext value={locale}>{children}</LocaleContext>;
}

/** The user's locale, as the app's root set it. */
export function useLocale(): string | undefined {
  return useContext(LocaleContext);
}
