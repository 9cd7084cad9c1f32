import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { useLang } from '../i18n/LangContext.tsx';
import { overflows, scrollRegionProps } from './scroll-box.ts';

/**
 * A `.table-scroll` box. When its table is wider (or taller) than the box, the box is a focusable
 * region named after `label` (the table's caption or card title: "Tabel geser: …", so the region's
 * name differs from its card's), so it can be scrolled from the keyboard;
 * it is measured again whenever the box or its content changes size (a stacked table never scrolls).
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
  // No dependency list: the content can be replaced on any render (a table that appears), so the
  // observer follows the current children.
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setScrolls(overflows(box));
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(box);
    for (const child of Array.from(box.children)) observer.observe(child);
    return () => observer.disconnect();
  });
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
