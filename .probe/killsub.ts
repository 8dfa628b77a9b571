import { startSentinelDeployment } from '../test/support/startSentinelDeployment.js';
import { createSentinelClient } from '../src/server/redis/createSentinelClient.js';
import { createClient } from 'redis';
const redis = await startSentinelDeployment();
const t0 = Date.now();
const log = (m: string) => console.log(`${Date.now() - t0} ${m}`);
const sub = (await createSentinelClient({ sentinels: redis.sentinels, name: redis.name }, { pubsub: true })) as any;
for (const ev of ['error', 'end', 'reconnecting', 'ready', 'connect']) sub.on(ev, (e?: Error) => log(`sub ${ev} ${e?.message ?? ''}`));
await sub.connect();
await sub.subscribe('ch', (m: string) => log(`recv ${m}`));
const admin = createClient({ url: `redis://127.0.0.1:${redis.primaryPort}` });
await admin.connect();
log(`publish 1 -> ${await admin.publish('ch', 'one')}`);
log(`kill -> ${await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub'])}`);
log(`publish 2 (during drop) -> ${await admin.publish('ch', 'two')}`);
for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 300)); log(`publish ${3 + i} -> ${await admin.publish('ch', `m${3 + i}`)}`); }
log(`sub.isReady=${sub.isReady}`);
await admin.close(); sub.destroy(); await redis.stop();
