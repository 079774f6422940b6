import { describeInstallationsContract } from '../contracts/installations.contract';
import { MemoryInstallations } from './memoryInstallations';

describeInstallationsContract('in memory', async () => {
  const installations = new MemoryInstallations();
  return { teams: installations, channels: installations };
});
