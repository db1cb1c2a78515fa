import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// web/src layers: shared (lib, components, locales) → features → app. Shared code imports no feature and
// not the app; a feature imports no other feature and not the app (what spans features is composed in
// app/); the app may import anything. Relative paths are all the web uses, so the rule is written per
// folder depth: from web/src/features/<f>/<depth - 1 folders>/file, `../` × depth reaches features/.
const layerMessage = {
  shared: 'web/src/lib, components and locales are shared: they import no feature and not app/ (compose in web/src/app).',
  feature:
    'A feature imports no other feature and not app/: compose features in web/src/app, or move what both need to lib/ or components/.',
};
const importRules = (patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map(({ regex, message }) => ({ regex, message })) }],
  // import('…') of a lazy chunk is an import too
  'no-restricted-syntax': [
    'error',
    // (a selector's regex ends at the first '/', so slashes are written as \x2F)
    ...patterns.map(({ regex, message }) => ({
      selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', String.raw`\x2F`)}/]`,
      message,
    })),
  ],
});
const sharedRules = importRules([{ regex: String.raw`^\.{1,2}/(.*/)?(features|app)(/|$)`, message: layerMessage.shared }]);
const featureBlocks = [1, 2, 3, 4].map((depth) => ({
  files: [`web/src/features/*/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
  rules: importRules([
    { regex: String.raw`^(\.\./){${depth}}[^.]`, message: layerMessage.feature },
    { regex: String.raw`^(\.\./){${depth + 1}}(features|app)(/|$)`, message: layerMessage.feature },
  ]),
}));

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.test-db/**', 'server/src/db/migrations/**', 'e2e/screenshots/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  { files: ['web/src/{lib,components,locales}/**/*.{ts,tsx}'], rules: sharedRules },
  ...featureBlocks,
);
