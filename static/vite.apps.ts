/**
 * The Vite configuration every Custom UI app shares: a relative base, so the built folder works
 * wherever Forge serves it (its own CDN path) and in the local Jira shell; output in the app's
 * dist/, the folder manifest.yml names as the resource.
 */
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';

export function customUiConfig(appDir: string): InlineConfig {
  return {
    root: appDir,
    base: './',
    configFile: false,
    logLevel: 'warn',
    // Always React's production build, also when built from inside vitest (NODE_ENV=test there),
    // so that what the browser tests and benchmarks load is what Forge would serve.
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // JSX compiled for production too: Vite would otherwise compile it for development wherever
    // NODE_ENV is not "production" (`jsxDEV` calls, which React's production build does not have).
    oxc: { jsx: { development: false } },
    build: {
      outDir: resolve(appDir, 'dist'),
      emptyOutDir: true,
      // Forge serves the files as they are: no source maps to upload, no inlined assets that
      // would need `data:` in the content security policy.
      sourcemap: false,
      assetsInlineLimit: 0,
      target: 'es2022',
    },
  };
}
