// Runs before Angular boots so the first paint already has the right theme.
// Keep the key and values in step with ThemeService (src/app/core/theme/theme.service.ts).
(function () {
  var theme;
  try {
    theme = localStorage.getItem('caseyos.theme');
  } catch {
    theme = null;
  }
  if (theme !== 'dark' && theme !== 'light') {
    theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
