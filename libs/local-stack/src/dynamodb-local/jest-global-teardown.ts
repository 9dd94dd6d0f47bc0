export default async function globalTeardown(): Promise<void> {
  const local = globalThis.__dynamoDbLocal;
  if (!local) return;
  globalThis.__dynamoDbLocal = undefined;
  await local.stop();
}
