/** Vite build of the web app: served by the API server from web/dist; in dev, /api goes to the server on :3000. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json lets scripts/chunk-sizes.mjs sum what each screen loads
    manifest: true,
    // antd alone is larger than the default 500 kB warning; real budgets are checked in gzip (SPEC §3)
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // the workspace packages (zod schemas, pure rules) run nothing when imported: a screen bundles only
      // the schemas and rules it uses, so the login chunk stays small however many schemas there are
      treeshake: { moduleSideEffects: [{ test: /\/packages\/(contracts|domain)\/src\//, sideEffects: false }] },
      output: {
        // everything the entry imports statically (the login screen) in one chunk: the automatic chunking splits
        // it into ~20 small chunks shared with the lazy screens, which costs a few KB gzip and as many requests
        // (not the entry module itself, so the entry stays index.html's script in the manifest)
        codeSplitting: {
          groups: [{ name: 'login', tags: ['$initial'], test: (id) => !/[\\/]src[\\/]main\.tsx$|index\.html/.test(id) }],
        },
      },
    },
  },
});
