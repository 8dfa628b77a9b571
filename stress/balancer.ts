import { createConnection, createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A minimal TCP round-robin load balancer for `npm run stress`: each connection goes to the next
 * backend that accepts it (a dead node is skipped), like any LB in front of ringkit nodes.
 * @example const lb = await startBalancer([4001, 4002, 4003]); connect to `http://localhost:${lb.port}`
 */
export async function startBalancer(ports: number[]): Promise<{ port: number; server: Server }> {
  let next = 0;
  const server = createServer((client) => {
    client.pause();
    const attempt = (tries: number) => {
      if (tries === 0) return client.destroy();
      const port = ports[next++ % ports.length]!;
      const upstream = createConnection({ port, host: '127.0.0.1' });
      upstream.once('error', () => (upstream.destroy(), attempt(tries - 1)));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        client.pipe(upstream).pipe(client);
        client.resume();
        const close = () => (client.destroy(), upstream.destroy());
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
    };
    attempt(ports.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}
