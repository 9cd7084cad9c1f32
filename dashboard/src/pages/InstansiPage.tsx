export default function InstansiPage() {
  return null;
}
