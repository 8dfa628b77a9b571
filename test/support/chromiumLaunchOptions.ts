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

/**
 * Chromium flags for WebRTC on one machine: a fake camera (a test pattern) and microphone (a
 * beep) granted without a prompt, host candidates with real loopback addresses instead of mDNS
 * names, and peer connections over loopback. Contexts still grant `['microphone', 'camera']`.
 * @example await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...fakeMediaArgs] })
 */
export const fakeMediaArgs = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection',
];
