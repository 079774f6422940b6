import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { CardDetail, CardListItem, EditCard } from '../../api/contract';
import { ErrorState } from '../../components/ErrorState';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { useApp } from '../../session/AppContext';
import { ViewSkeleton } from '../status/ViewSkeleton';
import { changesSomething } from './cardEditValidation';
import { CardEditForm } from './CardEditForm';
import { CardView } from './CardView';
import { useCardDetail } from './useCardDetail';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
});

function toListItem(card: CardDetail): CardListItem {
  const { id, title, summary, excerpt, kind, tags, authorNames, harvesterName, createdAt, sourceLink, archived, reviewDueAt, needsReview } =
    card;
  return { id, title, summary, excerpt, kind, tags, authorNames, harvesterName, createdAt, sourceLink, archived, reviewDueAt, needsReview };
}

/**
 * A card in a side panel (a modal drawer: focus stays inside, Escape closes, focus returns
 * to the card that opened it). Full width on phones.
 */
export function CardDetailPanel({
  cardId,
  onClose,
  onCardChanged,
}: {
  cardId: string;
  onClose: () => void;
  onCardChanged: (card: CardListItem) => void;
}) {
  const styles = useStyles();
  const { api, community } = useApp();
  const narrow = useMediaQuery('(max-width: 640px)');
  const [editing, setEditing] = useState(false);
  const [cancelledEdit, setCancelledEdit] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const { card, reload, change, notice, setNotice, busy } = useCardDetail(cardId, (c) => onCardChanged(toListItem(c)));
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Move focus to the outcome, so keyboard and screen reader users learn what happened.
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const title = card.status === 'ready' ? card.data.title : card.status === 'error' ? 'Card not available' : 'Loading card…';

  const save = async (edit: EditCard) => {
    if (!changesSomething(edit)) {
      setEditing(false);
      setNotice({ intent: 'success', text: 'Nothing changed.' });
      return;
    }
    setServerErrors({});
    const result = await change('edit', () => api.editCard(community.key, cardId, edit), 'Your changes are saved.');
    if (result.ok || result.conflict) setEditing(false);
    else setServerErrors(result.fieldErrors);
  };

  return (
    <OverlayDrawer
      open
      position="end"
      size={narrow ? 'full' : 'medium'}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      aria-labelledby="card-detail-title"
      data-testid="card-detail"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'card-detail-title' }}
          action={
            <Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} data-testid="card-close-button" />
          }
        >
          {editing ? `Edit “${title}”` : title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {notice && (
          <div ref={noticeRef} tabIndex={-1}>
            <MessageBar intent={notice.intent} layout="multiline" data-testid="card-notice">
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          </div>
        )}
        {card.status === 'loading' && <ViewSkeleton label="Loading card" rows={3} />}
        {card.status === 'error' && <ErrorState title="This card could not be loaded." error={card.error} onRetry={reload} />}
        {card.status === 'ready' && editing && (
          <CardEditForm
            card={card.data}
            busy={busy === 'edit'}
            serverErrors={serverErrors}
            onSave={(edit) => void save(edit)}
            onCancel={() => {
              setServerErrors({});
              setCancelledEdit(true);
              setEditing(false);
            }}
          />
        )}
        {card.status === 'ready' && !editing && (
          <CardView
            card={card.data}
            busy={busy}
            focusEdit={cancelledEdit}
            onEdit={() => {
              setNotice(undefined);
              setCancelledEdit(false);
              setEditing(true);
            }}
            onArchive={() =>
              void change(
                'archive',
                (c) => api.archiveCard(community.key, c.id, c.version),
                'Archived. The card no longer shows in search; you can restore it at any time.',
              )
            }
            onRestore={() =>
              void change('restore', (c) => api.restoreCard(community.key, c.id, c.version), 'Restored. The card is back in search.')
            }
            onVerify={() =>
              void change('verify', (c) => api.verifyCard(community.key, c.id, c.version), 'Thank you — the card is marked as verified.')
            }
            onReassign={async (owner) => {
              const result = await change(
                'reassign',
                (c) => api.reassignOwner(community.key, c.id, c.version, owner),
                `${owner.name} now owns this card and will be the one asked to review it.`,
              );
              return result.ok || result.conflict;
            }}
          />
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
