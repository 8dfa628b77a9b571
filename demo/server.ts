/**
 * `npm start`: builds the demo page (reused while unchanged) and serves it together with an
 * in-memory ringkit signaling server in development mode on one port (PORT, default 3478).
 * @example PORT=8080 npm start
 */
import { buildDemo } from './buildDemo.js';
import { startDemoServer } from './startDemoServer.js';

const started = Date.now();
const { dir, reused } = await buildDemo();
const demo = await startDemoServer({ dir, port: Number(process.env.PORT ?? 3478), ...(process.env.HOST && { host: process.env.HOST }) });

const line = '!'.repeat(78);
console.log(`\n${line}
!! DEVELOPMENT AUTH: this demo server trusts any userID a page sends. Demo only, never production.
${line}\n`);
console.log(`ringkit demo (${reused ? 'build reused' : 'built'}, ready in ${Date.now() - started} ms): ${demo.url}`);
console.log('Open it in two tabs, sign in as two names and call each other.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void demo.close().then(() => process.exit(0)));
}
