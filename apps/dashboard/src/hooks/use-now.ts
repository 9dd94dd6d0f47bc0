import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `intervalMs`, so relative times on screen stay true. */
export const useNow = (intervalMs: number): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};
