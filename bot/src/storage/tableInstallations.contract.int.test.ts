import { describeInstallationsContract } from '../../../test-support/contracts/installations.contract';
import { freshTables } from '../../../test-support/storage';
import { TableChannelRegistry } from './tableChannelRegistry';
import { TableTeamRegistry } from './tableTeamRegistry';

describeInstallationsContract('Table storage (Azurite)', async () => {
  const { tables } = await freshTables();
  const teams = new TableTeamRegistry(tables.teams);
  return { teams, channels: new TableChannelRegistry(tables.channels, teams) };
});
