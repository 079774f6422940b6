import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, makeStyles, OverlayDrawer, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useMediaQuery } from '../hooks/useMediaQuery';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
});

/**
 * A side panel over a view (a card, a ritual, the form for a new one): modal, so focus
 * stays inside, Escape closes and focus returns to what opened it. Full width on phones.
 */
export function DetailDrawer({
  title,
  titleId,
  testId,
  closeTestId,
  onClose,
  children,
}: {
  title: ReactNode;
  /** The heading's id, which names the panel for screen readers. */
  titleId: string;
  testId: string;
  closeTestId?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const narrow = useMediaQuery('(max-width: 640px)');
  return (
    <OverlayDrawer
      open
      position="end"
      size={narrow ? 'full' : 'medium'}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: titleId }}
          action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} data-testid={closeTestId} />}
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>{children}</DrawerBody>
    </OverlayDrawer>
  );
}
