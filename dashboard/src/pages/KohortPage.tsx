export default function KohortPage() {
  return null;
}
