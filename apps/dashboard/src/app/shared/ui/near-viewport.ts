/**
 * Runs `run` once, the first time `element` comes within `margin` below the viewport (scrolled
 * near, or the window grown); returns what stops watching. Where the browser has no
 * IntersectionObserver, runs at once.
 */
export function onceNearViewport(element: Element, run: () => void, margin = '0px'): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    run();
    return () => undefined;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        run();
      }
    },
    { rootMargin: `0px 0px ${margin} 0px` },
  );
  observer.observe(element);
  return () => observer.disconnect();
}
