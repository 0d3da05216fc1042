/**
 * The project settings page's resolvers. Every one goes through `settingsResolverOf`: project in
 * view, project admin checked as the user, then the payload (see settings-access.ts).
 */
import { z } from 'zod';
import type { PreviewPayload, ResolverDefs, SaveDocumentPayload } from '../contract';
import type { readinessConfigSchema } from '../domain/readiness';
import type { scoringConfigSchema } from '../domain/scoring';
import {
  currentProgress,
  discoverFieldsFor,
  exportConfiguration,
  getSettings,
  importConfiguration,
  previewReadiness,
  previewScores,
  recomputeNow,
  saveDocument,
} from '../services/settings';
import { MAX_CONFIGURATION_FILE_CHARS } from '../storage';
import { settingsResolverOf } from './settings-access';

const nothing = z.strictObject({});
const revision = z.int().min(0).max(1_000_000_000);

/**
 * A settings document as the page sends it: typed as what the domain's schema reads (its input
 * type, which is the contract's payload), then forgotten again, because the browser's word is not
 * trusted. Nothing is refused here: the same schema checks the document in full in the service,
 * so that every problem comes back with its setting's path (`{ status: 'invalid' }`), which the
 * page shows beside the setting, rather than as a refused request.
 */
function documentOf<S extends z.ZodType>() {
  return z.custom<NonNullable<z.input<S>>>().transform((document): unknown => document);
}

const scoringDocument = z.strictObject({ config: documentOf<typeof scoringConfigSchema>(), baseRevision: revision });
const readinessDocument = z.strictObject({ config: documentOf<typeof readinessConfigSchema>(), baseRevision: revision });
const scoringCandidate = z.strictObject({ config: documentOf<typeof scoringConfigSchema>() });
const readinessCandidate = z.strictObject({ config: documentOf<typeof readinessConfigSchema>() });

/** True only when A and B are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Fails to compile when a settings payload of the contract and the schema that reads it differ. */
export const settingsPayloadsMatchTheContract: [
  Same<z.input<typeof scoringDocument>, Parameters<ResolverDefs['saveScoringConfig']>[0]>,
  Same<z.input<typeof readinessDocument>, Parameters<ResolverDefs['saveReadinessConfig']>[0]>,
  Same<z.input<typeof scoringCandidate>, Parameters<ResolverDefs['previewScores']>[0]>,
  Same<z.input<typeof readinessCandidate>, Parameters<ResolverDefs['previewReadiness']>[0]>,
  Same<Parameters<ResolverDefs['saveScoringConfig']>[0], SaveDocumentPayload<z.input<typeof scoringConfigSchema>>>,
  Same<Parameters<ResolverDefs['previewReadiness']>[0], PreviewPayload<NonNullable<z.input<typeof readinessConfigSchema>>>>,
] = [true, true, true, true, true, true];

export const getSettingsResolver = settingsResolverOf(nothing, (_payload, context, projectId) => getSettings(context, projectId));

export const saveScoringConfigResolver = settingsResolverOf(scoringDocument, ({ config, baseRevision }, context, projectId) => saveDocument(context, projectId, 'scoring', config, baseRevision));

export const saveReadinessConfigResolver = settingsResolverOf(readinessDocument, ({ config, baseRevision }, context, projectId) => saveDocument(context, projectId, 'readiness', config, baseRevision));

export const saveProductManagersResolver = settingsResolverOf(
  z.strictObject({ accountIds: z.array(z.string().max(200)).max(200), baseRevision: revision }),
  ({ accountIds, baseRevision }, context, projectId) => saveDocument(context, projectId, 'product-managers', { accountIds }, baseRevision),
);

export const previewScoresResolver = settingsResolverOf(scoringCandidate, ({ config }, context, projectId) => previewScores(context, projectId, config));

export const previewReadinessResolver = settingsResolverOf(readinessCandidate, ({ config }, context, projectId) => previewReadiness(context, projectId, config));

export const exportConfigResolver = settingsResolverOf(nothing, (_payload, context, projectId) => exportConfiguration(context, projectId));

export const importConfigResolver = settingsResolverOf(
  z.strictObject({ file: z.string().max(MAX_CONFIGURATION_FILE_CHARS), allowOtherProject: z.boolean().optional() }),
  ({ file, allowOtherProject }, context, projectId) => importConfiguration(context, projectId, file, allowOtherProject === true),
);

export const recomputeNowResolver = settingsResolverOf(nothing, (_payload, context, projectId) => recomputeNow(context, projectId));

export const recomputeProgressResolver = settingsResolverOf(nothing, (_payload, context, projectId) => currentProgress(context, projectId));

export const discoverFieldsResolver = settingsResolverOf(nothing, (_payload, context, projectId) => discoverFieldsFor(context, projectId));
