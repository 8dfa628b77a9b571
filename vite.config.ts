import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import dts from 'vite-plugin-dts';

/** Library build of the entry points (`ringkit`, `ringkit/server`, `ringkit/engine`, `ringkit/react`, the CLI) plus the Vitest projects. */
export default defineConfig({
  plugins: [react(), dts({ include: ['src'], entryRoot: 'src', exclude: ['src/**/*.test.*'] })],
  build: {
    lib: {
      entry: {
        index: 'src/index.ts',
        server: 'src/server/index.ts',
        engine: 'src/engine/index.ts',
        react: 'src/react/index.ts',
        cli: 'src/server/cli.ts',
      },
      formats: ['es'],
    },
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('src/'),
    },
  },
  test: {
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/react/**'],
          globalSetup: ['./test/support/globalSetup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
