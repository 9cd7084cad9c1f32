export default function PartisipasiPage() {
  return null;
}
