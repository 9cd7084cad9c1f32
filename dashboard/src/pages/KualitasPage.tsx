export default function KualitasPage() {
  return null;
}
