import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, ThumbLikeFilled, ThumbLikeRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import { RITUAL_LIMITS, ritualKind, type RitualDetail, type RitualItemView } from '../../../api/contract';
import { LiveRegion } from '../../../components/LiveRegion';
import { useApp } from '../../../session/AppContext';
import { isInstant, viewerDate } from '../ritualTime';
import { muted, panel, sectionTitle } from '../ritualStyles';
import { ITEM_COPY, type ItemCopy } from './itemCopy';
import { useRitualItems } from './useRitualItems';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: sectionTitle,
  quiet: muted,
  list: { margin: 0, paddingInlineStart: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { ...panel, display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flexGrow: 1, minWidth: 0 },
  text: { margin: 0, whiteSpace: 'pre-line' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  field: { alignSelf: 'stretch' },
});

/** The occurrence's start when the id names it, else the date from the upcoming list. */
function occurrenceStart(ritual: RitualDetail): string | undefined {
  const id = ritual.itemsOccurrenceId;
  if (!id) return undefined;
  return [...ritual.upcoming, ...ritual.past].find((o) => o.id === id)?.startsAt ?? (isInstant(id) ? id : undefined);
}

/**
 * What members bring to the next occurrence: questions (upvoted), problems or sign-ups
 * (with the slots left). Nothing for a ritual that collects nothing.
 */
export function RitualItems({ ritual }: { ritual: RitualDetail }) {
  const collects = ritualKind(ritual.kind).collects;
  if (collects === 'nothing' || !ritual.itemsOccurrenceId) return null;
  return <ItemsSection ritual={ritual} copy={ITEM_COPY[collects]} />;
}

function ItemsSection({ ritual, copy }: { ritual: RitualDetail; copy: ItemCopy }) {
  const styles = useStyles();
  const { format } = useApp();
  const { items, busy, add, vote, remove, addError, setAddError, listError, announcement } = useRitualItems(ritual, copy);
  const [text, setText] = useState('');
  const start = occurrenceStart(ritual);
  const isSignup = ritual.kind === 'showAndTell';
  const slots = ritual.slots ?? RITUAL_LIMITS.slotsDefault;
  const full = isSignup && items.length >= slots;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await add(text)) setText('');
  };

  return (
    <section className={styles.root} aria-labelledby="ritual-items" data-testid="ritual-items">
      <Text as="h3" id="ritual-items" size={400} weight="semibold" className={styles.title}>
        {copy.heading}
        {start ? ` for ${viewerDate(start, format)}` : ''}
      </Text>
      <Text as="p" className={styles.quiet}>
        {copy.intro}
      </Text>
      {isSignup && (
        <Text as="p" weight="semibold" data-testid="ritual-slots">
          {format.number(Math.min(items.length, slots))} of {format.number(slots)} {slots === 1 ? 'slot' : 'slots'} taken
        </Text>
      )}
      <LiveRegion message={announcement} testId="ritual-items-live" />
      {listError && (
        <MessageBar intent="error">
          <MessageBarBody>{listError}</MessageBarBody>
        </MessageBar>
      )}
      {items.length === 0 ? (
        <Text as="p" className={styles.quiet}>
          {copy.empty}
        </Text>
      ) : (
        <ol className={styles.list} aria-label={copy.heading}>
          {items.map((item) => (
            <ItemRow
              key={item.id}
              item={item}
              copy={copy}
              busy={busy}
              closed={!ritual.can.addItem}
              onVote={() => void vote(item)}
              onRemove={() => void remove(item)}
            />
          ))}
        </ol>
      )}
      {!ritual.can.addItem && (
        <Text as="p" className={styles.quiet}>
          Adding is closed for this date.
        </Text>
      )}
      {ritual.can.addItem &&
        (full ? (
          <MessageBar intent="info" layout="multiline" data-testid="ritual-slots-full">
            <MessageBarBody>
              All {format.number(slots)} slots are taken for this date. Ask a host whether another can be added, or sign up for the next
              one.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
            <Field
              className={styles.field}
              label={copy.inputLabel}
              validationMessage={addError}
              hint={`${text.length} of ${RITUAL_LIMITS.itemMaxLength} characters`}
            >
              <Textarea
                value={text}
                rows={2}
                resize="vertical"
                onChange={(_, d) => {
                  setText(d.value);
                  setAddError(undefined);
                }}
                data-testid="item-input"
              />
            </Field>
            <Button
              type="submit"
              appearance="primary"
              icon={busy === 'add' ? <Spinner size="tiny" /> : <AddRegular />}
              disabled={!!busy}
              data-testid="item-add-button"
            >
              {copy.addLabel}
            </Button>
          </form>
        ))}
      {/* A refusal from the service (the last slot went meanwhile, say) when the form is gone. */}
      {full && addError && (
        <Text as="p" role="alert">
          {addError}
        </Text>
      )}
    </section>
  );
}

function ItemRow({
  item,
  copy,
  busy,
  closed,
  onVote,
  onRemove,
}: {
  item: RitualItemView;
  copy: ItemCopy;
  busy?: string;
  /** The session is over: votes are a record. */
  closed: boolean;
  onVote: () => void;
  onRemove: () => void;
}) {
  const styles = useStyles();
  const { format } = useApp();
  const votes = `${item.votes} ${item.votes === 1 ? 'vote' : 'votes'}`;
  return (
    <li className={styles.item} data-testid="ritual-item" data-item-id={item.id}>
      {item.kind === 'question' && (
        <ToggleButton
          size="small"
          checked={item.votedByMe}
          disabled={!!busy || closed}
          icon={busy === item.id ? <Spinner size="tiny" /> : item.votedByMe ? <ThumbLikeFilled /> : <ThumbLikeRegular />}
          onClick={onVote}
          // Starts with the visible count, so speech users can say what they see.
          aria-label={`${votes}. Upvote “${item.text}”`}
          data-testid="item-vote-button"
        >
          {format.number(item.votes)}
        </ToggleButton>
      )}
      <div className={styles.body}>
        <p className={styles.text}>{item.text}</p>
        <Text size={200} className={styles.quiet}>
          {item.author.name} · <time dateTime={item.createdAt}>{format.relative(item.createdAt)}</time>
        </Text>
      </div>
      {item.can.delete && (
        <Button
          size="small"
          appearance="subtle"
          icon={<DeleteRegular />}
          disabled={!!busy}
          onClick={onRemove}
          aria-label={`Remove ${copy.noun}: ${item.text}`}
          data-testid="item-delete-button"
        />
      )}
    </li>
  );
}
