import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { createEngine, type Engine } from '../engine/createEngine.js';
import type { Session } from '../engine/Session.js';
import type { GroupDirectory } from '../engine/groups.js';
import { createMemoryGroupDirectory } from '../engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../engine/memory/createMemoryStorage.js';
import type { PushNotifier } from '../engine/push.js';
import { randomID } from '../engine/randomID.js';
import type { RingkitStorage } from '../engine/storage.js';
import { isCommandName, UNACKED_COMMAND } from '../protocol/commands.js';
import { RingkitError } from '../protocol/errors.js';
import { DEFAULT_LIMITS, type RingkitLimits } from '../protocol/limits.js';
import { idSchema } from '../protocol/schemas.js';
import { CLOSED_EVENT, MEDIA_SIGNAL_EVENT } from '../protocol/wire.js';
import { createOriginCheck, normalizeOrigin, type AllowedOrigins } from './createOriginCheck.js';
import { createGroupRooms, deviceRoom, userRoom } from './createGroupRooms.js';
import { createUpdateEmitter } from './createUpdateEmitter.js';
import { createInboundScheduler } from './createInboundScheduler.js';
import { createAuthenticator, type AuthOptions, type Identity } from './createAuthenticator.js';
import { capOutboundBuffer } from './capOutboundBuffer.js';
import { limitInbound } from './limitInbound.js';
import { corkWritesPerTurn } from './corkWritesPerTurn.js';
import { readCommandsDirectly } from './readCommandsDirectly.js';
import { createWebhookNotifier } from './createWebhookNotifier.js';
import { setLongTimeout } from './setLongTimeout.js';
import { createWebPush, type WebPushOptions } from './webPush/createWebPush.js';

/**
 * Options of `createRingkitServer`.
 * @example const options: RingkitServerOptions = { port: 0, auth: { dev: true }, limits: { maxCallUsers: 4 } }
 */
export interface RingkitServerOptions extends Partial<RingkitLimits> {
  /** Port to listen on (0 = any free port). Default 4000. Ignored with `httpServer`. */
  port?: number;
  host?: string;
  /** Attach to your own HTTP server instead of creating one. */
  httpServer?: HttpServer;
  /** How clients authenticate (JWT, your hook, or dev mode); its fields may also be given at the top level. */
  auth?: AuthOptions;
  /** Same as `auth: { dev: true }` (DEVELOPMENT ONLY). */
  dev?: boolean;
  /** Same as `auth: { jwt }`. */
  jwt?: AuthOptions['jwt'];
  /** Same as `auth: { authenticate }`. */
  authenticate?: AuthOptions['authenticate'];
  /** Shorthand for `auth: { jwt: { secret } }` (HS256). */
  jwtSecret?: string;
  /** Default: in-memory (one node). */
  storage?: RingkitStorage;
  /** Default: in-memory directory. */
  groups?: GroupDirectory;
  /** Limits; each may also be given at the top level (`{ maxCallUsers: 4 }`). */
  limits?: Partial<RingkitLimits>;
  /** Offline push; or give `webhookUrl` for the built-in webhook notifier. */
  pushNotifier?: PushNotifier;
  webhookUrl?: string;
  /**
   * Rings closed browsers through Web Push (VAPID keys from `ringkit-server vapid-keys`): a
   * device stores its subscription with `client.setPushSubscription`; an invitee with no
   * connected device gets one push per subscription, and the ring's token declines through
   * `POST /ringkit/push/decline` on this server's HTTP listener.
   */
  webPush?: WebPushOptions;
  /** Let clients create, join and leave groups. Default false. */
  clientGroups?: boolean;
  /** Merge bursts to one invitation within this window (ms, ≤ 100). Default 50. */
  coalesceWindowMs?: number;
  /** A socket.io adapter (e.g. the Redis adapter) to relay notifications between nodes. */
  adapter?: ServerOptions['adapter'];
  /**
   * Browser origins allowed to connect (`['https://app.example.com']`), or `'*'` for any. Default:
   * any in dev mode; none otherwise, so only clients that send no `Origin` (native apps, servers)
   * connect until you list your web app's origins. Also sets the CORS headers.
   */
  allowedOrigins?: AllowedOrigins;
  logger?: Logger;
  /** socket.io path. Default `/socket.io`. */
  path?: string;
  /** Called by `close()` after everything else (e.g. to close Redis clients). */
  onClose?: () => Promise<void>;
}

/**
 * A running ringkit server.
 * @example await server.groups.addMembers('class-1', ['s3']); await server.close()
 */
export interface RingkitServer {
  /** `http://host:port` clients connect to. */
  url: string;
  port: number;
  io: Server;
  engine: Engine;
  /** The group directory: createGroup, addMembers, removeMembers, deleteGroup, getMembers. */
  groups: GroupDirectory;
  logger: Logger;
  /** Stops accepting, sends what is pending, disconnects everyone and releases storage. */
  close(): Promise<void>;
}

