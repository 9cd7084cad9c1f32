import {
  type MouseEvent as ReactMouseEvent,
  type SyntheticEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/**
 * A `<details>` popup (filter list, token dialog) that behaves like one: it closes on a click
 * outside it, when focus moves outside it (Tab), and on Escape, which also puts focus back on its
 * summary. `open` is React state, so the component can close it too (and lay it out before paint).
 *
 * Spread `detailsProps` on the `<details>` and `summaryProps` on its `<summary>`.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const summaryRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    const inside = (target: EventTarget | null) =>
      target instanceof Node && (detailsRef.current?.contains(target) ?? false);
    // On the click, not the press: a list that opens in the flow pushes what follows down, and
    // closing it when the button goes down would move a submit button away from under the
    // pointer before the click lands. Capture phase, so the click still goes on to its target.
    const onClick = (e: MouseEvent) => {
      if (!inside(e.target)) setOpen(false);
    };
    // Focus moves on the press too: while a pointer is down, the click decides (above).
    let pressing = false;
    const onPointerDown = () => {
      pressing = true;
    };
    const onPointerUp = () => {
      pressing = false;
    };
    // Tab out of it. A press on plain text inside it focuses the nearest focusable ancestor
    // (`<main tabindex=-1>`): that is not leaving (and hiding the list during that press crashed
    // Chromium).
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target;
      const around =
        target instanceof Node && detailsRef.current !== null && target.contains(detailsRef.current);
      if (!pressing && !inside(target) && !around) setOpen(false);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      const active = document.activeElement;
      setOpen(false);
      // Focus inside the popup would be lost when it hides; elsewhere it stays where it is.
      if (active === null || active === document.body || inside(active)) summaryRef.current?.focus();
    };
    document.addEventListener('click', onClick, true);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    document.addEventListener('pointercancel', onPointerUp, true);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerup', onPointerUp, true);
      document.removeEventListener('pointercancel', onPointerUp, true);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const onSummaryClick = useCallback((e: ReactMouseEvent) => {
    // The browser would toggle `open` itself; React owns it instead (Enter and Space click too).
    e.preventDefault();
    setOpen((v) => !v);
  }, []);
  // Keeps the state right when the browser opens it on its own (find in page opens details).
  const onToggle = useCallback((e: SyntheticEvent<HTMLDetailsElement>) => {
    const next = e.currentTarget.open;
    setOpen((v) => (v === next ? v : next));
  }, []);

  return {
    open,
    setOpen,
    detailsRef,
    detailsProps: { ref: detailsRef, open, onToggle },
    summaryProps: { ref: summaryRef, onClick: onSummaryClick },
  };
}
