import type { QuietPacer } from '../bot/src/background/quietPacer';

/**
 * Keeps a pacer busy as a steady stream of short requests would (one every 5 ms, each
 * answered 2 ms later), until the returned function stops it.
 */
export function steadyLoad(pacer: QuietPacer): () => void {
  const request = () => setTimeout(pacer.requestStarted(), 2);
  request();
  const timer = setInterval(request, 5);
  return () => clearInterval(timer);
}
