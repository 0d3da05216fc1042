/**
 * A theme's colour as the app draws it: one of Atlassian's palette names (a class whose colour is a
 * design token, so it follows the light and dark themes) or a #rrggbb an admin chose. Shared by the
 * project page (swatches, the theme form, the allocation chart) and the Vision alignment gadget.
 */
import './theme-colours.css';

export const PALETTE = ['blue', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'magenta', 'purple', 'gray'] as const;

/** The class for a theme's colour (a palette name), or an inline colour for #rrggbb (set through the CSSOM). */
export function colourProps(colour: string, kind: 'fill' | 'swatch'): { className: string; style?: Record<string, string> } {
  if ((PALETTE as readonly string[]).includes(colour)) return { className: `tl-${kind}-${colour}` };
  if (/^#[0-9a-fA-F]{6}$/.test(colour)) return { className: `tl-${kind}-custom`, style: kind === 'fill' ? { fill: colour } : { background: colour } };
  return { className: `tl-${kind}-gray` };
}
