import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { EditCard } from '../../api/contract';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorState } from '../../components/ErrorState';
import { useApp } from '../../session/AppContext';
import { ViewSkeleton } from '../status/ViewSkeleton';
import { changesSomething } from './cardEditValidation';
import { CardEditForm } from './CardEditForm';
import { CardView } from './CardView';
import { useCardDetail } from './useCardDetail';

/**
 * A card in a side panel (a modal drawer: focus stays inside, Escape closes, focus returns
 * to the card that opened it). Full width on phones.
 */
export function CardDetailPanel({ cardId, onClose }: { cardId: string; onClose: () => void }) {
  const { api, community } = useApp();
  const [editing, setEditing] = useState(false);
  const [cancelledEdit, setCancelledEdit] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const { card, change, notice, setNotice, busy } = useCardDetail(cardId);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Move focus to the outcome, so keyboard and screen reader users learn what happened.
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const title = card.data ? card.data.title : card.isError ? 'Card not available' : 'Loading card…';

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
    <DetailDrawer
      title={editing ? `Edit “${title}”` : title}
      titleId="card-detail-title"
      testId="card-detail"
      closeTestId="card-close-button"
      onClose={onClose}
    >
      {notice && (
        <div ref={noticeRef} tabIndex={-1}>
          <MessageBar intent={notice.intent} layout="multiline" data-testid="card-notice">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {card.isPending && <ViewSkeleton label="Loading card" rows={3} />}
      {!card.data && card.isError && (
        <ErrorState title="This card could not be loaded." error={card.error} onRetry={() => void card.refetch()} />
      )}
      {card.data && editing && (
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
      {card.data && !editing && (
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
    </DetailDrawer>
  );
}
