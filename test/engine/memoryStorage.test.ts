import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { describeStorageContract } from './storageContract.js';

describeStorageContract('memory', async () => {
  const storage = createMemoryStorage();
  // One process holds the data, so a "peer" is the same store.
  return { storage, cleanup: async () => {}, openPeer: async () => storage };
});
