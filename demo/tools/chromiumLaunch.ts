import type { LaunchOptions } from 'playwright-core';

/**
 * Debian's Chromium with the flags this closed, root-run environment needs (never a downloaded browser).
 * @example await chromium.launchServer(CHROMIUM_LAUNCH)
 */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
