/**
 * Starts a demo as the e2e global setup does, prints its URL and the process group, then waits
 * forever: the interrupted-run test kills this process and checks the demo went with it.
 * @example node --import tsx test/e2e/support/holdDemo.ts
 */
import { spawnDemo } from '../../../demo/tools/spawnDemo.js';

const demo = await spawnDemo();
console.log(`demo ${demo.url}`);
setInterval(() => undefined, 60_000);
