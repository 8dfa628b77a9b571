/**
 * Accept → first remote audio packet on both sides, in headless Chromium on loopback (fake
 * microphone, `iceServers: []`): ringkit (`invitation:accept`, then `ringkit/media` negotiating
 * over the server's media-signal relay) against a baseline in the same run — two bare
 * RTCPeerConnections negotiated over a bare socket.io relay (an "accept" message, getUserMedia,
 * offer/answer, trickled candidates). Calls alternate between the two, one at a time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumLaunchOptions, fakeMediaArgs } from '../test/support/chromiumLaunchOptions.js';

/** Milliseconds from the callee's Accept to the later of the two sides' first remote audio packet, per call. */
export interface MediaAcceptResult {
  ringkit: number[];
  bare: number[];
}

async function pageScript(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('./mediaPage.ts', import.meta.url)), formats: ['iife'], name: 'RingkitMediaBench' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0]!.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('the media bench page did not build');
  return chunk.code;
}

/**
 * Runs `calls` calls of each kind between two pages.
 * @example const { ringkit, bare } = await measureMediaAccept(ringkitUrl, bareUrl, 20)
 */
export async function measureMediaAccept(ringkitUrl: string, bareUrl: string, calls: number): Promise<MediaAcceptResult> {
  const script = await pageScript();
  const http = createServer((req, res) => {
    if (req.url === '/bench.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>media bench</title><script src="/bench.js"></script>');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const origin = `http://localhost:${(http.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...fakeMediaArgs], headless: true });
  const result: MediaAcceptResult = { ringkit: [], bare: [] };
  try {
    const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
    const run = Date.now().toString(36);
    const [alice, bob] = await Promise.all(['alice', 'bob'].map(async (name) => {
      const page = await context.newPage();
      await page.goto(origin);
      await page.evaluate(([r, b, u]) => (window as never as { bench: { connect(...a: string[]): Promise<void> } }).bench.connect(r!, b!, u!), [ringkitUrl, bareUrl, `${name}-${run}`]);
      return page;
    }));
    const [a, b] = [`alice-${run}`, `bob-${run}`];
    type Bench = Record<string, (...args: string[]) => unknown>;
    const call = <T>(page: typeof alice, fn: string, ...args: string[]) =>
      page!.evaluate(([f, ...rest]) => (window as never as { bench: Bench }).bench[f!]!(...rest), [fn, ...args]) as Promise<T>;
    // One warm-up call of each kind (the first capture and the first connection are slower).
    for (let i = -1; i < calls; i++) {
      const inviteID = await call<string>(alice!, 'ringkitCall', b);
      const answered = await call<{ t0: number; first: number }>(bob!, 'ringkitAnswer', inviteID);
      const aliceFirst = await call<number>(alice!, 'ringkitFirst');
      if (i >= 0) result.ringkit.push(Math.max(answered.first, aliceFirst) - answered.t0);
      await call(alice!, 'ringkitHangUp', inviteID);
      await call(bob!, 'ringkitClose');

      await call(alice!, 'bareCall', b);
      const bare = await call<{ t0: number; first: number }>(bob!, 'bareAnswer', a);
      const bareAlice = await call<number>(alice!, 'bareFirst');
      if (i >= 0) result.bare.push(Math.max(bare.first, bareAlice) - bare.t0);
      await Promise.all([call(alice!, 'bareHangUp'), call(bob!, 'bareHangUp')]);
    }
  } finally {
    await browser.close();
    http.close();
  }
  return result;
}
