// While a worker reads an uploaded export file, show how far it got and swap in the result when
// it ends, without reloading the page. Without JavaScript the page refreshes itself (<noscript>).
(function () {
  const box = document.querySelector("[data-import-status-url]");
  if (!box) return;
  const label = box.querySelector("[data-import-label]");
  const read = box.querySelector("[data-import-read]");
  let delay = 500;

  async function poll() {
    try {
      const response = await fetch(box.dataset.importStatusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const evidence = await response.json();
        if (label) label.textContent = evidence.label;
        if (read) read.textContent = evidence.items_read;
        if (evidence.finished) {
          const body = await fetch(evidence.body_url);
          if (body.ok) {
            box.outerHTML = await body.text();
            return;
          }
        }
      }
    } catch (error) {
      if (label) label.textContent = "Lost contact with the server; still trying…";
    }
    delay = Math.min(delay * 1.5, 4000);
    setTimeout(poll, delay);
  }
  setTimeout(poll, delay);
})();
