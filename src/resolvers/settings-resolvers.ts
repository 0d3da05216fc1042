/**
 * The project settings page's resolvers. Every one goes through `settingsResolverOf`: project in
 * view, project admin checked as the user, then the payload (see settings-access.ts).
 */
import { z } from 'zod';
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
const document = z.strictObject({ config: z.unknown(), baseRevision: revision });
const candidate = z.strictObject({ config: z.unknown() });

export const getSettingsResolver = settingsResolverOf(nothing, (_payload, context, projectId) => getSettings(context, projectId));

export const saveScoringConfigResolver = settingsResolverOf(document, ({ config, baseRevision }, context, projectId) => saveDocument(context, projectId, 'scoring', config, baseRevision));

export const saveReadinessConfigResolver = settingsResolverOf(document, ({ config, baseRevision }, context, projectId) => saveDocument(context, projectId, 'readiness', config, baseRevision));

export const saveProductManagersResolver = settingsResolverOf(
  z.strictObject({ accountIds: z.array(z.string().max(200)).max(200), baseRevision: revision }),
  ({ accountIds, baseRevision }, context, projectId) => saveDocument(context, projectId, 'product-managers', { accountIds }, baseRevision),
);

export const previewScoresResolver = settingsResolverOf(candidate, ({ config }, context, projectId) => previewScores(context, projectId, config));

export const previewReadinessResolver = settingsResolverOf(candidate, ({ config }, context, projectId) => previewReadiness(context, projectId, config));

export const exportConfigResolver = settingsResolverOf(nothing, (_payload, context, projectId) => exportConfiguration(context, projectId));

export const importConfigResolver = settingsResolverOf(
  z.strictObject({ file: z.string().max(MAX_CONFIGURATION_FILE_CHARS), allowOtherProject: z.boolean().optional() }),
  ({ file, allowOtherProject }, context, projectId) => importConfiguration(context, projectId, file, allowOtherProject === true),
);

export const recomputeNowResolver = settingsResolverOf(nothing, (_payload, context, projectId) => recomputeNow(context, projectId));

export const recomputeProgressResolver = settingsResolverOf(nothing, (_payload, context, projectId) => currentProgress(context, projectId));

export const discoverFieldsResolver = settingsResolverOf(nothing, (_payload, context, projectId) => discoverFieldsFor(context, projectId));