/**
 * Starts a ringkit signaling server (docs/protocol.md section 9).
 * @example
 * const server = await createRingkitServer({ port: 4000, auth: { jwt: { secret: process.env.JWT_SECRET! } } })
 * await server.groups.createGroup('class-1', ['teacher', 's1', 's2'])
 * console.log(`ringkit on ${server.url}`)
 */
export async function createRingkitServer(options: RingkitServerOptions): Promise<RingkitServer> {
  const logger = options.logger ?? pino({ name: 'ringkit', level: process.env.LOG_LEVEL ?? 'info' });
  const auth = authOptionsOf(options);
  const authenticate = await createAuthenticator(auth);
  if (auth.dev) {
    logger.warn('DEVELOPMENT MODE: clients sign in as any userID they send. Never use this in production.');
  }
  const allowedOrigins = options.allowedOrigins ?? (auth.dev ? '*' : []);
  if (allowedOrigins === '*') logger.warn(auth.dev ? 'DEVELOPMENT MODE: browsers from any origin may connect.' : 'allowedOrigins is "*": browsers from any origin may connect.');
  else if (allowedOrigins.length === 0) logger.warn('no allowedOrigins: browsers cannot connect (clients without an Origin header can). List your web app, e.g. --allowed-origin https://app.example.com');
  const limits: RingkitLimits = { ...DEFAULT_LIMITS, ...limitsOf(options), ...options.limits };
  const storage = options.storage ?? createMemoryStorage();
  const directory = options.groups ?? createMemoryGroupDirectory();
  const pushNotifier = options.pushNotifier ?? (options.webhookUrl ? createWebhookNotifier({ url: options.webhookUrl }) : undefined);
  const httpServer = options.httpServer ?? createServer((_req, res) => res.writeHead(404).end());
  const webPush = options.webPush && (await createWebPush(options.webPush, { storage, logger }));

  const io = new Server(httpServer, {
    path: options.path ?? '/socket.io',
    maxHttpBufferSize: limits.maxHttpBufferSize,
    cors: { origin: allowedOrigins === '*' ? true : allowedOrigins.map(normalizeOrigin) },
    allowRequest: createOriginCheck(allowedOrigins),
    serveClient: false,
    ...(options.adapter && { adapter: options.adapter }),
  });
  limitInbound(io.engine, { packetsPerSecond: limits.inboundPacketsPerSecond, bytesPerSecond: limits.inboundBytesPerSecond }, (why) =>
    logger.warn({ why, limits: [limits.inboundPacketsPerSecond, limits.inboundBytesPerSecond] }, 'a connection sent more than its inbound budget: closed'),
  );
  capOutboundBuffer(io.engine, limits.maxOutboundBufferBytes, (bytes, why) =>
    logger.warn(
      { bytes, limit: limits.maxOutboundBufferBytes, why },
      why === 'stalled'
        ? 'a connection stopped reading: closed (it will reconnect and resync)'
        : 'a connection fell too far behind in reading: closed (it will reconnect and resync)',
    ),
  );
  // A turn's writes reach the kernel together (see corkWritesPerTurn), except while a class is at work.
  const writes = corkWritesPerTurn(io.engine);
  const updates = createUpdateEmitter(io, options.adapter !== undefined, undefined, writes.passTurn);
  const rooms = createGroupRooms(io, directory, updates.emit);
  const inbound = createInboundScheduler();
  /** Whether a command concerns a class's invitation (its commands may wait for an unrelated call's, see createInboundScheduler). */
  const isClassWork = (payload: unknown) => {
    const inviteID = (payload as { inviteID?: unknown } | null)?.inviteID;
    return typeof inviteID === 'string' && updates.isWide(inviteID);
  };
  const groups = rooms.groups;

  const engine = createEngine({
    storage,
    groups,
    deliverToGroup: rooms.deliverToGroup,
    limits,
    logger,
    clientGroups: options.clientGroups ?? false,
    ...(options.coalesceWindowMs !== undefined && { coalesceWindowMs: options.coalesceWindowMs }),
    ...(pushNotifier && { pushNotifier }),
    ...(webPush && { webPush: webPush.ringer }),
    deliver(userIDs, update, answeredWhole) {
      return updates.emit(userIDs.map(userRoom), update, answeredWhole);
    },
    // One device's room: through the adapter it reaches that device on whichever node it is.
    deliverMediaSignal(userID, deviceID, signal) {
      io.to(deviceRoom(userID, deviceID)).emit(MEDIA_SIGNAL_EVENT, signal);
    },
  });

  webPush?.attach(engine, httpServer, allowedOrigins);

  io.use((socket, next) => {
    const handshake = { auth: (socket.handshake.auth ?? {}) as Record<string, unknown>, headers: socket.handshake.headers };
    authenticate(handshake)
      .then(async (identity) => {
        const deviceID = idSchema.safeParse(handshake.auth.deviceID);
        const session: Session = { userID: identity.userID, deviceID: deviceID.success ? deviceID.data : randomID(), connectionID: socket.id };
        if (identity.expiresAt !== undefined && identity.expiresAt <= Date.now()) throw new RingkitError('UNAUTHENTICATED', 'the token has expired');
        await engine.connect(session);
        if (socket.conn.readyState !== 'open') {
          // The device left while it was being checked: undo, or it would count as online forever.
          await engine.disconnect(session);
          return;
        }
        socket.data.session = session;
        socket.data.identity = identity;
        socket.data.rooms = [...(await rooms.roomsOf(session.userID)), deviceRoom(session.userID, session.deviceID)];
        next();
      })
      .catch((error: unknown) => {
        const err = error instanceof RingkitError ? error : new RingkitError('UNAUTHENTICATED', 'authentication failed');
        logger.info({ code: err.code, reason: err.message }, 'connection refused');
        next(Object.assign(new Error(err.message), { data: err.toJSON() }));
      });
  });

  io.on('connection', (socket: Socket) => {
    const session = socket.data.session as Session;
    const identity = socket.data.identity as Identity;
    void socket.join(socket.data.rooms as string[]);
    updates.track(socket);
    logger.debug({ userID: session.userID, deviceID: session.deviceID }, 'connected');

    const expire = () => {
      socket.emit(CLOSED_EVENT, { code: 'UNAUTHENTICATED', message: 'the token has expired' });
      socket.disconnect(true);
    };
    const cancelExpiry = identity.expiresAt === undefined ? undefined : setLongTimeout(expire, identity.expiresAt);
    /** A command as the device sent it (see readCommandsDirectly): `argCount` arguments after the name, the acknowledgement not counted. */
    const onCommand = (name: unknown, argCount: number, payload: unknown, ack: ((outcome: unknown) => void) | undefined) => {
      if (ack === undefined) {
        // A receipt may come without an acknowledgement (ringkit's client sends it so): the
        // change it makes reaches the device in the next update, one packet fewer per member.
        if (name === UNACKED_COMMAND && argCount === 1) {
          const heavy = isClassWork(payload);
          inbound.submit(socket.id, heavy, () => {
            if (heavy) writes.passTurn();
            void engine.execute(session, UNACKED_COMMAND, payload, () => undefined).catch((err: unknown) => logger.error({ err }, 'execute failed'));
          });
        }
        return;
      }
      if (typeof name !== 'string' || argCount !== 1) {
        return ack({ ok: false, error: { code: 'INVALID_PARAMETER', message: 'send one payload object with an acknowledgement' } });
      }
      if (!isCommandName(name)) return ack({ ok: false, error: { code: 'INVALID_PARAMETER', message: `unknown command ${name}` } });
      const heavy = isClassWork(payload);
      inbound.submit(socket.id, heavy, () => {
        if (heavy) writes.passTurn();
        void engine.execute(session, name, payload, ack).catch((err: unknown) => logger.error({ err }, 'execute failed'));
      });
    };
    const anyListener = (name: unknown, ...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') onCommand(name, args.length - 1, args[0], last as (outcome: unknown) => void);
      else onCommand(name, args.length, args[0], undefined);
    };
    socket.onAny(anyListener);
    // The commands socket.io would only hand to `anyListener` are read and answered without its per-packet machinery.
    readCommandsDirectly(socket, anyListener, onCommand);
    socket.on('disconnect', () => {
      cancelExpiry?.();
      // Its deferred commands run first: the disconnect is handled after them, as before.
      inbound.flush(socket.id);
      engine.disconnect(session).catch((err: unknown) => logger.warn({ err }, 'disconnect bookkeeping failed'));
    });
  });

  engine.start();
  if (!options.httpServer) {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 4000, options.host, () => resolve());
    });
  }
  const address = httpServer.address() as AddressInfo | null;
  const port = address?.port ?? 0;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost';
  const url = `http://${host}:${port}`;
  logger.info({ url }, 'ringkit server listening');

  return {
    url,
    port,
    io,
    engine,
    groups,
    logger,
    async close() {
      engine.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await storage.close();
      await options.onClose?.();
      logger.info('ringkit server closed');
    },
  };
}

/** `auth`, or its fields given at the top level (`dev`, `jwt`, `authenticate`, `jwtSecret`). */
function authOptionsOf(options: RingkitServerOptions): AuthOptions {
  if (options.auth) return options.auth;
  const jwt = options.jwt ?? (options.jwtSecret !== undefined ? { secret: options.jwtSecret } : undefined);
  return {
    ...(options.dev && { dev: true }),
    ...(jwt && { jwt }),
    ...(options.authenticate && { authenticate: options.authenticate }),
  };
}

/** The limits given at the top level of the options. */
function limitsOf(options: RingkitServerOptions): Partial<RingkitLimits> {
  const keys = Object.keys(DEFAULT_LIMITS) as (keyof RingkitLimits)[];
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
}
