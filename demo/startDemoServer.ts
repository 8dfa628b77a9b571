import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { createRingkitServer, generateVapidKeys, type RingkitServer } from '../src/server/index.js';
import { trackPresence } from './trackPresence.js';

/**
 * A running demo: the page and the signaling server on one port.
 * @example const demo = await startDemoServer({ dir, port: 0 }); console.log(demo.url); await demo.close()
 */
export interface DemoServer {
  url: string;
  port: number;
  ringkit: RingkitServer;
  close(): Promise<void>;
}

/**
 * Serves the built demo page from `dir` and a ringkit signaling server (in memory, development
 * auth, client-created groups) on one HTTP server.
 * @example const demo = await startDemoServer({ dir: (await buildDemo()).dir, port: 3478 })
 */
export async function startDemoServer({ dir, port, host }: { dir: string; port: number; host?: string }): Promise<DemoServer> {
  const serve = sirv(dir, { single: true, etag: true });
  // Web Push ("Ring me when this tab is closed"): the keys from the environment, else a pair for
  // this run (subscriptions made with it stop working at the next start).
  const envKeys = process.env.RINGKIT_VAPID_PUBLIC_KEY && process.env.RINGKIT_VAPID_PRIVATE_KEY;
  const keys = envKeys ? { publicKey: process.env.RINGKIT_VAPID_PUBLIC_KEY!, privateKey: process.env.RINGKIT_VAPID_PRIVATE_KEY! } : generateVapidKeys();
  const httpServer = createServer((req, res) => {
    if (req.url === '/ringkit-vapid-key') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(keys.publicKey);
    serve(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const ringkit = await createRingkitServer({
    httpServer,
    auth: { dev: true },
    clientGroups: true,
    webPush: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: process.env.RINGKIT_VAPID_SUBJECT ?? 'mailto:demo@ringkit.invalid' },
  });
  trackPresence(ringkit.io);
  const actual = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    port: actual,
    ringkit,
    async close() {
      await ringkit.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
