/**
 * Theme bootstrap for every Custom UI app: asks the host (Jira, or the local shell) to theme the
 * frame. The host then sets `data-color-mode` / `data-theme` on <html> and supplies the design
 * tokens' CSS, so `var(--ds-…)` follows Jira's light or dark theme, live.
 */
import '@atlaskit/css-reset';
import { view } from '@forge/bridge';

export async function enableJiraTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch (error: unknown) {
    // Without theming the app still works, in the browser's default colours.
    console.warn('Throughline: the host did not enable theming', error);
  }
}
