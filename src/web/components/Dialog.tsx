// A modal dialog on the native <dialog> element: the browser traps focus inside it and makes the
// rest of the page inert; Escape and the close button ask the owner to close it (the owner's state
// decides, so the dialog never closes behind React's back); focus returns to what opened it, or to
// what the owner names instead (the message a confirmed step left, when what opened it is gone).
import { useEffect, useLayoutEffect, useRef, type ReactNode } from "react";

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons at the foot of the dialog. */
  footer?: ReactNode;
  /** Where focus goes once it has closed, when not back to what opened it (null: back to that). */
  returnFocus?: () => HTMLElement | null;
}

export function Dialog({ open, title, onClose, children, footer, returnFocus }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const latest = useRef({ open, onClose, returnFocus });
  latest.current = { open, onClose, returnFocus };
  /** Set while a close we asked for has not yet been announced (the close event is queued as a task). */
  const closing = useRef(false);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current ??= document.activeElement;
      element.showModal();
    } else if (!open && element.open) {
      closing.current = true;
      element.close();
    }
  }, [open]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const cancel = (event: Event) => {
      event.preventDefault();
      latest.current.onClose();
    };
    const closed = () => {
      const ours = closing.current;
      closing.current = false;
      // Opened again before this (queued) event arrived: nothing to undo.
      if (element.open) return;
      const target = latest.current.returnFocus?.() ?? opener.current;
      if (target instanceof HTMLElement) target.focus();
      opener.current = null;
      // Closed by the browser itself (an Escape it would not let us cancel): tell the owner.
      if (!ours && latest.current.open) latest.current.onClose();
    };
    element.addEventListener("cancel", cancel);
    element.addEventListener("close", closed);
    return () => {
      element.removeEventListener("cancel", cancel);
      element.removeEventListener("close", closed);
    };
  }, []);

  const titleId = `dialog-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
      {open ? (
        <>
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button button-quiet" onClick={onClose} aria-label="Close">
              ×
            </button>
          </div>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-footer">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}
