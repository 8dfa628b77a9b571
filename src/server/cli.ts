#!/usr/bin/env node
/**
 * `ringkit-server`: runs a signaling server from flags and environment variables.
 * @example npx ringkit-server --port 4000 --jwt-secret "$JWT_SECRET"
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createRingkitServer, type RingkitServerOptions } from './createRingkitServer.js';
import type { AuthOptions } from './createAuthenticator.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4000' },
    host: { type: 'string', default: process.env.HOST },
    dev: { type: 'boolean', default: process.env.RINGKIT_DEV === '1' },
    'jwt-secret': { type: 'string', default: process.env.RINGKIT_JWT_SECRET },
    'jwt-public-key': { type: 'string', default: process.env.RINGKIT_JWT_PUBLIC_KEY_FILE },
    'jwks-url': { type: 'string', default: process.env.RINGKIT_JWKS_URL },
    redis: { type: 'string', default: process.env.REDIS_URL },
    'redis-sentinel': { type: 'string', default: process.env.REDIS_SENTINELS },
    'redis-sentinel-name': { type: 'string', default: process.env.REDIS_SENTINEL_NAME ?? 'mymaster' },
    'redis-wait-replicas': { type: 'string', default: process.env.RINGKIT_REDIS_WAIT_REPLICAS },
    'webhook-url': { type: 'string', default: process.env.RINGKIT_WEBHOOK_URL },
    'client-groups': { type: 'boolean', default: process.env.RINGKIT_CLIENT_GROUPS === '1' },
    'allowed-origin': { type: 'string', multiple: true, default: process.env.RINGKIT_ALLOWED_ORIGINS?.split(',').filter(Boolean) ?? [] },
    'vapid-public-key': { type: 'string', default: process.env.RINGKIT_VAPID_PUBLIC_KEY },
    'vapid-private-key': { type: 'string', default: process.env.RINGKIT_VAPID_PRIVATE_KEY },
    'vapid-subject': { type: 'string', default: process.env.RINGKIT_VAPID_SUBJECT },
    'push-endpoint-host': { type: 'string', multiple: true, default: process.env.RINGKIT_PUSH_ENDPOINT_HOSTS?.split(',').filter(Boolean) ?? [] },
    help: { type: 'boolean', default: false },
  },
});

if (positionals[0] === 'vapid-keys') {
  const { generateVapidKeys } = await import('./webPush/generateVapidKeys.js');
  const keys = generateVapidKeys();
  console.log(`RINGKIT_VAPID_PUBLIC_KEY=${keys.publicKey}\nRINGKIT_VAPID_PRIVATE_KEY=${keys.privateKey}`);
  process.exit(0);
}
if (positionals.length > 0) {
  console.error(`ringkit-server: unknown command ${positionals[0]} (try --help)`);
  process.exit(2);
}

if (values.help) {
  console.log(`ringkit-server [--port 4000] [--host 0.0.0.0]
ringkit-server vapid-keys     print a new VAPID key pair (as environment variables) for Web Push
  auth (one):  --jwt-secret S | --jwt-public-key FILE.pem | --jwks-url URL | --dev
  --redis redis://host:6379   share state with other nodes (env REDIS_URL; needs the packages
                              redis and @socket.io/redis-adapter installed next to ringkit)
  --redis-sentinel H:P,H:P    or: a primary watched by Sentinel, followed through failovers
                              (env REDIS_SENTINELS; passwords from env REDIS_PASSWORD and
                              REDIS_SENTINEL_PASSWORD)
  --redis-sentinel-name NAME  the primary's name in sentinel.conf (env REDIS_SENTINEL_NAME; mymaster)
  --redis-wait-replicas N     replicas each commit waits for (env RINGKIT_REDIS_WAIT_REPLICAS;
                              default 1 with Sentinel, 0 with --redis)
  --webhook-url URL           POST offline pushes here
  --client-groups             let clients create and join groups
  --allowed-origin ORIGIN     a browser origin allowed to connect, e.g. https://app.example.com
                              (repeat it; '*' = any; env RINGKIT_ALLOWED_ORIGINS=a,b). Dev mode allows any.
  Web Push (ring closed browsers; all three turn it on):
  --vapid-public-key K        env RINGKIT_VAPID_PUBLIC_KEY
  --vapid-private-key K       env RINGKIT_VAPID_PRIVATE_KEY
  --vapid-subject S           mailto:you@example.com or https://… (env RINGKIT_VAPID_SUBJECT)
  --push-endpoint-host H      a push service host subscriptions may use instead of the browsers'
                              own (repeat it; '*.x' = subdomains; env RINGKIT_PUSH_ENDPOINT_HOSTS=a,b)`);
  process.exit(0);
}

const auth: AuthOptions = values.dev
  ? { dev: true }
  : {
      jwt: {
        ...(values['jwt-secret'] && { secret: values['jwt-secret'] }),
        ...(values['jwt-public-key'] && { publicKey: readFileSync(values['jwt-public-key'], 'utf8') }),
        ...(values['jwks-url'] && { jwksUrl: values['jwks-url'] }),
      },
    };

/**
 * The CLI logs synchronously: a line is written before the code after it runs, so the startup
 * warnings (no allowedOrigins, development mode) come before the "ringkit signaling server: URL"
 * line that scripts and supervisors wait for. pino's default destination writes later, from
 * libuv's thread pool, and on a busy machine a warning landed after that line (a reader that
 * stopped at the URL missed it). The server logs little (startup, refusals, failures), so
 * synchronous writes cost nothing that matters.
 */
