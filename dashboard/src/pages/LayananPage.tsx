export default function LayananPage() {
  return null;
}
