// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const forgeBackend = ['@forge/api', '@forge/kvs', '@forge/events'];
/** dev/ (the emulator, the local runtime, the shell, tools) is never deployed, so nothing that ships imports it. */
const devNeverShips = { group: ['**/dev/*', '**/dev/**'], message: 'dev/ is never deployed: src/ and static/ must not import it.' };

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'coverage/**', 'test-results/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The domain is pure: plain data in, plain data out. No platform, no network, no Jira client.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@forge/*'], message: 'src/domain is pure: pass platform calls in as functions.' },
          // Both the folder (its index) and what is inside it: '../../storage' is as much an adapter as '../../storage/keys'.
          { group: ['**/jira', '**/jira/**', '**/storage', '**/storage/**', '**/resolvers', '**/resolvers/**', '**/events', '**/events/**', '**/services', '**/services/**'], message: 'src/domain must not depend on adapters.' },
          { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'src/domain does no I/O.' },
          devNeverShips,
        ],
      }],
    },
  },
  {
    // Only the adapters talk to the platform; @forge/bridge is for static/ alone.
    files: ['src/**/*.ts'],
    ignores: ['src/domain/**', 'src/jira/**', 'src/storage/**', 'src/events/**', 'src/services/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...forgeBackend.map((name) => ({ name, message: 'Only src/jira, src/storage and src/events reach the platform.' })),
          { name: '@forge/bridge', message: '@forge/bridge runs in the browser: only static/ imports it.' },
        ],
        patterns: [devNeverShips],
      }],
    },
  },
  {
    files: ['src/jira/**/*.ts', 'src/storage/**/*.ts', 'src/events/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@forge/bridge', message: '@forge/bridge runs in the browser: only static/ imports it.' }],
        patterns: [devNeverShips],
      }],
    },
  },
  {
    // Services are shared by resolvers and events; they never depend on either.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...forgeBackend.map((name) => ({ name, message: 'Only src/jira, src/storage and src/events reach the platform.' })),
          { name: '@forge/bridge', message: '@forge/bridge runs in the browser: only static/ imports it.' },
        ],
        patterns: [
          { group: ['**/resolvers', '**/resolvers/**', '**/events', '**/events/**'], message: 'src/services is below resolvers and events: they call services, never the other way.' },
          devNeverShips,
        ],
      }],
    },
  },
  {
    // The Custom UI apps share only the contract's types and the pure domain with the backend.
    files: ['static/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: forgeBackend.map((name) => ({ name, message: 'static/ runs in the browser: it reaches the backend only through @forge/bridge invoke.' })),
        patterns: [
          { group: ['**/src/*', '**/src/**', '!**/src/contract', '!**/src/domain', '!**/src/domain/**'], message: 'static/ imports only the contract (types) and the pure domain from src/.' },
          { group: ['**/src/contract'], allowTypeImports: true, message: 'static/ imports only types from src/contract.ts: the values live in the backend.' },
          devNeverShips,
        ],
      }],
    },
  },
  {
    // React's rules of hooks and its compiler's checks (no ref read or written during render, no
    // setState in an effect's body, pure renders…): a break of these is a bug that shows only at
    // runtime (a stale or torn render), so every recommended rule is an error, not the plugin's
    // occasional warning. Hooks also live in .ts files (static/common/forge-hooks.ts).
    files: ['static/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: Object.fromEntries(Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, 'error'])),
  },
  {
    // Browser code: the Custom UI apps, and the Jira shell's scripts for its page and the app frames.
    files: ['static/**/*.{ts,tsx}', 'dev/shell/client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // @forge/bridge is for the Custom UI apps alone (the shell provides the bridge, it does not use it).
    files: ['dev/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@forge/bridge', message: '@forge/bridge runs in the browser: only static/ imports it.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'dev/**/*.ts'],
    rules: {
      // Tests and tools poke at unknown JSON on purpose.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
