export default function RoiPage() {
  return null;
}
