import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Always a production build, even when started from a test run (Vitest sets NODE_ENV=test, and
// `npm pack` inherits it): otherwise the JSX compiles to react/jsx-dev-runtime's jsxDEV, which
// production React does not have ("jsxDEV is not a function" in a Next.js production server).
process.env.NODE_ENV = 'production';

/** The stylesheet shipped as `ringkit/styles.css` (its `@import`s are inlined into `dist/styles.css`). */
const styles = 'src/react/styles.css';

/**
 * Library build of the entry points (`ringkit`, `ringkit/server`, `ringkit/engine`,
 * `ringkit/react`, `ringkit/media`, `ringkit/service-worker`, the CLI and the stylesheet). Types come from `tsc -p tsconfig.build.json`.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    lib: {
      entry: {
        index: 'src/index.ts',
        server: 'src/server/index.ts',
        engine: 'src/engine/index.ts',
        react: 'src/react/index.ts',
        media: 'src/media/index.ts',
        'service-worker': 'src/client/push/serviceWorker.ts',
        cli: 'src/server/cli.ts',
        ...(existsSync(styles) && { styles }),
      },
      formats: ['es'],
    },
    cssCodeSplit: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('src/'),
      // `ringkit/react` is client code: React Server Components frameworks (Next.js App Router)
      // need the directive as the entry's first statement. Bundlers drop module-level directives
      // from sources, so the banner puts it back on the built entry only.
      output: { banner: (chunk) => (chunk.isEntry && chunk.name === 'react' ? "'use client';" : '') },
    },
  },
});
