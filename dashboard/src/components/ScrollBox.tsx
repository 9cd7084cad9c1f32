import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { useLang } from '../i18n/LangContext.tsx';
import { overflows, scrollRegionProps } from './scroll-box.ts';

/**
 * A `.table-scroll` box. When its table is wider (or taller) than the box, the box is a focusable
 * region named after `label` (the table's caption or card title: "Tabel geser: …", so the region's
 * name differs from its card's), so it can be scrolled from the keyboard;
 * it is measured again whenever the box or its content changes size or is replaced (a stacked table
 * never scrolls).
 */
export function ScrollBox({
  label,
  className = '',
  children,
}: {
  readonly label: string;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const { t } = useLang();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  // One observer per box for its life: a ResizeObserver on the box and its children, and a
  // MutationObserver that starts observing a child when the content is replaced (a table that
  // appears) and measures again.
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setScrolls(overflows(box));
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const resize = new ResizeObserver(check);
    resize.observe(box);
    for (const child of Array.from(box.children)) resize.observe(child);
    const mutation =
      typeof MutationObserver === 'undefined'
        ? null
        : new MutationObserver((records) => {
            for (const record of records) {
              for (const node of Array.from(record.removedNodes))
                if (node instanceof Element) resize.unobserve(node);
              for (const node of Array.from(record.addedNodes))
                if (node instanceof Element) resize.observe(node);
            }
            check();
          });
    mutation?.observe(box, { childList: true });
    return () => {
      resize.disconnect();
      mutation?.disconnect();
    };
  }, []);
  return (
    <div
      ref={ref}
      className={`table-scroll${className ? ` ${className}` : ''}`}
      {...scrollRegionProps(scrolls, t('a11y.scrollRegion', { name: label }))}
    >
      {children}
    </div>
  );
}
