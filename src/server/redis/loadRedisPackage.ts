/** The optional peer dependencies behind `--redis` and `redisServerOptions`. */
interface RedisPackages {
  redis: typeof import('redis');
  '@socket.io/redis-adapter': typeof import('@socket.io/redis-adapter');
}

const loaders: { [Name in keyof RedisPackages]: () => Promise<RedisPackages[Name]> } = {
  redis: () => import('redis'),
  '@socket.io/redis-adapter': () => import('@socket.io/redis-adapter'),
};

/**
 * Loads one of the Redis packages, which are optional peer dependencies (a browser app or a
 * single in-memory node never installs them); when it is missing, rejects with an error that
 * names the packages to install.
 * @example const { createClient } = await loadRedisPackage('redis')
 */
export async function loadRedisPackage<Name extends keyof RedisPackages>(name: Name): Promise<RedisPackages[Name]> {
  try {
    return await loaders[name]();
  } catch (err) {
    const code = (err as { code?: unknown } | undefined)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error(
      `ringkit: Redis support needs the optional peer dependency "${name}", which is not installed. ` +
        'Install both Redis packages next to ringkit: npm install redis@^6.3.1 @socket.io/redis-adapter@^8.3.0',
      { cause: err },
    );
  }
}
