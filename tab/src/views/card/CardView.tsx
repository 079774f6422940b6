import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArchiveRegular, ArrowUndoRegular, CheckmarkCircleRegular, EditRegular, OpenRegular, WarningRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { CardDetail, PersonView } from '../../api/contract';
import { CardBadges, TagList } from '../../components/CardBadges';
import { ExternalLinkButton, isHttpsLink } from '../../components/ExternalLinkButton';
import { useApp } from '../../session/AppContext';
import { CardHistory } from './CardHistory';
import { CardMessages } from './CardMessages';
import { CardOwnerChange } from './CardOwnerChange';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  summary: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  review: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  reviewText: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexGrow: 1, minWidth: '200px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionTitle: { margin: 0 },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    '@media (min-width: 480px)': { gridTemplateColumns: 'max-content minmax(0, 1fr)' },
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
  },
});

/** The card as people read it, with the curation and review actions they may take. */
export function CardView({
  card,
  busy,
  onEdit,
  onArchive,
  onRestore,
  onVerify,
  onReassign,
  focusEdit,
}: {
  card: CardDetail;
  busy?: string;
  /** Puts focus back on Edit, when people leave the edit form without saving. */
  focusEdit?: boolean;
  onEdit: () => void;
  onArchive: () => void;
  onRestore: () => void;
  onVerify: () => void;
  /** Makes someone else the owner; resolves true when the form can close. */
  onReassign: (owner: PersonView) => Promise<boolean>;
}) {
  const styles = useStyles();
  const { format } = useApp();
  const editRef = useRef<HTMLButtonElement>(null);
  const changeOwnerRef = useRef<HTMLButtonElement>(null);
  const [changingOwner, setChangingOwner] = useState(false);
  const closeOwnerChange = () => {
    setChangingOwner(false);
    // Back to the button that opened the form, once it is rendered again.
    setTimeout(() => changeOwnerRef.current?.focus());
  };
  useEffect(() => {
    if (focusEdit) editRef.current?.focus();
  }, [focusEdit]);
  const spinner = (name: string) => (busy === name ? <Spinner size="tiny" /> : undefined);
  return (
    <div className={styles.root} data-testid="card-detail-body">
      <CardBadges kind={card.kind} needsReview={card.needsReview} archived={card.archived} />
      {card.summary && <p className={styles.summary}>{card.summary}</p>}
      <TagList tags={card.tags} />

      <div className={styles.review} data-testid="card-verification">
        <span className={styles.reviewText}>
          {card.needsReview ? <WarningRegular aria-hidden="true" /> : <CheckmarkCircleRegular aria-hidden="true" />}
          <Text>
            {card.needsReview
              ? `Needs review since ${format.date(card.reviewDueAt)}`
              : `Verified by ${card.verifiedBy.name} on ${format.date(card.verifiedAt)}`}
          </Text>
        </span>
        {card.can.verify && !card.archived && (
          <Button
            appearance={card.needsReview ? 'primary' : 'secondary'}
            icon={spinner('verify') ?? <CheckmarkCircleRegular />}
            disabled={!!busy}
            onClick={onVerify}
            data-testid="card-verify-button"
          >
            Confirm it’s still right
          </Button>
        )}
      </div>

      {(card.can.curate || isHttpsLink(card.sourceLink)) && (
        <div className={styles.actions}>
          {card.can.curate && (
            <>
              <Button ref={editRef} icon={<EditRegular />} disabled={!!busy} onClick={onEdit} data-testid="card-edit-button">
                Edit
              </Button>
              {card.archived ? (
                <Button
                  icon={spinner('restore') ?? <ArrowUndoRegular />}
                  disabled={!!busy}
                  onClick={onRestore}
                  data-testid="card-restore-button"
                >
                  Restore
                </Button>
              ) : (
                <Button
                  icon={spinner('archive') ?? <ArchiveRegular />}
                  disabled={!!busy}
                  onClick={onArchive}
                  data-testid="card-archive-button"
                >
                  Archive
                </Button>
              )}
            </>
          )}
          {isHttpsLink(card.sourceLink) && (
            // The API only sends links to Teams; anything that is not an https link is still never rendered.
            <ExternalLinkButton href={card.sourceLink} icon={<OpenRegular />} testId="open-conversation">
              Open conversation
            </ExternalLinkButton>
          )}
        </div>
      )}

      <section className={styles.section} aria-labelledby="card-conversation" data-testid="card-view">
        <Text as="h3" id="card-conversation" size={400} weight="semibold" className={styles.sectionTitle}>
          Conversation
        </Text>
        <CardMessages messages={card.messages} />
      </section>

      <section className={styles.section} aria-labelledby="card-about">
        <Text as="h3" id="card-about" size={400} weight="semibold" className={styles.sectionTitle}>
          About this card
        </Text>
        <dl className={styles.facts} data-testid="card-facts">
          <dt>Credited authors</dt>
          <dd>{card.authors.length > 0 ? card.authors.map((a) => a.name).join(', ') : '—'}</dd>
          <dt>Saved by</dt>
          <dd>{card.harvester.name}</dd>
          <dt>Owner</dt>
          <dd data-testid="card-owner">
            {card.owner.name}
            {card.can.reassign && !changingOwner && (
              <>
                {' '}
                <Button
                  ref={changeOwnerRef}
                  size="small"
                  appearance="transparent"
                  disabled={!!busy}
                  onClick={() => setChangingOwner(true)}
                  data-testid="card-owner-change"
                >
                  Change owner
                </Button>
              </>
            )}
          </dd>
          <dt>Saved on</dt>
          <dd>
            <time dateTime={card.createdAt}>{format.dateTime(card.createdAt)}</time>
          </dd>
          <dt>Last changed</dt>
          <dd>
            {card.updatedBy.name}, <time dateTime={card.updatedAt}>{format.relative(card.updatedAt)}</time>
          </dd>
          <dt>Review</dt>
          <dd>
            Every {format.number(card.reviewIntervalDays)} days · next due {format.date(card.reviewDueAt)}
          </dd>
        </dl>
        {changingOwner && (
          <CardOwnerChange
            card={card}
            busy={busy === 'reassign'}
            onSave={(owner) => void onReassign(owner).then((done) => done && closeOwnerChange())}
            onCancel={closeOwnerChange}
          />
        )}
      </section>

      <section className={styles.section} aria-labelledby="card-history">
        <Text as="h3" id="card-history" size={400} weight="semibold" className={styles.sectionTitle}>
          History
        </Text>
        <CardHistory history={card.history} />
      </section>
    </div>
  );
}
