/**
 * Chromium as installed on the machine (never a downloaded one), with the flags it needs as root
 * in a closed network: for Vitest browser projects and playwright-core scripts.
 * @example await chromium.launch({ ...chromiumLaunchOptions, headless: true })
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
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
