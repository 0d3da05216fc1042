/**
 * What the shell's toolbar offers for Jira's behaviour: latencies and fault presets, each a label
 * for the menu and the emulator's configuration. The page chrome lists them; the toolbar's handler
 * applies them.
 */
import type { FaultConfig } from '../jira-emulator';

export const LATENCIES: readonly (readonly [string, string])[] = [
  ['0', 'None'],
  ['200', '200 ms'],
  ['1000', '1 s'],
  ['3000', '3 s'],
];

export const FAULTS: Readonly<Record<string, { readonly label: string; readonly config: FaultConfig }>> = {
  none: { label: 'None', config: {} },
  'rate-limit': { label: '429 on every call (Retry-After 1 s)', config: { rateLimit: { rate: 1, retryAfterSeconds: 1, reason: 'jira-burst-based' } } },
  'rate-limit-some': { label: '429 on 1 in 3 calls', config: { rateLimit: { rate: 0.33, retryAfterSeconds: 1, reason: 'jira-burst-based' } } },
  'server-error': { label: '500 on every call', config: { serverErrors: { rate: 1, status: 500 } } },
  'unavailable-some': { label: '503 on 1 in 3 calls', config: { serverErrors: { rate: 0.33, status: 503, retryAfterSeconds: 1 } } },
  'slow-body': { label: 'Slow bodies (5 × 300 ms)', config: { slowBody: { chunks: 5, chunkDelayMs: 300 } } },
};
