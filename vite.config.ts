import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions, fakeMediaArgs } from './test/support/chromiumLaunchOptions.js';

/**
 * A fresh browser config per Vitest browser project (a shared object makes them interfere).
 * Sound needs a user gesture, as in a browser a user opens (Playwright's default allows autoplay),
 * so the ringtone's blocked-autoplay path is real. A fake camera and microphone (granted without a
 * prompt) and loopback peer connections, for `ringkit/media`'s tests and stories.
 */
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: { ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...fakeMediaArgs, '--autoplay-policy=user-gesture-required'] },
  }),
  instances: [{ browser: 'chromium' as const }],
});

/** Pre-bundled once, so the browser page does not reload mid-run with a second copy of React. */
const browserDeps = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@tanstack/react-query',
  '@tanstack/react-virtual',
  'zustand',
  'zustand/react/shallow',
  'socket.io-client',
  'focus-trap',
];

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
          exclude: ['test/react/**', 'test/e2e/**', 'test/browser/**'],
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
      {
        // Every story is a test in Chromium: it renders, its play function passes, no console
        // error, no axe violation. Only the stories: `npx vitest run --project storybook`.
        plugins: [storybookTest({ configDir: '.storybook' })],
        optimizeDeps: { include: [...browserDeps, 'storybook/test', 'axe-core'] },
        test: { name: 'storybook', browser: chromium(), testTimeout: 20_000 },
      },
      {
        // The same stories in the dark theme: axe checks the dark colours too.
        plugins: [storybookTest({ configDir: '.storybook', initialGlobals: { theme: 'dark' } })],
        optimizeDeps: { include: [...browserDeps, 'storybook/test', 'axe-core'] },
        test: { name: 'storybook-dark', browser: chromium(), testTimeout: 20_000 },
      },
      {
        // Tests that need a real browser (e.g. the ringtone's blocked autoplay).
        extends: true,
        optimizeDeps: { include: browserDeps },
        test: { name: 'browser', include: ['test/browser/**/*.test.{ts,tsx}'], browser: chromium(), testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
