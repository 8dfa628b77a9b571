import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** The Vitest projects (the library build is `vite.lib.config.ts`). */
export default defineConfig({
  plugins: [react()],
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
