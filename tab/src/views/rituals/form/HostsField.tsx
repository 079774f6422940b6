import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useKnownPeople } from '../../../hooks/useKnownPeople';
import { useApp } from '../../../session/AppContext';

type Person = { id: string; name: string };

/** Who hosts: chosen among the people the tab knows (you, the managers, the contributors). */
export function HostsField({ value, onChange, message }: { value: Person[]; onChange: (hosts: Person[]) => void; message?: string }) {
  const { me } = useApp();
  const people = useKnownPeople(value);
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
