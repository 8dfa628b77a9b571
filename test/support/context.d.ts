export {};

declare module 'vitest' {
  interface ProvidedContext {
    /** `unix://…` address of the redis-server started by `test/support/globalSetup.ts`. */
    redisUrl: string;
  }
}
