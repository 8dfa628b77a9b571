import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { describeGroupDirectoryContract } from './groupDirectoryContract.js';

describeGroupDirectoryContract('memory', async () => ({ groups: createMemoryGroupDirectory(), cleanup: async () => {} }));
