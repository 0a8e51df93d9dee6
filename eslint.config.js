// ESLint flat config: typescript-eslint everywhere, plus the boundaries that
// keep the app's process model honest: no `electron` in src/shared or
// src/renderer, no raw ipcRenderer in the renderer, and Electron confined to
// the thin shell (src/main/electron, src/main/index.ts, src/preload).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const electronOnly = 'Only the thin Electron shell (src/main/electron, src/main/index.ts) and the preload import electron.'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/e2e/.dev/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: electronOnly }], patterns: [{ group: ['electron/*'], message: electronOnly }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through window.launchReady.' }],
          patterns: [
            { group: ['electron/*'], message: 'The renderer reaches main only through window.launchReady.' },
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node modules.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer imports only src/shared and its own modules.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'ipcRenderer', message: 'Use window.launchReady (src/renderer/src/api.ts).' }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'ipcRenderer', message: 'Use window.launchReady (src/renderer/src/api.ts).' },
        { object: 'window', property: 'require', message: 'The renderer has no require.' },
      ],
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'No raw ipcRenderer in the renderer: use window.launchReady.' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared runs in every process: no electron.' }],
          patterns: [
            { group: ['electron/*'], message: 'src/shared runs in every process: no electron.' },
            { group: ['node:*'], message: 'src/shared runs in the renderer too: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='contextBridge'][callee.property.name='exposeInMainWorld'][arguments.1.type='Identifier'][arguments.1.name='ipcRenderer']", message: 'Never expose ipcRenderer itself.' },
      ],
    },
  },
)
