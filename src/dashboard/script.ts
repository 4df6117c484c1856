/** The dashboard's only script: refresh the <main> part every few seconds, without reloading. */
export const REFRESH_MS = 3_000;

export const DASHBOARD_SCRIPT = `(() => {
  const refresh = async () => {
    try {
      const res = await fetch('./?partial=1', { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const html = await res.text();
      const main = document.getElementById('main');
      const notice = main && main.querySelector('.notice');
      if (main) main.outerHTML = html;
      // Keep the notice of the last action until the next one.
      const fresh = document.getElementById('main');
      if (notice && fresh && !fresh.querySelector('.notice')) fresh.prepend(notice);
    } catch { /* the server is restarting; try again on the next tick */ }
  };
  setInterval(refresh, ${REFRESH_MS});
})();
`;
