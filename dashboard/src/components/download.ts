/** Saves text or bytes as a file through a temporary object URL (no server round trip, works offline). */
export function download(
  fileName: string,
  content: string | Uint8Array,
  mime = 'text/csv;charset=utf-8',
): void {
  const blob = new Blob([content as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
