/**
 * Chromium as installed on the machine (never a downloaded one; `CHROMIUM_PATH` may point
 * elsewhere), with the flags it needs as root in a closed network: for Vitest browser projects,
 * the e2e and packaging tests, and the playwright-core scripts (README screenshots, demo screenshot).
 * @example await chromium.launch({ ...chromiumLaunchOptions, headless: true })
 */
export const chromiumLaunchOptions = {
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
