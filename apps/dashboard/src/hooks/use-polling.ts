import { useEffect, useRef } from 'preact/hooks';

/**
 * Runs `task` now and every `intervalMs` while the tab is visible. A hidden tab costs the API
 * nothing; when it shows again it refreshes at once and resumes. Runs never overlap, so a slow
 * API is not hit by a growing queue of requests.
 */
export const usePolling = (task: () => Promise<void>, intervalMs: number): void => {
  const taskRef = useRef(task);
  taskRef.current = task;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;

    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && !document.hidden) timer = setTimeout(tick, intervalMs);
    };
    const tick = async () => {
      if (running || stopped) return;
      running = true;
      try {
        await taskRef.current();
      } finally {
        running = false;
        schedule();
      }
    };
    const onVisibility = () => {
      if (document.hidden) clearTimeout(timer);
      else void tick();
    };

    void tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
};
