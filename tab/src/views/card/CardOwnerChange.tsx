import { Button, Dropdown, Field, makeStyles, Option, Spinner, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { CardDetail, PersonView } from '../../api/contract';
import { useKnownPeople } from '../../hooks/useKnownPeople';
import { useApp } from '../../session/AppContext';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * A manager hands the card to someone else: chosen among the people the tab knows (you,
 * the managers, the contributors) and the people the card credits.
 */
export function CardOwnerChange({
  card,
  busy,
  onSave,
  onCancel,
}: {
  card: CardDetail;
  busy: boolean;
  onSave: (owner: PersonView) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { me } = useApp();
  const credited = useMemo(() => [card.owner, card.harvester, ...card.authors], [card.owner, card.harvester, card.authors]);
  const people = useKnownPeople(credited);
  const [chosen, setChosen] = useState<PersonView>(card.owner);
  const byId = new Map(people.map((p) => [p.id, p]));
  const unchanged = chosen.id === card.owner.id;

  return (
    <form
      className={styles.form}
      aria-label="Change the card’s owner"
      data-testid="card-owner-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!unchanged) onSave(chosen);
      }}
    >
      <Field
        label="New owner"
        hint="The owner is the one asked to review this card. Choose from you, the community’s managers and contributors, and the people this card credits."
      >
        {/* Inline, so the choices stay inside the modal panel, where assistive technology can reach them. */}
        <Dropdown
          inlinePopup
          value={chosen.name}
          selectedOptions={[chosen.id]}
          onOptionSelect={(_, d) => {
            const person = d.optionValue ? byId.get(d.optionValue) : undefined;
            if (person) setChosen(person);
          }}
          data-testid="card-owner-picker"
        >
          {people.map((p) => (
            <Option key={p.id} value={p.id} text={p.name}>
              {p.id === me.person.id ? `${p.name} (you)` : p.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={busy || unchanged}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          data-testid="card-owner-save"
        >
          Make owner
        </Button>
        <Button disabled={busy} onClick={onCancel} data-testid="card-owner-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
