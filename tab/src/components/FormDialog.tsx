import {
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  type DialogProps,
} from '@fluentui/react-components';
import type { FormEvent, ReactElement, ReactNode } from 'react';

/**
 * A dialog with a title, content and its buttons: a form when it has `onSubmit` (Enter
 * submits), a confirmation when `modalType` is "alert". Open while mounted, unless `open`
 * says otherwise; a `trigger` (the button that opens it) gets focus back when it closes.
 */
export function FormDialog({
  title,
  testId,
  open = true,
  modalType = 'modal',
  trigger,
  onOpen,
  onClose,
  onSubmit,
  contentClassName,
  actions,
  children,
}: {
  title: ReactNode;
  testId: string;
  open?: boolean;
  modalType?: DialogProps['modalType'];
  trigger?: ReactElement;
  /** Called when the trigger asks to open the dialog. */
  onOpen?: () => void;
  onClose: () => void;
  onSubmit?: () => void;
  contentClassName?: string;
  actions: ReactNode;
  children: ReactNode;
}) {
  const body = (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={contentClassName}>{children}</DialogContent>
      <DialogActions>{actions}</DialogActions>
    </DialogBody>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };
  const surface = (
    <DialogSurface data-testid={testId}>
      {onSubmit ? (
        <form onSubmit={submit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
    </DialogSurface>
  );
  const onOpenChange: DialogProps['onOpenChange'] = (_, data) => (data.open ? onOpen?.() : onClose());
  if (!trigger) {
    return (
      <Dialog open={open} modalType={modalType} onOpenChange={onOpenChange}>
        {surface}
      </Dialog>
    );
  }
  return (
    <Dialog open={open} modalType={modalType} onOpenChange={onOpenChange}>
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      {surface}
    </Dialog>
  );
}
