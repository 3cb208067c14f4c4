// The plan editor, enhanced: add rows without a reload, refresh the audit's figures as the
// person types, and warn before leaving unsaved changes. Without JavaScript the page still
// works: each channel has a blank row, and "Check figures without saving" refreshes them.
(function () {
  const form = document.getElementById("plan-form");
  if (!form) return;
  const status = form.querySelector("[data-preview-status]");
  let dirty = false;

  // Adding rows: clone the formset's empty form, numbered after the existing ones.
  form.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const prefix = button.dataset.addRow;
      const template = form.querySelector('template[data-empty-row="' + prefix + '"]');
      const total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
      const index = Number(total.value);
      const holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      const row = holder.firstElementChild;
      const section = button.closest("[data-channel-id]");
      if (section) {
        const channel = row.querySelector('input[name$="-channel"]');
        if (channel) channel.value = section.dataset.channelId;
      }
      const rows = button.parentElement.querySelector("[data-rows]");
      const note = rows.querySelector("[data-empty-note]");
      if (note) note.remove();
      rows.appendChild(row);
      total.value = String(index + 1);
      const first = row.querySelector("select, input:not([type=hidden])");
      if (first) first.focus();
    });
  });

  // Live figures: the server computes them with the audit's own code from the unsaved form.
  let timer = null;
  async function refreshFigures() {
    const data = new FormData(form);
    data.set("action", "preview");
    data.set("part", "figures");
    if (status) status.textContent = "Updating the figures…";
    try {
      const response = await fetch(form.dataset.previewUrl, { method: "POST", body: data });
      if (response.status === 422) {
        if (status) status.textContent = "Fix the marked rows (or save to see them) to update the figures.";
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      fresh.querySelectorAll("[data-figures-for]").forEach(function (panel) {
        const key = panel.dataset.figuresFor;
        const current = document.querySelector('[data-figures-for="' + CSS.escape(key) + '"]');
        if (current) current.replaceWith(panel);
      });
      if (status) status.textContent = "Figures include your unsaved changes.";
    } catch (error) {
      if (status) status.textContent = "Could not update the figures; they will update when you save.";
    }
  }
  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(refreshFigures, 700);
  });
  form.addEventListener("change", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(refreshFigures, 300);
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