const logger = pino({ name: 'ringkit', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination({ dest: 1, sync: true }));

const options: RingkitServerOptions = {
  port: Number(values.port),
  logger,
  auth,
  clientGroups: values['client-groups'] || values.dev,
  ...(values['allowed-origin'].length > 0 && { allowedOrigins: values['allowed-origin'].includes('*') ? '*' : values['allowed-origin'] }),
  ...(values.host && { host: values.host }),
  ...(values['webhook-url'] && { webhookUrl: values['webhook-url'] }),
  ...webPushOption(),
};

if (values.redis && values['redis-sentinel']) {
  console.error('ringkit-server: give either --redis or --redis-sentinel, not both');
  process.exit(2);
}
const redisTarget = values['redis-sentinel']
  ? {
      sentinels: values['redis-sentinel'],
      name: values['redis-sentinel-name'],
      ...(process.env.REDIS_PASSWORD && { password: process.env.REDIS_PASSWORD }),
      ...(process.env.REDIS_SENTINEL_PASSWORD && { sentinelPassword: process.env.REDIS_SENTINEL_PASSWORD }),
    }
  : values.redis;
const server = await createRingkitServer(redisTarget ? await withRedis(options, redisTarget) : options);
console.log(`\nringkit signaling server: ${server.url}`);
console.log(
  values.dev
    ? `connect: createSignalingClient({ url: '${server.url}', userID: 'alice' })  (dev mode: any userID is trusted)`
    : `connect: createSignalingClient({ url: '${server.url}', token: '<JWT with sub = userID>' })`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

/** The `webPush` option from the VAPID flags (all three, or none). */
function webPushOption(): Pick<RingkitServerOptions, 'webPush'> {
  const publicKey = values['vapid-public-key'];
  const privateKey = values['vapid-private-key'];
  const subject = values['vapid-subject'];
  if (!publicKey && !privateKey && !subject) return {};
  if (!publicKey || !privateKey || !subject) {
    console.error('ringkit-server: Web Push needs --vapid-public-key, --vapid-private-key and --vapid-subject (make keys with `ringkit-server vapid-keys`)');
    process.exit(2);
  }
  const hosts = values['push-endpoint-host'];
  return { webPush: { vapidPublicKey: publicKey, vapidPrivateKey: privateKey, subject, ...(hosts.length > 0 && { allowedEndpointHosts: hosts }) } };
}

async function withRedis(base: RingkitServerOptions, target: string | { sentinels: string; name: string }): Promise<RingkitServerOptions> {
  const { redisServerOptions } = await import('./redis/redisServerOptions.js');
  const { parseSentinelList } = await import('./redis/createSentinelClient.js');
  const waitForReplicas = values['redis-wait-replicas'];
  const resolved = typeof target === 'string' ? target : { ...target, sentinels: parseSentinelList(target.sentinels) };
  return { ...base, ...(await redisServerOptions(resolved, waitForReplicas === undefined ? {} : { waitForReplicas: Number(waitForReplicas) })) };
}
