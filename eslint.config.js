// ESLint 9 flat config: recommended JS + TypeScript rules (not type-checked, to stay fast).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Parsed by Internet Explorer's webview: ES5 only.
    files: ['src/unsupported.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Code that runs in Office's webviews (Safari 13 on the oldest Mac Office supports): Babel lowers the
    // syntax, but these library calls would be missing there.
    files: ['src/{core,excel,taskpane,commands,preview,host}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error',
        ...['at', 'findLast', 'findLastIndex', 'replaceAll', 'hasOwn', 'toSorted', 'toReversed', 'groupBy'].map((property) => ({
          property, message: 'Missing in Safari 13 (Office on older Macs): use an index, a loop or a RegExp.',
        })),
      ],
      'no-restricted-globals': ['error', { name: 'structuredClone', message: 'Missing in Safari 13 (Office on older Macs).' }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
