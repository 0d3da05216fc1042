/**
 * The strategy of a project: the vision and the roadmap themes, stored as one versioned document.
 *
 * The zod schemas check the shape and the bounds of each setting; rules across settings
 * (unique names and ids, allocations together ≤ 100 %) live in `validate-strategy.ts`.
 */
import { z } from 'zod';

export const CURRENT_SCHEMA_VERSION = 1;

export const LIMITS = {
  nameLength: 80,
  descriptionLength: 2_000,
  statementLength: 2_000,
  targetCustomersLength: 2_000,
  goalFieldLength: 200,
  themes: 50,
  goals: 20,
  claimLabels: 20,
  labelLength: 255,
  productManagers: 100,
  minWeight: 0.1,
  maxWeight: 10,
} as const;

/** Accent colours that have an Atlassian design token (`color.background.accent.<name>.*`). */
export const THEME_PALETTE = ['blue', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'magenta', 'purple', 'gray'] as const;
export type PaletteColour = (typeof THEME_PALETTE)[number];
/** A palette name, or an exact colour as `#rrggbb`. */
export type ThemeColour = PaletteColour | `#${string}`;

export type Horizon = 'now' | 'next' | 'later' | `${number}-Q${1 | 2 | 3 | 4}`;

const HORIZON_PATTERN = /^(?:now|next|later|\d{4}-Q[1-4])$/;
const HEX_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
/** Theme ids end up in a JQL-indexed issue property, so keep them plain. */
const THEME_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Whether `value` is a theme id as the strategy allows one: what the app stores, and all it shows of one. */
export function isThemeId(value: unknown): value is string {
  return typeof value === 'string' && THEME_ID_PATTERN.test(value);
}

export function isHorizon(value: unknown): value is Horizon {
  return typeof value === 'string' && HORIZON_PATTERN.test(value);
}

export function isThemeColour(value: unknown): value is ThemeColour {
  return typeof value === 'string' && ((THEME_PALETTE as readonly string[]).includes(value) || HEX_COLOUR_PATTERN.test(value));
}

const goalSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.goalFieldLength),
  metric: z.string().trim().max(LIMITS.goalFieldLength).default(''),
  target: z.string().trim().max(LIMITS.goalFieldLength).default(''),
});

const visionSchema = z.object({
  statement: z.string().trim().max(LIMITS.statementLength).default(''),
  targetCustomers: z.string().trim().max(LIMITS.targetCustomersLength).default(''),
  goals: z.array(goalSchema).max(LIMITS.goals).default([]),
});

export const themeSchema = z.object({
  id: z.string().regex(THEME_ID_PATTERN, { error: 'must be 1–64 letters, digits, "-" or "_"' }),
  name: z.string().trim().min(1).max(LIMITS.nameLength),
  description: z.string().trim().max(LIMITS.descriptionLength).default(''),
  horizon: z.custom<Horizon>(isHorizon, { error: 'must be now, next, later or a quarter such as 2027-Q1' }),
  targetPercent: z.number().min(0).max(100).default(0),
  strategicWeight: z.number().min(LIMITS.minWeight).max(LIMITS.maxWeight).default(1),
  colour: z
    .custom<ThemeColour>(isThemeColour, { error: `must be one of ${THEME_PALETTE.join(', ')} or a colour such as #1f845a` })
    .default('blue'),
  archived: z.boolean().default(false),
  /** Epics carrying one of these labels belong to the theme when they have no theme of their own. */
  claimLabels: z.array(z.string().trim().min(1).max(LIMITS.labelLength)).max(LIMITS.claimLabels).default([]),
});

export const strategySchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  revision: z.int().min(0),
  vision: visionSchema,
  themes: z.array(themeSchema).max(LIMITS.themes),
  productManagers: z
    .array(z.string().trim().min(1).max(128))
    .max(LIMITS.productManagers)
    .transform((ids) => [...new Set(ids)])
    .optional(),
});

export type Goal = z.output<typeof goalSchema>;
export type Vision = z.output<typeof visionSchema>;
export type Theme = z.output<typeof themeSchema>;
/** A theme as written by a caller: defaults (weight 1, colour, not archived…) may be left out. */
export type ThemeInput = z.input<typeof themeSchema>;
export type Strategy = z.output<typeof strategySchema>;

/** One problem with a strategy: which setting (`themes[2].name`) and, in words, why. */
export interface StrategyError {
  readonly path: string;
  readonly message: string;
}
