import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ANA, BEN, makeCommunity } from '../../test/builders';
import { renderApp } from '../../test/renderApp';

type User = ReturnType<typeof userEvent.setup>;

async function openSettings(user: User) {
  await screen.findByTestId('community-name');
  await user.click(screen.getByTestId('settings-button'));
  return screen.findByRole('dialog', { name: 'Community settings' });
}

describe('SettingsDialog', () => {
  it('lists the managers and says team owners always are', async () => {
    const user = userEvent.setup();
    renderApp({ state: { community: makeCommunity({ role: 'member', managers: [BEN, ANA] }) } });
    const dialog = await openSettings(user);
    expect(dialog).toHaveTextContent('Team owners are always managers of this community.');
    const managers = within(dialog).getAllByTestId('manager');
    expect(managers).toHaveLength(2);
    expect(managers[0]).toHaveTextContent('Ben Okafor');
    expect(managers[1]).toHaveTextContent('Ana Lima (you)');
    expect(within(dialog).queryByTestId('remove-manager-button')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: /Community name/ })).toHaveAttribute('readonly');
  });

  it('lets a manager remove a manager', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { community: makeCommunity({ role: 'manager', managers: [BEN] }) } });
    const dialog = await openSettings(user);
    await user.click(within(dialog).getByRole('button', { name: 'Remove Ben Okafor as manager' }));
    expect(await within(dialog).findByTestId('settings-feedback')).toHaveTextContent('Ben Okafor is no longer a manager.');
    expect(api.requestsTo('/api/communities/community-key-1/managers/person-ben', 'DELETE')).toHaveLength(1);
    expect(within(dialog).getByTestId('managers-empty')).toBeInTheDocument();
  });

  it('lets a manager rename the community, validating as they type', async () => {
    const user = userEvent.setup();
    const { api } = renderApp();
    const dialog = await openSettings(user);
    const name = within(dialog).getByRole('textbox', { name: /Community name/ });
    await user.clear(name);
    expect(await within(dialog).findByText('Give the community a name.')).toBeInTheDocument();
    await user.type(name, '  Platform   Crafts ');
    await user.click(within(dialog).getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('community-name')).toHaveTextContent('Platform Crafts'));
    expect(api.requestsTo('/api/communities/community-key-1', 'PUT')[0]?.body).toEqual({ name: 'Platform Crafts' });
  });
});
