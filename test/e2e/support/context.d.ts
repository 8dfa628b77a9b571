export {};

declare module 'vitest' {
  interface ProvidedContext {
    /** The demo started by `test/e2e/support/globalSetup.ts` the way `npm start` starts it. */
    demoUrl: string;
    /** The shared Chromium's endpoint for `chromium.connect`. */
    browserWSEndpoint: string;
  }
}
