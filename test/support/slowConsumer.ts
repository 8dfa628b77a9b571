/**
 * A device in its own process, for slow-consumer tests: connects in dev mode as argv[3] to
 * argv[2], prints "ready", then reads only while the process runs — SIGSTOP it to make it a
 * device that stops reading (the kernel buffers fill and the server must queue).
 * @example spawn(process.execPath, ['--import', 'tsx', 'test/support/slowConsumer.ts', url, 'slow'])
 */
import { io } from 'socket.io-client';

const [url, userID] = process.argv.slice(2);
const socket = io(url!, { transports: ['websocket'], reconnection: false, auth: { userID, deviceID: 'frozen' } });
let received = 0;
socket.on('invitation:update', () => void received++);
socket.on('connect', () => console.log('ready'));
socket.on('disconnect', (reason) => {
  console.log(`disconnected: ${reason} after ${received} updates`);
  process.exit(0);
});
