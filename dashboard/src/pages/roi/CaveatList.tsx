import { useLang } from '../../i18n/LangContext.tsx';

/** The API's warnings or caveats as a `warnings` list in the reader's language; nothing if none. */
export function CaveatList({ caveats }: { caveats: readonly { code: string; id: string; en: string }[] }) {
  const { lang } = useLang();
  if (caveats.length === 0) return null;
  return (
    <ul className="warnings">
      {caveats.map((w) => (
        <li key={w.code}>{lang === 'id' ? w.id : w.en}</li>
      ))}
    </ul>
  );
}
