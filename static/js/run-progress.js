// While an audit runs, ask the server for its status and swap in the results when it ends,
// without reloading the page. Without JavaScript the page refreshes itself (see <noscript>).
(function () {
  const box = document.querySelector("[data-run-status-url]");
  if (!box) return;
  const statusUrl = box.dataset.runStatusUrl;
  const label = box.querySelector("[data-run-status-label]");
  let delay = 700;

  async function poll() {
    try {
      const response = await fetch(statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const run = await response.json();
        if (label) label.textContent = run.status === "running" ? "Auditing the plan…" : "Waiting for a worker…";
        if (run.finished) {
          const body = await fetch(run.body_url);
          if (body.ok) {
            box.outerHTML = await body.text();
            document.title = document.title.replace(/^Audit/, "Audit " + (run.score ?? ""));
            return;
          }
        }
      }
    } catch (error) {
      if (label) label.textContent = "Lost contact with the server; still trying…";
    }
    delay = Math.min(delay * 1.5, 5000);
    setTimeout(poll, delay);
  }
  setTimeout(poll, delay);
})();
