import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useResource } from '../../../hooks/useResource';
import { useApp } from '../../../session/AppContext';

type Person = { id: string; name: string };

/** Me, the managers, the contributors and the current hosts, once each: me first, then by name. */
function knownPeople(me: Person, others: Person[]): Person[] {
  const byId = new Map<string, Person>();
  for (const p of others) if (p.id !== me.id && !byId.has(p.id)) byId.set(p.id, p);
  return [me, ...[...byId.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

/** Who hosts: chosen among the people the tab knows (you, the managers, the contributors). */
export function HostsField({ value, onChange, message }: { value: Person[]; onChange: (hosts: Person[]) => void; message?: string }) {
  const { api, community, me } = useApp();
  // Contributors widen the choice; without them (a failed read) the others remain.
  const [contributors] = useResource(() => api.contributors(community.key, 'all'), [api, community.key]);
  const people = useMemo(
    () =>
      knownPeople(me.person, [
        ...community.managers,
        ...(contributors.status === 'ready' ? contributors.data.people.map((c) => c.person) : []),
        ...value,
      ]),
    [me.person, community.managers, contributors, value],
  );
  const byId = new Map(people.map((p) => [p.id, p]));

  return (
    <Field label="Hosts" required validationMessage={message} hint="Choose from you, the community’s managers and its contributors.">
      <Dropdown
        multiselect
        placeholder="Choose hosts"
        value={value.map((h) => h.name).join(', ')}
        selectedOptions={value.map((h) => h.id)}
        onOptionSelect={(_, d) => onChange(d.selectedOptions.map((id) => byId.get(id)).filter((p): p is Person => !!p))}
        data-testid="ritual-hosts"
        data-field="hosts"
      >
        {people.map((p) => (
          <Option key={p.id} value={p.id} text={p.name}>
            {p.id === me.person.id ? `${p.name} (you)` : p.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
